// Jixiao's canonical tables (docs/data-format.md): what the importer writes,
// what the site loads, and what an analyst can prepare by hand. Headers are
// mapped by name (Chinese headers and 预算管理一体化 field names are synonyms),
// never by position.
import Papa from "papaparse";
import { FORM_KINDS, ImportError, type BudgetKind, type DataStatus, type Dataset, type Finding, type Indicator, type Location, type ParsedTarget, type Project, type Severity } from "./model.ts";
import { fenToYuanString, parseYuanToFen } from "./money.ts";
import { dedupeIds, indicatorId, unitId } from "./ids.ts";
import { parseTarget } from "./target.ts";
import { actualRow, executionRow, executionToJson, monthOfHeader, progressFromJson, rowToActual, rowToExecution, type CanonicalRowContext } from "./progress.ts";
import { plainText } from "./text.ts";
import { finding, findingTexts, type FindingCode, type FindingParams, type ParamsOf } from "./findingText.ts";

export type TableName = "units" | "budget" | "tasks" | "indicators" | "findings" | "actuals" | "execution" | "projects";

/** The progress tables (运行监控 / 自评): written only when they hold rows. */
export const PROGRESS_TABLES: readonly TableName[] = ["actuals", "execution"];

/** Tables written only when they hold rows, so that a declaration's output stays as it was. */
export const OPTIONAL_TABLES: readonly TableName[] = [...PROGRESS_TABLES, "projects"];

/** Canonical column → accepted header names (compared lower-cased, spaces removed). */
export const SYNONYMS: Record<string, readonly string[]> = {
  unit_id: ["unit_id", "单位编码", "agency_code", "agency_id"],
  unit_name: ["unit_name", "单位名称", "agency_name", "部门名称", "单位"],
  fiscal_year: ["fiscal_year", "年度", "预算年度", "year", "set_year"],
  funding_method: ["funding_method", "财政资金拨款方式", "拨款方式"],
  duties: ["duties", "单位职责", "部门职责"],
  goals: ["goals", "年度履职目标", "年度绩效目标"],
  staff_count: ["staff_count", "年末在职人数"],
  org_count: ["org_count", "内设机构数"],
  data_status: ["data_status", "数据性质"],
  line_id: ["line_id"],
  kind: ["kind", "类别", "预算类别"],
  item: ["item", "项目", "预算项目"],
  amount: ["amount", "金额", "金额(元)", "金额（元）", "amount_yuan"],
  task_id: ["task_id"],
  task_order: ["task_order", "序号", "任务序号"],
  task_name: ["task_name", "任务名称"],
  task_content: ["task_content", "主要内容", "任务内容"],
  indicator_id: ["indicator_id", "指标编码", "指标id", "perf_ind_id", "kpi_id"],
  ord: ["ord", "顺序"],
  level1: ["level1", "一级指标", "一级目标", "lv1_perf_ind_name"],
  level2: ["level2", "二级指标", "二级目标", "lv2_perf_ind_name"],
  name: ["name", "三级指标", "三级目标", "三级指标名称", "lv3_perf_ind_name", "indicator_name"],
  target: ["target", "指标值", "指标目标值", "年度指标值", "目标值", "kpi_val"],
  note: ["note", "备注", "remark"],
  // Written with every indicator; on input the target is always re-parsed, so these are read and ignored.
  target_kind: ["target_kind"],
  op: ["op"],
  value: ["value"],
  measure_unit: ["measure_unit"],
  direction: ["direction"],
  deadline: ["deadline"],
  severity: ["severity", "级别"],
  code: ["code", "代码"],
  message: ["message", "说明"],
  message_en: ["message_en"],
  params: ["params"],
  subject: ["subject"],
  source_file: ["source_file", "来源文件"],
  source_row: ["source_row", "来源行"],
  source_column: ["source_column", "来源列"],
  // Progress (actuals, execution): 运行监控 / 自评 columns and their 一体化 names.
  period: ["period", "期间", "报告期", "填报期间", "监控期间"],
  as_of: ["as_of", "截至日期", "截止日期", "数据截至"],
  executed_to_date: ["executed_to_date", "执行数", "执行情况", "截至目前执行情况", "perf_comp_to_date"],
  expected_annual: ["expected_annual", "预计全年完成", "全年预计完成", "全年预计完成情况", "预计全年完成情况", "est_perf_annual"],
  likelihood: ["likelihood", "完成目标可能性", "完成可能性", "comp_possibility"],
  deviation_kind: ["deviation_kind", "偏差原因类型", "dev_reason_type"],
  deviation_reason: ["deviation_reason", "偏差原因", "原因说明", "偏差原因分析", "偏差原因分析及改进措施", "ana_dev_reasons", "dev_reasons"],
  corrective_action: ["corrective_action", "纠偏措施", "改进措施", "correct_measures", "rect_measures"],
  actual: ["actual", "实际完成值", "实际值", "完成值", "全年实际完成值", "perf_comp", "actual_value"],
  complete_rate: ["complete_rate", "完成率", "指标完成率"],
  weight: ["weight", "分值", "score_weight", "kpi_weight", "权重"],
  declared_score: ["declared_score", "得分", "score", "自评得分"],
  grade: ["grade", "完成等级", "达成情况", "评价等级"],
  not_applicable: ["not_applicable", "不适用", "是否适用"],
  budget_initial: ["budget_initial", "年初预算数", "年初预算"],
  budget_full_year: ["budget_full_year", "全年预算数", "全年预算数(a)", "全年预算数（a）", "调整后预算数"],
  executed: ["executed", "全年执行数", "全年执行数(b)", "全年执行数（b）", "实际执行数"],
  declared_rate: ["declared_rate", "执行率", "预算执行率", "execution_rate"],
  declared_total: ["declared_total", "总分", "自评总分"],
  // Projects (项目支出); 一体化 exports name them pro_*.
  project_id: ["project_id", "pro_id"],
  unit_code: ["unit_code", "部门预算编码", "预算编码", "agency_code_full"],
  project_name: ["project_name", "项目名称", "pro_name", "项目支出名称"],
  project_code: ["project_code", "项目编码", "项目代码", "pro_code"],
  supervisor: ["supervisor", "主管部门", "主管部门名称"],
  implementer: ["implementer", "实施单位", "项目实施单位"],
  implementation_period: ["implementation_period", "实施期", "项目实施期"],
  project_type: ["project_type", "项目类型"],
  form_kind: ["form_kind", "表单类型"],
  goals_long: ["goals_long", "实施期目标", "中期目标"],
  goals_annual: ["goals_annual", "年度目标"],
  goals_actual: ["goals_actual", "实际完成情况"],
  level1_weights: ["level1_weights", "一级指标分值"],
};

