// Progress on the declared indicators: the 运行监控 (mid-year) and 绩效自评
// (year-end) forms and their 一体化-style column exports → Actual and
// ExecutionLine rows; matching them to the declared indicators; scoring each
// unit and period with src/core/scoring.ts. Pure and DOM-free: runs in Node and
// in a browser worker alike. See docs/data-format.md (“Progress”) and docs/scoring.md.
import {
  ImportError,
  type Actual,
  type ActualGrade,
  type DataStatus,
  type Dataset,
  type DeviationKind,
  type ExecutionLine,
  type Finding,
  type Indicator,
  type Likelihood,
  type Location,
  type ParsedTarget,
  type Period,
  type Severity,
} from "./model.ts";
import type { TableRecord } from "./table.ts";
import { fenToYuanString, parseYuanToFen } from "./money.ts";
import { indicatorId, unitId } from "./ids.ts";
import { moneyTargetToFen, parseTarget, unitFamily } from "./target.ts";
import { cleanText, hasMarkup, toParagraphs } from "./text.ts";
import { isKnownLevel2, isLevel1Label, looksLikeLevel2, parentOf, admits } from "./vocabulary.ts";
import {
  executionRate,
  scoreUnit,
  type ActualValue,
  type IndicatorScore,
  type ScoreInput,
  type ScoreOptions,
  type UnitScore,
} from "./scoring.ts";

// ---------------------------------------------------------------------------
// Vocabulary of the progress forms

export const PERIODS: readonly Period[] = ["midyear", "yearend"];

export const PERIOD_LABELS: Record<Period, string> = { midyear: "年中运行监控", yearend: "年终绩效自评" };

const PERIOD_WORDS: Record<string, Period> = {
  midyear: "midyear", "mid-year": "midyear", mid: "midyear", h1: "midyear", 中期: "midyear", 年中: "midyear", 半年: "midyear",
  上半年: "midyear", 运行监控: "midyear", 监控: "midyear", 执行监控: "midyear", 绩效监控: "midyear", 年中监控: "midyear",
  yearend: "yearend", "year-end": "yearend", annual: "yearend", final: "yearend", 年终: "yearend", 年末: "yearend",
  全年: "yearend", 年度: "yearend", 自评: "yearend", 绩效自评: "yearend", 年终自评: "yearend", 决算: "yearend",
};

/** midyear / yearend from the words a file may use (中期, 运行监控, 年终, 自评 …); null when none fits. */
export function readPeriod(text: string): Period | null {
  return PERIOD_WORDS[text.replace(/\s/g, "").toLowerCase()] ?? null;
}

export const LIKELIHOODS: readonly Likelihood[] = ["确定能", "有可能", "完全不可能"];

/** 完成目标可能性 as written (确定能 / 能 / 有可能 / 不可能 …) → the form's three values; null when none fits. */
export function readLikelihood(text: string): Likelihood | null {
  const s = text.replace(/[\s。.]/g, "");
  if (s === "") return null;
  if (/^(完全不可能|不可能|无法完成|不能|不能完成|难以完成)$/.test(s)) return "完全不可能";
  if (/^(有可能|可能|基本能|基本可以|较大可能|有可能完成|可能完成|不确定)$/.test(s)) return "有可能";
  if (/^(确定能|确定|能|能够|确定能完成|能完成|能够完成|可以|可以完成|肯定能)$/.test(s)) return "确定能";
  return null;
}

export const DEVIATION_KINDS: readonly DeviationKind[] = ["经费", "制度", "人员", "硬件", "其他"];

const DEVIATION_LABELS: Record<string, DeviationKind> = {
  经费: "经费", 经费保障: "经费", 资金: "经费", 资金保障: "经费",
  制度: "制度", 制度保障: "制度",
  人员: "人员", 人员保障: "人员",
  硬件: "硬件", 硬件条件: "硬件", 硬件条件保障: "硬件", 硬件保障: "硬件",
  其他: "其他", 其它: "其他",
};

/** 偏差原因 kinds from text such as “经费保障、人员保障”; null when any part is not a kind. */
export function readDeviationKinds(text: string): DeviationKind[] | null {
  const parts = text.split(/[、,，;；|/\s]+/).filter(Boolean);
  if (!parts.length) return [];
  const kinds: DeviationKind[] = [];
  for (const p of parts) {
    const k = DEVIATION_LABELS[p];
    if (!k) return null;
    if (!kinds.includes(k)) kinds.push(k);
  }
  return kinds;
}

/** 达成 / 部分达成 / 未达成 from the words used in 自评 forms; null when none fits. */
export function readGrade(text: string): ActualGrade | null {
  const s = text.replace(/[\s。.！!]/g, "");
  if (s === "") return null;
  // The 自评表's three tiers (财预〔2020〕10号) in their 年度指标 and 预期指标 wordings, and the short forms.
  if (/^(未达成|未完成|未达到|没有达成|未实现|未达标|不达标)$/.test(s) || /^未达成(年度|预期)指标(且效果较差)?$/.test(s)) return "未达成";
  if (/^(部分达成|基本达成|部分完成|基本完成|部分实现|基本实现|部分达到|基本达到)$/.test(s) || /^部分达成(年度|预期)指标(并具有一定效果)?$/.test(s)) return "部分达成";
  if (/^(达成|已达成|完成|已完成|全部完成|全部达成|实现|已实现|达到|已达到|达标|全面完成|按计划完成)$/.test(s) || /^(已|全部)?达成(年度|预期)(指标|目标)$/.test(s)) return "达成";
  return null;
}

const CHECKED = /^(√|✓|✔|☑|■|是|y|yes|true|1)$/i;
const YES = /^(是|y|yes|true|1|不适用|n\/a|na)$/i;
const NO = /^(否|n|no|false|0|适用)$/i;
/** A cell holding only dashes or slashes means “nothing”. */
const PLACEHOLDER = /^[-—–/\\]+$/;

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === "" || PLACEHOLDER.test(s.trim());
const orNull = (s: string): string | null => (blank(s) ? null : s);

// ---------------------------------------------------------------------------
// Exact decimals (scaled to 1e-6) for reading and cross-checking figures

const SCALE = 1_000_000n;

function halfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A plain decimal (“95”, “9.54”, “1,234.5”, “95.37%”) → scaled bigint; null otherwise. */
export function readDecimal(text: string): bigint | null {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*%?$/.exec(halfwidth(text).trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const frac = m[3] ?? "";
  let v = BigInt((m[2] ?? "0").replace(/,/g, "")) * SCALE + BigInt((frac + "000000").slice(0, 6));
  if (frac.length > 6 && frac.charCodeAt(6) >= 53) v += 1n;
  return m[1] === "-" ? -v : v;
}

function decimalsOf(text: string): number {
  const m = /\.(\d+)/.exec(halfwidth(text));
  return m ? m[1].length : 0;
}

/** |a − b| ≤ half a unit of the last decimal written in `as` (a rounded figure agrees with the exact one). */
function agrees(exact: bigint, stated: bigint, statedText: string): boolean {
  const d = Math.min(decimalsOf(statedText), 6);
  const half = SCALE / 10n ** BigInt(d) / 2n;
  const diff = exact > stated ? exact - stated : stated - exact;
  return diff <= half;
}

function scaledToString(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const int = a / SCALE;
  const frac = (a % SCALE).toString().padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`;
}

/** An exact fen amount expressed in a money unit (元, 万元 …) as a plain decimal string. */
function fenInUnit(fen: bigint, unit: string): string | null {
  const exponent: Record<string, number> = { 元: 2, 千元: 5, 万元: 6, 百万元: 8, 亿元: 10 };
  const e = exponent[unit];
  if (e === undefined) return null;
  const neg = fen < 0n;
  const digits = (neg ? -fen : fen).toString().padStart(e + 1, "0");
  const int = digits.slice(0, digits.length - e);
  const frac = digits.slice(digits.length - e).replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`;
}

/** An amount in 元 or 万元 (“92,787,331.00”, “9278.7331”, “12.30万元”) → fen; null when unreadable. */
export function readAmountFen(text: string, unit: "元" | "万元" = "元"): bigint | null {
  let s = halfwidth(text).trim().replace(/^[¥￥]\s*/, "");
  let u: string = unit;
  const m = /^(.*?)\s*(万元|元)$/.exec(s);
  if (m) {
    s = m[1];
    u = m[2];
  }
  if (u === "万元") return moneyTargetToFen(s, "万元");
  return parseYuanToFen(s);
}

function lastDayOfMonth(year: number, month: number): string {
  const days = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return `${year}-${String(month).padStart(2, "0")}-${days}`;
}

/** “1-6月执行情况”, “1～8月执行数” → the month N; null otherwise. */
export function monthOfHeader(text: string): number | null {
  const m = /^1\s*[-－—~～至到]\s*(\d{1,2})\s*月/.exec(halfwidth(text).replace(/\s/g, ""));
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? n : null;
}

// ---------------------------------------------------------------------------
// Canonical rows (actuals.csv, execution.csv, and 一体化 exports with those columns)

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
  note: (severity: Severity, code: string, message: string, messageEn: string, location: Location) => void;
}

/** The period of a canonical row: stated, or inferred from which columns are filled (`inferred`). */
function rowPeriod(ctx: CanonicalRowContext, midyearFilled: boolean, yearendFilled: boolean): { period: Period | null; inferred: boolean } {
  const text = ctx.get("period");
  if (text !== "") {
    const p = readPeriod(text);
    if (!p) ctx.note("error", "canonical.bad_period", `期间无法识别：“${text.slice(0, 20)}”（应为 midyear/yearend、年中/年终），该行未导入`, `period not recognised: “${text.slice(0, 20)}” (midyear or yearend); row skipped`, ctx.at("period"));
    return { period: p, inferred: false };
  }
  return { period: midyearFilled && !yearendFilled ? "midyear" : "yearend", inferred: true };
}

function rowAsOf(ctx: CanonicalRowContext, period: Period): string | null {
  const text = ctx.get("as_of");
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  if (text !== "") ctx.note("warning", "canonical.bad_date", `截至日期无法识别：“${text.slice(0, 20)}”（应为 yyyy-mm-dd）`, `as-of date not recognised: “${text.slice(0, 20)}” (yyyy-mm-dd)`, ctx.at("as_of"));
  if (ctx.headerMonth !== null) return lastDayOfMonth(ctx.year, ctx.headerMonth);
  return period === "yearend" ? `${ctx.year}-12-31` : null;
}

