// The SQL of the bulk route (src/explore/bulk.ts): a large canonical CSV read by DuckDB's read_csv straight
// into indicator_rows, its targets parsed once per shape of writing, and the reviewer's checks
// (src/core/checks.ts) run as SQL over it, their thresholds and texts the core's own. DOM-free and
// runtime-free, tested on native DuckDB (test/explore-bulk.test.ts).
import { DECLARATION_CHECKS, EXPECTED_LEVEL1, FORMULA_FIRST, FORMULA_LIKE, NEVER_BELOW, PERCENT_MAX, PLAUSIBLE_DIGITS } from "../core/checks.ts";
import { writeParams } from "../core/canonical.ts";
import { FINDING_TEXT, findingText, type FindingCode, type FindingParams, type ParamsOf } from "../core/findingText.ts";
import type { BulkPlan } from "./importer.ts";
import type { Lang } from "../i18n/i18n-explore.ts";
import { missingTargetsSql, q, readCsv } from "./sql.ts";

/** The target-shape rules' columns (insertShapeTargetsSql, unruledTargetsSql). */
const RULE_COLUMNS = ["shape", "op", "measure_unit", "direction"];

/** A large canonical CSV as the bulk route reads it: its columns by position (c0, c1 …), all text, strict. */
const bulkReader = (path: string, plan: BulkPlan) =>
  readCsv(path, Array.from({ length: plan.columnCount }, (_, i) => `c${i}`), { delim: plan.delimiter === "\t" ? "\\t" : plan.delimiter, strict: true });

const NULLTEXT = "CAST(NULL AS VARCHAR)";

// ---- Target shapes: a million distinct numbers, a few dozen ways of writing them ----
//
// Generated and real bulk files can hold hundreds of thousands of distinct targets
// (≥200.00(个), ≥201.50(个) …) but only a few dozen shapes (≥#(个)). Each shape's
// shortest and longest targets are parsed by the core's grammar; when every
// sample is quantitative with the same operator, unit and direction and its value
// is the shape's one number (leading zeros dropped, as the grammar does), the
// whole shape is filled in SQL. Every other shape (deadlines, wordings, two
// numbers, a sign, a mismatch) has its distinct targets parsed one by one.

/** Stands for the number in a shape (a private-use character: never in real text). */
export const SHAPE_MARK = "\uE000";
const NUMBER = "[0-9]+(\\.[0-9]+)?";

/** The upload's distinct targets not yet in the lookup, with their shape and number, as a temporary table. */
export function pendingTargetsSql(uploadId: number, unitId?: string): string {
  return `CREATE OR REPLACE TEMP TABLE pending_targets AS
          SELECT target, fiscal_year, regexp_replace(target, '${NUMBER}', '${SHAPE_MARK}', 'g') AS shape,
                 regexp_replace(regexp_extract(target, '${NUMBER}'), '^0+([0-9])', '\\1') AS literal
          FROM (${missingTargetsSql(uploadId, unitId)}) d`;
}

/**
 * Four samples per shape — the shortest, the longest, the first and the last in
 * text order — each as target \u0001 number, with the shape's count (one hash
 * aggregate over the pending targets).
 */
export const SHAPE_SAMPLES_SQL = `SELECT shape, CAST(count(*) AS INTEGER) AS n,
    arg_min(target || chr(1) || coalesce(literal, ''), length(target)) AS s1, arg_max(target || chr(1) || coalesce(literal, ''), length(target)) AS s2,
    min(target || chr(1) || coalesce(literal, '')) AS s3, max(target || chr(1) || coalesce(literal, '')) AS s4
  FROM pending_targets GROUP BY shape`;

/** The rows of SHAPE_SAMPLES_SQL as samples. */
export function shapeSamples(rows: readonly { shape: string; n: number; s1: string; s2: string; s3: string; s4: string }[]): { shape: string; target: string; literal: string | null; n: number }[] {
  return rows.flatMap((r) => [r.s1, r.s2, r.s3, r.s4].map((x) => {
    const cut = x.lastIndexOf("\u0001");
    return { shape: r.shape, target: x.slice(0, cut), literal: x.slice(cut + 1) || null, n: r.n };
  }));
}

/** Fills the lookup for every target of the shapes the rules file (shape, op, measure_unit, direction) covers. */
export function insertShapeTargetsSql(rulesFile: string): string {
  return `INSERT INTO target_lookup SELECT p.target, p.fiscal_year, 'quantitative', r.op, p.literal, NULLIF(r.measure_unit, ''), r.direction, NULL, NULL
          FROM pending_targets p JOIN ${readCsv(rulesFile, RULE_COLUMNS)} r USING (shape)`;
}