/** Column order of each canonical CSV file as written. */
export const COLUMNS: Record<TableName, readonly string[]> = {
  units: ["unit_id", "unit_name", "fiscal_year", "funding_method", "duties", "goals", "staff_count", "org_count", "data_status", "source_file", "source_row", "unit_code", "form_kind"],
  budget: ["line_id", "unit_id", "fiscal_year", "kind", "item", "amount", "source_file", "source_row", "project_id"],
  tasks: ["task_id", "unit_id", "fiscal_year", "task_order", "task_name", "task_content", "source_file", "source_row"],
  indicators: ["indicator_id", "unit_id", "fiscal_year", "ord", "level1", "level2", "name", "target", "target_kind", "op", "value", "measure_unit", "direction", "deadline", "note", "source_file", "source_row", "project_id", "weight"],
  findings: ["unit_id", "fiscal_year", "severity", "code", "message", "message_en", "subject", "source_file", "source_row", "source_column", "params"],
  actuals: [
    "indicator_id", "unit_id", "fiscal_year", "period", "as_of", "level1", "level2", "name", "target",
    "executed_to_date", "expected_annual", "likelihood", "deviation_kind", "deviation_reason", "corrective_action",
    "actual", "complete_rate", "weight", "declared_score", "grade", "not_applicable", "data_status", "source_file", "source_row", "project_id",
  ],
  execution: [
    "unit_id", "unit_name", "fiscal_year", "period", "as_of", "item", "budget_initial", "budget_full_year", "executed",
    "declared_rate", "weight", "declared_score", "declared_total", "data_status", "source_file", "source_row", "project_id",
  ],
  projects: [
    "project_id", "unit_id", "fiscal_year", "project_name", "project_code", "supervisor", "implementer", "implementation_period", "project_type",
    "form_kind", "goals_long", "goals_annual", "goals_actual", "level1_weights", "data_status", "source_file", "source_row",
  ],
};

const LOOKUP = new Map<string, string>();
for (const [col, names] of Object.entries(SYNONYMS)) for (const n of names) LOOKUP.set(norm(n), col);

function norm(h: string): string {
  return h.replace(/^\uFEFF/, "").replace(/[\s_]/g, "").toLowerCase();
}

export interface HeaderMap {
  table: TableName;
  index: Partial<Record<string, number>>;
  unknown: string[];
  /** Month N of a “1-N月执行情况/执行数” header (progress tables). */
  month?: number;
}

