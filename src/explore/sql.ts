// The SQL of the explore page's database, DOM-free and runtime-free so that the
// same statements are tested on native DuckDB in Node and run by DuckDB-wasm in
// the browser. The canonical tables keep their names and columns (the queries of
// src/query/queries.ts run unchanged); every row also carries the upload it came
// from. Indicators are stored without their parsed-target columns: `indicators`
// is a view that joins each row to `target_lookup`, where every distinct
// (target, year) was parsed once by the core's grammar — so a million-row file
// never has its targets parsed row by row in JavaScript.
import { DECLARATION_CHECKS, EXPECTED_LEVEL1, FORMULA_FIRST, FORMULA_LIKE, NEVER_BELOW, PERCENT_MAX, PLAUSIBLE_DIGITS } from "../core/checks.ts";
import { COLUMNS, writeParams, type TableName } from "../core/canonical.ts";
import { FINDING_TEXT, findingText, findingTexts, type FindingCode, type FindingParams, type ParamsOf } from "../core/findingText.ts";
import type { Finding } from "../core/model.ts";
import { columnType, insertCsvSql } from "../query/schema.ts";
import type { BulkPlan } from "./importer.ts";
import type { Lang } from "../i18n/i18n-explore.ts";
import { t, type MessageText } from "../i18n/messages.ts";

export const TABLES = Object.keys(COLUMNS) as TableName[];

/** Parsed-target columns: derived from the target text, kept in target_lookup. */
export const DERIVED = ["target_kind", "op", "value", "measure_unit", "direction", "deadline"] as const;
export const INDICATOR_BASE = COLUMNS.indicators.filter((c) => !(DERIVED as readonly string[]).includes(c));

export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * DuckDB's read_csv of a file the page wrote or registered, the one way this module reads one: a header row,
 * RFC 4180 quotes, no detection — the columns and their types as given (names alone are VARCHAR).
 */
export function readCsv(file: string, columns: Record<string, string> | readonly string[], o: { delim?: string; strict?: boolean } = {}): string {
  const cols: Record<string, string> = Array.isArray(columns) ? Object.fromEntries(columns.map((c) => [c, "VARCHAR"])) : (columns as Record<string, string>);
  const typed = Object.entries(cols).map(([c, t]) => `'${c}': '${t}'`).join(", ");
  return `read_csv(${q(file)}, header = true, auto_detect = false, delim = ${q(o.delim ?? ",")}, quote = '"', escape = '"', columns = {${typed}}${o.strict ? ", strict_mode = true" : ""})`;
}

/** The target-shape rules' columns (insertShapeTargetsSql, unruledTargetsSql). */
const RULE_COLUMNS = ["shape", "op", "measure_unit", "direction"];

/** A large canonical CSV as the bulk route reads it: its columns by position (c0, c1 …), all text, strict. */
const bulkReader = (path: string, plan: BulkPlan) =>
  readCsv(path, Array.from({ length: plan.columnCount }, (_, i) => `c${i}`), { delim: plan.delimiter === "\t" ? "\\t" : plan.delimiter, strict: true });

const NULLTEXT = "CAST(NULL AS VARCHAR)";

/** The physical table a canonical table's rows go into. */
export const storedAs = (t: TableName) => (t === "indicators" ? "indicator_rows" : t);

/** An empty table of canonical columns (typed as the build's tables are), the upload columns and `extra` definitions: plain DDL, no query to run. */
function emptyTable(name: string, cols: readonly string[], extra: string[]): string {
  return `CREATE OR REPLACE TABLE ${name} (${[...cols.map((c) => `${c} ${columnType(c)}`), "data_source VARCHAR", "upload_id INTEGER", ...extra].join(", ")})`;
}

/**
 * The attached database that holds the findings on the page (session.ts): a compressed in-memory one,
 * where the few distinct messages repeated on hundreds of thousands of rows are stored once per row
 * group — the default in-memory database keeps every value as it came (about 100 MB for the findings
 * of a generated million rows). A transaction writes to one database only: the page writes findings
 * outside the per-file transaction. The tests keep every table in one database.
 */
