// The checks a finance-bureau reviewer makes of a declaration. Each returns
// findings (never throws); the importer appends them to what it found while reading.
import type { BudgetLine, Dataset, Finding, Indicator, Severity } from "./model.ts";
import { finding, type FindingCode, type ParamsOf } from "./findingText.ts";
import { sumFen } from "./money.ts";
import { moneyTargetToFen, unitFamily } from "./target.ts";
import { ITEM_LEVEL1 } from "./vocabulary.ts";


/**
 * The checks of a whole declaration (not of one indicator) and their severities. The bulk route's SQL
 * raises these itself (src/explore/sql.ts bulkDeclarationFindingsSql), with these severities; a unit
 * read from an indicators table draws unit.no_duties and unit.no_goals (it has neither).
 */
export const DECLARATION_CHECKS = {
  "unit.no_duties": "warning",
  "unit.no_goals": "warning",
  "indicator.duplicate_name": "warning",
  "indicator.missing_level1": "warning",
} as const satisfies Partial<Record<FindingCode, Severity>>;

/** Which measure a name asks for, read from how Chinese indicator names are built. */
function expectedFamily(ind: Indicator): "percent" | "count" | "money" | null {
  const n = ind.name ?? "";
  if (/(率|满意度|知晓度|覆盖面|占比|比例|比重)$/.test(n)) return "percent";
  if (/(预算控制数|成本|经费|金额|资金|单价|费用)/.test(n) || ind.level2 === "成本指标") return "money";
  if (/(数|数量|次数|场次|人次|完成量|个数)$/.test(n)) return "count";
  return null;
}

/**
 * The unit's projects against its declared 项目支出: their declared totals add up
 * to it, or a finding says by how much they differ (more than declared is an
 * error; less is said as "not all projects loaded" when fewer were read).
 */
function checkProjectBudgets(unit: Dataset["units"][number], lines: readonly BudgetLine[], projectLines: readonly BudgetLine[], data: Dataset): Finding[] {
  const declared = lines.find((b) => b.kind === "structure" && b.item === "项目支出");
  const totals = new Map<string, bigint>();
  for (const b of projectLines) if (b.kind === "total" && !totals.has(b.projectId!)) totals.set(b.projectId!, b.amountFen);
  if (!declared || !totals.size) return [];
  const sum = sumFen(totals.values());
  if (sum === declared.amountFen) return [];
  const n = (data.projects ?? []).filter((p) => p.unitId === unit.id && p.year === unit.year).length;
  return sum > declared.amountFen
    ? [finding("error", "budget.projects_exceed", { n, sum: String(sum), declared: String(declared.amountFen) }, declared.source, declared.id)]
    : [finding("info", "budget.projects_partial", { n, sum: String(sum), declared: String(declared.amountFen) }, declared.source, declared.id)];
}