/** Maps a header row to canonical columns and decides which table it is; null when none fits. */
export function mapHeader(cells: readonly string[]): HeaderMap | null {
  const index: Partial<Record<string, number>> = {};
  const unknown: string[] = [];
  let month: number | undefined;
  cells.forEach((c, i) => {
    let col = LOOKUP.get(norm(c));
    // 1-6月执行情况 / 1-6月执行数: executed to date, as at the end of month N.
    const n = col ? null : monthOfHeader(c.trim());
    if (n !== null && /(执行情况|完成情况|执行数|完成值)$/.test(c.trim())) {
      col = "executed_to_date";
      month = n;
    }
    if (col && index[col] === undefined) index[col] = i;
    else if (c.trim() !== "") unknown.push(c.trim());
  });
  const has = (c: string) => index[c] !== undefined;
  const progressColumns = ["period", "actual", "expected_annual", "executed_to_date", "likelihood", "declared_score", "complete_rate", "deviation_reason", "grade"].some(has);
  const executionColumns = has("budget_full_year") || has("budget_initial") || has("executed");
  if (executionColumns && !has("executed") && has("executed_to_date")) {
    // In an execution table 执行数 / 1-N月执行数 is B.
    index.executed = index.executed_to_date;
    delete index.executed_to_date;
  }
  const table: TableName | null =
    executionColumns && !has("level1") && !has("name") ? "execution"
    : has("project_name") && has("fiscal_year") && !has("level1") && !has("name") && !has("item") ? "projects"
    : (has("level1") || has("indicator_id") || has("name")) && progressColumns ? "actuals"
    : has("level1") && (has("name") || has("target")) ? "indicators"
    : has("severity") && has("code") ? "findings"
    : has("task_name") ? "tasks"
    : has("item") && has("amount") ? "budget"
    : (has("unit_name") || has("unit_id")) && has("fiscal_year") ? "units"
    : null;
  return table ? { table, index, unknown, ...(month !== undefined && (table === "actuals" || table === "execution") ? { month } : {}) } : null;
}

/** A finding's params as findings.csv writes them (column `params`): JSON, empty when it has none. */
export function writeParams(params: FindingParams): string {
  return Object.keys(params).length ? JSON.stringify(params) : "";
}

const plainValue = (v: unknown): boolean => v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

/**
 * Params read back from a file: a JSON object of plain values (strings, numbers, booleans, null, lists of
 * strings and numbers). Anything else reads as none: the finding keeps the text its file gave.
 */
export function readParams(text: string): FindingParams {
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  const ok = Object.values(v).every((x) => plainValue(x) || (Array.isArray(x) && x.every((y) => typeof y === "string" || (typeof y === "number" && Number.isFinite(y)))));
  return ok ? (v as FindingParams) : {};
}

/** A finding as the JSON form writes it: its params and both texts (a file's text as read, else rendered). */
export type JsonFinding = Omit<Finding, "text"> & { message: string; messageEn: string };

const csvTexts = (f: Finding) => {
  const t = findingTexts(f);
  return { message: t.zh, message_en: t.en };
};

export function jsonFinding(f: Finding): JsonFinding {
  const { text: _, ...rest } = f;
  const texts = findingTexts(f);
  return { ...rest, message: texts.zh, messageEn: texts.en };
}

