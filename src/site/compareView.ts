// Page-shaping helpers for the comparison pages (/compare/…), kept out of the
// .astro files so that they can be unit-tested (test/compareView.test.ts):
// which units and years can be compared, a unit's budget across years, the
// waterfall of one pair of years, indicator counts, score trends from the
// year-end reports, and the cross-unit view of one year (rankings, distribution,
// the region roll-up with its checks, the drill-down tree). Pure functions over
// a Dataset (siteDataset() at build time); exact (bigint fen, decimal strings).
import type { MappingRow } from "../core/mapping.ts";
import { compareBudget, compareProjects, compareUnit, unitYears, type BudgetDelta, type ChangeStatus, type IndicatorMatch, type ProjectComparison, type UnitComparison, type UnitYear } from "../core/compare.ts";
import { rankBy, rollup, unitTotals, type Ranked, type RegionRollup, type RegionSpec, type UnitTotals } from "../core/rollup.ts";
import { scoreProgress, type ProgressIndicator, type ProgressReport } from "../core/progress.ts";
import { normaliseName } from "../core/similarity.ts";
import type { BudgetKind, Dataset, Indicator } from "../core/model.ts";
import type { PerformanceGrade } from "../core/scoring.ts";
import { pairSlug } from "./compareState.ts";

// ---------------------------------------------------------------------------
// The model, computed once per dataset

export interface CompareModel {
  data: Dataset;
  /** Manual indicator mapping (data/mapping.csv), overriding automatic matches. */
  mapping: readonly MappingRow[];
  /** Every unit's years, by unit id, oldest first. */
  byUnit: Map<string, UnitYear[]>;
  /** Year-end reports of scoreProgress, by `${unitId}|${year}`. */
  yearEnd: Map<string, ProgressReport>;
}

const MODELS = new WeakMap<Dataset, CompareModel>();
const NO_MAPPING: readonly MappingRow[] = [];

/** The model of a dataset, computed once per dataset and mapping (the build asks for it on every page). */
export function compareModel(data: Dataset, mapping: readonly MappingRow[] = NO_MAPPING): CompareModel {
  let m = MODELS.get(data);
  if (m && m.mapping === mapping) return m;
  const byUnit = new Map<string, UnitYear[]>();
  for (const uy of unitYears(data)) byUnit.set(uy.unitId, [...(byUnit.get(uy.unitId) ?? []), uy]);
  for (const list of byUnit.values()) list.sort((a, b) => a.year - b.year);
  const yearEnd = new Map<string, ProgressReport>();
  if (data.actuals?.length || data.execution?.length) {
    // The unit's own report: a project's report of the same unit-year would otherwise take its place.
    for (const r of scoreProgress(data).reports) if (r.period === "yearend" && !r.projectId) yearEnd.set(`${r.unitId}|${r.year}`, r);
  }
  m = { data, mapping, byUnit, yearEnd };
  MODELS.set(data, m);
  return m;
}

const isSample = (uy: UnitYear) => uy.unit?.status === "sample";

// ---------------------------------------------------------------------------
// What can be compared

export interface UnitEntry {
  unitId: string;
  /** The name in the latest year. */
  name: string;
  years: number[];
  /** Years whose declaration is illustrative (示例数据). */
  sampleYears: number[];
}

export interface YearEntry {
  year: number;
  units: number;
  sampleUnits: number;
}

/** Units with more than one year (for year over year) and years with more than one unit (across units). */
export function compareIndex(model: CompareModel): { units: UnitEntry[]; years: YearEntry[] } {
  const units: UnitEntry[] = [];
  const perYear = new Map<number, { units: number; sampleUnits: number }>();
  for (const [unitId, list] of model.byUnit) {
    for (const uy of list) {
      const y = perYear.get(uy.year) ?? { units: 0, sampleUnits: 0 };
      y.units++;
      if (isSample(uy)) y.sampleUnits++;
      perYear.set(uy.year, y);
    }
    if (list.length < 2) continue;
    units.push({ unitId, name: list[list.length - 1].name, years: list.map((u) => u.year), sampleYears: list.filter(isSample).map((u) => u.year) });
  }
  units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const years = [...perYear].filter(([, v]) => v.units > 1).map(([year, v]) => ({ year, ...v })).sort((a, b) => b.year - a.year);
  return { units, years };
}

