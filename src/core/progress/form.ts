// The unit-level 绩效自评表 and 运行监控表 in their column layout (ticked 偏差原因
// kinds, rows that slid sideways realigned by content). Project forms and other
// templates are read by the general reader (src/core/reader).
import { ImportError, type Actual, type DataStatus, type Dataset, type DeviationKind, type ExecutionLine, type Finding, type Period, type Severity } from "../model.ts";
import type { TableRecord } from "../table.ts";
import { indicatorId, unitId } from "../ids.ts";
import { parseTarget } from "../target.ts";
import { cleanText, hasMarkup, toParagraphs } from "../text.ts";
import { isKnownLevel2, isLevel1Label, looksLikeLevel2, parentOf, admits } from "../vocabulary.ts";
import { CHECKED, DEVIATION_KINDS, NO, PLACEHOLDER, YES, blank, orNull, readDeviationKinds, readGrade, readLikelihood } from "./words.ts";
import { halfwidth, lastDayOfMonth, readAmountFen, readDecimal } from "../decimal.ts";
import { finding, type FindingCode, type ParamsOf } from "../findingText.ts";
import { label } from "../reader/labels.ts";
import {
  DEVIATION_COLUMNS, DEVIATION_KIND_HEADERS, NOT_APPLICABLE_COLUMN, fundingField as vocabularyFundingField, headField,
  indicatorField as vocabularyIndicatorField, monthOf, type FundingField, type HeadField, type IndicatorField,
} from "../reader/synonyms.ts";

type Field =
  | "l1" | "l2" | "name" | "target" | "actual" | "executed_to_date" | "expected_annual" | "likelihood"
  | "deviation_group" | "deviation_kind" | "deviation_reason" | "corrective_action" | "weight" | "declared_score"
  | "complete_rate" | "grade" | "not_applicable" | "ignore";