/** A positive whole number as written (row, column, order); null for anything else (1e400, -3, 1.5, 0). */
function whole(text: string): number | null {
  if (!/^\d{1,15}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}

const KINDS: Record<string, BudgetKind> = { total: "total", source: "source", structure: "structure", 总额: "total", 资金来源: "source", 资金结构: "structure" };

/** Reads one canonical table (records after the header) into a Dataset; row problems are findings. */
export function readCanonical(
  header: HeaderMap,
  rows: Iterable<{ cells: string[]; row: number }>,
  file: string,
  status: DataStatus = "declared",
): Dataset {
  const data: Dataset = { units: [], budget: [], tasks: [], indicators: [], findings: [] };
  const { index } = header;
  const need = (col: string, label: string) => {
    if (index[col] === undefined) throw new ImportError(`${file}：缺少必需列“${label}”（${col}）`, `${file}: missing required column “${label}” (${col})`, { file, row: 1 });
  };
  const bad = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, loc: Location) => data.findings.push(finding(severity, code, params, loc));
  if (header.unknown.length) {
    bad("info", "canonical.unknown_columns", { columns: header.unknown }, { file, row: 1 });
  }
  // Findings (as written by --out) belong to files, not to a unit and year.
  if (header.table !== "findings") {
    if (index.unit_name === undefined) need("unit_id", "单位编码");
    need("fiscal_year", "年度");
  }
  const units = new Map<string, Dataset["units"][number]>();
  const progress = PROGRESS_TABLES.includes(header.table);
  if (progress) {
    data.actuals = [];
    data.execution = [];
  }
  let periodInferred = 0;

  for (const { cells, row } of rows) {
    if (cells.every((c) => c.trim() === "")) continue;
    const get = (col: string) => {
      const i = index[col];
      return i === undefined ? "" : plainText(cells[i] ?? "");
    };
    const at = (col: string): Location => ({ file, row, column: (index[col] ?? 0) + 1 });
    if (header.table === "findings") {
      const severity = (["error", "warning", "info"].includes(get("severity")) ? get("severity") : "warning") as Severity;
      const message = get("message") || get("message_en");
      if (!get("code") || !message) {
        bad("error", "canonical.bad_finding", {}, at(get("code") ? "message" : "code"));
        continue;
      }
      const fRow = whole(get("source_row"));
      const fColumn = whole(get("source_column"));
      const ownerYear = get("fiscal_year");
      data.findings.push({
        severity, code: get("code"), params: readParams(index.params === undefined ? "" : cells[index.params] ?? ""), text: { zh: message, en: get("message_en") },
        location: { file: get("source_file") || file, ...(fRow ? { row: fRow } : {}), ...(fColumn ? { column: fColumn } : {}) },
        ...(get("subject") ? { subject: get("subject") } : {}),
        ...(get("unit_id") && /^(19|20)\d{2}$/.test(ownerYear) ? { owner: { unitId: get("unit_id"), year: Number(ownerYear) } } : {}),
      });
      continue;
    }
    const yearText = get("fiscal_year");
    if (!/^(19|20)\d{2}$/.test(yearText)) {
      bad("error", "canonical.bad_year", { text: yearText.slice(0, 20) }, at("fiscal_year"));
      continue;
    }
    const year = Number(yearText);
    const unitName = get("unit_name");
    const uid = get("unit_id") || unitId(unitName);
    const unitKey = `${uid}|${year}`;
    // A progress row names its unit but does not declare it (units.csv and the declaration do).
    if (!units.has(unitKey) && header.table !== "projects" && (header.table === "units" || (unitName && !progress))) {
      units.set(unitKey, {
        id: uid, name: unitName || uid, year, fundingMethod: null, duties: [], goals: [], staffCount: null, orgCount: null,
        status: get("data_status") === "sample" ? "sample" : status, source: { file, row },
      });
    }
    const source: Location = { file: get("source_file") || file, row: whole(get("source_row")) ?? row };

    if (header.table === "units") {
      const u = units.get(unitKey)!;
      const int = (col: string) => {
        const v = get(col);
        if (v === "") return null;
        if (/^\d+$/.test(v)) return Number(v);
        bad("error", "canonical.bad_count", { text: v.slice(0, 20) }, at(col));
        return null;
      };
      const paragraphs = (col: string) => (index[col] === undefined ? [] : (cells[index[col]!] ?? "").split(/\r?\n/).map(plainText).filter(Boolean));
      Object.assign(u, { fundingMethod: get("funding_method") || null, duties: paragraphs("duties"), goals: paragraphs("goals"), staffCount: int("staff_count"), orgCount: int("org_count"), source });
      if (get("unit_code")) u.code = get("unit_code");
      const kind = FORM_KINDS.find((k) => k === get("form_kind"));
      if (kind) u.formKind = kind;
    } else if (header.table === "budget") {
      const kind = KINDS[get("kind")] ?? null;
      const amountText = get("amount");
      const fen = parseYuanToFen(amountText);
      if (!get("item")) bad("error", "canonical.no_item", {}, at("item"));
      else if (!kind) bad("error", "canonical.bad_kind", { text: get("kind").slice(0, 20) }, at("kind"));
      else if (fen === null) bad("error", "budget.amount_unreadable", { variant: "table", text: amountText.slice(0, 40) }, at("amount"));
      else data.budget.push({ id: get("line_id") || `b${uid.slice(1)}-${year}-${kind}-${data.budget.length + 1}`, unitId: uid, year, kind, item: get("item"), amountFen: fen, source, ...(get("project_id") ? { projectId: get("project_id") } : {}) });
    } else if (header.table === "projects") {
      const lines = (col: string) => (index[col] === undefined ? [] : (cells[index[col]!] ?? "").split(/\r?\n/).map(plainText).filter(Boolean));
      const kind = FORM_KINDS.find((k) => k === get("form_kind")) ?? "project_declaration";
      let weights: Record<string, string> = {};
      try {
        const w = JSON.parse(get("level1_weights") || "{}");
        if (w && typeof w === "object" && !Array.isArray(w)) weights = Object.fromEntries(Object.entries(w).map(([k, v]) => [plainText(k), plainText(String(v))]));
      } catch {
        bad("warning", "canonical.bad_weights", { text: get("level1_weights").slice(0, 40) }, at("level1_weights"));
      }
      (data.projects ??= []).push({
        id: get("project_id") || `p${uid.slice(1)}-${year}-${(data.projects?.length ?? 0) + 1}`, unitId: uid, year, name: get("project_name"), code: get("project_code") || null,
        supervisor: get("supervisor") || null, implementer: get("implementer") || null, period: get("implementation_period") || null, projectType: get("project_type") || null,
        formKind: kind, goals: { longTerm: lines("goals_long"), annual: lines("goals_annual"), actual: lines("goals_actual") }, level1Weights: weights,
        status: get("data_status") === "sample" ? "sample" : status, source,
      });
    } else if (header.table === "tasks") {
      const order = whole(get("task_order")) ?? data.tasks.filter((t) => t.unitId === uid && t.year === year).length + 1;
      data.tasks.push({ id: get("task_id") || `t${uid.slice(1)}-${year}-${order}`, unitId: uid, year, order, name: get("task_name"), content: get("task_content"), source });
    } else if (header.table === "indicators") {
      // A blank 一级/二级 cell under a merged cell of a hand-made sheet: the row above's, as the form reader reads merged cells.
      const above = data.indicators.at(-1);
      const level = (col: "level1" | "level2") => get(col) || (above && above.unitId === uid && above.year === year ? above[col] : "");
      const l1 = level("level1");
      const l2 = level("level2");
      if (!l1 || !l2) {
        bad("error", "canonical.no_level", { level: l1 ? 2 : 1 }, at(l1 ? "level2" : "level1"));
        continue;
      }
      if (l1 !== get("level1") || l2 !== get("level2")) {
        bad("info", "canonical.filled_down", { level: l1 !== get("level1") ? 1 : 2, value: l1 !== get("level1") ? l1 : l2 }, at(l1 !== get("level1") ? "level1" : "level2"));
      }
      const filled = (col: string) => (col === "level1" ? l1 : col === "level2" ? l2 : get(col));
      data.indicators.push(rowToIndicator(filled, uid, unitName || uid, year, data.indicators.length + 1, source));
    } else if (progress) {
      if (!get("unit_id") && !unitName) {
        bad("error", "canonical.no_unit", {}, at("unit_id"));
        continue;
      }
      const ctx: CanonicalRowContext = {
        get, has: (col) => index[col] !== undefined, uid, unitName, year, status, source, at, headerMonth: header.month ?? null,
        note: bad,
      };
      if (header.table === "actuals") {
        const r = rowToActual(ctx);
        if (r) {
          data.actuals!.push(r.actual);
          if (r.periodInferred) periodInferred++;
        }
      } else {
        const r = rowToExecution(ctx);
        if (r) {
          data.execution!.push(r.line);
          if (r.periodInferred) periodInferred++;
        }
      }
    }
  }
  if (periodInferred) {
    bad("info", "actual.period_inferred", { count: periodInferred }, { file, row: 1 });
  }
  data.units = [...units.values()];
  // Ids repeat legitimately across years (the same indicator, year after year): only a repeat within one unit-year is made unique.
  const perUnitYear = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    const k = `${ind.unitId}|${ind.year}`;
    const list = perUnitYear.get(k);
    if (list) list.push(ind);
    else perUnitYear.set(k, [ind]);
  }
  for (const list of perUnitYear.values()) dedupeIds(list);
  return data;
}

