// The workspace's filter bar as data: what it narrows the dashboards to (一级, scoring status), read from and
// written to the address with the rest of the view, applied to the rows handed to the shared views (never by
// hiding DOM, so the published pages, which have no filter bar, are unchanged), and the sentence a live region
// says when it changes. DOM-free; the year and the unit are the address's own `year` and `unit`.
import type { FindingRow, IndicatorKindRow, IndicatorRow } from "../query/queries.ts";
import type { ScoreStatus } from "../core/scoring.ts";
import { t, type Lang } from "../i18n/messages.ts";

export const STATUSES: readonly ScoreStatus[] = ["met", "partly", "not_met", "no_data", "not_applicable"];

export interface Filters {
  /** Only the indicators of this 一级 (null: all). */
  level1: string | null;
  /** Only the indicators the completion scored so (null: all). */
  status: ScoreStatus | null;
}

export const NO_FILTERS: Filters = { level1: null, status: null };

export const isFiltered = (f: Filters) => f.level1 !== null || f.status !== null;

/** The filters an address holds (`l1=…&status=…`); an unknown status is dropped, not guessed. */
export function readFilters(p: URLSearchParams): Filters {
  const level1 = p.get("l1");
  const status = p.get("status");
  return { level1: level1 === null || level1 === "" ? null : level1, status: STATUSES.includes(status as ScoreStatus) ? (status as ScoreStatus) : null };
}

/** Writes the filters set into `p` (and removes those not set), so a view with none has the address it had before. */
export function writeFilters(p: URLSearchParams, f: Filters): URLSearchParams {
  if (f.level1 !== null) p.set("l1", f.level1);
  else p.delete("l1");
  if (f.status !== null) p.set("status", f.status);
  else p.delete("status");
  return p;
}

/**
 * The indicators the filters keep. `statusOf` is the completion's status of an indicator (undefined when the
 * unit year has no completion report, or the indicator is not in it: kept only when no status is asked for).
 */
export function filterIndicators<R extends Pick<IndicatorRow, "indicator_id" | "level1">>(rows: readonly R[], f: Filters, statusOf: (id: string) => ScoreStatus | undefined = () => undefined): R[] {
  if (!isFiltered(f)) return [...rows];
  return rows.filter((r) => (f.level1 === null || r.level1 === f.level1) && (f.status === null || statusOf(r.indicator_id) === f.status));
}

/**
 * What the indicator chart draws under the filters: the counts of one 一级 as they are; under a status, the kept
 * rows counted by 一级, 二级 and kind of target — null when not every row was listed (the counts would be short).
 */
export function filterKinds(kinds: readonly IndicatorKindRow[], kept: readonly Pick<IndicatorRow, "level1" | "level2" | "target_kind">[], complete: boolean, f: Filters): IndicatorKindRow[] | null {
  if (f.status === null) return kinds.filter((k) => f.level1 === null || k.level1 === f.level1);
  if (!complete) return null;
  const counts = new Map<string, IndicatorKindRow>();
  for (const r of kept) {
    const key = JSON.stringify([r.level1, r.level2, r.target_kind]);
    const k = counts.get(key);
    if (k) k.n++;
    else counts.set(key, { level1: r.level1, level2: r.level2, kind: r.target_kind, n: 1 });
  }
  return [...counts.values()];
}

/**
 * The findings that go with the indicators kept: a finding about an indicator only when that indicator is kept;
 * a finding about anything else (a budget line, the file) only when no filter is set, since it belongs to no 一级.
 */
export function filterFindings(findings: readonly FindingRow[], kept: readonly Pick<IndicatorRow, "indicator_id">[], all: readonly Pick<IndicatorRow, "indicator_id">[], f: Filters): FindingRow[] {
  if (!isFiltered(f)) return [...findings];
  const keep = new Set(kept.map((r) => r.indicator_id));
  const indicator = new Set(all.map((r) => r.indicator_id));
  return findings.filter((x) => x.subject !== null && indicator.has(x.subject) && keep.has(x.subject));
}

const parts = (lang: Lang, year: number | null, f: Filters) =>
  [year === null ? null : t(lang, "explore.filterYear", year), f.level1, f.status === null ? null : t(lang, "progress.status")[f.status]].filter((x): x is string => x !== null);

/** What the live region says once a filter or the year changed: e.g. 显示 2026 年 · 产出指标 · 未达成：5 项. */
export function announcement(lang: Lang, year: number | null, f: Filters, count: number): string {
  return t(lang, "explore.filterShown", parts(lang, year, f).join(" · "), count);
}

/** What the filters set narrow the dashboards to (产出指标 · 未达成), or null with none set. */
export const filterLabel = (f: Filters, lang: Lang): string | null => (isFiltered(f) ? parts(lang, null, f).join(" · ") : null);
