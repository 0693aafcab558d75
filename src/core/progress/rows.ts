// Canonical progress rows (actuals.csv, execution.csv, and 一体化 exports with
// those columns) → Actual and ExecutionLine, and back; the JSON form of them.
import type { Actual, ActualGrade, DataStatus, DeviationKind, ExecutionLine, Finding, Likelihood, Location, Period, Severity } from "../model.ts";
import { fenToYuanString, parseYuanToFen } from "../money.ts";
import { indicatorId, unitId } from "../ids.ts";
import { cleanText } from "../text.ts";
import { NO, YES, blank, orNull, readDeviationKinds, readGrade, readLikelihood, readPeriod } from "./words.ts";
import { lastDayOfMonth, readDecimal } from "../decimal.ts";
import { finding, type FindingCode, type ParamsOf } from "../findingText.ts";

export interface CanonicalRowContext {
  get: (col: string) => string;
  has: (col: string) => boolean;
  uid: string;
  unitName: string;
  year: number;
  status: DataStatus;
  source: Location;
  at: (col: string) => Location;
  /** Month N of a “1-N月” header, if the file has one. */
  headerMonth: number | null;
  note: <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, location: Location) => void;
}

/** The period of a canonical row: stated, or inferred from which columns are filled (`inferred`). */
function rowPeriod(ctx: CanonicalRowContext, midyearFilled: boolean, yearendFilled: boolean): { period: Period | null; inferred: boolean } {
  const text = ctx.get("period");
  if (text !== "") {
    const p = readPeriod(text);
    if (!p) ctx.note("error", "canonical.bad_period", { text: text.slice(0, 20) }, ctx.at("period"));
    return { period: p, inferred: false };
  }
  return { period: midyearFilled && !yearendFilled ? "midyear" : "yearend", inferred: true };
}

function rowAsOf(ctx: CanonicalRowContext, period: Period): string | null {
  const text = ctx.get("as_of");
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (text !== "") ctx.note("warning", "canonical.bad_date", { text: text.slice(0, 20) }, ctx.at("as_of"));
  if (ctx.headerMonth !== null) return lastDayOfMonth(ctx.year, ctx.headerMonth);
  return period === "yearend" ? `${ctx.year}-12-31` : null;
}

function numberCell(ctx: CanonicalRowContext, col: string, label: string): string | null {
  const v = orNull(ctx.get(col));
  if (v !== null && readDecimal(v) === null) {
    ctx.note("warning", "actual.bad_number", { variant: "table", label, text: v.slice(0, 20) }, ctx.at(col));
  }
  return v;
}

/** One actuals row → Actual (null when the row cannot be used; the reason is a finding). */
export function rowToActual(ctx: CanonicalRowContext): { actual: Actual; periodInferred: boolean } | null {
  const { get } = ctx;
  const executedToDate = orNull(get("executed_to_date"));
  const expectedAnnual = orNull(get("expected_annual"));
  const likelihoodText = get("likelihood");
  const actualText = orNull(get("actual"));
  const { period, inferred } = rowPeriod(ctx, !!(executedToDate || expectedAnnual || likelihoodText), !!(actualText || get("declared_score")));
  if (!period) return null;
  const level1 = get("level1");
  const level2 = get("level2");
  const name = get("name") || null;
  const id = get("indicator_id") || null;
  if (!id && !name && !level2) {
    ctx.note("error", "actual.no_name", { variant: "table" }, ctx.source);
    return null;
  }
  let likelihood: Likelihood | null = null;
  if (!blank(likelihoodText)) {
    likelihood = readLikelihood(likelihoodText);
    if (!likelihood) ctx.note("warning", "actual.bad_likelihood", { text: likelihoodText.slice(0, 20) }, ctx.at("likelihood"));
  }
  let deviationKinds: DeviationKind[] = [];
  const kindText = get("deviation_kind");
  if (!blank(kindText)) {
    const k = readDeviationKinds(kindText);
    if (k) deviationKinds = k;
    else ctx.note("warning", "actual.bad_deviation_kind", { variant: "table", text: kindText.slice(0, 20) }, ctx.at("deviation_kind"));
  }
  let grade: ActualGrade | null = null;
  const gradeText = get("grade");
  if (!blank(gradeText)) {
    grade = readGrade(gradeText);
    if (!grade) ctx.note("warning", "actual.bad_grade", { text: gradeText.slice(0, 20) }, ctx.at("grade"));
  }
  const naText = get("not_applicable");
  if (naText !== "" && !YES.test(naText) && !NO.test(naText)) {
    ctx.note("warning", "actual.bad_flag", { text: naText.slice(0, 20) }, ctx.at("not_applicable"));
  }
  const reason = orNull(get("deviation_reason"));
  return {
    periodInferred: inferred,
    actual: {
      indicatorId: id,
      unitId: ctx.uid,
      ...(ctx.unitName && ctx.unitName !== ctx.uid ? { unitName: ctx.unitName } : {}),
      year: ctx.year,
      period,
      asOf: rowAsOf(ctx, period),
      level1,
      level2,
      name,
      target: orNull(get("target")),
      executedToDate,
      expectedAnnual,
      likelihood,
      deviationKinds,
      deviationReason: reason,
      correctiveAction: orNull(get("corrective_action")),
      actual: actualText,
      completeRate: numberCell(ctx, "complete_rate", "完成率"),
      weight: numberCell(ctx, "weight", "分值"),
      declaredScore: numberCell(ctx, "declared_score", "得分"),
      grade,
      notApplicable: YES.test(naText) || (actualText !== null && /^不适用$/.test(actualText)),
      status: ctx.get("data_status") === "sample" ? "sample" : ctx.status,
      source: ctx.source,
      ...(get("project_id") ? { projectId: get("project_id") } : {}),
    },
  };
}