/** One canonical indicator row → Indicator; the parsed target is always recomputed from the text. */
export function rowToIndicator(get: (col: string) => string, uid: string, unitName: string, year: number, order: number, source: Location): Indicator {
  const level1 = get("level1");
  const level2 = get("level2");
  const name = get("name") || null;
  const target = get("target") || null;
  return {
    id: get("indicator_id") || indicatorId(unitName, level1, level2, name),
    unitId: uid, year, order: whole(get("ord")) ?? order, level1, level2, name, target,
    parsed: parseTarget(target, year), note: get("note") || null, source,
    ...(get("project_id") ? { projectId: get("project_id") } : {}),
    ...(get("weight") ? { weight: get("weight") } : {}),
  };
}

// ---- Writing ----

function parsedColumns(p: ParsedTarget): Record<string, string> {
  switch (p.kind) {
    case "quantitative": return { target_kind: p.kind, op: p.op, value: p.value, measure_unit: p.unit ?? "", direction: p.direction, deadline: "" };
    case "deadline": return { target_kind: p.kind, op: "", value: "", measure_unit: "", direction: "", deadline: p.date };
    default: return { target_kind: p.kind, op: "", value: "", measure_unit: "", direction: "", deadline: "" };
  }
}

/** Plain rows (string cells) of each canonical table, in COLUMNS order. */
export function tableRows(data: Dataset): Record<TableName, Record<string, string>[]> {
  const s = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  // A finding belongs to the unit year of its subject — the one at the finding's own row, since ids repeat
  // across years (a unit's, an indicator's) — or else of its file.
  const owner = new Map<string, { unitId: string; year: number }>();
  const at = (id: string, l: { file: string; row?: number | null }) => `${id}\u0000${l.file}\u0000${l.row ?? ""}`;
  const own = (id: string, source: { file: string; row?: number | null }, o: { unitId: string; year: number }) => {
    owner.set(at(id, source), o);
    owner.set(id, o);
  };
  for (const u of data.units) {
    own(u.id, u.source, { unitId: u.id, year: u.year });
    owner.set(`file:${u.source.file}`, { unitId: u.id, year: u.year });
  }
  for (const x of [...data.budget, ...data.tasks, ...data.indicators]) own(x.id, x.source, { unitId: x.unitId, year: x.year });
  for (const x of [...(data.actuals ?? []), ...(data.execution ?? [])]) {
    if (!owner.has(`file:${x.source.file}`)) owner.set(`file:${x.source.file}`, { unitId: x.unitId, year: x.year });
  }
  const ownerOf = (f: Finding) => (f.subject && (owner.get(at(f.subject, f.location)) ?? owner.get(f.subject))) || owner.get(`file:${f.location.file}`) || f.owner;
  return {
    units: data.units.map((u) => ({
      unit_id: u.id, unit_name: u.name, fiscal_year: s(u.year), funding_method: u.fundingMethod ?? "", duties: u.duties.join("\n"), goals: u.goals.join("\n"),
      staff_count: s(u.staffCount), org_count: s(u.orgCount), data_status: u.status, source_file: u.source.file, source_row: s(u.source.row),
      unit_code: u.code ?? "", form_kind: u.formKind ?? "",
    })),
    budget: data.budget.map((b) => ({
      line_id: b.id, unit_id: b.unitId, fiscal_year: s(b.year), kind: b.kind, item: b.item, amount: fenToYuanString(b.amountFen), source_file: b.source.file, source_row: s(b.source.row),
      project_id: b.projectId ?? "",
    })),
    tasks: data.tasks.map((t) => ({
      task_id: t.id, unit_id: t.unitId, fiscal_year: s(t.year), task_order: s(t.order), task_name: t.name, task_content: t.content, source_file: t.source.file, source_row: s(t.source.row),
    })),
    indicators: data.indicators.map((i) => ({
      indicator_id: i.id, unit_id: i.unitId, fiscal_year: s(i.year), ord: s(i.order), level1: i.level1, level2: i.level2, name: i.name ?? "", target: i.target ?? "",
      ...parsedColumns(i.parsed), note: i.note ?? "", source_file: i.source.file, source_row: s(i.source.row), project_id: i.projectId ?? "", weight: i.weight ?? "",
    })),
    findings: data.findings.map((f) => ({
      unit_id: ownerOf(f)?.unitId ?? "", fiscal_year: s(ownerOf(f)?.year),
      severity: f.severity, code: f.code, ...csvTexts(f), subject: f.subject ?? "",
      source_file: f.location.file, source_row: s(f.location.row), source_column: s(f.location.column), params: writeParams(f.params),
    })),
    actuals: (data.actuals ?? []).map(actualRow),
    execution: (data.execution ?? []).map(executionRow),
    projects: (data.projects ?? []).map((p) => ({
      project_id: p.id, unit_id: p.unitId, fiscal_year: s(p.year), project_name: p.name, project_code: p.code ?? "", supervisor: p.supervisor ?? "", implementer: p.implementer ?? "",
      implementation_period: p.period ?? "", project_type: p.projectType ?? "", form_kind: p.formKind,
      goals_long: p.goals.longTerm.join("\n"), goals_annual: p.goals.annual.join("\n"), goals_actual: p.goals.actual.join("\n"),
      level1_weights: Object.keys(p.level1Weights).length ? JSON.stringify(p.level1Weights) : "", data_status: p.status, source_file: p.source.file, source_row: s(p.source.row),
    })),
  };
}

