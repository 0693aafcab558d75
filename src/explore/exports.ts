// Exports of what is loaded, DOM-free: CSV (RFC 4180, a BOM so Excel reads
// UTF-8, formula-like cells neutralised), XLSX sheets, the canonical JSON (the
// shape `jixiao import --json` prints, read back by the core importer) and
// standalone chart SVG. Large tables are written in chunks, never as one string.
import Papa from "papaparse";
import type { Value, Row } from "../query/engine.ts";

/**
 * Cells that a spreadsheet would run as a formula: starting with = + - @, tab or
 * CR — except plain numbers (-0.05 is an amount, not a formula). Unlike papaparse's
 * own pattern this also catches multi-line cells.
 */
export const FORMULA = /^(?![-+]?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

export const BOM = "\uFEFF";

/** CSV text of rows (a header line first unless header is false); formula-like cells get a leading '. */
export function csvChunk(columns: readonly string[], rows: readonly (readonly Value[])[], header = true): string {
  const text = Papa.unparse({ fields: [...columns], data: rows.map((r) => r.map((v) => (v === null ? "" : v))) }, { newline: "\r\n", escapeFormulae: FORMULA, header });
  return rows.length || header ? text + "\r\n" : "";
}

/** A file name safe on every system: Chinese kept, path and control characters dropped. */
export function safeFileName(name: string, ext: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").replace(/^\.+/, "").slice(0, 120) || "jixiao";
  return `${base}.${ext}`;
}

// ---- XLSX ----

/** Excel's limit; a sheet with more rows is cut and says so. */
export const XLSX_MAX_ROWS = 1_048_575;

const NUMERIC = /^(DECIMAL|NUMERIC|INTEGER|BIGINT|SMALLINT|TINYINT|HUGEINT|DOUBLE|FLOAT|REAL|UBIGINT|UINTEGER|Int|Float|Decimal)/i;

/** A cell of an XLSX export (xlsx.ts): numbers stay numbers only when the number reads back as the same text. */
export function xlsxCell(v: Value, type: string): { value: string | number | boolean; type?: NumberConstructor | StringConstructor | BooleanConstructor; format?: string } | null {
  if (v === null) return null;
  if (typeof v === "boolean") return { value: v, type: Boolean };
  if (typeof v === "number") return { value: v, type: Number };
  if (NUMERIC.test(type) && /^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    const decimals = v.split(".")[1]?.length ?? 0;
    if (Number.isFinite(n) && n.toFixed(decimals) === v) return { value: n, type: Number, format: decimals ? `#,##0.${"0".repeat(decimals)}` : "0" };
  }
  // A text cell is never a formula in XLSX; it is still cut to Excel's cell limit.
  return { value: v.length > 32767 ? v.slice(0, 32767) : v, type: String };
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
export const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "Sheet1";

// ---- Canonical JSON ----

const str = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));
const num = (v: Value | undefined) => (v === null || v === undefined || v === "" ? null : Number(v));
const text = (v: Value | undefined) => (v === null || v === undefined ? "" : String(v));
const loc = (r: Row) => ({ file: text(r.source_file), ...(num(r.source_row) !== null ? { row: num(r.source_row)! } : {}) });
const paragraphs = (v: Value | undefined) => (v === null || v === undefined || v === "" ? [] : String(v).split("\n").filter(Boolean));