/** Targets of the shapes no rule covers: parsed one by one. */
export function unruledTargetsSql(rulesFile: string): string {
  return `SELECT p.target, p.fiscal_year FROM pending_targets p
          ANTI JOIN ${readCsv(rulesFile, RULE_COLUMNS)} r USING (shape)`;
}

// ---- Bulk CSV: read_csv straight into indicator_rows ----
//
// The row loop is DuckDB's; JavaScript (src/explore/bulk.ts, the core's own
// functions) reads only what cheap predicates single out: rows whose text the
// importer would change (markup, odd whitespace, empty cells), unreadable years,
// ord/source_row cells that are not plain numbers, rows whose line is not
// “header + record number”, and one representative per way of being checked.
// Within the load's transaction a row's record number is its rowid minus the
// upload's first rowid (rows of one INSERT get consecutive rowids in file order).

/** Whitespace as JavaScript's \s (which the core's cleanText collapses), as an RE2 class body. */
const WS = "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
const WS_NOT_SPACE = WS.replace(" ", "");
/** The texts a record number stands on (bulk_base: the upload's first rowid). */
const K = "CAST(rowid - (SELECT base FROM bulk_base) + 1 AS INTEGER)";
const RID = (k: string) => `(SELECT base FROM bulk_base) + ${k} - 1`;

/**
 * One INSERT … SELECT over read_csv for a canonical indicators CSV: the header
 * was mapped in JavaScript (plan.index); every value is read as text and cast
 * here, with as little per-row work as the reader allows. A row that needs the
 * core's reading for what a cast loses (a year that is not 19xx/20xx, an ord or
 * source_row that is not a plain number, an odd data_status) keeps its raw year, ord,
 * source_row, data_status and source_file in `pending` (\x1F-separated, \x1E
 * for none), after a mark for “its unmapped cells are blank” (set by
 * bulkOtherCellsSql for the rare row that needs to know: the columns the
 * header does not map are never read here, which keeps read_csv's work down).
 * Only when the file has no ord or source_row column is each record numbered.
 */
export function bulkInsertSql(plan: BulkPlan, path: string, uploadId: number, file: string = path): string {
  const c = (col: string) => (plan.index[col] === undefined ? null : `c${plan.index[col]}`);
  const text = (col: string) => c(col) ?? NULLTEXT;
  const y = c("fiscal_year")!;
  const numbered = c("ord") === null || c("source_row") === null;
  const validYear = `(length(${y}) = 4 AND ${y} BETWEEN '1900' AND '2099' AND TRY_CAST(${y} AS INTEGER) BETWEEN 1900 AND 2099)`;
  const oddNumber = (col: string) => (c(col) ? [`(${c(col)} IS NOT NULL AND coalesce(TRY_CAST(${c(col)} AS INTEGER) = 0 OR CAST(TRY_CAST(${c(col)} AS INTEGER) AS VARCHAR) <> ${c(col)}, true))`] : []);
  // Odd text is found by the scan of the bytes that runs while this reads (bulk.ts createLineCounter); here only what casts lose.
  const needsJs = [`NOT coalesce(${validYear}, false)`, ...oddNumber("ord"), ...oddNumber("source_row"), ...(c("data_status") ? [`${c("data_status")} NOT IN ('sample', 'declared')`] : [])].join(" OR ");
  const raw = ["fiscal_year", "ord", "source_row", "data_status", "source_file"].map((col) => (c(col) ? `coalesce(${c(col)}, chr(30))` : "chr(30)"));
  const int = (col: string, fallback: string) => (c(col) ? `TRY_CAST(${c(col)} AS INTEGER)` : fallback);
  const select: string[] = [
    `${text("indicator_id")} AS indicator_id`,
    `${text("unit_id")} AS unit_id`,
    `CASE WHEN ${validYear} THEN TRY_CAST(${y} AS INTEGER) END AS fiscal_year`,
    `${int("ord", "CAST(rn AS INTEGER)")} AS ord`,
    ...["level1", "level2", "name", "target", "note", "unit_name"].map((col) => `${text(col)} AS ${col}`),
    `coalesce(${text("source_file")}, ${q(file)}) AS source_file`,
    `${int("source_row", `CAST(rn AS INTEGER) + ${plan.headerRow}`)} AS source_row`,
    c("data_status") ? `CASE WHEN ${c("data_status")} = 'sample' THEN 'sample' ELSE 'declared' END AS data_source` : `'declared' AS data_source`,
    `${uploadId} AS upload_id`,
    `CASE WHEN ${needsJs} THEN concat_ws(chr(31), 'b', ${raw.join(", ")}) END AS pending`,
  ];
  const reader = bulkReader(path, plan);
  return `INSERT INTO indicator_rows BY NAME SELECT ${select.join(", ")}
          FROM ${numbered ? `(SELECT *, row_number() OVER () AS rn FROM ${reader})` : reader}`;
}

