// The comparison pages' charts, computed once for the page and for its CSV
// downloads (so that the file and the figure can never disagree). Each chart in
// a wide (640) and a phone (340) layout; sample: true whenever any figure behind
// it is illustrative (示例数据). The comparison pages mark the whole page once
// (SampleNotice), so the charts draw no badge of their own (sampleBadge: false).
import type { ChartResult } from "../charts/types.ts";
import { slopeChart } from "../charts/slope.ts";
import { completionChart } from "../charts/completion.ts";
import { waterfallChart } from "../charts/waterfall.ts";
import { rankBarsChart, type RankBarRow } from "../charts/rankBars.ts";
import { structureBarsChart } from "../charts/structureBars.ts";
import { formatYuan } from "../core/format.ts";
import { budgetHistory, scoreTrend, slopeRowsOf, structureRows, unitPair, waterfallPlan, yearView, type CompareModel, type WaterfallPlan, type YearView } from "./compareView.ts";
import { t, type Lang } from "../i18n/messages.ts";

export interface Figure {
  wide: ChartResult;
  compact: ChartResult;
  sample: boolean;
}

// ---------------------------------------------------------------------------
// Year over year

export const UNIT_CHARTS = ["slope", "waterfall", "trend"] as const;
export type UnitChart = (typeof UNIT_CHARTS)[number];

export interface UnitCharts {
  slope: Figure | null;
  waterfall: Figure | null;
  trend: Figure | null;
  plan: WaterfallPlan | null;
  /** 资金结构 or 资金来源: the items the waterfall steps through. */
  basis: string;
}

export function unitCharts(model: CompareModel, unitId: string, from: number, to: number, lang: Lang): UnitCharts {
  const years = model.byUnit.get(unitId) ?? [];
  const name = years[years.length - 1]?.name ?? unitId;
  const cmp = unitPair(model, unitId, from, to);

  const slopeRows = slopeRowsOf(budgetHistory(years), t(lang, "compare.totalLabel"));
  const slopeSample = years.some((u) => u.unit?.status === "sample");
  const slope =
    slopeRows.length && new Set(slopeRows.flatMap((r) => r.values.map((v) => v.year))).size >= 2
      ? both((id, w) => slopeChart(slopeRows, { id, title: t(lang, "compare.slopeTitle", name), sample: slopeSample, sampleBadge: false, lang, ...(w ? { width: 340 } : {}) }), "slope", slopeSample)
      : null;

  const plan = cmp ? waterfallPlan(cmp.budget) : null;
  const basis = plan ? (plan.basis === "structure" ? t(lang, "compare.basisStructure") : t(lang, "compare.basisSource")) : "";
  const waterfall =
    plan && cmp
      ? both(
          (id, w) =>
            waterfallChart(
              {
                start: { label: t(lang, "compare.waterfallStart", from), amountFen: plan.startFen },
                steps: [...plan.steps.map((s) => ({ item: s.item, changeFen: s.changeFen })), ...(plan.residualFen !== 0n ? [{ item: t(lang, "compare.waterfallResidual", basis), changeFen: plan.residualFen }] : [])],
                end: { label: t(lang, "compare.waterfallEnd", to), amountFen: plan.endFen },
              },
              { id, title: t(lang, "compare.waterfallTitle", name, from, to), sample: cmp.sample, sampleBadge: false, lang, ...(w ? { width: 340 } : {}) },
            ),
          "wf",
          cmp.sample,
        )
      : null;

  const reported = scoreTrend(model, unitId, years.map((y) => y.year)).filter((p) => p.report);
  const trendRows = reported.map((p) => ({ group: t(lang, "compare.yearLabel", p.year), met: p.counts.met, partly: p.counts.partly, notMet: p.counts.notMet, noData: p.counts.noData }));
  const trendSample = reported.some((p) => p.report!.status === "sample");
  const trend = trendRows.some((r) => r.met + r.partly + r.notMet + r.noData > 0)
    ? both((id, w) => completionChart(trendRows, { id, title: t(lang, "compare.trendChartTitle", name), sample: trendSample, sampleBadge: false, lang, ...(w ? { width: 340 } : {}) }), "trend", trendSample)
    : null;
  return { slope, waterfall, trend, plan, basis };
}

/** Renders a chart twice: wide, and for phones (id suffixed -c). */
function both(render: (id: string, compact: boolean) => ChartResult, id: string, sample: boolean): Figure {
  return { wide: render(id, false), compact: render(`${id}-c`, true), sample };
}

// ---------------------------------------------------------------------------
// Across units

export interface YearCharts {
  view: YearView;
  ranks: { key: "budget" | "rate" | "score"; figure: Figure }[];
  structure: Record<"abs" | "share", { key: "structure" | "sources"; figure: Figure }[]>;
  /** One small completion chart per unit (by unit id), 360 wide. */
  completion: Map<string, { chart: ChartResult; sample: boolean }>;
}

/**
 * A year over many units is summarised (src/views/across.ts acrossShown): the
 * charts then draw only the units shown — the first and last `ends` of each
 * ranking, the largest 2 × `ends` by budget for the structure, the completion of
 * the first and last `ends` by budget — while the CSV files keep every unit
 * (yearCharts without `ends`).
 */