export const FINDINGS_DB = "jixiao_findings";

/** Creates (or empties) every table and the indicators view; `findingsDb`: the attached database of the findings table. */
export function setupSql(options: { findingsDb?: string } = {}): string[] {
  const out: string[] = [
    `CREATE OR REPLACE TABLE uploads (upload_id INTEGER PRIMARY KEY, file_name VARCHAR, parts VARCHAR, loaded_at VARCHAR, route VARCHAR, bytes BIGINT, rows_loaded BIGINT)`,
    // Unique on (target, fiscal_year) by construction: every insert leaves out what it already has.
    `CREATE OR REPLACE TABLE target_lookup (target VARCHAR, fiscal_year INTEGER, target_kind VARCHAR, op VARCHAR, value VARCHAR, measure_unit VARCHAR, direction VARCHAR, deadline VARCHAR, recognised BOOLEAN)`,
  ];
  for (const t of TABLES) {
    if (t === "indicators") out.push(emptyTable("indicator_rows", INDICATOR_BASE, ["unit_name VARCHAR", "pending VARCHAR"]));
    else if (t === "units") out.push(emptyTable("units", COLUMNS.units, ["placeholder BOOLEAN DEFAULT false"]));
    else out.push(emptyTable(t === "findings" && options.findingsDb ? `${options.findingsDb}.main.findings` : t, COLUMNS[t], []));
  }
  const cols = COLUMNS.indicators.map((c) => ((DERIVED as readonly string[]).includes(c) ? (c === "target_kind" ? "coalesce(l.target_kind, 'none') AS target_kind" : `l.${c}`) : `r.${c}`));
  out.push(`CREATE OR REPLACE VIEW indicators AS SELECT ${cols.join(", ")}, r.data_source, r.upload_id FROM indicator_rows r LEFT JOIN target_lookup l ON l.target = r.target AND l.fiscal_year = r.fiscal_year`);
  return out;
}

/** Loads one canonical CSV (as the import worker wrote it) into its table. */
export function insertTableSql(table: TableName, file: string, uploadId: number): string {
  return insertCsvSql(table, file, { data_source: "declared", upload_id: uploadId }, { into: storedAs(table), columns: table === "indicators" ? INDICATOR_BASE : COLUMNS[table] });
}

/** Adds parsed targets not yet known (the lookup CSV of importer.targetLookupCsv). */
export function insertLookupSql(file: string): string {
  return `INSERT INTO target_lookup SELECT n.* FROM (
            SELECT target, CAST(fiscal_year AS INTEGER) AS fiscal_year, target_kind, NULLIF(op, '') AS op, NULLIF(value, '') AS value, NULLIF(measure_unit, '') AS measure_unit,
                   NULLIF(direction, '') AS direction, NULLIF(deadline, '') AS deadline, CAST(NULLIF(recognised, '') AS BOOLEAN) AS recognised
            FROM ${readCsv(file, ["target", "fiscal_year", "target_kind", "op", "value", "measure_unit", "direction", "deadline", "recognised"])}
            WHERE target IS NOT NULL) n
          ANTI JOIN target_lookup l ON l.target = n.target AND l.fiscal_year = n.fiscal_year`;
}

/** Distinct (target, year) of an upload (of one unit of it, when `unitId` is given) that the lookup does not have yet. */
export function missingTargetsSql(uploadId: number, unitId?: string): string {
  return `SELECT DISTINCT r.target, r.fiscal_year FROM indicator_rows r ANTI JOIN target_lookup l ON l.target = r.target AND l.fiscal_year = r.fiscal_year
          WHERE r.upload_id = ${uploadId} AND r.target IS NOT NULL AND r.fiscal_year IS NOT NULL${unitId === undefined ? "" : ` AND r.unit_id = ${q(unitId)}`}`;
}

