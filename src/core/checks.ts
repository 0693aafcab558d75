// The checks a finance-bureau reviewer makes of a declaration. Each returns
// findings (never throws); the importer appends them to what it found while reading.
import type { BudgetLine, Dataset, Finding, Indicator, Location, Severity } from "./model.ts";
import { formatYuan } from "./format.ts";
import { sumFen } from "./money.ts";
import { moneyTargetToFen, unitFamily } from "./target.ts";
import { ITEM_LEVEL1 } from "./vocabulary.ts";

const yuan = (fen: bigint) => formatYuan(fen);
const yuanEn = (fen: bigint) => formatYuan(fen, "en");

function finding(severity: Severity, code: string, message: string, messageEn: string, location: Location, subject?: string): Finding {
  return { severity, code, message, messageEn, location, ...(subject ? { subject } : {}) };
}

/** Which measure a name asks for, read from how Chinese indicator names are built. */
function expectedFamily(ind: Indicator): "percent" | "count" | "money" | null {
  const n = ind.name ?? "";
  if (/(率|满意度|知晓度|覆盖面|占比|比例|比重)$/.test(n)) return "percent";
  if (/(预算控制数|成本|经费|金额|资金|单价|费用)/.test(n) || ind.level2 === "成本指标") return "money";
  if (/(数|数量|次数|场次|人次|完成量|个数)$/.test(n)) return "count";
  return null;
}

const FAMILY_ZH = { percent: "百分比（%）", count: "数量单位（个、次、人…）", money: "金额单位（元、万元）" };
const FAMILY_EN = { percent: "a percentage (%)", count: "a count unit", money: "a money unit (元, 万元)" };

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
    ? [finding("error", "budget.projects_exceed", `已读入的 ${n} 个项目预算合计 ${yuan(sum)}，超过申报的项目支出 ${yuan(declared.amountFen)}，相差 ${yuan(sum - declared.amountFen)}`, `the ${n} projects read add up to ${yuanEn(sum)}, more than the declared 项目支出 ${yuanEn(declared.amountFen)}`, declared.source, declared.id)]
    : [finding("info", "budget.projects_partial", `已读入的 ${n} 个项目预算合计 ${yuan(sum)}，少于申报的项目支出 ${yuan(declared.amountFen)}（尚未读入全部项目，差 ${yuan(declared.amountFen - sum)}）`, `the ${n} projects read add up to ${yuanEn(sum)}, less than the declared 项目支出 ${yuanEn(declared.amountFen)} (not all projects loaded)`, declared.source, declared.id)];
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
      if (lines.length) out.push(finding("warning", "budget.no_total", "预算表没有总额行，无法核对", "the budget has no total line; nothing to reconcile against", unit.source, unit.id));
    } else {
      for (const kind of ["source", "structure"] as const) {
        const parts = lines.filter((b) => b.kind === kind);
        const label = kind === "source" ? "资金来源" : "资金结构";
        if (!parts.length) {
          // A template without the block (most forms besides the bundled one have no 资金来源 rows) is not a gap.
          if (unit.formKind === undefined) out.push(finding("warning", `budget.no_${kind}`, `预算表没有${label}明细`, `the budget has no ${kind} lines`, where, total.id));
          continue;
        }
        const sum = sumFen(parts.map((p) => p.amountFen));
        if (sum !== total.amountFen) {
          out.push(finding("error", `budget.${kind}_mismatch`,
            `${label}合计 ${yuan(sum)} 与预算总额 ${yuan(total.amountFen)} 不符，相差 ${yuan(sum - total.amountFen)}`,
            `${kind} lines add up to ${yuanEn(sum)} but the total is ${yuanEn(total.amountFen)} (difference ${yuanEn(sum - total.amountFen)})`,
            where, total.id));
        }
      }
    }
    for (const b of lines) {
      if (b.amountFen < 0n) out.push(finding("error", "budget.negative", `“${b.item}”金额为负数：${yuan(b.amountFen)}`, `“${b.item}” is negative: ${yuanEn(b.amountFen)}`, b.source, b.id));
      if (b.amountFen >= 100_000_000_000_00n) out.push(finding("warning", "budget.implausible", `“${b.item}”金额超过一千亿元，请核实：${yuan(b.amountFen)}`, `“${b.item}” exceeds 100 billion yuan; please verify`, b.source, b.id));
    }
    const basic = lines.find((b) => b.kind === "structure" && b.item === "基本支出");
    if (unit.staffCount === 0 && basic && basic.amountFen > 0n) {
      out.push(finding("warning", "unit.zero_staff", `年末在职人数填报为 0，但基本支出为 ${yuan(basic.amountFen)}（基本支出主要是人员经费）`, `staff at year end is 0, yet basic expenditure (mostly staff costs) is ${yuanEn(basic.amountFen)}`, unit.source, unit.id));
    }
    if (unit.orgCount === 0) out.push(finding("info", "unit.zero_orgs", "内设机构数填报为 0，请核实", "internal departments reported as 0; please verify", unit.source, unit.id));
    // 单位职责 and 年度履职目标 are fields of the bundled 申报表 template; other forms (projects above all) have none to fill.
    if (unit.formKind !== undefined) continue;
    if (!unit.duties.length) out.push(finding("warning", "unit.no_duties", "未填写单位职责", "单位职责 is empty", unit.source, unit.id));
    if (!unit.goals.length) out.push(finding("warning", "unit.no_goals", "未填写年度履职目标", "年度履职目标 is empty", unit.source, unit.id));
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
      if (first) out.push(finding("warning", "indicator.duplicate_name", `三级指标“${ind.name}”重复（首次出现在第 ${first.source.row} 行）`, `三级 “${ind.name}” is repeated (first on row ${first.source.row})`, ind.source, ind.id));
      else seen.set(ind.name, ind);
    }
    // The framework's 一级 groups a declaration is expected to cover.
    const level1s = new Set(list.map((i) => i.level1));
    for (const l1 of ["产出指标", "效益指标", "满意度指标"]) {
      if (!level1s.has(l1)) out.push(finding("warning", "indicator.missing_level1", `缺少一级指标“${l1}”`, `no 一级 group “${l1}”`, list[0].source));
    }
    const total = totals.get(k);
    for (const ind of list) out.push(...checkIndicator(ind, total));
  }
  return out;
}