/** At most this many units on /compare/; past it, the unit pages /compare/units/{n}/, COMPARE_UNITS_PAGE each. */
export const COMPARE_UNITS = 16;
export const COMPARE_UNITS_PAGE = 100;
export const compareUnitPages = (n: number) => (n > COMPARE_UNITS ? Math.ceil(n / COMPARE_UNITS_PAGE) : 0);

/** Every pair of a unit's years, older first: consecutive pairs first (newest last), then the longer spans. */
export function yearPairs(years: readonly number[]): [number, number][] {
  const ys = [...years].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let gap = 1; gap < ys.length; gap++) for (let i = 0; i + gap < ys.length; i++) out.push([ys[i], ys[i + gap]]);
  return out;
}

/** The view a unit's comparison opens on: its latest two years. */
export function defaultPair(years: readonly number[]): [number, number] | null {
  const ys = [...years].sort((a, b) => a - b);
  return ys.length < 2 ? null : [ys[ys.length - 2], ys[ys.length - 1]];
}

/** Static paths of the year-over-year pages (no language prefix): the default and one per pair. */
export function unitComparePaths(model: CompareModel): { unitId: string; pair: [number, number]; slug: string | null }[] {
  return compareIndex(model).units.flatMap((u) => [
    { unitId: u.unitId, pair: defaultPair(u.years)!, slug: null },
    ...yearPairs(u.years).map((pair) => ({ unitId: u.unitId, pair, slug: pairSlug(...pair) })),
  ]);
}

/** The comparison of one unit between two of its years (null when either is missing). */
export function unitPair(model: CompareModel, unitId: string, from: number, to: number): UnitComparison | null {
  const list = model.byUnit.get(unitId) ?? [];
  const old = list.find((u) => u.year === from);
  const neu = list.find((u) => u.year === to);
  return old && neu ? compareUnit(old, neu, { mapping: model.mapping }) : null;
}

// ---------------------------------------------------------------------------
// Money and change as text (exact)

/** compareBudget's change % ("8.54") as "+8.54%"; null (old 0 or absent) as the given word. */
export function pctText(pct: string | null, none: string): string {
  if (pct === null) return none;
  return pct.startsWith("-") ? `${pct}%` : /^0\.00$/.test(pct) ? "0.00%" : `+${pct}%`;
}

/** Hundredths of an exact decimal string with at most two decimals ("95.5" → 9550n); null otherwise. */
export function hundredthsOf(s: string | null): bigint | null {
  if (s === null) return null;
  const m = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return null;
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -v : v;
}