/** Of the records ks (rows whose mapped cells are all blank), those with something in a column the header does not map: read_csv again, only then. */
export function bulkOtherCellsSql(plan: BulkPlan, path: string, ks: readonly number[]): string {
  const mapped = new Set(Object.values(plan.index));
  const others = Array.from({ length: plan.columnCount }, (_, i) => i).filter((i) => !mapped.has(i)).map((i) => `c${i}`);
  return `SELECT CAST(k AS INTEGER) AS k FROM (SELECT row_number() OVER () AS k, concat_ws('', ${others.join(", ")}) AS other
            FROM ${bulkReader(path, plan)})
          WHERE k IN (${ks.join(", ")}) AND NOT regexp_full_match(other, '[${WS}]*')`;
}

/** What is left to number or to derive (rows without an ord, a source_row, a unit or an indicator id): counted in one scan. */
const NULL_COUNTS = `CAST(count(*) AS INTEGER) AS n, CAST(count(*) - count(ord) AS INTEGER) AS no_ord, CAST(count(*) - count(source_row) AS INTEGER) AS no_row,
  CAST(count(*) - count(unit_id) AS INTEGER) AS no_unit, CAST(count(*) - count(indicator_id) AS INTEGER) AS no_id`;

/** The unit of the upload's first row that has a unit and a year (the unit a bulk file opens on). */
const FIRST_UNIT = "arg_min(unit_id, rowid) FILTER (WHERE unit_id IS NOT NULL AND fiscal_year IS NOT NULL) AS first_unit";

/**
 * One pass over the rows just read: the upload's first rowid (record k is rowid base + k - 1), how many
 * rows the INSERT set aside for the core (`pending`), the counts of NULL_COUNTS and the first row's unit;
 * and the line changes and odd records of the byte scan (bulk.ts createLineCounter) as tables.
 */
