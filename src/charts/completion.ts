// How far each group's indicators were met: one 100% bar per group, counts written in the
// segments, and met / partly / not met / no data told apart by pattern and words as well as colour.

import { t } from "../i18n/messages.ts";
import { stackLayout, stackRow, type StackSegment } from "./stack.ts";
import { STATUS_STYLE, type Status } from "./status.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  caption,
  checkCount,
  checkRows,
  checkText,
  fail,
  header,
  legend,
  normalizeOptions,
  patternSet,
  summaryPrefix,
  svgDocument,
} from "./util.ts";
import { formatShare } from "../core/format.ts";

export interface CompletionRow {
  group: string;
  met: number;
  partly: number;
  notMet: number;
  noData: number;
}

const FIELDS = [
  ["met", "met"],
  ["partly", "partly"],
  ["notMet", "not_met"],
  ["noData", "no_data"],
] as const satisfies readonly (readonly [keyof CompletionRow, Status])[];

type Counts = Omit<CompletionRow, "group">;

function rowsOf(rows: readonly CompletionRow[]): CompletionRow[] {
  const seen = new Set<string>();
  return checkRows(rows).map((row, i) => {
    const group = checkText(row.group, `rows[${i}].group`);
    if (seen.has(group)) fail("rows", `rows[${i}].group repeats ${group}`);
    seen.add(group);
    const out = { group, met: 0, partly: 0, notMet: 0, noData: 0 };
    for (const [field] of FIELDS) out[field] = checkCount(row[field], `rows[${i}].${field}`);
    return out;
  });
}

const totalOf = (c: Counts) => c.met + c.partly + c.notMet + c.noData;

export function completionChart(rows: readonly CompletionRow[], options: ChartOptions): ChartResult {
  const f = normalizeOptions(options);
  const list = rowsOf(rows);
  const pats = patternSet(f.id);
  const label = (s: Status) => t(f.lang, "chart.status")[s];
  const url = (s: Status) => pats.url(STATUS_STYLE[s].pattern, STATUS_STYLE[s].tone);
  const end = (total: number) => t(f.lang, "chart.count", total);
  const segments = (c: Counts): StackSegment[] =>
    FIELDS.map(([field, s]) => ({ label: label(s), value: c[field], fill: STATUS_STYLE[s].fill, pattern: url(s), ink: STATUS_STYLE[s].onFill, edge: STATUS_STYLE[s].edge }));

  const layout = stackLayout(f, list.map((r) => end(totalOf(r))), "percent", 0);
  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  const key = legend(f, y, FIELDS.map(([, s]) => ({ label: label(s), fill: STATUS_STYLE[s].fill, pattern: url(s), edge: STATUS_STYLE[s].edge })));
  parts.push(key.svg);
  y += key.height + 12;
  for (const r of list) {
    const row = stackRow(f, layout, y, { label: r.group, segments: segments(r), end: end(totalOf(r)), focus: true });
    parts.push(row.svg);
    y += row.height;
  }

  const sums: Counts = { met: 0, partly: 0, notMet: 0, noData: 0 };
  for (const r of list) for (const [field] of FIELDS) sums[field] += r[field];
  const grand = totalOf(sums);
  const share = (part: number, total: number) => formatShare(BigInt(part), BigInt(total));
  const rated = list.filter((r) => totalOf(r) > 0);
  // Compare met shares exactly (cross-multiplied), first group wins ties.
  const better = (a: CompletionRow, b: CompletionRow) => a.met * totalOf(b) > b.met * totalOf(a);
  const best = rated.reduce<CompletionRow | null>((m, r) => (m === null || better(r, m) ? r : m), null);
  const worst = rated.reduce<CompletionRow | null>((m, r) => (m === null || better(m, r) ? r : m), null);
  const parts2 = FIELDS.map(([field, s]) => t(f.lang, "chart.statusCount", label(s), sums[field], share(sums[field], grand)));
  let extremes = "";
  if (rated.length >= 2 && best && worst && best !== worst) {
    extremes = t(f.lang, "chart.completionExtremes", best.group, share(best.met, totalOf(best)), worst.group, share(worst.met, totalOf(worst)));
  }
  const summary =
    summaryPrefix(f) +
    t(f.lang, "chart.completionSummary", grand, parts2, extremes);

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colGroup"), ...FIELDS.map(([, s]) => label(s)), t(f.lang, "chart.total"), t(f.lang, "chart.colMetShare")],
    rows: [...list, { group: t(f.lang, "chart.total"), ...sums }].map((r) => [
      r.group,
      ...FIELDS.map(([field]) => String(r[field])),
      String(totalOf(r)),
      share(r.met, totalOf(r)),
    ]),
    numeric: [false, true, true, true, true, true, true],
  };

  const takeaway =
    rated.length >= 2 && worst
      ? t(f.lang, "chart.lowestMet", worst.group, share(worst.met, totalOf(worst)))
      : t(f.lang, "chart.metOfAll", grand, sums.met, share(sums.met, grand));

  return { svg: svgDocument(f, "jx-completion", y + 4, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table, takeaway };
}