/** cell.formula_like: =SUM(…), @A1, +1+1 (a number followed by more arithmetic); not =100.00(率) or -5%. The SQL of the bulk route runs the same pattern (RE2 reads it as JavaScript does). */
export const FORMULA_LIKE = /^[=+\-@]\s*(?:[A-Za-z(]|[\d.]+\s*[-+*/^&])/;
/** target.implausible_number: more integer digits or decimals than a declared target plausibly has. */
export const PLAUSIBLE_DIGITS = { integer: 15, decimals: 6 } as const;
const PLAUSIBLE_NUMBER = new RegExp(`^-?\\d{1,${PLAUSIBLE_DIGITS.integer}}(\\.\\d+)?$`);
/** target.impossible: a percentage target above this can never be met. */
export const PERCENT_MAX = 100;

function checkIndicator(ind: Indicator, budgetTotal: bigint | undefined): Finding[] {
  const out: Finding[] = [];
  const f = (severity: Severity, code: string, zh: string, en: string) => out.push(finding(severity, code, zh, en, ind.source, ind.id));
  const label = ind.name ?? `${ind.level2}（无三级指标）`;
  for (const cell of [ind.name, ind.target]) {
    if (cell && FORMULA_LIKE.test(cell)) f("warning", "cell.formula_like", `“${cell.slice(0, 30)}”形如电子表格公式，已按文本处理`, `“${cell.slice(0, 30)}” looks like a spreadsheet formula; kept as text`);
  }
  const p = ind.parsed;
  if (p.kind === "none") {
    if (!ITEM_LEVEL1.has(ind.level1) && ind.name) f("warning", "indicator.no_target", `“${label}”没有指标目标值`, `“${label}” has no target`);
    return out;
  }
  if (p.kind === "qualitative") {
    if (!p.recognised) f("warning", "target.unparsed", `“${label}”的指标值“${(ind.target ?? "").slice(0, 30)}”无法识别为定量、期限或定性目标，按定性处理`, `target “${(ind.target ?? "").slice(0, 30)}” of “${label}” fits no known form; treated as qualitative`);
    if (ind.level2 === "数量指标" || ind.level2 === "成本指标") f("warning", "target.not_quantified", `${ind.level2}“${label}”应设定量目标，实际为“${ind.target}”`, `${ind.level2} “${label}” should have a quantitative target, not “${ind.target}”`);
    else if (ind.level2 === "时效指标" && /^(及时|按时|按期)$/.test(p.text)) f("info", "target.vague_deadline", `时效指标“${label}”的目标“${ind.target}”没有具体期限`, `timeliness target “${ind.target}” of “${label}” names no date`);
    return out;
  }
  if (p.kind === "deadline") {
    const y = Number(p.date.slice(0, 4));
    if (y !== ind.year) f("warning", "target.deadline_outside_year", `“${label}”的期限 ${p.date}（${ind.target}）不在申报年度 ${ind.year} 年内`, `deadline ${p.date} (${ind.target}) of “${label}” falls outside the declared year ${ind.year}`);
    return out;
  }
  // Quantitative.
  const value = Number(p.value);
  const family = unitFamily(p.unit);
  const nonNegative = family === "percent" || family === "count" || family === "money" || family === "time";
  if ((p.op === "<" && value <= 0 && nonNegative) || (p.op === "=" && value < 0 && nonNegative) || (p.op === "<=" && value < 0 && nonNegative)) {
    f("error", "target.impossible", `“${label}”的目标“${ind.target}”不可能达到：数值不会小于 0${p.op === "<" && value === 0 ? "（应为“=0”或“≤0”）" : ""}`, `target “${ind.target}” of “${label}” can never be met: the value is never below 0${p.op === "<" && value === 0 ? " (write =0 or ≤0)" : ""}`);
  }
  if (family === "percent" && ((p.op === ">=" && value > PERCENT_MAX) || (p.op === ">" && value >= PERCENT_MAX) || (p.op === "=" && value > PERCENT_MAX))) {
    f("error", "target.impossible", `“${label}”的目标“${ind.target}”超过 100%，不可能达到`, `target “${ind.target}” of “${label}” exceeds 100% and can never be met`);
  }
  if (ind.level2 === "质量指标" && expectedFamily(ind) === "count" && family === "count") f("info", "target.count_in_quality", `“${label}”是数量型目标，却列在质量指标下`, `“${label}” is a count but sits under 质量指标`);
  if (p.unit === "率") f("info", "target.unit_nonstandard", `“${label}”的计量单位写作“率”，宜写作“%”`, `unit of “${label}” is written “率”; “%” is meant`);
  const expected = expectedFamily(ind);
  if (expected && family && family !== "other" && family !== expected) {
    f("warning", "target.unit_mismatch", `“${label}”的计量单位“${p.unit}”与指标不符，应为${FAMILY_ZH[expected]}`, `unit “${p.unit}” does not fit “${label}”; expected ${FAMILY_EN[expected]}`);
  }
  if (!PLAUSIBLE_NUMBER.test(p.value) || (p.value.split(".")[1]?.length ?? 0) > PLAUSIBLE_DIGITS.decimals) {
    f("warning", "target.implausible_number", `“${label}”的目标值 ${p.value} 位数异常，请核实`, `target value ${p.value} of “${label}” has an implausible number of digits`);
  }
  if (family === "money" && p.unit && budgetTotal !== undefined && (p.op === "<=" || p.op === "<" || p.op === "=")) {
    const fen = moneyTargetToFen(p.value, p.unit);
    if (fen !== null && fen > budgetTotal) {
      f("error", "target.exceeds_budget", `“${label}”的成本控制数 ${yuan(fen)} 超过单位预算总额 ${yuan(budgetTotal)}`, `cost ceiling ${yuanEn(fen)} of “${label}” exceeds the unit's whole budget ${yuanEn(budgetTotal)}`);
    }
  }
  return out;
}

export function checkTasks(data: Dataset): Finding[] {
  return data.tasks
    .filter((t) => t.content.trim() === "")
    .map((t) => finding("warning", "task.no_content", `重点任务“${t.name}”没有主要内容`, `key task “${t.name}” has no content`, t.source, t.id));
}

export function runChecks(data: Dataset): Finding[] {
  return [...checkBudget(data), ...checkIndicators(data), ...checkTasks(data)];
}