/**
 * The unit year the dashboards open on after an upload through the import
 * worker: its first unit by name (a real unit before a placeholder, the latest
 * year first), else — when all its unit years were loaded before — the unit
 * year of its first row. (A bulk file opens on its first row's unit in its
 * latest year, bulk.ts finishBulk: it has no unit rows but that unit's yet.)
 */
export function firstUnitSql(uploadId: number): string {
  return `SELECT unit_id, fiscal_year FROM (
            (SELECT 0 AS o, unit_id, fiscal_year FROM units WHERE upload_id = ${uploadId} ORDER BY placeholder, unit_name, fiscal_year DESC LIMIT 1)
            UNION ALL (SELECT 1 AS o, unit_id, fiscal_year FROM indicator_rows WHERE upload_id = ${uploadId} AND unit_id IS NOT NULL AND fiscal_year IS NOT NULL LIMIT 1))
          ORDER BY o LIMIT 1`;
}

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

/**
 * After an upload through the import worker: data status from the file, real units replace placeholders,
 * units for rows that name none. (A bulk file makes its own placeholder units, bulkUnitRowsSql, and has
 * no real unit, budget, task or progress rows: it needs none of this.)
 */
export function finishUploadSql(uploadId: number): string[] {
  // Progress rows (自评 / 监控) make a unit year too: a progress file dropped without its declaration is
  // still scored (on the targets it repeats) and shown; the declaration, when it comes, replaces the placeholder.
  const sample = "CASE WHEN data_status = 'sample' THEN 'sample' ELSE data_source END AS data_source";
  const name: Record<string, string> = { indicator_rows: "unit_name, data_source", execution: `unit_name, ${sample}`, actuals: `NULL AS unit_name, ${sample}` };
  const owners = ["budget", "tasks", "indicator_rows", "actuals", "execution"].map((t) => `SELECT unit_id, fiscal_year, ${name[t] ?? "NULL AS unit_name, NULL AS data_source"}, source_file, source_row FROM ${t} WHERE upload_id = ${uploadId} AND unit_id IS NOT NULL AND fiscal_year IS NOT NULL`);
  return [
    `UPDATE units SET data_source = 'sample' WHERE upload_id = ${uploadId} AND data_status = 'sample'`,
    `DELETE FROM units u WHERE u.placeholder AND EXISTS (SELECT 1 FROM units v WHERE NOT v.placeholder AND v.unit_id = u.unit_id AND v.fiscal_year = u.fiscal_year)`,
    `INSERT INTO units BY NAME
     SELECT unit_id, fiscal_year, coalesce(any_value(unit_name), unit_id) AS unit_name,
            CASE WHEN bool_or(data_source = 'sample') THEN 'sample' ELSE 'declared' END AS data_status,
            CASE WHEN bool_or(data_source = 'sample') THEN 'sample' ELSE 'declared' END AS data_source,
            any_value(source_file) AS source_file, min(source_row) AS source_row, ${uploadId} AS upload_id, true AS placeholder
     FROM (${owners.join(" UNION ALL ")}) o
     WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.unit_id = o.unit_id AND u.fiscal_year = o.fiscal_year)
     GROUP BY unit_id, fiscal_year`,
  ];
}

/** The upload's row; `rows`: the rows it read when the caller knows them (a bulk file's indicator rows), else counted. */
export function uploadRowSql(u: { id: number; name: string; parts: string[]; loadedAt: string; route: string; bytes: number; rows?: number }): string {
  return `INSERT INTO uploads VALUES (${u.id}, ${q(u.name)}, ${q(u.parts.join("\n"))}, ${q(u.loadedAt)}, ${q(u.route)}, ${u.bytes},
          ${u.rows !== undefined ? Math.trunc(u.rows) : `(SELECT (SELECT count(*) FROM indicator_rows WHERE upload_id = ${u.id}) + (SELECT count(*) FROM budget WHERE upload_id = ${u.id})
                + (SELECT count(*) FROM tasks WHERE upload_id = ${u.id}) + (SELECT count(*) FROM units WHERE upload_id = ${u.id} AND NOT placeholder))`})`;
}