export function bulkBaseSql(uploadId: number, linesFile: string, oddFile: string): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE bulk_base AS SELECT min(rowid) AS base, CAST(count(pending) AS INTEGER) AS pending, ${NULL_COUNTS}, ${FIRST_UNIT}
     FROM indicator_rows WHERE upload_id = ${uploadId}`,
    `CREATE OR REPLACE TEMP TABLE bulk_lines AS SELECT * FROM ${readCsv(linesFile, { k: "INTEGER", line: "INTEGER" })}`,
    `CREATE OR REPLACE TEMP TABLE bulk_odd AS SELECT * FROM ${readCsv(oddFile, { k: "INTEGER" })} WHERE k > 0`,
  ];
}

/** bulk_base as JavaScript reads it (the base as text: a transaction's rowids are past 2^53). */
export const BULK_BASE_SQL = "SELECT CAST(base AS VARCHAR) AS base, pending, n, no_ord, no_row, no_unit, no_id, first_unit FROM bulk_base";

/**
 * Rows picked by rowid: a literal list where JavaScript has the rowids (bulk.ts rowidsOf) — the scan
 * then reads just those rows — else the subquery, a join that reads every row (and, in a transaction's
 * own rows, holds ~100 MB per million of them while it runs).
 */
export const MAX_LITERAL_ROWIDS = 20_000;
function rowidsIn(rowids: readonly string[] | null, subquery: string, column = "rowid"): string {
  if (rowids && rowids.length <= MAX_LITERAL_ROWIDS) return rowids.length ? `${column} IN (${rowids.join(", ")})` : "false";
  return `${column} IN ${subquery}`;
}

/** The line record k starts on, for a relation `x` with a column k (an ASOF join on the line changes). */
const LINE = "CAST(l.line + (x.k - l.k) AS INTEGER)";
const ASOF_LINES = "ASOF LEFT JOIN bulk_lines l ON x.k >= l.k";

/**
 * Rows the core must read again (bulk.ts PendingRow): those the INSERT kept
 * aside, and those the byte scan found odd text in (bulk_odd), whose raw
 * year, ord, source_row, data_status and source_file the stored values still
 * say exactly (else the INSERT would have kept them aside).
 */
export function pendingRowsSql(plan: BulkPlan, uploadId: number, file: string, oddRowids: readonly string[] | null = null): string {
  const has = (col: string) => plan.index[col] !== undefined;
  const none = "chr(30)";
  const raw = [
    `coalesce(CAST(x.fiscal_year AS VARCHAR), ${none})`,
    has("ord") ? `coalesce(CAST(x.ord AS VARCHAR), ${none})` : none,
    has("source_row") ? `coalesce(CAST(x.source_row AS VARCHAR), ${none})` : none,
    has("data_status") ? `CASE WHEN x.data_source = 'sample' THEN 'sample' ELSE ${none} END` : none,
    has("source_file") ? `CASE WHEN x.source_file = ${q(file)} THEN ${none} ELSE coalesce(x.source_file, ${none}) END` : none,
  ];
  // Two narrow selections (never an OR over every row), then the lines of just these.
  const cols = "indicator_id, unit_id, unit_name, level1, level2, name, target, note, fiscal_year, ord, source_row, data_source, source_file, pending";
  return `WITH p AS (
            SELECT ${K} AS k, ${cols} FROM indicator_rows WHERE upload_id = ${uploadId} AND pending IS NOT NULL
            UNION ALL
            SELECT ${K} AS k, ${cols} FROM indicator_rows WHERE upload_id = ${uploadId} AND pending IS NULL
              AND ${rowidsIn(oddRowids, "(SELECT (SELECT base FROM bulk_base) + k - 1 FROM bulk_odd)")})
          SELECT x.k AS rn, ${LINE} AS line, coalesce(x.pending, concat_ws(chr(31), 'b', ${raw.join(", ")})) AS pending,
                 x.indicator_id, x.unit_id, x.unit_name, x.level1, x.level2, x.name, x.target, x.note
          FROM p x ${ASOF_LINES} ORDER BY x.k`;
}

const FIX_READ = (file: string) => readCsv(file, Object.fromEntries(
  ["rn", "drop", "indicator_id", "unit_id", "unit_name", "fiscal_year", "ord", "level1", "level2", "name", "target", "note", "source_file", "source_row", "data_source"]
    .map((col) => [col, ["rn", "drop", "fiscal_year", "ord", "source_row"].includes(col) ? "INTEGER" : "VARCHAR"])));

const FINDINGS_READ = (file: string) => readCsv(file, Object.fromEntries(
  ["k", "severity", "code", "message", "message_en", "params", "source_file", "source_row", "source_column", "subject"]
    .map((col) => [col, ["k", "source_row", "source_column"].includes(col) ? "INTEGER" : "VARCHAR"])));

/** Writes back what the core read of the pending rows (bulk.ts fixRowsCsv): values and dropped rows; their findings wait in bulk_fix_findings (BULK_FIX_FINDINGS_SQL). */
export function applyFixSql(uploadId: number, fixFile: string, findingsFile: string, fixRowids: readonly string[] | null = null): string[] {
  const set = ["indicator_id", "unit_id", "unit_name", "fiscal_year", "ord", "level1", "level2", "name", "target", "note", "source_file", "source_row", "data_source"].map((col) => `${col} = m.${col}`);
  // No row to fix (a clean file): no UPDATE or DELETE to run.
  const fixes = fixRowids?.length === 0 ? [] : [
    `UPDATE indicator_rows r SET ${set.join(", ")}, pending = NULL FROM bulk_fix m
     WHERE r.upload_id = ${uploadId} AND m.drop = 0 AND r.rowid = m.rid AND ${rowidsIn(fixRowids, "(SELECT rid FROM bulk_fix)", "r.rowid")}`,
    `DELETE FROM indicator_rows WHERE upload_id = ${uploadId} AND rowid IN (SELECT rid FROM bulk_fix WHERE drop = 1) AND ${rowidsIn(fixRowids, "(SELECT rid FROM bulk_fix)")}`,
  ];
  return [
    `CREATE OR REPLACE TEMP TABLE bulk_fix AS SELECT *, ${RID("rn")} AS rid FROM ${FIX_READ(fixFile)}`,
    ...fixes,
    `CREATE OR REPLACE TEMP TABLE bulk_fix_findings AS SELECT severity, code, message, message_en, NULLIF(params, '') AS params, source_file, source_row, source_column, NULLIF(subject, '') AS subject, 'declared' AS data_source, ${uploadId} AS upload_id
     FROM ${FINDINGS_READ(findingsFile)}`,
  ];
}

/** The reading's findings of the bulk route's first part, written with the checks (outside the first part's transaction). */
export const BULK_FIX_FINDINGS_SQL = "INSERT INTO findings BY NAME SELECT * FROM bulk_fix_findings";

/** The counts of bulk_base again, and the first row's unit, after the core's fixes changed rows: one scan. */
export function bulkStatsSql(uploadId: number): string {
  return `SELECT ${NULL_COUNTS}, ${FIRST_UNIT} FROM indicator_rows WHERE upload_id = ${uploadId}`;
}

/**
 * ord as the importer numbers a row without one: its place among the rows
 * read (records minus the rows dropped before it). `all`: every row after the
 * first dropped one was numbered by its record (the file has no ord column).
 */
export function bulkOrdSql(uploadId: number, all: boolean): string {
  return `UPDATE indicator_rows r SET ord = n.ord FROM (
            SELECT x.rid, CAST(x.k - coalesce(d.n, 0) AS INTEGER) AS ord
            FROM (SELECT rowid AS rid, ${K} AS k, ord FROM indicator_rows WHERE upload_id = ${uploadId}) x
            ASOF LEFT JOIN (SELECT rn AS k, row_number() OVER (ORDER BY rn) AS n FROM bulk_fix WHERE drop = 1) d ON x.k > d.k
            WHERE x.ord IS NULL${all ? ` OR x.k > (SELECT min(rn) FROM bulk_fix WHERE drop = 1)` : ""}) n
          WHERE r.rowid = n.rid`;
}

/** source_row as the importer gives a row without one: the line its record starts on. `from`: every record from k on was numbered by position. */
export function bulkSourceRowSql(uploadId: number, from: number | null): string {
  return `UPDATE indicator_rows r SET source_row = n.line FROM (
            SELECT x.rid, ${LINE} AS line FROM (SELECT rowid AS rid, ${K} AS k, source_row FROM indicator_rows WHERE upload_id = ${uploadId}) x ${ASOF_LINES}
            WHERE x.source_row IS NULL${from !== null ? ` OR x.k >= ${from}` : ""}) n
          WHERE r.rowid = n.rid`;
}

export function bulkUnitNamesSql(uploadId: number): string {
  return `SELECT DISTINCT coalesce(unit_name, '') AS unit_name FROM indicator_rows WHERE upload_id = ${uploadId} AND unit_id IS NULL`;
}

export function bulkSetUnitIdsSql(uploadId: number, file: string): string {
  return `UPDATE indicator_rows r SET unit_id = m.unit_id
          FROM ${readCsv(file, ["unit_name", "unit_id"])} m
          WHERE r.upload_id = ${uploadId} AND r.unit_id IS NULL AND coalesce(r.unit_name, '') = coalesce(m.unit_name, '')`;
}

export function bulkIndicatorKeysSql(uploadId: number): string {
  return `SELECT DISTINCT coalesce(unit_name, unit_id) AS u, coalesce(level1, '') AS l1, coalesce(level2, '') AS l2, name FROM indicator_rows WHERE upload_id = ${uploadId} AND indicator_id IS NULL`;
}

export function bulkSetIndicatorIdsSql(uploadId: number, file: string): string {
  return `UPDATE indicator_rows r SET indicator_id = m.indicator_id
          FROM ${readCsv(file, ["k_unit", "k_level1", "k_level2", "k_name", "indicator_id"])} m
          WHERE r.upload_id = ${uploadId} AND r.indicator_id IS NULL AND coalesce(r.unit_name, r.unit_id) = m.k_unit
            AND coalesce(r.level1, '') = coalesce(m.k_level1, '') AND coalesce(r.level2, '') = coalesce(m.k_level2, '') AND r.name IS NOT DISTINCT FROM m.k_name`;
}

/**
 * Repeated indicator ids within a unit-year get -2, -3 … in file order, as the
 * core's dedupeIds gives them. Candidates are the rows whose hash of (unit,
 * year, id) repeats (bulk_row_keys: one integer per row, grouped cheaply); the
 * numbering itself is over the real values, so a hash collision changes nothing.
 */
export function bulkDedupeIdsSql(uploadId: number): string {
  return `UPDATE indicator_rows r SET indicator_id = d.indicator_id || '-' || d.n FROM (
            SELECT rowid AS rid, indicator_id, row_number() OVER (PARTITION BY unit_id, fiscal_year, indicator_id ORDER BY rowid) AS n
            FROM indicator_rows WHERE upload_id = ${uploadId}
              AND rowid IN (SELECT rid FROM bulk_row_keys WHERE h_id IN (SELECT h_id FROM bulk_row_keys GROUP BY h_id HAVING count(*) > 1))) d
          WHERE r.rowid = d.rid AND d.n > 1`;
}

// ---- Bulk CSV: the reviewer's checks (src/core/checks.ts) ----

/**
 * One pass over the rows per unit-year: the unit (named by its first row that
 * names one, as the importer creates it), whether it is sample data, its first
 * file. Feeds the unit rows and, with bulkDeclarationsSql, the per-declaration
 * findings. On the dashboards' path only for the unit they open on (`unitId`):
 * every unit-year's comes with the checks, as does the line of the naming row
 * (an ASOF join), which only they need.
 */
export function bulkUnitsSql(uploadId: number, unitId?: string): string {
  return `CREATE OR REPLACE TEMP TABLE bulk_units AS
          SELECT unit_id, fiscal_year, arg_min(unit_name, rowid) FILTER (WHERE unit_name IS NOT NULL) AS unit_name,
                 CAST(min(rowid) FILTER (WHERE unit_name IS NOT NULL) - (SELECT base FROM bulk_base) + 1 AS INTEGER) AS named_k,
                 bool_or(data_source = 'sample') AS sample, min(source_row) AS min_row, arg_min(source_file, rowid) AS first_file
          FROM indicator_rows WHERE upload_id = ${uploadId}${unitId === undefined ? "" : ` AND unit_id = ${q(unitId)}`} GROUP BY unit_id, fiscal_year`;
}

/** The latest year in bulk_units (made for one unit: the year its dashboards open on). */
export const BULK_UNITS_LATEST_SQL = "SELECT CAST(max(fiscal_year) AS INTEGER) AS year FROM bulk_units";

/**
 * What the per-declaration checks add to bulk_units, with the checks (off the
 * dashboards' path): the line of the row that names the unit (an ASOF join on
 * the scan's line changes), the groups each unit-year covers and its first row's source_row.
 */
export function bulkDeclarationsSql(uploadId: number, groups: readonly string[]): string {
  return `CREATE OR REPLACE TEMP TABLE bulk_declarations AS
          SELECT u.*, CASE WHEN u.named_k IS NOT NULL THEN CAST(l.line + (u.named_k - l.k) AS INTEGER) END AS named_line,
                 g.first_row${groups.map((_, i) => `, g.has${i}`).join("")} FROM bulk_units u ASOF LEFT JOIN bulk_lines l ON coalesce(u.named_k, 0) >= l.k LEFT JOIN (
            SELECT unit_id, fiscal_year, arg_min(source_row, rowid) AS first_row, ${groups.map((g, i) => `bool_or(level1 = ${q(g)}) AS has${i}`).join(", ")}
            FROM indicator_rows WHERE upload_id = ${uploadId} GROUP BY unit_id, fiscal_year) g
          ON g.unit_id IS NOT DISTINCT FROM u.unit_id AND g.fiscal_year IS NOT DISTINCT FROM u.fiscal_year`;
}

/**
 * A finding's text in `lang` as a SQL expression: the catalogue's template (src/core/findingText.ts)
 * rendered with SQL expressions for its params, each of which the template must place once, as it is
 * (a template that cut or changed a param could not be written in SQL, and throws here).
 */
export function findingTextSql<C extends FindingCode>(code: C, lang: Lang, params: { [K in keyof ParamsOf<C>]: string }): string {
  const keys = Object.keys(params) as (keyof ParamsOf<C> & string)[];
  const mark = (i: number) => `\uE000${i}\uE001`;
  const text = (FINDING_TEXT[lang][code] as (p: FindingParams) => string)(Object.fromEntries(keys.map((k, i) => [k, mark(i)])));
  const parts: string[] = [];
  let rest = text;
  keys.forEach((k, i) => {
    const at = rest.indexOf(mark(i));
    if (at < 0 || rest.indexOf(mark(i), at + 1) >= 0) throw new Error(`${code}: param ${k} is not placed once as it is`);
    if (at > 0) parts.push(q(rest.slice(0, at)));
    parts.push(`CAST(${params[k]} AS VARCHAR)`);
    rest = rest.slice(at + mark(i).length);
  });
  if (rest) parts.push(q(rest));
  if (/\uE000/.test(parts.join(""))) throw new Error(`${code}: params placed out of order`);
  return parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
}

/** A finding's params as SQL writes them: the JSON that findings.csv's `params` column holds (writeParams), keys in this order. */
export function findingParamsSql(params: Readonly<Record<string, string>>): string {
  return `CAST(json_object(${Object.entries(params).map(([k, v]) => `${q(k)}, ${v}`).join(", ")}) AS VARCHAR)`;
}

/**
 * Findings per unit-year (from bulk_declarations) and per name (duplicate names, groups not covered, units
 * without duties and goals): the core's checks of a whole declaration (checks.ts DECLARATION_CHECKS), their
 * code, params and severity, their text rendered from the catalogue. The last statement writes the duplicate names.
 */
export function bulkDeclarationFindingsSql(uploadId: number, file: string): string[] {
  const cols = (code: keyof typeof DECLARATION_CHECKS) => `${q(DECLARATION_CHECKS[code])} AS severity, ${q(code)} AS code`;
  const texts = (code: FindingCode, params: FindingParams) => `${q(findingText({ code, params }, "zh"))} AS message, ${q(findingText({ code, params }, "en"))} AS message_en, ${writeParams(params) ? q(writeParams(params)) : "NULL"} AS params`;
  const dup = { name: "name", row: "first_row" };
  return [
    ...(["unit.no_duties", "unit.no_goals"] as const).map((code) => `INSERT INTO findings BY NAME SELECT unit_id, fiscal_year, ${cols(code)}, ${texts(code, {})}, unit_id AS subject,
            ${q(file)} AS source_file, named_line AS source_row, 'declared' AS data_source, ${uploadId} AS upload_id FROM bulk_declarations WHERE named_k IS NOT NULL`),
    ...EXPECTED_LEVEL1.map((level1, i) => `INSERT INTO findings BY NAME SELECT unit_id, fiscal_year, ${cols("indicator.missing_level1")}, ${texts("indicator.missing_level1", { level1 })},
            first_file AS source_file, first_row AS source_row, 'declared' AS data_source, ${uploadId} AS upload_id FROM bulk_declarations WHERE NOT coalesce(has${i}, false)`),
    `INSERT INTO findings BY NAME SELECT unit_id, fiscal_year, ${cols("indicator.duplicate_name")},
            ${findingTextSql("indicator.duplicate_name", "zh", dup)} AS message, ${findingTextSql("indicator.duplicate_name", "en", dup)} AS message_en, ${findingParamsSql(dup)} AS params,
            indicator_id AS subject, source_file, source_row, 'declared' AS data_source, ${uploadId} AS upload_id
     FROM (SELECT *, first_value(source_row) OVER w AS first_row, row_number() OVER w AS n
           FROM indicator_rows WHERE upload_id = ${uploadId} AND name IS NOT NULL
             AND rowid IN (SELECT rid FROM bulk_row_keys WHERE h_name IN (SELECT h_name FROM bulk_row_keys WHERE h_name IS NOT NULL GROUP BY h_name HAVING count(*) > 1))
           WINDOW w AS (PARTITION BY unit_id, fiscal_year, name ORDER BY rowid)) WHERE n > 1`,
  ];
}

/** Placeholder units for the upload's unit-years not yet known, from bulk_units (the indicator rows are not scanned again). */
export function bulkUnitRowsSql(uploadId: number): string {
  return `INSERT INTO units BY NAME
          SELECT unit_id, fiscal_year, coalesce(unit_name, unit_id) AS unit_name,
                 CASE WHEN sample THEN 'sample' ELSE 'declared' END AS data_status, CASE WHEN sample THEN 'sample' ELSE 'declared' END AS data_source,
                 first_file AS source_file, min_row AS source_row, ${uploadId} AS upload_id, true AS placeholder
          FROM bulk_units b WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.unit_id = b.unit_id AND u.fiscal_year = b.fiscal_year)`;
}

/**
 * Per row, the way it is checked: a quantitative target that cannot be
 * impossible (value > NEVER_BELOW, and < PERCENT_MAX when its unit is a percentage) or
 * implausible (PLAUSIBLE_DIGITS: ≤ 15 digits, ≤ 6 decimals) and does not start like a formula (FORMULA_LIKE) is
 * checked by its groups, name, operator and unit only; any other target by its
 * own text and year. `percentUnits`: the upload's units that are percentages
 * (the core's unitFamily, asked in JavaScript).
 */
const CHECK_KEY = (uploadId: number, percentUnits: readonly string[]) => `SELECT rid, hash(level1, level2, name, CASE WHEN folded THEN NULL ELSE target END, CASE WHEN folded THEN NULL ELSE fiscal_year END,
         folded, CASE WHEN folded THEN op END, CASE WHEN folded THEN measure_unit END) AS h,
         hash(unit_id, fiscal_year, indicator_id) AS h_id, CASE WHEN name IS NOT NULL THEN hash(unit_id, fiscal_year, name) END AS h_name
  FROM (SELECT r.rowid AS rid, r.unit_id, r.indicator_id, r.level1, r.level2, r.name, r.target, r.fiscal_year, l.op, l.measure_unit, coalesce(l.folded, false) AS folded
        FROM indicator_rows r LEFT JOIN (
          -- Whether a parsed target folds: decided once per distinct target, not per row.
          SELECT target, fiscal_year, op, measure_unit,
                 target_kind = 'quantitative' AND CASE WHEN left(target, 1) IN (${FORMULA_FIRST.map(q).join(", ")}) THEN NOT regexp_matches(target, '${FORMULA_LIKE.source}') ELSE true END
                 AND TRY_CAST(value AS DOUBLE) > ${NEVER_BELOW}
                 AND (TRY_CAST(value AS DOUBLE) < ${PERCENT_MAX} OR measure_unit IS NULL${percentUnits.length ? ` OR measure_unit NOT IN (${percentUnits.map(q).join(", ")})` : " OR true"}) AND regexp_full_match(value, '[0-9]{1,${PLAUSIBLE_DIGITS.integer}}(\\.[0-9]{1,${PLAUSIBLE_DIGITS.decimals}})?') AS folded
          FROM target_lookup) l ON l.target = r.target AND l.fiscal_year = r.fiscal_year WHERE r.upload_id = ${uploadId})`;

/**
 * One pass over the rows joined to their parsed targets: each row's check key
 * as a 64-bit hash of its parts, and the hashes of (unit, year, id) and (unit,
 * year, name) that the repeated ids and names are looked for by; then the
 * distinct check keys, numbered, each with its first row's groups, name,
 * target and year (bulk.ts CheckKey). A collision of two check keys' hashes
 * (odds about 10^-12 for the few thousand keys of a real file, 3·10^-8 even
 * for a million) would give a row the other key's findings.
 */
export function bulkCheckKeysSql(uploadId: number, percentUnits: readonly string[]): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE bulk_row_keys AS ${CHECK_KEY(uploadId, percentUnits)}`,
    `CREATE OR REPLACE TEMP TABLE bulk_keys AS
     SELECT CAST(row_number() OVER (ORDER BY g.rid) AS INTEGER) AS k, g.h, r.level1, r.level2, r.name, r.target, r.fiscal_year
     FROM (SELECT h, min(rid) AS rid FROM bulk_row_keys GROUP BY h) g JOIN indicator_rows r ON r.rowid = g.rid`,
  ];
}