/** A finding's params as the database holds them (JSON written by canonical.ts writeParams, or nothing). */
const paramsOf = (v: Value | undefined): Record<string, unknown> => {
  try {
    const p: unknown = JSON.parse(text(v) || "{}");
    return p && typeof p === "object" && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** One canonical row (as the explore database returns it) → its entry in the JSON form (core/canonical.ts toJson). */
const project = (r: Row) => (r.project_id ? { projectId: text(r.project_id) } : {});
const weights = (v: Value | undefined) => {
  try {
    return v ? (JSON.parse(String(v)) as Record<string, string>) : {};
  } catch {
    return {};
  }
};

export const jsonEntry: Record<"units" | "projects" | "budget" | "tasks" | "indicators" | "findings" | "actuals" | "execution", (r: Row) => unknown> = {
  units: (r) => ({ id: text(r.unit_id), name: text(r.unit_name), year: num(r.fiscal_year), fundingMethod: str(r.funding_method), duties: paragraphs(r.duties), goals: paragraphs(r.goals), staffCount: num(r.staff_count), orgCount: num(r.org_count), status: r.data_status === "sample" || r.data_source === "sample" ? "sample" : "declared", source: loc(r),
    ...(r.unit_code ? { code: text(r.unit_code) } : {}), ...(r.form_kind ? { formKind: text(r.form_kind) } : {}) }),
  projects: (r) => ({
    id: text(r.project_id), unitId: text(r.unit_id), year: num(r.fiscal_year), name: text(r.project_name), code: str(r.project_code), supervisor: str(r.supervisor), implementer: str(r.implementer),
    period: str(r.implementation_period), projectType: str(r.project_type), formKind: text(r.form_kind),
    goals: { longTerm: paragraphs(r.goals_long), annual: paragraphs(r.goals_annual), actual: paragraphs(r.goals_actual) },
    level1Weights: weights(r.level1_weights), status: r.data_status === "sample" || r.data_source === "sample" ? "sample" : "declared", source: loc(r),
  }),
  budget: (r) => ({ id: text(r.line_id), unitId: text(r.unit_id), year: num(r.fiscal_year), kind: text(r.kind), item: text(r.item), amount: text(r.amount), source: loc(r), ...project(r) }),
  tasks: (r) => ({ id: text(r.task_id), unitId: text(r.unit_id), year: num(r.fiscal_year), order: num(r.task_order), name: text(r.task_name), content: text(r.task_content), source: loc(r) }),
  indicators: (r) => ({
    id: text(r.indicator_id), unitId: text(r.unit_id), year: num(r.fiscal_year), order: num(r.ord), level1: text(r.level1), level2: text(r.level2), name: str(r.name), target: str(r.target), note: str(r.note), source: loc(r),
    targetKind: text(r.target_kind) || "none", op: str(r.op), value: str(r.value), measureUnit: str(r.measure_unit), direction: str(r.direction), deadline: str(r.deadline), recognised: r.recognised === null || r.recognised === undefined ? null : Boolean(r.recognised),
    ...(r.weight ? { weight: text(r.weight) } : {}), ...project(r),
  }),
  // Progress (自评 / 运行监控): the shapes of toJson's actuals and executionToJson, read back by progressFromJson.
  actuals: (r) => ({
    indicatorId: str(r.indicator_id), unitId: text(r.unit_id), year: num(r.fiscal_year), period: text(r.period), asOf: str(r.as_of), level1: text(r.level1), level2: text(r.level2), name: str(r.name), target: str(r.target),
    executedToDate: str(r.executed_to_date), expectedAnnual: str(r.expected_annual), likelihood: str(r.likelihood), deviationKinds: text(r.deviation_kind).split("、").filter(Boolean),
    deviationReason: str(r.deviation_reason), correctiveAction: str(r.corrective_action), actual: str(r.actual), completeRate: str(r.complete_rate), weight: str(r.weight),
    declaredScore: str(r.declared_score), grade: str(r.grade), notApplicable: r.not_applicable === true || r.not_applicable === "true", status: r.data_status === "sample" || r.data_source === "sample" ? "sample" : "declared", source: loc(r), ...project(r),
  }),
  execution: (r) => ({
    unitId: text(r.unit_id), ...(r.unit_name ? { unitName: text(r.unit_name) } : {}), year: num(r.fiscal_year), period: text(r.period), asOf: str(r.as_of), item: text(r.item),
    budgetInitial: str(r.budget_initial), budgetFullYear: str(r.budget_full_year), executed: str(r.executed), declaredRate: str(r.declared_rate), weight: str(r.weight),
    declaredScore: str(r.declared_score), declaredTotal: str(r.declared_total), status: r.data_status === "sample" || r.data_source === "sample" ? "sample" : "declared", source: loc(r), ...project(r),
  }),
  findings: (r) => ({
    severity: text(r.severity), code: text(r.code), params: paramsOf(r.params), message: text(r.message), messageEn: text(r.message_en),
    location: { file: text(r.source_file), ...(num(r.source_row) !== null ? { row: num(r.source_row)! } : {}), ...(num(r.source_column) !== null ? { column: num(r.source_column)! } : {}) },
    ...(r.subject ? { subject: text(r.subject) } : {}),
  }),
};

/** Rows of one table as JSON entries joined by commas (the caller writes `"table":[`, commas between chunks and `]`). */
export function jsonRows(table: keyof typeof jsonEntry, rows: Row[]): string {
  return rows.map((r) => JSON.stringify(jsonEntry[table](r))).join(",");
}

// ---- Charts ----

export const CHART_FONTS = "system-ui, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/**
 * A chart's SVG as a standalone file: XML declaration, namespace, a fixed size
 * (the page's is 100% wide) and a named font stack instead of the page's.
 */
export function standaloneSvg(svg: string): string {
  const { width, height } = svgSize(svg);
  let out = /xmlns=/.test(svg.slice(0, 400)) ? svg : svg.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  out = out.replace(/^(<svg\b[^>]*?)\swidth="100%"/, `$1 width="${width}" height="${height}"`).replace(/^(<svg\b[^>]*?)font-family="inherit"/, `$1font-family="${CHART_FONTS.replace(/"/g, "'")}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${out}`;
}

/** The viewBox size of a chart SVG, for drawing it to a PNG at a known scale. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = svg.match(/viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 640, height: 400 };
}