/** Removes every row an upload brought. */
export function deleteUploadSql(uploadId: number): string[] {
  return [...TABLES.map((t) => `DELETE FROM ${storedAs(t)} WHERE upload_id = ${uploadId}`), `DELETE FROM uploads WHERE upload_id = ${uploadId}`];
}

// ---- A later load that repeats an earlier one's rows ----
//
// The rows of a new upload that are the same unit, year and item (a budget line's kind and item, an indicator,
// a task, a progress row's period and indicator or item) as rows already loaded: the same rule as the core's
// dedupeLoads when they say the same (load.duplicate_rows, counted once), and when they say something else
// the earlier load holds (load.conflicting_rows): never summed twice. Run in the load's transaction, before
// finishUploadSql; the rows left out stay in `load_overlap` until the upload's findings are written.

/**
 * Per stored table: the columns that name a row's item within its unit and year. A row is the same as an
 * earlier one when every column it fills says what the earlier says: a table that names its unit (an
 * indicators CSV with 单位名称) makes a unit row of the name alone, and a CSV without a 备注 column gives
 * indicators without their note — they repeat the declaration rather than contradict it.
 */
const OVERLAP_KEYS: Record<string, readonly string[]> = {
  units: [],
  budget: ["kind", "item", "project_id"],
  tasks: ["task_id"],
  indicator_rows: ["indicator_id", "project_id"],
  actuals: ["period", "indicator_id", "level1", "level2", "name", "project_id"],
  execution: ["period", "item", "project_id"],
};

/** Columns that are where a row was read, or an id made from its place: not what it says. */
const PLACE_COLUMNS = new Set(["source_file", "source_row", "line_id"]);

/** The working table of overlapSql; not the reader's (the console's table list leaves it out). */
export const OVERLAP_TABLE = "load_overlap";

export function overlapSql(uploadId: number): string[] {
  const same = (a: string, b: string) => `${a} IS NOT DISTINCT FROM ${b}`;
  const parts = Object.entries(OVERLAP_KEYS).map(([t, keys]) => {
    const content = (t === "indicator_rows" ? INDICATOR_BASE : COLUMNS[t as TableName]).filter((c) => !PLACE_COLUMNS.has(c));
    const on = [`e.upload_id <> ${uploadId}`, "e.unit_id = n.unit_id", "e.fiscal_year = n.fiscal_year", ...keys.map((k) => same(`e.${k}`, `n.${k}`)),
      ...(t === "units" ? ["NOT e.placeholder"] : [])];
    return `SELECT '${t}' AS tbl, n.rowid AS rid, n.unit_id, n.fiscal_year, n.source_file, n.source_row,
              min(coalesce(e.source_file, '')) AS earlier, bool_or(${content.map((c) => `(n.${c} IS NULL OR ${same(`e.${c}`, `n.${c}`)})`).join(" AND ")}) AS same
            FROM ${t} n JOIN ${t} e ON ${on.join(" AND ")}
            WHERE n.upload_id = ${uploadId}${t === "units" ? " AND NOT n.placeholder" : ""}
            GROUP BY n.rowid, n.unit_id, n.fiscal_year, n.source_file, n.source_row`;
  });
  return [
    `CREATE OR REPLACE TABLE ${OVERLAP_TABLE} AS ${parts.join("\nUNION ALL\n")}`,
    ...Object.keys(OVERLAP_KEYS).map((t) => `DELETE FROM ${t} WHERE upload_id = ${uploadId} AND rowid IN (SELECT rid FROM ${OVERLAP_TABLE} WHERE tbl = '${t}')`),
  ];
}