const key = (s: string) => halfwidth(s).replace(/[\s:：]/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

// Column and head labels are looked up in the reader's one vocabulary (src/core/reader/synonyms.ts), normalised as
// the general reader normalises them (label()); the fields below are this layout's names for them.
const FROM_INDICATOR: Partial<Record<IndicatorField, Field>> = {
  l1: "l1", l2: "l2", name: "name", target: "target", actual: "actual", executed_to_date: "executed_to_date",
  expected_annual: "expected_annual", likelihood: "likelihood", weight: "weight", score: "declared_score",
  deviation: "deviation_reason", corrective_action: "corrective_action", complete_rate: "complete_rate", grade: "grade", frame: "ignore",
};

type FundField = "budget_initial" | "budget_full_year" | "executed" | "weight" | "declared_rate" | "declared_score";

const FROM_FUNDING: Partial<Record<FundingField, FundField>> = {
  budget_initial: "budget_initial", budget_full_year: "budget_full_year", executed: "executed", weight: "weight", rate: "declared_rate", score: "declared_score",
};

type HeadKey = "unit" | "implementer" | "supervisor" | "project" | "year";
const HEAD_KEYS = new Set<HeadField>(["unit", "implementer", "supervisor", "project", "year"]);

/** The head field a cell names (单位名称, 实施单位, 主管部门, 项目名称, 年度 and their variants), or null. */
function headKey(text: string): HeadKey | null {
  if (text === "" || text.length > 40) return null;
  const f = headField(label(text).key);
  return f && HEAD_KEYS.has(f) ? (f as HeadKey) : null;
}

const FOOTER = /^(填报人|联系电话|联系人|审核人|单位负责人|财务负责人|填报日期|填表日期|日期|说明|备注|注)/;

function plain(cell: string): string {
  return hasMarkup(cell) ? toParagraphs(cell).join(" ") : cleanText(cell);
}

function indicatorField(text: string): { field: Field; month: number | null } | null {
  if (text === "" || text.length > 60) return null;
  const k = label(text).key;
  const special = DEVIATION_COLUMNS[k] ?? (NOT_APPLICABLE_COLUMN.includes(k) ? "not_applicable" : null);
  if (special) return { field: special, month: null };
  const f = vocabularyIndicatorField(k);
  const field = f ? FROM_INDICATOR[f] : undefined;
  if (!field) return null;
  return { field, month: field === "executed_to_date" ? monthOf(k) : null };
}

/** The progress columns of an indicator header row, or null when the row is not one. */
function indicatorHeader(cells: readonly string[]): { cols: Partial<Record<Field, number>>; month: number | null } | null {
  const cols: Partial<Record<Field, number>> = {};
  let month: number | null = null;
  cells.forEach((c, i) => {
    const f = indicatorField(c);
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
    if (c === "" || c.length > 60) return;
    const l = label(c);
    if (l.unit === "元" || l.unit === "万元") unit = l.unit;
    const v = vocabularyFundingField(l.key);
    const f = v ? FROM_FUNDING[v] : undefined;
    if (v === "executed" && monthOf(l.key) !== null) month = monthOf(l.key);
    if (f && cols[f] === undefined) cols[f] = i;
  });
  const budget = cols.budget_full_year !== undefined || cols.budget_initial !== undefined;
  return budget && cols.executed !== undefined ? { cols, month, unit } : null;
}

/**
 * Which reader takes a unit-level form is decided by the body labels this layout was written for: a form naming its
 * body otherwise (部门(单位)名称, 预算单位 …) is another template, read by the general reader (src/core/reader).
 */
const ROUTED_BODY_LABELS = new Set(["单位名称", "部门名称", "实施单位", "主管部门", "项目名称"]);

/** Longer than any header or head label, with markup around it: the sniff below skips such a cell. */
const LONGEST_LABEL = 200;
/** A word every level header (一级/三级/指标名称 …) or body label (单位名称, 实施单位, 主管部门 …) holds, or a variant's (评价指标, 预算单位, 执行单位). */
const SNIFF = /一级|三级|指标名称|名称|单位|部门/;

/** True when the records look like a 绩效自评表 or 运行监控表 (a unit or project name, and an indicator table with progress columns). */
export function looksLikeProgressForm(records: readonly TableRecord[]): boolean {
  let named = false;
  let table = false;
  for (const r of records.slice(0, 400)) {
    // Only a row with the words of a level or a body is looked at closely (the sniff runs on every file).
    if (!r.cells.some((c) => c.length <= LONGEST_LABEL && SNIFF.test(c.replace(/\s+/g, "")))) continue;
    // Labels are short: a long cell (a paragraph of duties, say) is a value and is not read as one.
    const cells = r.cells.map((c) => (c.length > LONGEST_LABEL ? "" : plain(c)));
    // A canonical table has 单位名称 in its header row; a form has it on a row of its own.
    if (indicatorHeader(cells)) table = true;
    else if (cells.some((c) => ROUTED_BODY_LABELS.has(key(c)))) named = true;
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
  const note = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, row?: number, column?: number) => findings.push(finding(severity, code, params, { file, row, column }));

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
    const firstIndex = cells.findIndex((c) => c !== "");
    const first = key(cells[firstIndex]);

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
    const heads = cells.map(headKey);
    heads.forEach((field, i) => {
      if (!field) return;
      const j = cells.findIndex((c, x) => x > i && c !== "");
      const value = j > i && !heads[j] ? cells[j] : "";
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
      if (header) note("info", "layout.repeated_header", {}, row, 1);
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
          note("info", "layout.shifted", { variant: "funding", item }, row, valueCells[0].i + 1);
        }
        lines.push({ item, values, row, cols: fund!.cols });
        continue;
      }
      section = "between";
    }

    if (section !== "indicators" || !header) {
      if (section === "head" && firstIndex >= 0 && !/表$/.test(cells[firstIndex]) && !/^[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$/.test(cells[firstIndex])) {
        note("info", "form.unknown_row", { variant: "skipped", text: cells.filter(Boolean).join(" | ").slice(0, 60) }, row, firstIndex + 1);
      }
      continue;
    }

    // ---- indicator table ----
    const cols = header.cols;
    // A second header row: the 偏差原因 kinds (经费保障 | 制度保障 | …) under the group.
    if (expectSubHeader) {
      expectSubHeader = false;
      const kinds = cells.map((c) => (c === "" || c.length > 20 ? undefined : DEVIATION_KIND_HEADERS[label(c).key]));
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
      if (labelZone && indicatorField(text)?.field === "ignore") return; // the merged 绩效指标 column
      const level2Like = labelZone && (isKnownLevel2(text) || (col <= l2Col && looksLikeLevel2(text)));
      const asLevel2 = level2Like && (admits(l1, text) || !isLevel1Label(text));
      if (labelZone && isLevel1Label(text) && !asLevel2) {
        l1 = text;
        l2 = "";
        explicitLevel1 = true;
        if (cols.l1 !== undefined && col !== cols.l1) note("info", "layout.shifted", { variant: "level1", text }, row, col + 1);
      } else if (asLevel2) {
        const parent = parentOf(text);
        if (!explicitLevel1 && parent && parent !== l1 && !admits(l1, text)) {
          note("info", "layout.implied_level1", { text, parent }, row, col + 1);
          l1 = parent;
        }
        l2 = text;
        if (col !== l2Col) note("info", "layout.shifted", { variant: "level2", text }, row, col + 1);
      } else rest.push({ text, col });
    });
    if (!rest.length) continue;

    // The name: the first cell left of the data, or the first text cell.
    const y = year ?? 2000;
    const firstCell = rest[0];
    const dataLike = readDecimal(firstCell.text) !== null || CHECKED.test(firstCell.text) || (firstCell.col > nameCol && targetScore(firstCell.text, y) === 2);
    if (dataLike) {
      note("error", "actual.no_name", { variant: "form", row, text: firstCell.text.slice(0, 20) }, row, firstCell.col + 1);
      continue;
    }
    const name = firstCell;
    const others = rest.slice(1);
    if (name.col !== nameCol) note("info", "layout.shifted", { variant: "name", text: name.text, column: name.col + 1 }, row, name.col + 1);

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
    if (best !== 0 && others.length) note("info", "layout.shifted", { variant: "values", text: name.text, offset: Math.abs(best) }, row, others[0].col + 1);
    const fields: Partial<Record<Field, string>> = { name: name.text };
    const kinds: DeviationKind[] = [];
    for (const o of others) {
      const f = fieldAt.get(o.col - best);
      if (f === undefined) {
        note("warning", "layout.extra_cells", { variant: "ignored", name: name.text, column: o.col + 1, text: o.text.slice(0, 20) }, row, o.col + 1);
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
  if (project) note("info", "progress.project_form", { project, name }, undefined);

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
      else note("warning", "actual.bad_deviation_kind", { variant: "form", text: kindText.slice(0, 20) }, r.row);
    }
    const likelihoodText = get("likelihood");
    const likelihood = likelihoodText ? readLikelihood(likelihoodText) : null;
    if (likelihoodText && !likelihood) note("warning", "actual.bad_likelihood", { text: likelihoodText.slice(0, 20) }, r.row, (cols.likelihood ?? 0) + 1);
    for (const [k, label] of [["weight", "分值"], ["declared_score", "得分"], ["complete_rate", "完成率"]] as const) {
      const v = get(k);
      if (v !== null && readDecimal(v) === null) note("warning", "actual.bad_number", { variant: "form", name: String(f.name), label, text: v.slice(0, 20) }, r.row, (cols[k] ?? 0) + 1);
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
      if (fen === null) note("error", "execution.amount_unreadable", { variant: "form", item: l.item, label, text: text.slice(0, 40) }, l.row, (l.cols[f] ?? 0) + 1);
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
  if (declaredTotal !== null && !execution.length) note("info", "progress.total_unused", { total: String(declaredTotal) }, undefined);
  if (!actuals.length) note("warning", "progress.no_rows", {}, undefined);

  return { units: [], budget: [], tasks: [], indicators: [], findings, actuals, execution };
}