/** The measure units the lookup knows (a few dozen), for JavaScript to say which are percentages. */
/** Whether any (unit, year, id) or (unit, year, name) hash repeats: the statements that number and report repeats run only then. */
export const BULK_REPEATS_SQL = `SELECT CAST((SELECT count(*) FROM (SELECT h_id FROM bulk_row_keys GROUP BY h_id HAVING count(*) > 1)) AS INTEGER) AS ids,
  CAST((SELECT count(*) FROM (SELECT h_name FROM bulk_row_keys WHERE h_name IS NOT NULL GROUP BY h_name HAVING count(*) > 1)) AS INTEGER) AS names`;

export const MEASURE_UNITS_SQL = "SELECT DISTINCT measure_unit FROM target_lookup WHERE measure_unit IS NOT NULL";

export const CHECK_KEYS_SQL = "SELECT k, level1, level2, name, target, fiscal_year FROM bulk_keys ORDER BY k";

/**
 * Each finding of a key (bulk.ts checkKeysCsv) for every row of that key, with the row's own place and
 * id: `prepare` reads the keys' findings, `insert(from, to)` writes those of the rows with rowids in
 * [from, to) — in batches, so that no statement holds hundreds of thousands of uncompressed findings at
 * once (wasm memory, once grown, stays grown). `range` gives the rowids to cover.
 */