export function checkBudget(data: Dataset): Finding[] {
  const out: Finding[] = [];
  for (const unit of data.units) {
    const all = data.budget.filter((b) => b.unitId === unit.id && b.year === unit.year);
    // A project's declared funding is the project's, not the unit's budget: reconciled against 项目支出 below.
    const lines = all.filter((b) => !b.projectId);
    out.push(...checkProjectBudgets(unit, lines, all.filter((b) => b.projectId), data));
    const total = lines.find((b) => b.kind === "total");
    const where = total?.source ?? unit.source;
    if (!total) {
      if (lines.length) out.push(finding("warning", "budget.no_total", {}, unit.source, unit.id));
    } else {
      for (const kind of ["source", "structure"] as const) {
        const parts = lines.filter((b) => b.kind === kind);
        if (!parts.length) {
          // Only for canonical tables with no form kind (the bundled template's layout): a form says it itself, where it
          // prints one group without the other (src/core/reader/read.ts checkGroups); most templates have neither.
          if (unit.formKind === undefined) out.push(finding("warning", kind === "source" ? "budget.no_source" : "budget.no_structure", {}, where, total.id));
          continue;
        }
        const sum = sumFen(parts.map((p) => p.amountFen));
        if (sum !== total.amountFen) {
          out.push(finding("error", kind === "source" ? "budget.source_mismatch" : "budget.structure_mismatch", { sum: String(sum), total: String(total.amountFen) }, where, total.id));
        }
      }
    }
    for (const b of lines) {
      if (b.amountFen < 0n) out.push(finding("error", "budget.negative", { item: b.item, amount: String(b.amountFen) }, b.source, b.id));
      if (b.amountFen >= 100_000_000_000_00n) out.push(finding("warning", "budget.implausible", { item: b.item, amount: String(b.amountFen) }, b.source, b.id));
    }
    const basic = lines.find((b) => b.kind === "structure" && b.item === "基本支出");
    if (unit.staffCount === 0 && basic && basic.amountFen > 0n) {
      out.push(finding("warning", "unit.zero_staff", { basic: String(basic.amountFen) }, unit.source, unit.id));
    }
    if (unit.orgCount === 0) out.push(finding("info", "unit.zero_orgs", {}, unit.source, unit.id));
    // 单位职责 and 年度履职目标 are fields of the bundled 申报表 template; other forms (projects above all) have none to fill.
    // A form that prints them empty is said by the reader (unit.no_duties / unit.no_goals); here, tables with no form kind.
    if (unit.formKind !== undefined) continue;
    if (!unit.duties.length) out.push(finding(DECLARATION_CHECKS["unit.no_duties"], "unit.no_duties", {}, unit.source, unit.id));
    if (!unit.goals.length) out.push(finding(DECLARATION_CHECKS["unit.no_goals"], "unit.no_goals", {}, unit.source, unit.id));
  }
  return out;
}

export function checkIndicators(data: Dataset): Finding[] {
  const out: Finding[] = [];
  const totals = new Map(data.budget.filter((b) => b.kind === "total").map((b) => [`${b.unitId}|${b.year}`, b.amountFen]));
  const byUnit = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    const k = `${ind.unitId}|${ind.year}`;
    byUnit.set(k, [...(byUnit.get(k) ?? []), ind]);
  }
  for (const [k, list] of byUnit) {
    // Duplicated names within one declaration.
    const seen = new Map<string, Indicator>();
    for (const ind of list) {
      if (!ind.name) continue;
      const first = seen.get(ind.name);
      if (first) out.push(finding(DECLARATION_CHECKS["indicator.duplicate_name"], "indicator.duplicate_name", { name: ind.name, row: first.source.row! }, ind.source, ind.id));
      else seen.set(ind.name, ind);
    }
    // The framework's 一级 groups a declaration is expected to cover.
    const level1s = new Set(list.map((i) => i.level1));
    for (const l1 of EXPECTED_LEVEL1) {
      if (!level1s.has(l1)) out.push(finding(DECLARATION_CHECKS["indicator.missing_level1"], "indicator.missing_level1", { level1: l1 }, list[0].source));
    }
    const total = totals.get(k);
    for (const ind of list) out.push(...checkIndicator(ind, total));
  }
  return out;
}

/** The characters a cell that looks like a spreadsheet formula starts with (cell.formula_like). */
export const FORMULA_FIRST = ["=", "+", "-", "@"] as const;
/** cell.formula_like: =SUM(…), @A1, +1+1 (a number followed by more arithmetic); not =100.00(率) or -5%. The SQL of the bulk route runs the same pattern (RE2 reads it as JavaScript does). */
export const FORMULA_LIKE = new RegExp(`^[${FORMULA_FIRST.map((c) => (c === "-" ? "\\-" : c)).join("")}]\\s*(?:[A-Za-z(]|[\\d.]+\\s*[-+*/^&])`);
/** target.implausible_number: more integer digits or decimals than a declared target plausibly has. */
export const PLAUSIBLE_DIGITS = { integer: 15, decimals: 6 } as const;
const PLAUSIBLE_NUMBER = new RegExp(`^-?\\d{1,${PLAUSIBLE_DIGITS.integer}}(\\.\\d+)?$`);
/** target.impossible: a percentage target above this can never be met. */
export const PERCENT_MAX = 100;
/** target.impossible: a percentage, count, money or time target below this can never be met. */
export const NEVER_BELOW = 0;
/** indicator.missing_level1: the framework's 一级 groups a declaration is expected to cover. */
export const EXPECTED_LEVEL1 = ["产出指标", "效益指标", "满意度指标"] as const;