/**
 * A canonical CSV file (UTF-8, header row, CRLF, RFC 4180 quoting). With
 * `escapeFormulae`, cells starting with = + - @ are neutralised for spreadsheet
 * users; canonical data files keep them as they are.
 */
export function toCsv(table: TableName, rows: Record<string, string>[], escapeFormulae = false): string {
  return Papa.unparse({ fields: [...COLUMNS[table]], data: rows.map((r) => COLUMNS[table].map((c) => r[c] ?? "")) }, { newline: "\r\n", escapeFormulae });
}

export interface JsonDataset {
  units: { id: string; name: string; year: number; fundingMethod: string | null; duties: string[]; goals: string[]; staffCount: number | null; orgCount: number | null; status: DataStatus; source: Location }[];
  budget: { id: string; unitId: string; year: number; kind: BudgetKind; item: string; amount: string; source: Location }[];
  tasks: Dataset["tasks"];
  indicators: (Omit<Indicator, "parsed"> & { targetKind: string; op: string | null; value: string | null; measureUnit: string | null; direction: string | null; deadline: string | null; recognised: boolean | null })[];
  findings: JsonFinding[];
  /** Present only when progress was read. */
  actuals?: NonNullable<Dataset["actuals"]>;
  execution?: ReturnType<typeof executionToJson>[];
  /** Present only when a project form was read. */
  projects?: Project[];
}