export interface YearChartOptions {
  ends?: number;
}

/** The first and last n of a list (all of it when it holds no more than 2n). */
export function ends<T>(list: readonly T[], n: number | undefined): T[] {
  return n === undefined || list.length <= 2 * n ? [...list] : [...list.slice(0, n), ...list.slice(list.length - n)];
}

export function yearCharts(model: CompareModel, year: number, lang: Lang, o: YearChartOptions = {}): YearCharts {
  const v = yearView(model, year);
  const cut = <T>(list: readonly T[]) => ends(list, o.ends);
  const biggest = new Set(v.ranks.budget.slice(0, 2 * (o.ends ?? v.units.length)).map((r) => r.item));
  const largest = v.units.filter((u) => biggest.has(u));
  const shownIds = new Set(o.ends === undefined ? v.units.map((u) => u.unitId) : cut(v.ranks.budget).map((r) => r.item.unitId));
  const unitSample = v.units.some((u) => u.sample);
  const reportSample = v.units.some((u) => u.report?.status === "sample");
  const rank = (key: "budget" | "rate" | "score", rows: RankBarRow[], o: { title: string; measure: string; max?: number; noteLabel?: string; sample: boolean }) => ({
    key,
    figure: both((id, w) => rankBarsChart(rows, { id, lang, sampleBadge: false, nameLabel: t(lang, "compare.colUnit"), ...o, ...(w ? { width: 340 } : {}) }), `rk-${key}`, o.sample),
  });
  const ranks = [
    rank(
      "budget",
      cut(v.ranks.budget).map((r) => ({ label: r.item.name, rank: r.rank, value: r.item.totals.totalFen === null ? null : Number(r.item.totals.totalFen) / 100, valueText: r.item.totals.totalFen === null ? t(lang, "compare.none") : formatYuan(r.item.totals.totalFen, lang) })),
      { title: t(lang, "compare.rankBudgetTitle", year), measure: t(lang, "compare.colBudget"), sample: unitSample },
    ),
    ...(v.scored
      ? [
          rank("rate", cut(v.ranks.rate).map((r) => ({ label: r.item.name, rank: r.rank, value: r.item.rate === null ? null : Number(r.item.rate), valueText: r.item.rate === null ? t(lang, "compare.none") : `${r.item.rate}%` })), {
            title: t(lang, "compare.rankRateTitle", year), measure: t(lang, "compare.colRate"), max: 100, sample: reportSample,
          }),
          rank("score", cut(v.ranks.score).map((r) => ({ label: r.item.name, rank: r.rank, value: r.item.score === null ? null : Number(r.item.score), valueText: r.item.score ?? t(lang, "compare.none"), note: r.item.grade ?? undefined })), {
            title: t(lang, "compare.rankScoreTitle", year), measure: t(lang, "compare.colScore"), max: 100, noteLabel: t(lang, "compare.colGrade"), sample: reportSample,
          }),
        ]
      : []),
  ];
  const structure = (mode: "absolute" | "share") => {
    const modeText = mode === "share" ? t(lang, "compare.viewShare") : t(lang, "compare.viewAbs");
    const out: { key: "structure" | "sources"; figure: Figure }[] = [];
    for (const [kind, key, title] of [["structure", "structure", t(lang, "compare.structTitle", year, modeText)], ["source", "sources", t(lang, "compare.sourceTitle", year, modeText)]] as const) {
      const rows = structureRows(largest, kind);
      if (!rows.some((r) => r.items.length)) continue;
      out.push({ key, figure: both((id, w) => structureBarsChart(rows, { id, title, lang, mode, sample: unitSample, sampleBadge: false, ...(w ? { width: 340 } : {}) }), `st-${key}-${mode}`, unitSample) });
    }
    return out;
  };
  const completion = new Map<string, { chart: ChartResult; sample: boolean }>();
  for (const u of v.units) {
    if (!u.completion.length || !shownIds.has(u.unitId)) continue;
    const sample = u.report?.status === "sample";
    completion.set(u.unitId, { chart: completionChart(u.completion, { id: `cm-${u.unitId}`, title: t(lang, "compare.completionTitle", u.name, year), lang, width: 360, sample, sampleBadge: false }), sample });
  }
  return { view: v, ranks, structure: { abs: structure("absolute"), share: structure("share") }, completion };
}

/** The CSV files of a year page: the rankings, the structure (amounts; the shares are in the same table) and each unit's completion. */
export function yearCsvNames(charts: YearCharts): string[] {
  return [...charts.ranks.map((r) => `rank-${r.key}`), ...charts.structure.abs.map((s) => s.key), ...[...charts.completion.keys()].map((id) => `completion-${id}`)];
}

export function yearCsvChart(charts: YearCharts, name: string): { chart: ChartResult; sample: boolean } | null {
  const rank = charts.ranks.find((r) => `rank-${r.key}` === name);
  if (rank) return { chart: rank.figure.wide, sample: rank.figure.sample };
  const st = charts.structure.abs.find((s) => s.key === name);
  if (st) return { chart: st.figure.wide, sample: st.figure.sample };
  const cm = name.startsWith("completion-") ? charts.completion.get(name.slice("completion-".length)) : undefined;
  return cm ?? null;
}