function checkIndicator(ind: Indicator, budgetTotal: bigint | undefined): Finding[] {
  const out: Finding[] = [];
  const f = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>) => out.push(finding(severity, code, params, ind.source, ind.id));
  const label = ind.name ?? `${ind.level2}（无三级指标）`;
  for (const cell of [ind.name, ind.target]) {
    if (cell && FORMULA_LIKE.test(cell)) f("warning", "cell.formula_like", { text: cell.slice(0, 30) });
  }
  const p = ind.parsed;
  if (p.kind === "none") {
    if (!ITEM_LEVEL1.has(ind.level1) && ind.name) f("warning", "indicator.no_target", { label });
    return out;
  }
  if (p.kind === "qualitative") {
    if (!p.recognised) f("warning", "target.unparsed", { label, target: (ind.target ?? "").slice(0, 30) });
    if (ind.level2 === "数量指标" || ind.level2 === "成本指标") f("warning", "target.not_quantified", { level2: ind.level2, label, target: String(ind.target) });
    else if (ind.level2 === "时效指标" && /^(及时|按时|按期)$/.test(p.text)) f("info", "target.vague_deadline", { label, target: String(ind.target) });
    return out;
  }
  if (p.kind === "deadline") {
    const y = Number(p.date.slice(0, 4));
    if (y !== ind.year) f("warning", "target.deadline_outside_year", { label, date: p.date, target: String(ind.target), year: ind.year });
    return out;
  }
  // Quantitative.
  const value = Number(p.value);
  const family = unitFamily(p.unit);
  const nonNegative = family === "percent" || family === "count" || family === "money" || family === "time";
  if ((p.op === "<" && value <= NEVER_BELOW && nonNegative) || (p.op === "=" && value < NEVER_BELOW && nonNegative) || (p.op === "<=" && value < NEVER_BELOW && nonNegative)) {
    f("error", "target.impossible", { variant: "below_zero", label, target: String(ind.target), atZero: p.op === "<" && value === NEVER_BELOW });
  }
  if (family === "percent" && ((p.op === ">=" && value > PERCENT_MAX) || (p.op === ">" && value >= PERCENT_MAX) || (p.op === "=" && value > PERCENT_MAX))) {
    f("error", "target.impossible", { variant: "over_100", label, target: String(ind.target) });
  }
  if (ind.level2 === "质量指标" && expectedFamily(ind) === "count" && family === "count") f("info", "target.count_in_quality", { label });
  if (p.unit === "率") f("info", "target.unit_nonstandard", { label });
  const expected = expectedFamily(ind);
  if (expected && family && family !== "other" && family !== expected) {
    f("warning", "target.unit_mismatch", { label, unit: String(p.unit), expected });
  }
  if (!PLAUSIBLE_NUMBER.test(p.value) || (p.value.split(".")[1]?.length ?? 0) > PLAUSIBLE_DIGITS.decimals) {
    f("warning", "target.implausible_number", { label, value: p.value });
  }
  if (family === "money" && p.unit && budgetTotal !== undefined && (p.op === "<=" || p.op === "<" || p.op === "=")) {
    const fen = moneyTargetToFen(p.value, p.unit);
    if (fen !== null && fen > budgetTotal) {
      f("error", "target.exceeds_budget", { label, ceiling: String(fen), total: String(budgetTotal) });
    }
  }
  return out;
}

export function checkTasks(data: Dataset): Finding[] {
  return data.tasks
    .filter((t) => t.content.trim() === "")
    .map((t) => finding("warning", "task.no_content", { name: t.name }, t.source, t.id));
}

export function runChecks(data: Dataset): Finding[] {
  return [...checkBudget(data), ...checkIndicators(data), ...checkTasks(data)];
}