/** Reads projects back from JSON; an entry without unit, year or name is a finding. */
function projectsFromJson(list: Record<string, unknown>[], file: string, findings: Finding[]): Project[] {
  const str = (x: unknown) => (typeof x === "string" ? plainText(x) : typeof x === "number" ? String(x) : "");
  const strOrNull = (x: unknown) => str(x) || null;
  const paras = (x: unknown) => (Array.isArray(x) ? x.map(str).filter(Boolean) : []);
  const out: Project[] = [];
  list.forEach((p, i) => {
    const year = typeof p.year === "number" ? p.year : Number(str(p.year));
    const name = str(p.name);
    const uid = str(p.unitId);
    if (!name || !uid || !(year >= 1900 && year < 2100)) {
      findings.push(finding("error", "json.bad_entry", { list: "projects", index: i, reason: "unit_year_name" }, { file, row: i + 1 }));
      return;
    }
    const goals = (typeof p.goals === "object" && p.goals ? p.goals : {}) as Record<string, unknown>;
    const kind = FORM_KINDS.find((k) => k === p.formKind) ?? "project_declaration";
    const loc = (x: unknown): Location => (typeof x === "object" && x && typeof (x as Location).file === "string" ? (x as Location) : { file, row: i + 1 });
    out.push({
      id: str(p.id) || `p-${i + 1}`, unitId: uid, year, name, code: strOrNull(p.code), supervisor: strOrNull(p.supervisor), implementer: strOrNull(p.implementer),
      period: strOrNull(p.period), projectType: strOrNull(p.projectType), formKind: kind,
      goals: { longTerm: paras(goals.longTerm), annual: paras(goals.annual), actual: paras(goals.actual) },
      level1Weights: Object.fromEntries(Object.entries((typeof p.level1Weights === "object" && p.level1Weights) || {}).map(([k, v]) => [plainText(k), str(v)])),
      status: p.status === "sample" ? "sample" : "declared", source: loc(p.source),
    });
  });
  return out;
}

/** The JSON form (as `jixiao import --json` prints it): exact amounts as strings, parsed targets flattened. */
export function toJson(data: Dataset): JsonDataset {
  return {
    units: data.units.map((u) => ({ ...u })),
    budget: data.budget.map(({ amountFen, ...b }) => ({ ...b, amount: fenToYuanString(amountFen) })),
    tasks: data.tasks,
    indicators: data.indicators.map(({ parsed, ...i }) => ({
      ...i,
      targetKind: parsed.kind,
      op: parsed.kind === "quantitative" ? parsed.op : null,
      value: parsed.kind === "quantitative" ? parsed.value : null,
      measureUnit: parsed.kind === "quantitative" ? parsed.unit : null,
      direction: parsed.kind === "quantitative" ? parsed.direction : null,
      deadline: parsed.kind === "deadline" ? parsed.date : null,
      recognised: parsed.kind === "qualitative" ? parsed.recognised : null,
    })),
    findings: data.findings.map(jsonFinding),
    ...(data.actuals?.length ? { actuals: data.actuals } : {}),
    ...(data.execution?.length ? { execution: data.execution.map(executionToJson) } : {}),
    ...(data.projects?.length ? { projects: data.projects } : {}),
  };
}

