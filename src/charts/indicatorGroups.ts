// How the indicators are spread over 一级 / 二级 groups, and what kind of target each has:
// one stacked bar per 二级, under its 一级 heading, on a shared count scale.

import { t } from "../i18n/messages.ts";
import type { TargetKind } from "../core/model.ts";
import { stackLayout, stackRow, type StackSegment } from "./stack.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  EDGE,
  INK,
  type PatternName,
  type Tone,
  caption,
  checkCount,
  checkOneOf,
  checkRows,
  checkText,
  cssColor,
  esc,
  header,
  heading,
  legend,
  navAttrs,
  normalizeOptions,
  patternSet,
  summaryPrefix,
  svgDocument,
} from "./util.ts";

export interface IndicatorGroupRow {
  level1: string;
  level2: string;
  kind: TargetKind;
  count: number;
}

const KINDS: readonly TargetKind[] = ["quantitative", "deadline", "qualitative", "none"];

const ON_FILL = "var(--c-on-fill, #ffffff)";

const STYLE: Record<TargetKind, { fill: string; pattern: PatternName; tone: Tone; ink: string; edge?: string }> = {
  quantitative: { fill: cssColor("quantitative", "#2f6db5"), pattern: "solid", tone: "light", ink: ON_FILL },
  deadline: { fill: cssColor("deadline", "#b4521a"), pattern: "hatch", tone: "light", ink: ON_FILL },
  qualitative: { fill: cssColor("qualitative", "#2e7d4f"), pattern: "dots", tone: "light", ink: ON_FILL },
  none: { fill: cssColor("no-target", "#aab3bc"), pattern: "cross", tone: "dark", ink: INK, edge: EDGE },
};

type Counts = Record<TargetKind, number>;

interface Level1 {
  level1: string;
  level2: Map<string, Counts>;
}

function groupsOf(rows: readonly IndicatorGroupRow[]): Level1[] {
  const groups = new Map<string, Level1>();
  checkRows(rows).forEach((row, i) => {
    const level1 = checkText(row.level1, `rows[${i}].level1`);
    const level2 = checkText(row.level2, `rows[${i}].level2`);
    const kind = checkOneOf(row.kind, KINDS, `rows[${i}].kind`);
    const count = checkCount(row.count, `rows[${i}].count`);
    let g = groups.get(level1);
    if (!g) groups.set(level1, (g = { level1, level2: new Map() }));
    let c = g.level2.get(level2);
    if (!c) g.level2.set(level2, (c = { quantitative: 0, deadline: 0, qualitative: 0, none: 0 }));
    c[kind] += count; // repeated rows add up, so callers may pass one row per indicator
  });
  return [...groups.values()];
}

const sum = (c: Counts) => KINDS.reduce((s, k) => s + c[k], 0);

export function indicatorGroupChart(rows: readonly IndicatorGroupRow[], options: ChartOptions): ChartResult {
  const f = normalizeOptions(options);
  const groups = groupsOf(rows);
  const pats = patternSet(f.id);
  const label = (k: TargetKind) => t(f.lang, "chart.targetKind")[k];
  const all = groups.flatMap((g) => [...g.level2].map(([level2, counts]) => ({ level1: g.level1, level2, counts })));
  const totals: Counts = { quantitative: 0, deadline: 0, qualitative: 0, none: 0 };
  for (const r of all) for (const k of KINDS) totals[k] += r.counts[k];
  const shown = KINDS.filter((k) => totals[k] > 0);
  const kinds = shown.length > 0 ? shown : KINDS;
  const segments = (c: Counts): StackSegment[] =>
    kinds.map((k) => ({ label: label(k), value: c[k], fill: STYLE[k].fill, pattern: pats.url(STYLE[k].pattern, STYLE[k].tone), ink: STYLE[k].ink, edge: STYLE[k].edge }));

  const max = Math.max(1, ...all.map((r) => sum(r.counts)));
  const layout = stackLayout(f, all.map((r) => String(sum(r.counts))), max, 12);
  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  const key = legend(f, y, kinds.map((k) => ({ label: label(k), fill: STYLE[k].fill, pattern: pats.url(STYLE[k].pattern, STYLE[k].tone), edge: STYLE[k].edge })));
  parts.push(key.svg);
  y += key.height + 12;
  groups.forEach((g, gi) => {
    if (gi > 0) y += 8;
    const count = [...g.level2.values()].reduce((s, c) => s + sum(c), 0);
    const h = heading(f, y, g.level1, t(f.lang, "chart.indicatorCount", count));
    parts.push(`<g class="jx-group" data-level1="${esc(g.level1)}" ${navAttrs("object", t(f.lang, "chart.groupNav", g.level1, count, g.level2.size))}>`, h.svg);
    y += h.height + 4;
    for (const [level2, counts] of g.level2) {
      const row = stackRow(f, layout, y, { label: level2, segments: segments(counts), end: String(sum(counts)), focus: true, data: { level1: g.level1, level2 } });
      parts.push(row.svg);
      y += row.height;
    }
    parts.push(`</g>`);
  });

  const grand = sum(totals);
  const biggest = all.reduce((a, b) => (sum(b.counts) > sum(a.counts) ? b : a));
  const byKind = kinds.filter((k) => totals[k] > 0);
  const summary =
    summaryPrefix(f) +
    t(f.lang, "chart.groupsSummary", grand, byKind.map((k) => [label(k), totals[k]] as [string, number]), groups.length, all.length, `${biggest.level1} / ${biggest.level2}`, sum(biggest.counts));

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colLevel1"), t(f.lang, "chart.colLevel2"), ...KINDS.map(label), t(f.lang, "chart.total")],
    rows: [
      ...all.map((r) => [r.level1, r.level2, ...KINDS.map((k) => String(r.counts[k])), String(sum(r.counts))]),
      [t(f.lang, "chart.total"), "", ...KINDS.map((k) => String(totals[k])), String(grand)],
    ],
    numeric: [false, false, true, true, true, true, true],
  };

  const takeaway = t(f.lang, "chart.mostIndicators", `${biggest.level1} / ${biggest.level2}`, sum(biggest.counts));

  return { svg: svgDocument(f, "jx-indicator-groups", y + 4, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table, takeaway };
}