export function bulkKeyFindingsSql(uploadId: number, findingsFile: string): { prepare: string; range: string; insert: (from: number, to: number) => string } {
  return {
    prepare: `CREATE OR REPLACE TEMP TABLE bulk_key_findings AS SELECT f.*, k.h FROM ${FINDINGS_READ(findingsFile)} f JOIN bulk_keys k USING (k)`,
    range: "SELECT CAST(coalesce(min(rid), 0) AS DOUBLE) AS lo, CAST(coalesce(max(rid), -1) AS DOUBLE) AS hi FROM bulk_row_keys",
    insert: (from, to) => `INSERT INTO findings BY NAME SELECT r.unit_id, r.fiscal_year, f.severity, f.code, f.message, f.message_en, NULLIF(f.params, '') AS params, r.indicator_id AS subject, r.source_file, r.source_row,
            'declared' AS data_source, ${uploadId} AS upload_id
     FROM (SELECT * FROM bulk_row_keys WHERE rid >= ${from} AND rid < ${to}) x JOIN bulk_key_findings f USING (h) JOIN indicator_rows r ON r.rowid = x.rid
     WHERE r.rowid >= ${from} AND r.rowid < ${to}`,
  };
}

/** Drops the given working tables in one message to the engine. */
export const dropTablesSql = (tables: readonly string[]): string => tables.map((t) => `DROP TABLE IF EXISTS ${t}`).join(";\n");

/** Temporary tables of the bulk route's first part (bulk.ts finishBulk) that the rest does not read (bulk_base: until bulkUnitRows). */
export const BULK_STAGE1_TABLES = ["bulk_odd", "bulk_fix", "bulk_units", "pending_targets"];
export const BULK_TEMP_TABLES = [...BULK_STAGE1_TABLES, "bulk_base", "bulk_lines", "bulk_fix_findings", "bulk_declarations", "bulk_row_keys", "bulk_keys", "bulk_key_findings"];