/** Reads the JSON form back (targets re-parsed, amounts exact); bad entries are findings. */
export function fromJson(value: unknown, file: string): Dataset {
  const data: Dataset = { units: [], budget: [], tasks: [], indicators: [], findings: [] };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ImportError(`${file}：JSON 顶层应为含 units/budget/tasks/indicators 的对象`, `${file}: JSON must be an object with units/budget/tasks/indicators`, { file });
  }
  const v = value as Record<string, unknown>;
  if (!["units", "budget", "tasks", "indicators", "actuals", "execution", "projects"].some((k) => Array.isArray(v[k]))) {
    throw new ImportError(`${file}：JSON 中没有 units、budget、tasks 或 indicators 数组`, `${file}: JSON has no units, budget, tasks or indicators array`, { file });
  }
  const arr = (k: string) => (Array.isArray(v[k]) ? (v[k] as Record<string, unknown>[]) : []);
  const str = (x: unknown) => (typeof x === "string" ? plainText(x) : typeof x === "number" ? String(x) : "");
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : typeof x === "string" && /^\d+$/.test(x) ? Number(x) : null);
  const loc = (x: unknown, i: number): Location => (typeof x === "object" && x && typeof (x as Location).file === "string" ? (x as Location) : { file, row: i + 1 });
  const problem = (k: string, i: number, reason: ParamsOf<"json.bad_entry">["reason"]) => data.findings.push(finding("error", "json.bad_entry", { list: k, index: i, reason }, { file, row: i + 1 }));
  const yearOf = (x: unknown) => { const y = num(x); return y !== null && y >= 1900 && y < 2100 ? y : null; };
  const names = new Map<string, string>();
  arr("units").forEach((u, i) => {
    const year = yearOf(u.year);
    const name = str(u.name);
    if (!name || year === null) return problem("units", i, "name_year");
    const id = str(u.id) || unitId(name);
    names.set(id, name);
    const paras = (x: unknown) => (Array.isArray(x) ? x.map(str).filter(Boolean) : str(x) ? [str(x)] : []);
    const kind = FORM_KINDS.find((k) => k === u.formKind);
    data.units.push({
      id, name, year, fundingMethod: str(u.fundingMethod) || null, duties: paras(u.duties), goals: paras(u.goals), staffCount: num(u.staffCount), orgCount: num(u.orgCount), status: u.status === "sample" ? "sample" : "declared", source: loc(u.source, i),
      ...(str(u.code) ? { code: str(u.code) } : {}), ...(kind ? { formKind: kind } : {}),
    });
  });
  arr("budget").forEach((b, i) => {
    const fen = parseYuanToFen(str(b.amount));
    const kind = KINDS[str(b.kind)];
    const year = yearOf(b.year);
    if (fen === null || !kind || year === null) return problem("budget", i, "amount_kind_year");
    data.budget.push({ id: str(b.id) || `b-${i + 1}`, unitId: str(b.unitId), year, kind, item: str(b.item), amountFen: fen, source: loc(b.source, i), ...(str(b.projectId) ? { projectId: str(b.projectId) } : {}) });
  });
  arr("tasks").forEach((t, i) => {
    const year = yearOf(t.year);
    if (year === null) return problem("tasks", i, "year");
    data.tasks.push({ id: str(t.id) || `t-${i + 1}`, unitId: str(t.unitId), year, order: num(t.order) ?? i + 1, name: str(t.name), content: str(t.content), source: loc(t.source, i) });
  });
  arr("indicators").forEach((ind, i) => {
    const year = yearOf(ind.year);
    if (year === null) return problem("indicators", i, "year");
    const uid = str(ind.unitId);
    const get = (col: string) => str(({ indicator_id: ind.id, level1: ind.level1, level2: ind.level2, name: ind.name, target: ind.target, note: ind.note, ord: ind.order, project_id: ind.projectId, weight: ind.weight } as Record<string, unknown>)[col]);
    data.indicators.push(rowToIndicator(get, uid, names.get(uid) ?? uid, year, i + 1, loc(ind.source, i)));
  });
  if (Array.isArray(v.actuals) || Array.isArray(v.execution)) {
    Object.assign(data, progressFromJson(arr("actuals"), arr("execution"), file, data.findings));
  }
  if (Array.isArray(v.projects)) data.projects = projectsFromJson(arr("projects"), file, data.findings);
  // Stored findings come back as findings.csv's do (the importer makes them unique with those the checks derive again).
  const stored: Finding[] = [];
  arr("findings").forEach((f, i) => {
    const severity = f.severity === "error" || f.severity === "warning" || f.severity === "info" ? f.severity : null;
    const l = f.location as Partial<Location> | undefined;
    if (!severity || typeof f.code !== "string" || typeof f.message !== "string") return problem("findings", i, "severity_code_message");
    const whole = (x: unknown) => (typeof x === "number" && Number.isInteger(x) && x > 0 ? x : undefined);
    const row = whole(l?.row);
    const column = whole(l?.column);
    stored.push({
      severity, code: plainText(f.code), params: typeof f.params === "object" ? readParams(JSON.stringify(f.params)) : {}, text: { zh: plainText(f.message), en: str(f.messageEn) },
      location: { file: typeof l?.file === "string" ? plainText(l.file) : file, ...(row ? { row } : {}), ...(column ? { column } : {}) },
      ...(str(f.subject) ? { subject: str(f.subject) } : {}),
    });
  });
  data.findings.unshift(...stored);
  return data;
}
