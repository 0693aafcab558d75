// How far each group's indicators were met: one 100% bar per group, counts written in the
// segments, and met / partly / not met / no data told apart by pattern and words as well as colour.

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
  plural,
  summaryPrefix,
  svgDocument,
  tr,
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
  const label = (s: Status) => tr(f, STATUS_STYLE[s].zh, STATUS_STYLE[s].en);
  const url = (s: Status) => pats.url(STATUS_STYLE[s].pattern, STATUS_STYLE[s].tone);
  const end = (total: number) => tr(f, `${total} 项`, String(total));
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
  const parts2 = FIELDS.map(([field, s]) => tr(f, `${label(s)} ${sums[field]} 项（${share(sums[field], grand)}）`, `${sums[field]} ${label(s)} (${share(sums[field], grand)})`));
  let extremes = "";
  if (rated.length >= 2 && best && worst && best !== worst) {
    extremes = tr(
      f,
      `；达成占比最高的是${best.group}（${share(best.met, totalOf(best))}），最低的是${worst.group}（${share(worst.met, totalOf(worst))}）`,
      `; the highest met share is ${best.group} (${share(best.met, totalOf(best))}), the lowest ${worst.group} (${share(worst.met, totalOf(worst))})`,
    );
  }
  const summary =
    summaryPrefix(f) +
    tr(f, `共 ${grand} 项指标：${parts2.join("、")}${extremes}。`, `${plural(grand, "indicator")}: ${parts2.join(", ")}${extremes}.`);

  const table = {
    caption: caption(f),
    head: [tr(f, "分组", "Group"), ...FIELDS.map(([, s]) => label(s)), tr(f, "合计", "Total"), tr(f, "达成占比", "Met share")],
    rows: [...list, { group: tr(f, "合计", "Total"), ...sums }].map((r) => [
      r.group,
      ...FIELDS.map(([field]) => String(r[field])),
      String(totalOf(r)),
      share(r.met, totalOf(r)),
    ]),
    numeric: [false, true, true, true, true, true, true],
  };

  const takeaway =
    rated.length >= 2 && worst
      ? tr(f, `达成占比最低的是${worst.group}（${share(worst.met, totalOf(worst))}）。`, `Lowest met share: ${worst.group} (${share(worst.met, totalOf(worst))}).`)
      : tr(f, `共 ${grand} 项指标，达成 ${sums.met} 项（${share(sums.met, grand)}）。`, `${plural(grand, "indicator")}, ${sums.met} met (${share(sums.met, grand)}).`);

  return { svg: svgDocument(f, "jx-completion", y + 4, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table, takeaway };
}