/** One execution row → ExecutionLine (amounts exact in fen; an unreadable amount is an error finding). */
export function rowToExecution(ctx: CanonicalRowContext): { line: ExecutionLine; periodInferred: boolean } | null {
  const { get } = ctx;
  const { period, inferred } = rowPeriod(ctx, ctx.headerMonth !== null, false);
  if (!period) return null;
  const amount = (col: string, label: string): bigint | null => {
    const text = get(col);
    if (blank(text)) return null;
    const fen = parseYuanToFen(text);
    if (fen === null) ctx.note("error", "execution.amount_unreadable", { variant: "table", label, text: text.slice(0, 40) }, ctx.at(col));
    return fen;
  };
  return {
    periodInferred: inferred,
    line: {
      unitId: ctx.uid,
      ...(ctx.unitName && ctx.unitName !== ctx.uid ? { unitName: ctx.unitName } : {}),
      year: ctx.year,
      period,
      asOf: rowAsOf(ctx, period),
      item: get("item") || "年度资金总额",
      budgetInitialFen: amount("budget_initial", "年初预算数"),
      budgetFullYearFen: amount("budget_full_year", "全年预算数"),
      executedFen: amount("executed", "执行数"),
      declaredRate: numberCell(ctx, "declared_rate", "执行率"),
      weight: numberCell(ctx, "weight", "分值"),
      declaredScore: numberCell(ctx, "declared_score", "得分"),
      declaredTotal: numberCell(ctx, "declared_total", "总分"),
      status: ctx.get("data_status") === "sample" ? "sample" : ctx.status,
      source: ctx.source,
      ...(get("project_id") ? { projectId: get("project_id") } : {}),
    },
  };
}

/** Canonical row cells of an Actual (COLUMNS.actuals order is applied by toCsv). */
export function actualRow(a: Actual): Record<string, string> {
  const s = (v: string | null | undefined) => v ?? "";
  return {
    indicator_id: s(a.indicatorId), unit_id: a.unitId, fiscal_year: String(a.year), period: a.period, as_of: s(a.asOf),
    level1: a.level1, level2: a.level2, name: s(a.name), target: s(a.target),
    executed_to_date: s(a.executedToDate), expected_annual: s(a.expectedAnnual), likelihood: s(a.likelihood),
    deviation_kind: a.deviationKinds.join("、"), deviation_reason: s(a.deviationReason), corrective_action: s(a.correctiveAction),
    actual: s(a.actual), complete_rate: s(a.completeRate), weight: s(a.weight), declared_score: s(a.declaredScore), grade: s(a.grade),
    not_applicable: a.notApplicable ? "true" : "", data_status: a.status, source_file: a.source.file, source_row: a.source.row === undefined ? "" : String(a.source.row),
    project_id: a.projectId ?? "",
  };
}

export function executionRow(e: ExecutionLine): Record<string, string> {
  const s = (v: string | null | undefined) => v ?? "";
  const y = (fen: bigint | null) => (fen === null ? "" : fenToYuanString(fen));
  return {
    unit_id: e.unitId, unit_name: s(e.unitName), fiscal_year: String(e.year), period: e.period, as_of: s(e.asOf), item: e.item,
    budget_initial: y(e.budgetInitialFen), budget_full_year: y(e.budgetFullYearFen), executed: y(e.executedFen),
    declared_rate: s(e.declaredRate), weight: s(e.weight), declared_score: s(e.declaredScore), declared_total: s(e.declaredTotal),
    data_status: e.status, source_file: e.source.file, source_row: e.source.row === undefined ? "" : String(e.source.row),
    project_id: e.projectId ?? "",
  };
}

