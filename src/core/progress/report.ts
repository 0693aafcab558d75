// Scoring per unit (or project) and period: ScoreInput[] from the declared
// indicators and the matched actuals through src/core/scoring.ts, the execution
// rate against 序时进度 mid-year, and the cross-checks of what the form states.
import type { Actual, DataStatus, Dataset, ExecutionLine, Finding, Indicator, Location, Period, Severity } from "../model.ts";
import { indicatorId, unitId } from "../ids.ts";
import { executionRate, scoreUnit, type ActualValue, type IndicatorScore, type ScoreInput, type ScoreOptions, type UnitScore } from "../scoring.ts";
import { PERIODS } from "./words.ts";
import { SCALE, agrees, readDecimal, scaledToString } from "../decimal.ts";
import { type LinkedActual, linkProgress, scopeOf } from "./link.ts";
import { finding, type FindingCode, type ParamsOf } from "../findingText.ts";

export type Alert = "red" | "yellow" | "green";

export interface ProgressIndicator {
  indicator: Indicator;
  actual: Actual | null;
  /** The text scored (实际完成值 or 全年预计完成情况). */
  valueText: string | null;
  value: ActualValue;
  score: IndicatorScore;
  /** Mid-year 预警: red (完全不可能 or projected not met), yellow (有可能 or projected partly), green; null at year end or without data. */
  alert: Alert | null;
}

export interface ProgressExecution {
  budgetInitialFen: bigint | null;
  budgetFullYearFen: bigint | null;
  executedFen: bigint | null;
  /** B/A as a percentage, 2 decimals (not capped); null when A is missing or ≤ 0. */
  rate: string | null;
  /** Mid-year: 序时进度 (months elapsed / 12) as a percentage; null at year end or when the month is unknown. */
  timeProgress: string | null;
  /** Mid-year: green when the rate lags 序时进度 by ≤ 10 points, yellow ≤ 20, red beyond; null otherwise. */
  alert: Alert | null;
  source: Location;
}

export interface ProgressReport {
  unitId: string;
  unitName: string;
  /** The project reported on, when the report is a project's (项目支出 forms). */
  projectId: string | null;
  projectName: string | null;
  /** False when nothing was reported that could be scored (未填报): the total and grade are then not given. */
  filled: boolean;
  year: number;
  period: Period;
  asOf: string | null;
  /** sample when any figure behind the report is 示例数据. */
  status: DataStatus;
  /** True when the unit-year had no declaration and the progress file's own targets were used. */
  undeclared: boolean;
  execution: ProgressExecution | null;
  result: UnitScore;
  indicators: ProgressIndicator[];
}

/** Year-end first (the result leaders ask for), then mid-year: the order every page lists a unit's or project's reports in. */
export const byPeriod = (a: ProgressReport, b: ProgressReport) => (a.period === b.period ? 0 : a.period === "yearend" ? -1 : 1);

/** The reports of one project-year (a 自评表 or a 监控表), or of one unit-year's own (not its projects'), year-end first. */
export function reportsOf(reports: readonly ProgressReport[], of: { unitId: string; year: number } | { projectId: string; year: number }): ProgressReport[] {
  const mine = "projectId" in of ? (r: ProgressReport) => r.projectId === of.projectId : (r: ProgressReport) => r.unitId === of.unitId && !r.projectId;
  return reports.filter((r) => r.year === of.year && mine(r)).sort(byPeriod);
}

function alertOf(period: Period, a: Actual | null, s: IndicatorScore): Alert | null {
  if (period !== "midyear" || !a) return null;
  if (a.likelihood === "完全不可能" || s.status === "not_met") return "red";
  if (a.likelihood === "有可能" || s.status === "partly") return "yellow";
  if (a.likelihood === "确定能" || s.status === "met") return "green";
  return null;
}

function totalLine(lines: ExecutionLine[]): ExecutionLine | null {
  return lines.find((l) => /总额|合计|总计/.test(l.item)) ?? lines[0] ?? null;
}

/**
 * Scores every unit and period that has progress data: builds ScoreInput[] from
 * the declared indicators and the matched actuals and calls scoreUnit. At year
 * end the execution rate B/A is part of the total; mid-year the total is the
 * projection from 全年预计完成情况 and the execution rate is shown against 序时进度,
 * not scored (a half-year rate is not a year's result).
 */