function numberCell(ctx: CanonicalRowContext, col: string, label: string): string | null {
  const v = orNull(ctx.get(col));
  if (v !== null && readDecimal(v) === null) {
    ctx.note("warning", "actual.bad_number", `${label}不是数字：“${v.slice(0, 20)}”（保留原文，不参与计算）`, `${label} is not a number: “${v.slice(0, 20)}” (kept as text, not used)`, ctx.at(col));
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
    ctx.note("error", "actual.no_name", "执行数据行既没有指标编码也没有指标名称，无法对应，未导入", "progress row has neither an indicator id nor a name; skipped", ctx.source);
    return null;
  }
  let likelihood: Likelihood | null = null;
  if (!blank(likelihoodText)) {
    likelihood = readLikelihood(likelihoodText);
    if (!likelihood) ctx.note("warning", "actual.bad_likelihood", `完成目标可能性无法识别：“${likelihoodText.slice(0, 20)}”（应为 确定能/有可能/完全不可能）`, `likelihood not recognised: “${likelihoodText.slice(0, 20)}”`, ctx.at("likelihood"));
  }
  let deviationKinds: DeviationKind[] = [];
  const kindText = get("deviation_kind");
  if (!blank(kindText)) {
    const k = readDeviationKinds(kindText);
    if (k) deviationKinds = k;
    else ctx.note("warning", "actual.bad_deviation_kind", `偏差原因类型无法识别：“${kindText.slice(0, 20)}”（应为 经费/制度/人员/硬件/其他）`, `deviation kind not recognised: “${kindText.slice(0, 20)}”`, ctx.at("deviation_kind"));
  }
  let grade: ActualGrade | null = null;
  const gradeText = get("grade");
  if (!blank(gradeText)) {
    grade = readGrade(gradeText);
    if (!grade) ctx.note("warning", "actual.bad_grade", `完成等级无法识别：“${gradeText.slice(0, 20)}”（应为 达成/部分达成/未达成）`, `grade not recognised: “${gradeText.slice(0, 20)}”`, ctx.at("grade"));
  }
  const naText = get("not_applicable");
  if (naText !== "" && !YES.test(naText) && !NO.test(naText)) {
    ctx.note("warning", "actual.bad_flag", `“不适用”列的值无法识别：“${naText.slice(0, 20)}”（按适用处理）`, `not_applicable value not recognised: “${naText.slice(0, 20)}” (treated as applicable)`, ctx.at("not_applicable"));
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
    if (fen === null) ctx.note("error", "execution.amount_unreadable", `${label}无法识别：“${text.slice(0, 40)}”（应为以元计、至多两位小数的金额）`, `${label} cannot be read: “${text.slice(0, 40)}” (yuan, at most 2 decimals)`, ctx.at(col));
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
    findings.push({ severity: "error", code: "json.bad_entry", message: `${k}[${i}]：缺少单位、年度或期间，未导入`, messageEn: `${k}[${i}]: missing unit, year or period; skipped`, location: { file, row: i + 1 } });
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

// ---------------------------------------------------------------------------
// The 绩效自评表 and 运行监控表 forms

type Field =
  | "l1" | "l2" | "name" | "target" | "actual" | "executed_to_date" | "expected_annual" | "likelihood"
  | "deviation_group" | "deviation_kind" | "deviation_reason" | "corrective_action" | "weight" | "declared_score"
  | "complete_rate" | "grade" | "not_applicable" | "ignore";

const key = (s: string) => halfwidth(s).replace(/[\s:：]/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

const INDICATOR_HEADERS: Record<string, Field> = {
  一级指标: "l1", 一级目标: "l1",
  二级指标: "l2", 二级目标: "l2",
  三级指标: "name", 三级目标: "name", 三级指标名称: "name", 指标名称: "name",
  年度指标值: "target", 指标值: "target", 目标值: "target", 指标目标值: "target", 年度目标值: "target", "年度指标值(a)": "target",
  实际完成值: "actual", "实际完成值(b)": "actual", 全年实际完成值: "actual", 实际完成情况: "actual", 实际值: "actual", 完成值: "actual", 全年完成值: "actual",
  执行情况: "executed_to_date", 截至目前执行情况: "executed_to_date", 目前执行情况: "executed_to_date", 执行进度: "executed_to_date",
  全年预计完成情况: "expected_annual", 全年预计完成: "expected_annual", 预计全年完成: "expected_annual", 预计全年完成情况: "expected_annual", 全年预计完成值: "expected_annual", 预计完成值: "expected_annual",
  完成目标可能性: "likelihood", 完成可能性: "likelihood", 目标完成可能性: "likelihood",
  偏差原因: "deviation_group", 偏差原因类型: "deviation_kind",
  原因说明: "deviation_reason", 偏差原因说明: "deviation_reason", 偏差原因分析: "deviation_reason", 偏差原因分析及改进措施: "deviation_reason", 偏差原因分析及改进措施说明: "deviation_reason",
  纠偏措施: "corrective_action", 改进措施: "corrective_action", 完成目标采取的措施: "corrective_action",
  分值: "weight", 权重: "weight", 指标分值: "weight",
  得分: "declared_score", 自评得分: "declared_score",
  完成率: "complete_rate", 指标完成率: "complete_rate",
  完成等级: "grade", 达成情况: "grade", 评价等级: "grade",
  是否适用: "not_applicable", 不适用: "not_applicable",
  绩效指标: "ignore", 序号: "ignore",
};

const KIND_HEADERS: Record<string, DeviationKind> = { 经费保障: "经费", 制度保障: "制度", 人员保障: "人员", 硬件条件保障: "硬件", 硬件保障: "硬件", 其他: "其他", 其它: "其他" };

type FundField = "budget_initial" | "budget_full_year" | "executed" | "weight" | "declared_rate" | "declared_score";

const FUNDING_HEADERS: Record<string, FundField> = {
  年初预算数: "budget_initial", 年初预算: "budget_initial",
  全年预算数: "budget_full_year", "全年预算数(a)": "budget_full_year", 调整后预算数: "budget_full_year", 全年预算: "budget_full_year",
  全年执行数: "executed", "全年执行数(b)": "executed", 执行数: "executed", 实际执行数: "executed",
  分值: "weight", 执行率: "declared_rate", "执行率(b/a)": "declared_rate", 预算执行率: "declared_rate", 得分: "declared_score",
};

const UNIT_KEYS: Record<string, "unit" | "implementer" | "supervisor" | "project" | "year"> = {
  单位名称: "unit", 部门名称: "unit", 实施单位: "implementer", 主管部门: "supervisor", 项目名称: "project", 年度: "year", 预算年度: "year",
};

const FOOTER = /^(填报人|联系电话|联系人|审核人|单位负责人|财务负责人|填报日期|填表日期|日期|说明|备注|注)/;

function plain(cell: string): string {
  return hasMarkup(cell) ? toParagraphs(cell).join(" ") : cleanText(cell);
}

function indicatorField(cellKey: string): { field: Field; month: number | null } | null {
  const f = INDICATOR_HEADERS[cellKey];
  if (f) return { field: f, month: null };
  const month = monthOfHeader(cellKey);
  if (month !== null && /(执行情况|完成情况|完成值|执行数)$/.test(cellKey)) return { field: "executed_to_date", month };
  return null;
}

/** The progress columns of an indicator header row, or null when the row is not one. */
function indicatorHeader(cells: readonly string[]): { cols: Partial<Record<Field, number>>; month: number | null } | null {
  const cols: Partial<Record<Field, number>> = {};
  let month: number | null = null;
  cells.forEach((c, i) => {
    const f = indicatorField(key(c));
    if (!f) return;
    if (cols[f.field] === undefined) cols[f.field] = i;
    if (f.month !== null) month = f.month;
  });
  const levels = (cols.l1 !== undefined ? 1 : 0) + (cols.name !== undefined ? 1 : 0);
  const progress = ["actual", "expected_annual", "likelihood", "executed_to_date"].some((f) => cols[f as Field] !== undefined);
  return levels >= 1 && progress ? { cols, month } : null;
}

function fundingHeader(cells: readonly string[]): { cols: Partial<Record<FundField, number>>; month: number | null; unit: "元" | "万元" } | null {
  const cols: Partial<Record<FundField, number>> = {};
  let month: number | null = null;
  let unit: "元" | "万元" = "元";
  cells.forEach((c, i) => {
    const k = key(c);
    const m = /\((元|万元)\)/.exec(k);
    if (m) unit = m[1] as "元" | "万元";
    let f = FUNDING_HEADERS[k];
    const n = monthOfHeader(k);
    if (!f && n !== null && /执行数$/.test(k)) {
      f = "executed";
      month = n;
    }
    if (f && cols[f] === undefined) cols[f] = i;
  });
  const budget = cols.budget_full_year !== undefined || cols.budget_initial !== undefined;
  return budget && cols.executed !== undefined ? { cols, month, unit } : null;
}

/** True when the records look like a 绩效自评表 or 运行监控表 (a unit or project name, and an indicator table with progress columns). */
export function looksLikeProgressForm(records: readonly TableRecord[]): boolean {
  let named = false;
  let table = false;
  for (const r of records.slice(0, 400)) {
    const cells = r.cells.map(plain);
    // A canonical table has 单位名称 in its header row; a form has it on a row of its own.
    if (indicatorHeader(cells)) table = true;
    else if (cells.some((c) => UNIT_KEYS[key(c)] && UNIT_KEYS[key(c)] !== "year")) named = true;
    if (named && table) return true;
  }
  return false;
}

function targetScore(text: string, year: number): number {
  const t = parseTarget(text, year);
  return t.kind === "quantitative" || t.kind === "deadline" ? 2 : t.kind === "qualitative" && t.recognised ? 1 : 0;
}

/** How well a cell's text fits a column: used to realign rows whose cells slid sideways. */
function plausibility(field: Field | DeviationKind | undefined, text: string, year: number): number {
  const numeric = readDecimal(text) !== null;
  switch (field) {
    case "target": return targetScore(text, year);
    case "actual": case "executed_to_date": case "expected_annual": return 1;
    case "weight": case "declared_score": case "complete_rate": return numeric ? 2 : -2;
    case "likelihood": return readLikelihood(text) ? 3 : -2;
    case "deviation_kind": return readDeviationKinds(text) ? 2 : -1;
    case "deviation_group": return readDeviationKinds(text) || CHECKED.test(text) ? 2 : numeric ? -1 : 1;
    case "deviation_reason": case "corrective_action": return numeric ? -1 : 1;
    case "grade": return readGrade(text) ? 2 : -1;
    case "not_applicable": return YES.test(text) || NO.test(text) ? 1 : -1;
    case "经费": case "制度": case "人员": case "硬件": case "其他": return CHECKED.test(text) ? 2 : -1;
    default: return -2;
  }
}

/**
 * Reads a 项目支出/部门整体支出绩效自评表 (year-end) or a 绩效目标运行监控表
 * (mid-year): the header block (单位名称, 年度), the funding block (年初预算数,
 * 全年预算数 A, 全年执行数 B, 分值, 执行率, 得分) and the indicator table. Cells are
 * placed by the table's header and by their content, not by row numbers: labels
 * in the wrong column are recognised, a 一级/二级 implied by the rows above is
 * carried down, and a row whose cells slid sideways is realigned.
 */
export function parseProgressForm(records: readonly TableRecord[], file: string, status: DataStatus = "declared"): Dataset {
  const findings: Finding[] = [];
  const note = (severity: Severity, code: string, message: string, messageEn: string, row?: number, column?: number) =>
    findings.push({ severity, code, message, messageEn, location: { file, row, column } });

  let unitName: string | null = null;
  let implementer: string | null = null;
  let supervisor: string | null = null;
  let project: string | null = null;
  let year: number | null = null;
  let titleHint: Period | null = null;
  let section: "head" | "funding" | "between" | "indicators" = "head";
  let fund: ReturnType<typeof fundingHeader> = null;
  let fundCols: { field: FundField; col: number }[] = [];
  const lines: { item: string; values: Partial<Record<FundField, string>>; row: number; cols: Partial<Record<FundField, number>> }[] = [];
  let header: { cols: Partial<Record<Field, number>>; month: number | null } | null = null;
  const kindCols = new Map<number, DeviationKind>();
  let expectSubHeader = false;
  let l1 = "";
  let l2 = "";
  let declaredTotal: string | null = null;
  const rows: { fields: Partial<Record<Field, string>>; kinds: DeviationKind[]; l1: string; l2: string; row: number; column: number }[] = [];

  for (const record of records) {
    const cells = record.cells.map(plain);
    const row = record.row;
    if (cells.every((c) => c === "")) continue;
    const keys = cells.map(key);
    const firstIndex = cells.findIndex((c) => c !== "");
    const first = keys[firstIndex];

    // The title and the year, wherever they stand before the table.
    if (section !== "indicators") {
      const joined = cells.join(" ");
      const ym = joined.match(/((?:19|20)\d{2})\s*年度?/);
      if (/运行监控|执行监控|绩效监控|监控表/.test(joined)) titleHint ??= "midyear";
      else if (/自评/.test(joined)) titleHint ??= "yearend";
      if (ym && year === null && (/表|年度|\(|（/.test(joined) || cells.filter(Boolean).length === 1)) year = Number(ym[1]);
    }

    // Key–value pairs: 单位名称 | X | 项目名称 | Y, anywhere in the row.
    let pairs = 0;
    keys.forEach((k, i) => {
      const field = UNIT_KEYS[k];
      if (!field) return;
      const j = cells.findIndex((c, x) => x > i && c !== "");
      const value = j > i && !UNIT_KEYS[keys[j]] ? cells[j] : "";
      pairs++;
      if (value === "") return;
      if (field === "unit") unitName ??= value;
      else if (field === "implementer") implementer ??= value;
      else if (field === "supervisor") supervisor ??= value;
      else if (field === "project") project ??= value;
      else {
        const y = value.match(/(?:19|20)\d{2}/);
        if (y) year = Number(y[0]);
      }
    });
    if (pairs) continue;

    const fh = fundingHeader(cells);
    if (fh && section !== "indicators") {
      fund = fh;
      fundCols = (Object.entries(fh.cols) as [FundField, number][]).map(([field, col]) => ({ field, col })).sort((a, b) => a.col - b.col);
      section = "funding";
      continue;
    }
    const ih = indicatorHeader(cells);
    if (ih) {
      if (header) note("info", "layout.repeated_header", "分页处重复的表头，已跳过", "table header repeated after a page break; skipped", row, 1);
      else header = ih;
      section = "indicators";
      expectSubHeader = true;
      continue;
    }

    if (section === "funding") {
      // A label and amounts; the first row that holds no amount (and is no funding label) ends the block.
      const unit = fund!.unit;
      const numeric = (c: string) => readAmountFen(c, unit) !== null || readDecimal(c) !== null || PLACEHOLDER.test(c);
      const labelled = !numeric(cells[firstIndex]);
      const item = labelled ? cells[firstIndex].replace(/^其中\s*[:：]?\s*/, "") : "";
      const valueCells = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => c !== "" && !(labelled && i === firstIndex));
      const fundingLabel = /资金|拨款|总额|合计|总计|其他|其它|结转|预算/.test(item);
      if (valueCells.length && (valueCells.some((v) => numeric(v.c)) || fundingLabel)) {
        const values: Partial<Record<FundField, string>> = {};
        if (valueCells.every((v) => fundCols.some((f) => f.col === v.i))) {
          for (const f of fundCols) if ((cells[f.col] ?? "") !== "") values[f.field] = cells[f.col];
        } else {
          // Cells slid sideways: take them in order.
          valueCells.slice(0, fundCols.length).forEach(({ c }, k) => (values[fundCols[k].field] = c));
          note("info", "layout.shifted", `资金行“${item}”的数值不在表头对应的列，已按顺序识别`, `funding row “${item}”: values stand outside their columns; read in order`, row, valueCells[0].i + 1);
        }
        lines.push({ item, values, row, cols: fund!.cols });
        continue;
      }
      section = "between";
    }

    if (section !== "indicators" || !header) {
      if (section === "head" && firstIndex >= 0 && !/表$/.test(cells[firstIndex]) && !/^[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$/.test(cells[firstIndex])) {
        note("info", "form.unknown_row", `未识别的行：“${cells.filter(Boolean).join(" | ").slice(0, 60)}”`, "row not recognised; skipped", row, firstIndex + 1);
      }
      continue;
    }

    // ---- indicator table ----
    const cols = header.cols;
    // A second header row: the 偏差原因 kinds (经费保障 | 制度保障 | …) under the group.
    if (expectSubHeader) {
      expectSubHeader = false;
      const kinds = keys.map((k) => KIND_HEADERS[k]);
      if (kinds.filter(Boolean).length >= 2) {
        kinds.forEach((k, i) => { if (k) kindCols.set(i, k); });
        continue;
      }
    }
    if (/^(总分|合计|总计|得分合计|综合得分)$/.test(first)) {
      const nums = cells.filter((c, i) => i > firstIndex && readDecimal(c) !== null);
      if (nums.length) declaredTotal = nums[nums.length - 1];
      continue;
    }
    if (FOOTER.test(first)) continue;

    const nameCol = cols.name ?? 2;
    const l2Col = cols.l2 ?? 1;
    const rest: { text: string; col: number }[] = [];
    let explicitLevel1 = false;
    cells.forEach((text, col) => {
      if (text === "") return;
      const labelZone = col <= nameCol && rest.length === 0;
      if (labelZone && INDICATOR_HEADERS[key(text)] === "ignore") return; // the merged 绩效指标 column
      const level2Like = labelZone && (isKnownLevel2(text) || (col <= l2Col && looksLikeLevel2(text)));
      const asLevel2 = level2Like && (admits(l1, text) || !isLevel1Label(text));
      if (labelZone && isLevel1Label(text) && !asLevel2) {
        l1 = text;
        l2 = "";
        explicitLevel1 = true;
        if (cols.l1 !== undefined && col !== cols.l1) note("info", "layout.shifted", `一级指标“${text}”不在一级列，已按内容识别`, `一级 label “${text}” sits outside its column; placed by content`, row, col + 1);
      } else if (asLevel2) {
        const parent = parentOf(text);
        if (!explicitLevel1 && parent && parent !== l1 && !admits(l1, text)) {
          note("info", "layout.implied_level1", `二级指标“${text}”属于“${parent}”，一级指标按内容补全`, `二级 “${text}” belongs to “${parent}”; 一级 completed from content`, row, col + 1);
          l1 = parent;
        }
        l2 = text;
        if (col !== l2Col) note("info", "layout.shifted", `二级指标“${text}”不在二级列，已按内容识别`, `二级 label “${text}” sits outside its column; placed by content`, row, col + 1);
      } else rest.push({ text, col });
    });
    if (!rest.length) continue;

    // The name: the first cell left of the data, or the first text cell.
    const y = year ?? 2000;
    const firstCell = rest[0];
    const dataLike = readDecimal(firstCell.text) !== null || CHECKED.test(firstCell.text) || (firstCell.col > nameCol && targetScore(firstCell.text, y) === 2);
    if (dataLike) {
      note("error", "actual.no_name", `第 ${row} 行有数值“${firstCell.text.slice(0, 20)}”却没有三级指标名称，无法对应，未导入`, `row ${row} holds “${firstCell.text.slice(0, 20)}” but no 三级 name; skipped`, row, firstCell.col + 1);
      continue;
    }
    const name = firstCell;
    const others = rest.slice(1);
    if (name.col !== nameCol) note("info", "layout.shifted", `三级指标“${name.text}”位于第 ${name.col + 1} 列，已按内容识别`, `三级 “${name.text}” sits in column ${name.col + 1}; placed by content`, row, name.col + 1);

    // Where the other cells belong: the shift that fits their content best (0 when tied).
    const fieldAt = new Map<number, Field | DeviationKind>();
    for (const [f, c] of Object.entries(cols) as [Field, number][]) if (f !== "l1" && f !== "l2" && f !== "name" && f !== "ignore") fieldAt.set(c, f);
    for (const [c, k] of kindCols) fieldAt.set(c, k);
    // Ties go to the name's own shift (the row slid as a whole), then to no shift.
    const candidates = [name.col - nameCol, 0, -1, 1, -2, 2, -3, 3];
    let best = 0;
    let bestScore = -Infinity;
    for (const d of candidates) {
      const sc = others.reduce((s, o) => s + plausibility(fieldAt.get(o.col - d), o.text, y), 0);
      if (sc > bestScore) {
        best = d;
        bestScore = sc;
      }
    }
    if (best !== 0 && others.length) note("info", "layout.shifted", `“${name.text}”一行的数值偏离表头 ${Math.abs(best)} 列，已按内容对齐`, `row of “${name.text}”: values stand ${Math.abs(best)} column(s) off the header; realigned by content`, row, others[0].col + 1);
    const fields: Partial<Record<Field, string>> = { name: name.text };
    const kinds: DeviationKind[] = [];
    for (const o of others) {
      const f = fieldAt.get(o.col - best);
      if (f === undefined) {
        note("warning", "layout.extra_cells", `“${name.text}”一行第 ${o.col + 1} 列的“${o.text.slice(0, 20)}”对应不到任何表头，已忽略`, `row of “${name.text}”: “${o.text.slice(0, 20)}” in column ${o.col + 1} fits no header; ignored`, row, o.col + 1);
      } else if ((DEVIATION_KINDS as readonly string[]).includes(f)) {
        if (CHECKED.test(o.text)) kinds.push(f as DeviationKind);
      } else fields[f as Field] = fields[f as Field] ? `${fields[f as Field]} ${o.text}` : o.text;
    }
    rows.push({ fields, kinds, l1, l2, row, column: name.col + 1 });
  }

  const name = unitName ?? implementer ?? supervisor;
  if (!name) throw new ImportError(`${file}：找不到单位名称（单位名称、部门名称或实施单位）`, `${file}: no 单位名称 found`, { file });
  if (year === null) throw new ImportError(`${file}：找不到年度（如“(2026 年度)”）`, `${file}: no year found (e.g. “(2026 年度)”)`, { file });
  if (!header) throw new ImportError(`${file}：找不到指标表头`, `${file}: no indicator table header found`, { file });
  if (project) note("info", "progress.project_form", `项目支出自评表（项目：${project}），按单位“${name}”的申报指标对应`, `project form (${project}); matched against the declaration of “${name}”`, undefined);

  const cols = header.cols;
  const period: Period =
    cols.actual !== undefined && (cols.expected_annual === undefined && cols.likelihood === undefined) ? "yearend"
    : cols.actual === undefined ? "midyear"
    : titleHint ?? "yearend";
  const month = header.month ?? fund?.month ?? null;
  const asOf = period === "yearend" ? `${year}-12-31` : month !== null ? lastDayOfMonth(year, month) : null;
  const uid = unitId(name);

  const actuals: Actual[] = rows.map((r) => {
    const f = r.fields;
    const get = (k: Field) => orNull(f[k] ?? "");
    const kinds = [...r.kinds];
    let reason = get("deviation_reason");
    const group = get("deviation_group");
    if (group) {
      const k = readDeviationKinds(group);
      if (k && k.length) for (const x of k) { if (!kinds.includes(x)) kinds.push(x); }
      else if (!CHECKED.test(group)) reason = reason ? `${group} ${reason}` : group;
    }
    const kindText = get("deviation_kind");
    if (kindText) {
      const k = readDeviationKinds(kindText);
      if (k) for (const x of k) { if (!kinds.includes(x)) kinds.push(x); }
      else note("warning", "actual.bad_deviation_kind", `偏差原因类型无法识别：“${kindText.slice(0, 20)}”`, `deviation kind not recognised: “${kindText.slice(0, 20)}”`, r.row);
    }
    const likelihoodText = get("likelihood");
    const likelihood = likelihoodText ? readLikelihood(likelihoodText) : null;
    if (likelihoodText && !likelihood) note("warning", "actual.bad_likelihood", `完成目标可能性无法识别：“${likelihoodText.slice(0, 20)}”（应为 确定能/有可能/完全不可能）`, `likelihood not recognised: “${likelihoodText.slice(0, 20)}”`, r.row, (cols.likelihood ?? 0) + 1);
    for (const [k, label] of [["weight", "分值"], ["declared_score", "得分"], ["complete_rate", "完成率"]] as const) {
      const v = get(k);
      if (v !== null && readDecimal(v) === null) note("warning", "actual.bad_number", `“${f.name}”的${label}不是数字：“${v.slice(0, 20)}”（保留原文，不参与计算）`, `${label} of “${f.name}” is not a number: “${v.slice(0, 20)}”`, r.row, (cols[k] ?? 0) + 1);
    }
    const gradeText = get("grade");
    const actualText = get("actual");
    return {
      indicatorId: null, unitId: uid, unitName: name, year: year!, period, asOf,
      level1: r.l1, level2: r.l2, name: f.name ?? null, target: get("target"),
      executedToDate: get("executed_to_date"), expectedAnnual: get("expected_annual"), likelihood,
      deviationKinds: kinds, deviationReason: reason, correctiveAction: get("corrective_action"),
      actual: actualText, completeRate: get("complete_rate"), weight: get("weight"), declaredScore: get("declared_score"),
      grade: gradeText ? readGrade(gradeText) : null,
      notApplicable: (get("not_applicable") !== null && YES.test(get("not_applicable")!)) || actualText === "不适用",
      status, source: { file, row: r.row, column: r.column },
    };
  });

  const execution: ExecutionLine[] = [];
  lines.forEach((l, i) => {
    const amount = (f: FundField, label: string) => {
      const text = l.values[f];
      if (text === undefined || blank(text)) return null;
      const fen = readAmountFen(text, fund!.unit);
      if (fen === null) note("error", "execution.amount_unreadable", `${l.item}的${label}无法识别：“${text.slice(0, 40)}”`, `${label} of ${l.item} cannot be read: “${text.slice(0, 40)}”`, l.row, (l.cols[f] ?? 0) + 1);
      return fen;
    };
    const num = (f: FundField) => (l.values[f] === undefined || blank(l.values[f]!) ? null : l.values[f]!);
    const isTotal = /总额|合计|总计/.test(l.item) || (i === 0 && !lines.some((x) => /总额|合计|总计/.test(x.item)));
    execution.push({
      unitId: uid, unitName: name, year: year!, period, asOf, item: isTotal && l.item === "" ? "年度资金总额" : l.item || "年度资金总额",
      budgetInitialFen: amount("budget_initial", "年初预算数"), budgetFullYearFen: amount("budget_full_year", "全年预算数"), executedFen: amount("executed", "执行数"),
      declaredRate: num("declared_rate"), weight: num("weight"), declaredScore: num("declared_score"), declaredTotal: isTotal ? declaredTotal : null,
      status, source: { file, row: l.row },
    });
  });
  if (declaredTotal !== null && !execution.length) note("info", "progress.total_unused", `表中的总分 ${declaredTotal} 没有资金行可附，仅作参考`, `declared total ${declaredTotal} has no funding row to attach to`, undefined);
  if (!actuals.length) note("warning", "progress.no_rows", "执行表中没有指标行", "the progress form has no indicator rows", undefined);

  return { units: [], budget: [], tasks: [], indicators: [], findings, actuals, execution };
}

// ---------------------------------------------------------------------------
// Matching actuals to the declared indicators

/** Whitespace-normalised text for matching names (all whitespace, full-width too, removed). */
export function matchKey(s: string | null | undefined): string {
  return (s ?? "").replace(/[\s\u3000\u00a0]+/g, "");
}

export type LinkState = "matched" | "undeclared" | "unmatched" | "duplicate";

export interface LinkedActual {
  actual: Actual;
  /** The declared indicator (or, when the unit-year has no declaration, one built from the progress row). */
  indicator: Indicator | null;
  state: LinkState;
  /** The value scored in this period, read against the indicator's target. */
  value: ActualValue;
  /** The text that value was read from (实际完成值 at year end, 全年预计完成 at mid-year). */
  valueText: string | null;
}

export interface LinkResult {
  linked: LinkedActual[];
  findings: Finding[];
}

const PERIOD_ZH: Record<Period, string> = { midyear: "年中运行监控", yearend: "年终自评" };

/** The text a period's score is read from: 实际完成值 at year end, 全年预计完成情况 at mid-year (a projection). */
export function scoredText(a: Actual): string | null {
  return a.period === "yearend" ? a.actual : a.expectedAnnual;
}

function targetsAgree(a: ParsedTarget, b: ParsedTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "quantitative" && b.kind === "quantitative") return a.op === b.op && readDecimal(a.value) === readDecimal(b.value) && (a.unit ?? "") === (b.unit ?? "");
  if (a.kind === "deadline" && b.kind === "deadline") return a.date === b.date;
  if (a.kind === "qualitative" && b.kind === "qualitative") return matchKey(a.text) === matchKey(b.text);
  return true;
}

/**
 * Reads a reported value against a target: numbers exactly (a money amount in
 * another unit converted exactly), dates for deadlines, grades for qualitative
 * targets. Returns the value and, when the reading is not plain, a note.
 */
export function readActualValue(
  text: string | null,
  grade: ActualGrade | null,
  target: ParsedTarget,
  year: number,
): { value: ActualValue; note?: { severity: Severity; code: string; zh: string; en: string } } {
  if (blank(text) && !grade) return { value: { kind: "missing" } };
  const t = (text ?? "").trim();
  if (target.kind === "quantitative") {
    if (blank(t)) return { value: { kind: "missing" }, note: { severity: "warning", code: "actual.no_number", zh: `定量指标只填了等级“${grade}”，没有数值，不计分`, en: `quantitative indicator given only the grade “${grade}”, no number; not scored` } };
    const direct = readDecimal(t);
    if (direct !== null) return { value: { kind: "number", value: scaledToString(direct) } };
    const p = parseTarget(t, year);
    if (p.kind === "quantitative") {
      let value = p.value;
      let note: { severity: Severity; code: string; zh: string; en: string } | undefined;
      const tf = unitFamily(target.unit);
      const af = unitFamily(p.unit);
      if (p.unit && target.unit && tf === "money" && af === "money" && p.unit !== target.unit) {
        const fen = moneyTargetToFen(p.value, p.unit);
        const converted = fen === null ? null : fenInUnit(fen, target.unit);
        if (converted !== null) {
          value = converted;
          note = { severity: "info", code: "actual.unit_converted", zh: `实际值“${t}”已按指标单位换算为 ${converted}${target.unit}`, en: `actual “${t}” converted exactly to ${converted} ${target.unit}` };
        }
      } else if (p.unit && target.unit && af && tf && af !== tf && af !== "other" && tf !== "other") {
        note = { severity: "warning", code: "actual.unit_mismatch", zh: `实际值“${t}”的单位与指标值（${target.unit}）不同，按数值 ${p.value} 评分`, en: `unit of actual “${t}” differs from the target's (${target.unit}); scored as ${p.value}` };
      }
      if (p.op !== "=" && !note) note = { severity: "info", code: "actual.operator_dropped", zh: `实际值“${t}”带比较符号，按数值 ${p.value} 评分`, en: `actual “${t}” carries an operator; scored as ${p.value}` };
      return { value: { kind: "number", value }, ...(note ? { note } : {}) };
    }
    return { value: { kind: "number", value: t }, note: { severity: "warning", code: "actual.unreadable", zh: `实际值“${t.slice(0, 30)}”不是可识别的数值，不计分`, en: `actual “${t.slice(0, 30)}” is not a readable number; not scored` } };
  }
  if (target.kind === "deadline") {
    const stripped = halfwidth(t).replace(/\s/g, "").replace(/^(已于|已在|于|在)/, "").replace(/(已完成|完成|办结|完工)$/, "");
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(stripped) || /^(\d{4}年)?\d{1,2}月(\d{1,2}[日号]|底|末)$/.test(stripped)) {
      const p = parseTarget(stripped, year);
      if (p.kind === "deadline") return { value: { kind: "date", date: p.date } };
    }
    const word = halfwidth(t).replace(/\s/g, "");
    if (/^(按时|按期|如期|提前)(完成)?$/.test(word) || (blank(t) && grade === "达成")) {
      return { value: { kind: "date", date: target.date }, note: { severity: "info", code: "actual.date_inferred", zh: `“${t || grade}”未写完成日期，按期限 ${target.date} 当日完成计`, en: `“${t || grade}” gives no date; taken as done on the deadline ${target.date}` } };
    }
    if (/^(逾期|延期|未按时|未按期|超期|推迟)/.test(word) || /^(未完成|未达成)$/.test(word) || (blank(t) && grade === "未达成")) {
      const d = new Date(`${target.date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      const late = d.toISOString().slice(0, 10);
      return { value: { kind: "date", date: late }, note: { severity: "info", code: "actual.date_inferred", zh: `“${t || grade}”未写完成日期，按逾期（${late}）计`, en: `“${t || grade}” gives no date; taken as late (${late})` } };
    }
    return { value: { kind: "date", date: t }, note: { severity: "warning", code: "actual.unreadable", zh: `期限指标的实际值“${t.slice(0, 30)}”不是可识别的日期，不计分`, en: `actual “${t.slice(0, 30)}” of a deadline indicator is not a readable date; not scored` } };
  }
  // Qualitative, or an item with no target: a grade.
  if (grade) return { value: { kind: "grade", grade } };
  const g = readGrade(t);
  if (g) return { value: { kind: "grade", grade: g } };
  if (target.kind === "qualitative" && (matchKey(t) === matchKey(target.text) || matchKey(t.replace(/[。.]$/, "")) === matchKey(target.text))) {
    return { value: { kind: "grade", grade: "达成" }, note: { severity: "info", code: "actual.grade_inferred", zh: `实际值“${t}”与年度指标值一致，按“达成”计`, en: `actual “${t}” repeats the target; taken as 达成` } };
  }
  return { value: { kind: "missing" }, note: { severity: "warning", code: "actual.grade_needed", zh: `定性指标的实际值“${t.slice(0, 30)}”无法判定等级，请填写 达成/部分达成/未达成，暂不计分`, en: `qualitative actual “${t.slice(0, 30)}” has no grade (达成/部分达成/未达成); not scored` } };
}

function hasValue(a: Actual): boolean {
  return a.notApplicable || !blank(scoredText(a)) || a.grade !== null || (a.period === "midyear" && (a.likelihood !== null || !blank(a.executedToDate)));
}

/**
 * Matches each actual to a declared indicator of its unit and year: by id, else
 * by (一级, 二级, 三级) after whitespace normalisation. An actual that matches
 * nothing is `actual.unmatched`; a declared indicator with nothing reported in a
 * period the unit reported is `actual.missing` (未填报). When a unit-year has no
 * declaration at all, its progress rows stand for the indicators (targets from
 * the progress file) and one `actual.no_declaration` says so.
 */
/** A unit's own indicators are scoped by the unit; a project's by the project (its id is unique across units). */
const scopeOf = (x: { unitId: string; projectId?: string | null }): string => x.projectId ?? x.unitId;

export function linkProgress(data: Dataset): LinkResult {
  const findings: Finding[] = [];
  const f = (severity: Severity, code: string, message: string, messageEn: string, location: Location, subject?: string) =>
    findings.push({ severity, code, message, messageEn, location, ...(subject ? { subject } : {}) });
  const actuals = data.actuals ?? [];
  const declared = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    const k = `${scopeOf(ind)}|${ind.year}`;
    const list = declared.get(k);
    if (list) list.push(ind);
    else declared.set(k, [ind]);
  }
  const byId = new Map<string, Indicator>();
  const byName = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    byId.set(`${scopeOf(ind)}|${ind.year}|${ind.id}`, ind);
    const nk = `${scopeOf(ind)}|${ind.year}|${matchKey(ind.level1)}|${matchKey(ind.level2)}|${matchKey(ind.name)}`;
    const list = byName.get(nk);
    if (list) list.push(ind);
    else byName.set(nk, [ind]);
  }
  const unitNames = new Map<string, string>();
  for (const u of data.units) unitNames.set(u.id, u.name);
  for (const a of actuals) if (a.unitName) unitNames.set(a.unitId, a.unitName);
  for (const e of data.execution ?? []) if (e.unitName) unitNames.set(e.unitId, e.unitName);

  const taken = new Set<string>(); // unit|year|period|indicator id
  const noDeclarationNoted = new Set<string>();
  const linked: LinkedActual[] = [];
  for (const a of actuals) {
    const uy = `${scopeOf(a)}|${a.year}`;
    const label = a.name ?? a.level2 ?? a.indicatorId ?? "";
    let indicator: Indicator | null = null;
    let state: LinkState;
    if (!declared.has(uy)) {
      state = "undeclared";
      const unitName = unitNames.get(a.unitId) ?? a.unitId;
      indicator = {
        id: a.indicatorId ?? indicatorId(unitName, a.level1, a.level2, a.name), unitId: a.unitId, year: a.year, order: 0,
        level1: a.level1, level2: a.level2, name: a.name, target: a.target, parsed: parseTarget(a.target, a.year), note: null, source: a.source,
        ...(a.projectId ? { projectId: a.projectId } : {}),
      };
      const nk = `${uy}|${a.period}|${a.source.file}`;
      if (!noDeclarationNoted.has(nk)) {
        noDeclarationNoted.add(nk);
        f("info", "actual.no_declaration", `没有读到 ${unitName} ${a.year} 年度的申报表，${PERIOD_ZH[a.period]}按执行文件自带的年度指标值评分`, `no declaration of ${unitName} for ${a.year} was read; the ${a.period} figures are scored against the targets in the progress file`, { file: a.source.file });
      }
    } else {
      if (a.indicatorId) indicator = byId.get(`${uy}|${a.indicatorId}`) ?? null;
      if (!indicator) {
        const candidates = byName.get(`${uy}|${matchKey(a.level1)}|${matchKey(a.level2)}|${matchKey(a.name)}`) ?? [];
        indicator = candidates.find((c) => !taken.has(`${uy}|${a.period}|${c.id}`)) ?? candidates[0] ?? null;
        if (indicator && a.indicatorId) f("warning", "actual.id_mismatch", `指标编码“${a.indicatorId}”不在申报表中，已按名称对应到“${label}”`, `indicator id “${a.indicatorId}” is not declared; matched “${label}” by name`, a.source, indicator.id);
      }
      if (!indicator) {
        state = "unmatched";
        f("warning", "actual.unmatched", `“${[a.level1, a.level2, label].filter(Boolean).join("/")}”与 ${a.year} 年度申报的指标都对不上（按编码或一级/二级/三级名称），未计分`, `“${[a.level1, a.level2, label].filter(Boolean).join("/")}” matches no indicator declared for ${a.year} (by id or by 一级/二级/三级 name); not scored`, a.source);
      } else if (taken.has(`${uy}|${a.period}|${indicator.id}`)) {
        state = "duplicate";
        f("warning", "actual.duplicate", `“${label}”在${PERIOD_ZH[a.period]}中重复填报，只采用第一次出现的一行`, `“${label}” is reported twice for ${a.period}; the first row is used`, a.source, indicator.id);
      } else {
        state = "matched";
        taken.add(`${uy}|${a.period}|${indicator.id}`);
        if (a.target && indicator.target && matchKey(a.target) !== matchKey(indicator.target) && !targetsAgree(parseTarget(a.target, a.year), indicator.parsed)) {
          f("warning", "actual.target_differs", `“${label}”执行文件中的年度指标值“${a.target}”与申报的“${indicator.target}”不同，按申报值评分`, `target of “${label}” in the progress file (“${a.target}”) differs from the declared “${indicator.target}”; the declared one is used`, a.source, indicator.id);
        }
      }
    }
    let value: ActualValue = { kind: "missing" };
    if (indicator && state !== "unmatched" && state !== "duplicate") {
      const read = readActualValue(scoredText(a), a.grade, indicator.parsed, a.year);
      value = read.value;
      if (read.note && !a.notApplicable) f(read.note.severity, read.note.code, `“${label}”：${read.note.zh}`, `“${label}”: ${read.note.en}`, a.source, indicator.id);
    }
    linked.push({ actual: a, indicator, state, value, valueText: scoredText(a) });
  }

  // 未填报: declared indicators with nothing reported in a period the unit reported.
  const periods = new Map<string, Set<Period>>();
  for (const x of [...actuals, ...(data.execution ?? [])]) {
    const k = `${scopeOf(x)}|${x.year}`;
    const set = periods.get(k) ?? new Set<Period>();
    set.add(x.period);
    periods.set(k, set);
  }
  const reported = new Map<string, LinkedActual>();
  for (const l of linked) if (l.state === "matched" && l.indicator) reported.set(`${l.actual.period}|${l.indicator.id}|${l.indicator.year}`, l);
  for (const [uy, ps] of periods) {
    const inds = declared.get(uy);
    if (!inds) continue;
    for (const period of PERIODS) {
      if (!ps.has(period)) continue;
      for (const ind of inds) {
        if (ind.name === null && ind.parsed.kind === "none") continue; // 投入管理 items: not reported, not scored
        const l = reported.get(`${period}|${ind.id}|${ind.year}`);
        if (l && hasValue(l.actual)) continue;
        const what = period === "yearend" ? "实际完成值" : "全年预计完成情况";
        f("warning", "actual.missing", `“${ind.name ?? ind.level2}”没有${PERIOD_ZH[period]}的${what}（未填报），不计为 0 分，也不计为达成`, `“${ind.name ?? ind.level2}” has no ${period} figure (not reported); neither scored as zero nor as met`, l ? l.actual.source : ind.source, ind.id);
      }
    }
  }
  return { linked, findings };
}

/** The dataset with matched actuals carrying their declared indicator's id, and the matching findings appended. */
export function withLinkedProgress(data: Dataset): Dataset {
  if (!data.actuals?.length && !data.execution?.length) return data;
  const { linked, findings } = linkProgress(data);
  return {
    ...data,
    actuals: linked.map((l) => (l.indicator && (l.state === "matched" || l.state === "duplicate") ? { ...l.actual, indicatorId: l.indicator.id } : l.actual)),
    findings: [...data.findings, ...findings],
  };
}

// ---------------------------------------------------------------------------
// Scoring per unit and period

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
  const f = (severity: Severity, code: string, message: string, messageEn: string, location: Location, subject?: string) =>
    findings.push({ severity, code, message, messageEn, location, ...(subject ? { subject } : {}) });
  const groups = new Map<string, { unitId: string; scope: string; projectId: string | null; year: number; period: Period }>();
  const add = (x: { unitId: string; projectId?: string | null; year: number; period: Period }) =>
    groups.set(`${scopeOf(x)}|${x.year}|${x.period}`, { unitId: x.unitId, scope: scopeOf(x), projectId: x.projectId ?? null, year: x.year, period: x.period });
  for (const a of data.actuals ?? []) add(a);
  for (const e of data.execution ?? []) add(e);
  const projectNames = new Map((data.projects ?? []).map((p) => [p.id, p.name]));
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
          f("warning", "actual.duplicate", `“${rows[i].indicator.name ?? rows[i].indicator.level2}”重复填报，只采用第一次出现的一行`, `“${rows[i].indicator.name}” reported twice; the first row is used`, rows[i].link!.actual.source);
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
          f("warning", "execution.rate_differs", `填报的执行率 ${total.declaredRate} 与 全年执行数/全年预算数 = ${ex.rate}% 不符`, `stated execution rate ${total.declaredRate} differs from B/A = ${ex.rate}%`, total.source, uid);
        }
      }
      if (period === "yearend" && ex?.score && total.declaredScore && readDecimal(total.declaredScore) !== null && !agrees(readDecimal(ex.score)!, readDecimal(total.declaredScore)!, total.declaredScore)) {
        f("info", "execution.score_differs", `预算执行率自评得分 ${total.declaredScore} 与按规则计算的 ${ex.score} 不同`, `declared execution score ${total.declaredScore} differs from the rule's ${ex.score}`, total.source, uid);
      }
    }
    const result = scoreUnit(inputs, budget, options);
    if (total?.declaredTotal && readDecimal(total.declaredTotal) !== null && readDecimal(total.declaredTotal) !== readDecimal(result.total)) {
      f("info", "score.total_differs", `自评总分 ${total.declaredTotal} 与按规则计算的 ${result.total} 不同（两者并列显示）`, `declared total ${total.declaredTotal} differs from the rule's ${result.total} (both shown)`, total.source, uid);
    }
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
            f("info", "actual.complete_rate_differs", `“${indicator.name}”填报的完成率 ${a.completeRate} 与 实际值/指标值 = ${scaledToString((exact + 5000n) / 10000n * 10000n)}% 不符（以实际完成值为准）`, `stated completion rate ${a.completeRate} of “${indicator.name}” differs from actual/target; the actual is used`, a.source, indicator.id);
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