/** b − a of two decimal strings, signed, two decimals ("+3.27", "-0.50", "0.00"); null when either is not a decimal. */
export function decimalChange(a: string | null, b: string | null): string | null {
  const x = hundredthsOf(a);
  const y = hundredthsOf(b);
  if (x === null || y === null) return null;
  const d = y - x;
  const abs = d < 0n ? -d : d;
  const s = `${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
  return d > 0n ? `+${s}` : d < 0n ? `-${s}` : s;
}

// ---------------------------------------------------------------------------
// One unit across its years

export interface HistoryCell {
  year: number;
  /** Null when the item is not declared that year. */
  amountFen: bigint | null;
  /** Against the year before (a missing side counting 0); null in the first year. */
  changeFen: bigint | null;
  changePct: string | null;
  status: ChangeStatus | null;
}

export interface HistoryRow {
  kind: BudgetKind;
  /** The label as declared in the latest year that has it. */
  item: string;
  cells: HistoryCell[];
}

const budgetKey = (kind: BudgetKind, item: string) => (kind === "total" ? "total" : `${kind}|${normaliseName(item)}`);
const KIND_ORDER: Record<BudgetKind, number> = { total: 0, source: 1, structure: 2 };

/**
 * Budget total, sources and structure of each year, with the change on the year
 * before, exactly as compareBudget pairs and computes them for each consecutive pair.
 */
export function budgetHistory(years: readonly UnitYear[]): HistoryRow[] {
  const list = [...years].sort((a, b) => a.year - b.year);
  const rows = new Map<string, HistoryRow>();
  const rank = new Map<string, number>();
  const row = (kind: BudgetKind, item: string) => {
    const k = budgetKey(kind, item);
    let r = rows.get(k);
    if (!r) {
      rows.set(k, (r = { kind, item, cells: list.map((uy) => ({ year: uy.year, amountFen: null, changeFen: null, changePct: null, status: null })) }));
      rank.set(k, rank.size);
    }
    return r;
  };
  // Labels and order from the newest year back.
  for (let i = list.length - 1; i >= 0; i--) for (const b of list[i].budget) row(b.kind, b.item);
  // First year: its own amounts; then each year against the one before, as compareBudget pairs them.
  if (list.length > 0) for (const d of compareBudget([], list[0].budget)) row(d.kind, d.item).cells[0].amountFen = d.newFen;
  for (let i = 1; i < list.length; i++) {
    for (const d of compareBudget(list[i - 1].budget, list[i].budget)) {
      const c = row(d.kind, d.item).cells[i];
      c.amountFen = d.newFen;
      c.changeFen = d.changeFen;
      c.changePct = d.changePct;
      c.status = d.status;
    }
  }
  const order = (r: HistoryRow) => rank.get(budgetKey(r.kind, r.item))!;
  return [...rows.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || order(a) - order(b));
}

/** Slope-chart rows: the total and each structure item, in the years that declare them. */
export function slopeRowsOf(history: readonly HistoryRow[], totalLabel: string): { item: string; values: { year: number; amountFen: bigint }[] }[] {
  const seen = new Set<string>();
  return history
    .filter((r) => r.kind === "total" || r.kind === "structure")
    .map((r) => ({ item: r.kind === "total" ? totalLabel : r.item, values: r.cells.filter((c) => c.amountFen !== null).map((c) => ({ year: c.year, amountFen: c.amountFen! })) }))
    .filter((r) => r.values.length > 0 && !seen.has(r.item) && (seen.add(r.item), true));
}

export interface WaterfallPlan {
  /** Which items explain the change of the total. */
  basis: "structure" | "source";
  startFen: bigint;
  endFen: bigint;
  steps: { item: string; changeFen: bigint; status: ChangeStatus }[];
  /** Change of the total that the items do not explain (0 when the budget reconciles). */
  residualFen: bigint;
}

/**
 * What moved the total between two years: the change of each structure item
 * (基本支出, 项目支出 …; the sources when there is no structure), and whatever is
 * left over, so the steps always add up to the change of the total to the fen.
 * Null when either year declared no total.
 */
export function waterfallPlan(deltas: readonly BudgetDelta[]): WaterfallPlan | null {
  const total = deltas.find((d) => d.kind === "total");
  if (!total || total.oldFen === null || total.newFen === null) return null;
  const basis = deltas.some((d) => d.kind === "structure") ? "structure" : "source";
  const steps = deltas.filter((d) => d.kind === basis).map((d) => ({ item: d.item, changeFen: d.changeFen, status: d.status }));
  const explained = steps.reduce((s, x) => s + x.changeFen, 0n);
  return { basis, startFen: total.oldFen, endFen: total.newFen, steps, residualFen: total.newFen - total.oldFen - explained };
}

export type DirectionKey = "raised" | "lowered" | "same" | "unit_changed" | "not_comparable";

export interface IndicatorCounts {
  status: Record<ChangeStatus, number>;
  /** Of the matched pairs whose target text changed. */
  direction: Record<DirectionKey, number>;
  stricter: number;
  looser: number;
  /** Matched pairs by method. */
  method: Record<"id" | "name" | "fuzzy" | "manual", number>;
}

export function indicatorCounts(matches: readonly IndicatorMatch[]): IndicatorCounts {
  const c: IndicatorCounts = {
    status: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    direction: { raised: 0, lowered: 0, same: 0, unit_changed: 0, not_comparable: 0 },
    stricter: 0,
    looser: 0,
    method: { id: 0, name: 0, fuzzy: 0, manual: 0 },
  };
  for (const m of matches) {
    c.status[m.status]++;
    if (m.method) c.method[m.method]++;
    if (m.old && m.new && m.old.target !== m.new.target && m.direction) c.direction[m.direction]++;
    if (m.stricter === true) c.stricter++;
    if (m.stricter === false) c.looser++;
  }
  return c;
}

/** The 一级 group of a match row (the new year's, else the old's). */
export const level1Of = (m: IndicatorMatch) => (m.new ?? m.old)!.level1;

// ---------------------------------------------------------------------------
// Completion and score (year-end reports of scoreProgress)

export interface CompletionCounts {
  group: string;
  met: number;
  partly: number;
  notMet: number;
  noData: number;
}

/** Indicators met / partly / not met / without data per 一级; not-applicable items (投入管理) are left out and counted apart. */
export function completionRows(indicators: readonly ProgressIndicator[]): { rows: CompletionCounts[]; notApplicable: number } {
  const rows: CompletionCounts[] = [];
  let notApplicable = 0;
  for (const i of indicators) {
    if (i.score.status === "not_applicable") {
      notApplicable++;
      continue;
    }
    let r = rows.find((x) => x.group === i.indicator.level1);
    if (!r) rows.push((r = { group: i.indicator.level1, met: 0, partly: 0, notMet: 0, noData: 0 }));
    if (i.score.status === "met") r.met++;
    else if (i.score.status === "partly") r.partly++;
    else if (i.score.status === "not_met") r.notMet++;
    else r.noData++;
  }
  return { rows, notApplicable };
}

export interface TrendPoint {
  year: number;
  /** Null when the year has no year-end progress data. */
  report: ProgressReport | null;
  score: string | null;
  grade: PerformanceGrade | null;
  rate: string | null;
  /** Against the previous year shown (null when either side has none). */
  scoreChange: string | null;
  rateChange: string | null;
  counts: Omit<CompletionCounts, "group"> & { notApplicable: number };
}

/** Score, grade, 预算执行率 and completion of each year, from the year-end reports. */
export function scoreTrend(model: CompareModel, unitId: string, years: readonly number[]): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const report = model.yearEnd.get(`${unitId}|${year}`) ?? null;
    const { rows, notApplicable } = completionRows(report?.indicators ?? []);
    const counts = { met: 0, partly: 0, notMet: 0, noData: 0, notApplicable };
    for (const r of rows) {
      counts.met += r.met;
      counts.partly += r.partly;
      counts.notMet += r.notMet;
      counts.noData += r.noData;
    }
    const prev = out[out.length - 1];
    const score = report?.result.total ?? null;
    const rate = report?.execution?.rate ?? null;
    out.push({
      year, report, score, grade: report?.result.grade ?? null, rate,
      scoreChange: prev ? decimalChange(prev.score, score) : null,
      rateChange: prev ? decimalChange(prev.rate, rate) : null,
      counts,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Across units, one year

/**
 * The 街道 or 镇 a unit belongs to, read from its name (the data has no region
 * column): 上海市闵行区江川路街道社区党群服务中心 → 江川路街道; null when the name names none.
 */
export function regionOf(name: string): string | null {
  const m = /([^\s·•・市区县省（）()]{1,12}?(?:街道|镇|乡))/u.exec(name.replace(/^示例[·•・]/u, ""));
  return m ? m[1] : null;
}

export interface DrillIndicator {
  indicator: Indicator;
  /** Year-end status; null without progress data. */
  status: ProgressIndicator["score"]["status"] | null;
  valueText: string | null;
}

export interface DrillGroup {
  level1: string;
  indicators: DrillIndicator[];
  counts: Omit<CompletionCounts, "group"> & { notApplicable: number };
}

export interface YearUnit {
  unitId: string;
  name: string;
  sample: boolean;
  region: string | null;
  totals: UnitTotals;
  report: ProgressReport | null;
  rate: string | null;
  score: string | null;
  grade: PerformanceGrade | null;
  completion: CompletionCounts[];
  notApplicable: number;
  groups: DrillGroup[];
}

export interface RegionNode {
  /** DOM id (r1, r2 …); the URL names the region. */
  id: string;
  /** The region's name, or null for units whose name names no 街道 / 镇. */
  name: string | null;
  units: YearUnit[];
  rollup: RegionRollup;
}

export interface RollupCheck {
  /** The region's name; null for the whole year, "" for units without a region. */
  region: string | null;
  kind: "units" | "source" | "structure";
  state: "ok" | "mismatch" | "missing";
  sumFen: bigint;
  totalFen: bigint;
}

export interface Band {
  key: string;
  count: number;
}

export interface YearView {
  year: number;
  units: YearUnit[];
  /** True when any unit of the year is illustrative. */
  sample: boolean;
  ranks: { budget: Ranked<YearUnit>[]; rate: Ranked<YearUnit>[]; score: Ranked<YearUnit>[] };
  regions: RegionNode[];
  /** The whole year: every region beneath. */
  rollup: RegionRollup;
  checks: RollupCheck[];
  grades: Band[];
  rateBands: Band[];
  budget: { count: number; sumFen: bigint; minFen: bigint | null; maxFen: bigint | null };
  /** Units with year-end progress data. */
  scored: number;
}

export const GRADES: readonly PerformanceGrade[] = ["优", "良", "中", "差"];
/** 预算执行率 bands, upper bounds exclusive except the first: ≥ 95, 90–95, 80–90, < 80 (hundredths of a percent). */
export const RATE_BANDS = [
  { key: "ge95", min: 9500n },
  { key: "ge90", min: 9000n },
  { key: "ge80", min: 8000n },
  { key: "lt80", min: null },
] as const;

function drillGroups(indicators: readonly Indicator[], report: ProgressReport | null): DrillGroup[] {
  const byId = new Map((report?.indicators ?? []).map((p) => [p.indicator.id, p]));
  const groups: DrillGroup[] = [];
  for (const indicator of [...indicators].sort((a, b) => a.order - b.order)) {
    let g = groups.find((x) => x.level1 === indicator.level1);
    if (!g) groups.push((g = { level1: indicator.level1, indicators: [], counts: { met: 0, partly: 0, notMet: 0, noData: 0, notApplicable: 0 } }));
    const p = byId.get(indicator.id) ?? null;
    const status = p?.score.status ?? null;
    g.indicators.push({ indicator, status, valueText: p?.valueText ?? null });
    if (status === "met") g.counts.met++;
    else if (status === "partly") g.counts.partly++;
    else if (status === "not_met") g.counts.notMet++;
    else if (status === "not_applicable") g.counts.notApplicable++;
    else g.counts.noData++;
  }
  return groups;
}

function check(region: string | null, kind: RollupCheck["kind"], sumFen: bigint, totalFen: bigint, lines: number): RollupCheck {
  return { region, kind, sumFen, totalFen, state: lines === 0 ? "missing" : sumFen === totalFen ? "ok" : "mismatch" };
}

/** Each region's own checks: the units' totals add up to it, and so do its sources and its structure items. */
function rollupChecks(region: string | null, r: RegionRollup, units: readonly YearUnit[]): RollupCheck[] {
  const sum = (kind: "source" | "structure") => r.items.filter((i) => i.kind === kind).reduce((s, i) => s + i.amountFen, 0n);
  const lines = (kind: "source" | "structure") => r.items.filter((i) => i.kind === kind).length;
  return [
    check(region, "units", units.reduce((s, u) => s + (u.totals.totalFen ?? 0n), 0n), r.totalFen, units.length),
    check(region, "source", sum("source"), r.totalFen, lines("source")),
    check(region, "structure", sum("structure"), r.totalFen, lines("structure")),
  ];
}

const YEAR_VIEWS = new WeakMap<CompareModel, Map<number, YearView>>();

/** Everything the cross-unit page of one year shows; computed once per model and year (the year's pages, its ranking pages and CSV files ask for it). */
export function yearView(model: CompareModel, year: number): YearView {
  let views = YEAR_VIEWS.get(model);
  if (!views) YEAR_VIEWS.set(model, (views = new Map()));
  let v = views.get(year);
  if (!v) views.set(year, (v = computeYearView(model, year)));
  return v;
}

function computeYearView(model: CompareModel, year: number): YearView {
  const totals = unitTotals(model.data, year);
  const indicatorsOf = (unitId: string) => model.byUnit.get(unitId)?.find((u) => u.year === year)?.indicators ?? [];
  const units: YearUnit[] = totals.map((t) => {
    const report = model.yearEnd.get(`${t.unitId}|${year}`) ?? null;
    const { rows, notApplicable } = completionRows(report?.indicators ?? []);
    return {
      unitId: t.unitId, name: t.name, sample: t.sample, region: regionOf(t.name), totals: t, report,
      rate: report?.execution?.rate ?? null, score: report?.result.total ?? null, grade: report?.result.grade ?? null,
      completion: rows, notApplicable, groups: drillGroups(indicatorsOf(t.unitId), report),
    };
  });
  // Regions by name; units whose name names none last.
  const names = [...new Set(units.map((u) => u.region))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const spec: RegionSpec = { id: "all", name: String(year), children: names.map((name, i) => ({ id: `r${i + 1}`, name: name ?? "", unitIds: units.filter((u) => u.region === name).map((u) => u.unitId) })) };
  const all = rollup(spec, totals);
  const regions: RegionNode[] = names.map((name, i) => ({ id: `r${i + 1}`, name, units: units.filter((u) => u.region === name), rollup: all.children[i] }));
  const checks = [...rollupChecks(null, all, units), ...regions.flatMap((r) => rollupChecks(r.name ?? "", r.rollup, r.units))];
  const gradeCount = new Map<string, number>();
  for (const u of units) gradeCount.set(u.grade ?? "none", (gradeCount.get(u.grade ?? "none") ?? 0) + 1);
  const rateBands: Band[] = [...RATE_BANDS.map((b) => ({ key: b.key, count: 0 })), { key: "none", count: 0 }];
  for (const u of units) {
    const h = hundredthsOf(u.rate);
    const i = h === null ? RATE_BANDS.length : RATE_BANDS.findIndex((b) => b.min === null || h >= b.min);
    rateBands[i].count++;
  }
  const declared = units.map((u) => u.totals.totalFen).filter((f): f is bigint => f !== null);
  return {
    year, units, sample: units.some((u) => u.sample || u.report?.status === "sample"),
    ranks: { budget: rankBy(units, (u) => u.totals.totalFen), rate: rankBy(units, (u) => u.rate), score: rankBy(units, (u) => u.score) },
    regions, rollup: all, checks,
    grades: [...GRADES, "none"].map((key) => ({ key, count: gradeCount.get(key) ?? 0 })),
    rateBands,
    budget: {
      count: declared.length,
      sumFen: all.totalFen,
      minFen: declared.length ? declared.reduce((a, b) => (b < a ? b : a)) : null,
      maxFen: declared.length ? declared.reduce((a, b) => (b > a ? b : a)) : null,
    },
    scored: units.filter((u) => u.report).length,
  };
}

/** A year with more units than 2 × ENDS is summarised on its page: the first and last ENDS of each ranking. */
export const ENDS = 8;
/** Units on one ranking page (/compare/year/{year}/rank/{key}/{n}/). */
export const PAGE_UNITS = 50;
export const RANK_KEYS = ["budget", "rate", "score"] as const;
export type RankKey = (typeof RANK_KEYS)[number];

/** Which units the per-unit sections list: all of them, or the first and last ENDS by budget. */
export interface AcrossShown {
  summary: boolean;
  /** The budget ranking's rows listed (in rank order). */
  rows: Ranked<YearUnit>[];
  units: Set<YearUnit>;
}

export function acrossShown(v: YearView, ends: number | undefined): AcrossShown {
  const summary = ends !== undefined && v.units.length > 2 * ends;
  const rows = summary ? [...v.ranks.budget.slice(0, ends), ...v.ranks.budget.slice(-ends!)] : v.ranks.budget;
  return { summary, rows, units: new Set(rows.map((r) => r.item)) };
}

/** The rankings a year has: by budget, and by rate and score when any unit has year-end data. */
export const rankKeys = (v: YearView): RankKey[] => (v.scored ? [...RANK_KEYS] : ["budget"]);

/** How many ranking pages a year has. */
export const rankPages = (v: YearView) => Math.max(1, Math.ceil(v.units.length / PAGE_UNITS));

/** Ranking page n (1-based) of a key: its rows in rank order (units without a value last). */
export function rankPage(v: YearView, key: RankKey, n: number): Ranked<YearUnit>[] {
  return v.ranks[key].slice((n - 1) * PAGE_UNITS, n * PAGE_UNITS);
}

/** Structure-chart rows of a year: each unit's items of one kind, in a common item order. */
export function structureRows(units: readonly YearUnit[], kind: "source" | "structure"): { label: string; items: { item: string; amountFen: bigint }[] }[] {
  return units.map((u) => ({ label: u.name, items: u.totals.items.filter((i) => i.kind === kind && i.amountFen >= 0n).map((i) => ({ item: i.item, amountFen: i.amountFen })) }));
}

// ---------------------------------------------------------------------------
// Text diff (tasks, duties, goals)

export interface DiffRun {
  op: "same" | "del" | "ins";
  text: string;
}

/** One CJK character, or a run of Latin letters / digits (with . % ,), or whitespace, or any other character. */
function tokens(s: string): string[] {
  return s.match(/[A-Za-z0-9][A-Za-z0-9.,%]*|\s+|[\s\S]/gu) ?? [];
}

/** Above this many token pairs (after the common head and tail) the diff gives up on detail: the old middle removed, the new added. */
const DIFF_LIMIT = 250_000;

/**
 * A word-level diff of two texts (a longest common subsequence of tokens: CJK
 * characters one by one, Latin words and numbers whole), as runs of kept,
 * deleted and inserted text. Joining the same + del runs gives the old text,
 * same + ins the new.
 */
export function textDiff(a: string, b: string): DiffRun[] {
  const x = tokens(a);
  const y = tokens(b);
  const runs: DiffRun[] = [];
  const push = (op: DiffRun["op"], text: string) => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.text += text;
    else runs.push({ op, text });
  };
  // Trim the common head and tail first: most edits are local.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const n = xs.length;
  const m = ys.length;
  if (n * m > DIFF_LIMIT) {
    push("same", x.slice(0, head).join(""));
    push("del", xs.join(""));
    push("ins", ys.join(""));
    push("same", x.slice(x.length - tail).join(""));
    return runs;
  }
  const w = m + 1;
  const L = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i * w + j] = xs[i] === ys[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
  push("same", x.slice(0, head).join(""));
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (xs[i] === ys[j]) {
      push("same", xs[i]);
      i++;
      j++;
    } else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) push("del", xs[i++]);
    else push("ins", ys[j++]);
  }
  while (i < n) push("del", xs[i++]);
  while (j < m) push("ins", ys[j++]);
  push("same", x.slice(x.length - tail).join(""));
  return runs;
}

/** Counts of a diff's statuses. */
export function diffCounts(pairs: readonly { status: string }[]): Record<"added" | "dropped" | "changed" | "unchanged", number> {
  const c = { added: 0, dropped: 0, changed: 0, unchanged: 0 };
  for (const p of pairs) c[p.status as keyof typeof c]++;
  return c;
}

/** The unit-years whose data is declared (real), for the 示例数据 notice. */
export function declaredUnitYears(model: CompareModel): { name: string; year: number }[] {
  return model.data.units.filter((u) => u.status !== "sample").map((u) => ({ name: u.name, year: u.year }));
}

// ---------------------------------------------------------------------------
// A project over the years

/** One year of a dataset: its units, projects, budget lines, tasks and indicators. */
export function yearOf(data: Dataset, year: number): Dataset {
  const inYear = <T extends { year: number }>(xs: readonly T[] | undefined) => (xs ?? []).filter((x) => x.year === year);
  return { units: inYear(data.units), projects: inYear(data.projects), budget: inYear(data.budget), tasks: inYear(data.tasks), indicators: inYear(data.indicators), findings: [] };
}

/**
 * A project of `year` against itself in the latest earlier year that holds it (paired by its budget code,
 * else by its name within the unit, as compareProjects pairs them): funding to the fen, indicators matched,
 * goals diffed. Null when no earlier year holds it.
 */
export function projectComparison(data: Dataset, projectId: string, year: number, mapping: readonly MappingRow[] = NO_MAPPING): ProjectComparison | null {
  const years = [...new Set((data.projects ?? []).map((p) => p.year))].filter((y) => y < year).sort((a, b) => b - a);
  if (!years.length) return null;
  const now = yearOf(data, year);
  if (!now.projects?.some((p) => p.id === projectId)) return null;
  for (const y of years) {
    const hit = compareProjects(yearOf(data, y), now, { mapping }).projects.find((p) => p.projectId === projectId);
    if (hit) return hit;
  }
  return null;
}