export function scoreProgress(data: Dataset, options?: ScoreOptions): { reports: ProgressReport[]; findings: Finding[] } {
  const { linked, findings } = linkProgress(data);
  const f = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, location: Location, subject?: string) => findings.push(finding(severity, code, params, location, subject));
  const groups = new Map<string, { unitId: string; scope: string; projectId: string | null; year: number; period: Period }>();
  const add = (x: { unitId: string; projectId?: string | null; year: number; period: Period }) =>
    groups.set(`${scopeOf(x)}|${x.year}|${x.period}`, { unitId: x.unitId, scope: scopeOf(x), projectId: x.projectId ?? null, year: x.year, period: x.period });
  for (const a of data.actuals ?? []) add(a);
  for (const e of data.execution ?? []) add(e);
  const projectNames = new Map((data.projects ?? []).map((p) => [p.id, p.name]));
  const projectWeights = new Map((data.projects ?? []).map((p) => [p.id, p.level1Weights]));
  const names = new Map<string, string>();
  for (const x of [...(data.execution ?? []), ...(data.actuals ?? [])]) if (x.unitName) names.set(x.unitId, x.unitName);
  for (const u of data.units) names.set(u.id, u.name);
  const unitName = (id: string) => names.get(id) ?? id;
  // Everything grouped once, so that many units and years stay linear.
  const group = <T,>(items: readonly T[], keyOf: (x: T) => string) => {
    const m = new Map<string, T[]>();
    for (const x of items) {
      const k = keyOf(x);
      const list = m.get(k);
      if (list) list.push(x);
      else m.set(k, [x]);
    }
    return m;
  };
  const declaredBy = group(data.indicators, (i) => `${scopeOf(i)}|${i.year}`);
  const linkedBy = group(linked, (l) => `${scopeOf(l.actual)}|${l.actual.year}|${l.actual.period}`);
  const linesBy = group(data.execution ?? [], (e) => `${scopeOf(e)}|${e.year}|${e.period}`);
  const sampleUnits = new Set(data.units.filter((u) => u.status === "sample").map((u) => `${u.id}|${u.year}`));

  const reports: ProgressReport[] = [];
  // Units in the order they were read, then years, then mid-year before year-end.
  const unitOrder = new Map<string, number>();
  for (const id of [...data.units.map((u) => u.id), ...(data.actuals ?? []).map((a) => a.unitId), ...(data.execution ?? []).map((e) => e.unitId)]) if (!unitOrder.has(id)) unitOrder.set(id, unitOrder.size);
  const keys = [...groups.values()].sort((a, b) => unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)! || a.year - b.year || PERIODS.indexOf(a.period) - PERIODS.indexOf(b.period));

  for (const { unitId: uid, scope, projectId, year, period } of keys) {
    const declared = [...(declaredBy.get(`${scope}|${year}`) ?? [])].sort((a, b) => a.order - b.order);
    const mine = linkedBy.get(`${scope}|${year}|${period}`) ?? [];
    const matchedById = new Map<string, LinkedActual>();
    for (const l of mine) if (l.state === "matched" && l.indicator && !matchedById.has(l.indicator.id)) matchedById.set(l.indicator.id, l);
    const undeclared = declared.length === 0;
    const rows: { indicator: Indicator; link: LinkedActual | null }[] = undeclared
      ? mine.filter((l) => l.indicator).map((l) => ({ indicator: l.indicator!, link: l }))
      : declared.map((ind) => ({ indicator: ind, link: matchedById.get(ind.id) ?? null }));
    // An undeclared unit-year: the same name twice is one indicator, reported twice.
    if (undeclared) {
      const seen = new Set<string>();
      for (let i = 0; i < rows.length; i++) {
        if (seen.has(rows[i].indicator.id)) {
          f("warning", "actual.duplicate", { label: rows[i].indicator.name ?? rows[i].indicator.level2, period: null }, rows[i].link!.actual.source);
          rows.splice(i--, 1);
        } else seen.add(rows[i].indicator.id);
      }
    }
    const inputs: ScoreInput[] = rows.map(({ indicator, link }) => ({
      indicatorId: indicator.id,
      level1: indicator.level1,
      target: indicator.parsed,
      actual: link ? link.value : { kind: "missing" },
      weight: link?.actual.weight ?? null,
      declaredScore: link?.actual.declaredScore ?? null,
      notApplicable: link?.actual.notApplicable ?? false,
    }));
    const lines = linesBy.get(`${scope}|${year}|${period}`) ?? [];
    const total = totalLine(lines);
    let budget: { fullYearFen: bigint; executedFen: bigint } | null = null;
    let execution: ProgressExecution | null = null;
    if (total) {
      // A monitoring form may give only 年初预算数 (no 全年预算数 yet): the pace is read against it.
      const a = total.budgetFullYearFen ?? (period === "midyear" ? total.budgetInitialFen : null);
      const b = total.executedFen;
      const ex = a !== null && b !== null ? executionRate(a, b) : null;
      let timeProgress: string | null = null;
      let alert: Alert | null = null;
      if (period === "midyear") {
        const month = total.asOf ? Number(total.asOf.slice(5, 7)) : null;
        if (month) {
          const tp = (BigInt(month) * 20_000n + 12n) / 24n; // month/12 in hundredths of a percent, half-up
          timeProgress = `${tp / 100n}.${(tp % 100n).toString().padStart(2, "0")}`;
          if (ex?.rate) {
            const gap = (readDecimal(timeProgress) ?? 0n) - (readDecimal(ex.rate) ?? 0n);
            alert = gap <= 10n * SCALE ? "green" : gap <= 20n * SCALE ? "yellow" : "red";
          }
        }
      } else if (a !== null && b !== null) budget = { fullYearFen: a, executedFen: b };
      execution = { budgetInitialFen: total.budgetInitialFen, budgetFullYearFen: a, executedFen: b, rate: ex?.rate ?? null, timeProgress, alert, source: total.source };
      if (ex?.rate && a !== null && b !== null && a > 0n && total.declaredRate && readDecimal(total.declaredRate) !== null) {
        const text = total.declaredRate;
        const stated = readDecimal(text)!;
        // 执行率 may be written as a percentage (95.37, 95.37%) or as a fraction (0.9537).
        const exactPct = (b * 100n * SCALE) / a;
        const ok = agrees(exactPct, stated, text) || (!text.includes("%") && agrees(exactPct / 100n, stated, text));
        if (!ok) {
          f("warning", "execution.rate_differs", { declared: total.declaredRate, rate: ex.rate }, total.source, uid);
        }
      }
      if (period === "yearend" && ex?.score && total.declaredScore && readDecimal(total.declaredScore) !== null && !agrees(readDecimal(ex.score)!, readDecimal(total.declaredScore)!, total.declaredScore)) {
        f("info", "execution.score_differs", { declared: total.declaredScore, score: ex.score }, total.source, uid);
      }
    }
    // A project's form may write its groups' points in the 一级 labels: they are its weights.
    const weights = projectId ? projectWeights.get(projectId) : undefined;
    const result = scoreUnit(inputs, budget, weights && Object.keys(weights).length ? { ...options, groupWeights: weights } : options);
    if (total?.declaredTotal && readDecimal(total.declaredTotal) !== null && readDecimal(total.declaredTotal) !== readDecimal(result.total)) {
      f("info", "score.total_differs", { declared: total.declaredTotal, total: result.total }, total.source, uid);
    }
    const fromForm = result.indicators.filter((s) => s.flags.includes("score_from_form")).length;
    if (fromForm) f("info", "score.from_form", { n: fromForm }, rows[0].link?.actual.source ?? rows[0].indicator.source, projectId ?? uid);
    const indicators: ProgressIndicator[] = rows.map(({ indicator, link }, i) => {
      const s = result.indicators[i];
      const a = link?.actual ?? null;
      // 完成率 is derived: cross-check it, never score from it.
      if (a?.completeRate && indicator.parsed.kind === "quantitative" && link?.value.kind === "number" && indicator.parsed.direction !== "lower") {
        const stated = readDecimal(a.completeRate);
        const av = readDecimal(link.value.value);
        const tv = readDecimal(indicator.parsed.value);
        if (stated !== null && av !== null && tv !== null && tv > 0n) {
          const exact = (av * 100n * SCALE) / tv;
          const capped = exact > 100n * SCALE ? 100n * SCALE : exact;
          if (!agrees(exact, stated, a.completeRate) && !agrees(capped, stated, a.completeRate)) {
            f("info", "actual.complete_rate_differs", { name: String(indicator.name), declared: a.completeRate, rate: scaledToString((exact + 5000n) / 10000n * 10000n) }, a.source, indicator.id);
          }
        }
      }
      return { indicator, actual: a, valueText: link?.valueText ?? null, value: link?.value ?? { kind: "missing" }, score: s, alert: alertOf(period, a, s) };
    });
    const sample =
      mine.some((l) => l.actual.status === "sample") || lines.some((l) => l.status === "sample") || sampleUnits.has(`${uid}|${year}`);
    const filled = result.indicators.some((s) => s.status !== "no_data" && s.status !== "not_applicable");
    reports.push({
      unitId: uid, unitName: unitName(uid), projectId, projectName: projectId ? projectNames.get(projectId) ?? null : null, filled, year, period,
      asOf: total?.asOf ?? mine.find((l) => l.actual.asOf)?.actual.asOf ?? null,
      status: sample ? "sample" : "declared", undeclared, execution, result, indicators,
    });
  }
  return { reports, findings };
}