/** The rows overlapSql left out, per unit year, earlier file and kind (the same, or different): one finding each. */
export const OVERLAP_SUMMARY_SQL = `SELECT unit_id, CAST(fiscal_year AS INTEGER) AS fiscal_year, earlier, same, CAST(count(*) AS INTEGER) AS n,
    arg_min(source_file, coalesce(source_row, 0)) AS file, CAST(min(source_row) AS INTEGER) AS row
  FROM ${OVERLAP_TABLE} GROUP BY ALL ORDER BY min(source_row) NULLS FIRST, unit_id, fiscal_year, earlier`;

/**
 * After the upload's findings are written: those about the rows left out go with them (as dedupeLoads leaves
 * them out), the notes about the overlap come in, and the working table goes.
 */
export function overlapFindingsSql(uploadId: number, notes: readonly { unitId: string; year: number; finding: Finding }[]): string[] {
  const lit = (v: string | number | undefined | null) => (v === undefined || v === null ? "NULL" : typeof v === "number" ? String(Math.trunc(v)) : q(v));
  return [
    `DELETE FROM findings f WHERE f.upload_id = ${uploadId} AND f.source_row IS NOT NULL AND f.code NOT LIKE 'load.%'
       AND (EXISTS (SELECT 1 FROM ${OVERLAP_TABLE} o WHERE o.source_file = f.source_file AND o.source_row = f.source_row)
            -- A whole copy takes every finding about its rows along (page breaks, markup …), as dedupeLoads does.
            OR (EXISTS (SELECT 1 FROM ${OVERLAP_TABLE}) AND NOT EXISTS (${Object.keys(OVERLAP_KEYS).map((t) => `SELECT 1 FROM ${t} WHERE upload_id = ${uploadId}`).join(" UNION ALL ")})))`,
    ...(notes.length ? [`INSERT INTO findings (unit_id, fiscal_year, severity, code, message, message_en, params, subject, source_file, source_row, source_column, data_source, upload_id) VALUES
       ${notes.map(({ unitId, year, finding: f }) => `(${[lit(unitId), lit(year), lit(f.severity), lit(f.code), lit(findingTexts(f).zh), lit(findingTexts(f).en), lit(writeParams(f.params) || null), "NULL", lit(f.location.file), lit(f.location.row), "NULL", "'declared'", String(uploadId)].join(", ")})`).join(",\n")}`] : []),
    `DROP TABLE IF EXISTS ${OVERLAP_TABLE}`,
  ];
}

/**
 * After the upload's findings are written: those that repeat a finding of an earlier upload go — the same
 * finding (the core's dedupeFindings key: severity, code, subject, place, both texts; a column on one side
 * only still matches), e.g. a published findings.csv loaded beside the tables whose checks derive it again.
 */