/** JSON forms (amounts as exact yuan strings), as `jixiao import --json` prints them. */
export function executionToJson(e: ExecutionLine) {
  const { budgetInitialFen, budgetFullYearFen, executedFen, ...rest } = e;
  const y = (fen: bigint | null) => (fen === null ? null : fenToYuanString(fen));
  return { ...rest, budgetInitial: y(budgetInitialFen), budgetFullYear: y(budgetFullYearFen), executed: y(executedFen) };
}

/** Reads the JSON form back; entries that cannot be used are findings. */
export function progressFromJson(actuals: unknown[], execution: unknown[], file: string, findings: Finding[]): { actuals: Actual[]; execution: ExecutionLine[] } {
  const str = (x: unknown) => (typeof x === "string" ? cleanText(x) : typeof x === "number" ? String(x) : "");
  const strOrNull = (x: unknown) => orNull(str(x));
  const yearOf = (x: unknown) => { const y = typeof x === "number" ? x : /^\d{4}$/.test(str(x)) ? Number(str(x)) : NaN; return y >= 1900 && y < 2100 ? y : null; };
  const loc = (x: unknown, i: number): Location => (typeof x === "object" && x && typeof (x as Location).file === "string" ? (x as Location) : { file, row: i + 1 });
  const problem = (k: string, i: number) =>
    findings.push(finding("error", "json.bad_entry", { list: k, index: i, reason: "unit_year_period" }, { file, row: i + 1 }));
  const outA: Actual[] = [];
  actuals.forEach((raw, i) => {
    const a = (typeof raw === "object" && raw ? raw : {}) as Record<string, unknown>;
    const year = yearOf(a.year);
    const period = readPeriod(str(a.period));
    const uid = str(a.unitId) || (str(a.unitName) ? unitId(str(a.unitName)) : "");
    if (year === null || !period || !uid) return problem("actuals", i);
    outA.push({
      indicatorId: strOrNull(a.indicatorId), unitId: uid, ...(str(a.unitName) ? { unitName: str(a.unitName) } : {}), year, period, asOf: strOrNull(a.asOf),
      level1: str(a.level1), level2: str(a.level2), name: strOrNull(a.name), target: strOrNull(a.target),
      executedToDate: strOrNull(a.executedToDate), expectedAnnual: strOrNull(a.expectedAnnual), likelihood: readLikelihood(str(a.likelihood)),
      deviationKinds: Array.isArray(a.deviationKinds) ? (readDeviationKinds(a.deviationKinds.map(str).join("、")) ?? []) : (readDeviationKinds(str(a.deviationKinds)) ?? []),
      deviationReason: strOrNull(a.deviationReason), correctiveAction: strOrNull(a.correctiveAction), actual: strOrNull(a.actual),
      completeRate: strOrNull(a.completeRate), weight: strOrNull(a.weight), declaredScore: strOrNull(a.declaredScore), grade: readGrade(str(a.grade)),
      notApplicable: a.notApplicable === true, status: a.status === "sample" ? "sample" : "declared", source: loc(a.source, i),
      ...(str(a.projectId) ? { projectId: str(a.projectId) } : {}),
    });
  });
  const outE: ExecutionLine[] = [];
  execution.forEach((raw, i) => {
    const e = (typeof raw === "object" && raw ? raw : {}) as Record<string, unknown>;
    const year = yearOf(e.year);
    const period = readPeriod(str(e.period));
    const uid = str(e.unitId) || (str(e.unitName) ? unitId(str(e.unitName)) : "");
    if (year === null || !period || !uid) return problem("execution", i);
    const fen = (x: unknown) => (blank(str(x)) ? null : parseYuanToFen(str(x)));
    outE.push({
      unitId: uid, ...(str(e.unitName) ? { unitName: str(e.unitName) } : {}), year, period, asOf: strOrNull(e.asOf), item: str(e.item) || "年度资金总额",
      budgetInitialFen: fen(e.budgetInitial), budgetFullYearFen: fen(e.budgetFullYear), executedFen: fen(e.executed),
      declaredRate: strOrNull(e.declaredRate), weight: strOrNull(e.weight), declaredScore: strOrNull(e.declaredScore), declaredTotal: strOrNull(e.declaredTotal),
      status: e.status === "sample" ? "sample" : "declared", source: loc(e.source, i),
      ...(str(e.projectId) ? { projectId: str(e.projectId) } : {}),
    });
  });
  return { actuals: outA, execution: outE };
}