export function repeatedFindingsSql(uploadId: number): string[] {
  const same = ["severity", "code", "subject", "source_file", "source_row", "message", "message_en"].map((c) => `g.${c} IS NOT DISTINCT FROM f.${c}`).join(" AND ");
  return [
    // The earlier finding takes the column the new one names (a canonical findings.csv keeps it; a table's rows do not).
    `UPDATE findings g SET source_column = f.source_column FROM findings f WHERE f.upload_id = ${uploadId} AND g.upload_id < ${uploadId}
      AND ${same} AND g.source_column IS NULL AND f.source_column IS NOT NULL`,
    `DELETE FROM findings f WHERE f.upload_id = ${uploadId} AND EXISTS (SELECT 1 FROM findings g WHERE g.upload_id < ${uploadId}
      AND ${same} AND (g.source_column IS NOT DISTINCT FROM f.source_column OR f.source_column IS NULL))`,
  ];
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

/** DuckDB's CSV error → where it is (line) and a reason (Chinese, or English); null when it is not a CSV error. */
export function csvErrorText(message: string, lang: Lang = "zh"): { row: number | null; reason: string } | null {
  if (!/CSV Error|Could not convert|unterminated|Expected Number of Columns|quote/i.test(message)) return null;
  const line = message.match(/on Line:? (\d+)/i)?.[1] ?? message.match(/line (\d+)/i)?.[1];
  const cols = message.match(/Expected Number of Columns: (\d+) Found: (\d+)/i);
  const reason = cols ? t(lang, "explore.csvColumns", cols[1], cols[2])
    : /unterminated quote|quote/i.test(message) ? t(lang, "explore.csvQuote")
    : /Invalid unicode|UTF-8/i.test(message) ? t(lang, "explore.csvUtf8")
    : t(lang, "explore.csvOther");
  return { row: line ? Number(line) : null, reason };
}

const EXAMPLE_SQL = (countAlias: string) => [
  `SELECT u.unit_name, i.fiscal_year, count(*) AS ${countAlias}\nFROM indicators i JOIN units u USING (unit_id, fiscal_year)\nGROUP BY ALL ORDER BY ${countAlias} DESC\nLIMIT 50`,
  "SELECT level1, target_kind, count(*) AS n\nFROM indicators\nGROUP BY ALL ORDER BY level1, n DESC",
  "SELECT unit_id, fiscal_year, kind, item, amount\nFROM budget\nORDER BY unit_id, fiscal_year, kind",
  "SELECT i.target, count(*) AS n\nFROM indicators i JOIN target_lookup l USING (target, fiscal_year)\nWHERE l.target_kind = 'qualitative' AND NOT l.recognised\nGROUP BY ALL ORDER BY n DESC LIMIT 100",
  "SELECT severity, code, count(*) AS n\nFROM findings\nGROUP BY ALL ORDER BY n DESC",
  "SELECT upload_id, file_name, loaded_at, rows_loaded FROM uploads ORDER BY upload_id",
  "SELECT unit_id, fiscal_year, period, level1, name, target, coalesce(actual, expected_annual) AS result, likelihood, deviation_reason\nFROM actuals\nORDER BY unit_id, fiscal_year, period, level1, name",
  "SELECT unit_id, fiscal_year, period, item, budget_full_year, executed, declared_rate\nFROM execution\nORDER BY unit_id, fiscal_year, period",
];

/** The example queries the SQL console offers, labelled in the page's language. */
export function examples(lang: Lang = "zh"): readonly { label: string; sql: string }[] {
  return EXAMPLE_SQL(t(lang, "explore.countAlias")).map((sql, i) => ({ label: t(lang, "explore.examples")[i], sql }));
}

/** The example queries the SQL console offers (Chinese labels). */
export const EXAMPLES: readonly { label: string; sql: string }[] = examples("zh");

/** A console statement that returns rows is read through a LIMIT, so a million-row answer is not copied into the page. */
export function limitedSql(sql: string, limit: number): { sql: string; limited: boolean } {
  const s = sql.trim().replace(/;\s*$/, "");
  if (/^(select|with|from|values|table)\b/i.test(s) && !s.includes(";")) return { sql: `SELECT * FROM (${s}\n) AS console_query LIMIT ${limit}`, limited: true };
  return { sql: s, limited: false };
}

const ERROR_KINDS: [RegExp, keyof MessageText<"explore.sqlKinds">][] = [
  [/^Parser Error/i, "parser"],
  [/^Catalog Error/i, "catalog"],
  [/^Binder Error/i, "binder"],
  [/^Conversion Error/i, "conversion"],
  [/^Invalid Input Error/i, "input"],
  [/^Constraint Error/i, "constraint"],
  [/^Out of Memory Error/i, "memory"],
  [/^INTERRUPT Error|Interrupted/i, "interrupt"],
];

/** A DuckDB error as the console shows it: a kind in the page's language, then DuckDB's own first lines. */
export function sqlErrorText(message: string, lang: Lang = "zh"): string {
  const m = message.replace(/^Error:\s*/, "");
  const kinds = t(lang, "explore.sqlKinds");
  const kind = kinds[ERROR_KINDS.find(([re]) => re.test(m))?.[1] ?? "other"];
  return t(lang, "explore.sqlError", kind, m.split("\n").slice(0, 3).join(" ").slice(0, 400));
}
