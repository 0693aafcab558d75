// The SQL of the explore page's database, DOM-free and runtime-free so that the
// same statements are tested on native DuckDB in Node and run by DuckDB-wasm in
// the browser. The canonical tables keep their names and columns (the queries of
// src/query/queries.ts run unchanged); every row also carries the upload it came
// from. Indicators are stored without their parsed-target columns: `indicators`
// is a view that joins each row to `target_lookup`, where every distinct
// (target, year) was parsed once by the core's grammar — so a million-row file
// never has its targets parsed row by row in JavaScript. The bulk route's SQL is
// src/explore/bulkSql.ts, the console's src/explore/consoleSql.ts.
import { COLUMNS, writeParams, type TableName } from "../core/canonical.ts";
import { findingTexts } from "../core/findingText.ts";
import type { Finding } from "../core/model.ts";
import { columnType, insertCsvSql } from "../query/schema.ts";

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
    if (t === "indicators") out.push(emptyTable("indicator_rows", INDICATOR_BASE, ["unit_name VARCHAR", "pending VARCHAR", "gives_way BOOLEAN DEFAULT false"]));
    else if (t === "units") out.push(emptyTable("units", COLUMNS.units, ["placeholder BOOLEAN DEFAULT false"]));
    else out.push(emptyTable(t === "findings" && options.findingsDb ? `${options.findingsDb}.main.findings` : t, COLUMNS[t], []));
  }
  const cols = COLUMNS.indicators.map((c) => ((DERIVED as readonly string[]).includes(c) ? (c === "target_kind" ? "coalesce(l.target_kind, 'none') AS target_kind" : `l.${c}`) : `r.${c}`));
  out.push(`CREATE OR REPLACE VIEW indicators AS SELECT ${cols.join(", ")}, r.data_source, r.upload_id FROM indicator_rows r LEFT JOIN target_lookup l ON l.target = r.target AND l.fiscal_year = r.fiscal_year WHERE NOT r.gives_way`);
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
    // A unit or project the file marks 示例数据 is illustrative, whoever loads it.
    ...(["units", "projects"] as const).map((t) => `UPDATE ${t} SET data_source = 'sample' WHERE upload_id = ${uploadId} AND data_status = 'sample'`),
    `DELETE FROM units u WHERE u.placeholder AND EXISTS (SELECT 1 FROM units v WHERE NOT v.placeholder AND v.unit_id = u.unit_id AND v.fiscal_year = u.fiscal_year)`,
    `INSERT INTO units BY NAME
     SELECT unit_id, fiscal_year, coalesce(any_value(unit_name), unit_id) AS unit_name,
            CASE WHEN bool_or(data_source = 'sample') THEN 'sample' ELSE 'declared' END AS data_status,
            CASE WHEN bool_or(data_source = 'sample') THEN 'sample' ELSE 'declared' END AS data_source,
            any_value(source_file) AS source_file, min(source_row) AS source_row, ${uploadId} AS upload_id, true AS placeholder
     FROM (${owners.join(" UNION ALL ")}) o
     WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.unit_id = o.unit_id AND u.fiscal_year = o.fiscal_year)
     GROUP BY unit_id, fiscal_year`,
    ...givesWaySql(),
  ];
}

/** The upload's row; `rows`: the rows it read when the caller knows them (a bulk file's indicator rows), else counted. */
export function uploadRowSql(u: { id: number; name: string; parts: string[]; loadedAt: string; route: string; bytes: number; rows?: number }): string {
  return `INSERT INTO uploads VALUES (${u.id}, ${q(u.name)}, ${q(u.parts.join("\n"))}, ${q(u.loadedAt)}, ${q(u.route)}, ${u.bytes},
          ${u.rows !== undefined ? Math.trunc(u.rows) : `(SELECT (SELECT count(*) FROM indicator_rows WHERE upload_id = ${u.id}) + (SELECT count(*) FROM budget WHERE upload_id = ${u.id})
                + (SELECT count(*) FROM tasks WHERE upload_id = ${u.id}) + (SELECT count(*) FROM units WHERE upload_id = ${u.id} AND NOT placeholder))`})`;
}

/** Removes every row an upload brought (indicators it held for a progress form give way no more). */
export function deleteUploadSql(uploadId: number): string[] {
  return [...TABLES.map((t) => `DELETE FROM ${storedAs(t)} WHERE upload_id = ${uploadId}`), `DELETE FROM uploads WHERE upload_id = ${uploadId}`, ...givesWaySql()];
}

// ---- A progress form's restated indicators (src/core/restated.ts) ----
//
// A 自评表 or 监控表 lists the indicators it reports on. Beside the declaration of the same unit or project and
// year (loaded before or after) they give way to it, as mergeDatasets has them give way in the core: they stay
// in indicator_rows, marked gives_way, and the indicators view leaves them out — until the declaration is
// removed. With no declaration loaded, the first upload that restates them holds.

/** The unit (project_id NULL) and project years each upload's progress forms restate: their row was read from a progress form. */
const RESTATING = `(SELECT upload_id, unit_id, fiscal_year, project_id FROM projects WHERE form_kind IN ('project_selfeval', 'project_monitoring')
                   UNION ALL SELECT upload_id, unit_id, fiscal_year, NULL FROM units WHERE form_kind IN ('unit_selfeval', 'unit_monitoring'))`;
const SAME_SCOPE = (a: string, b: string) => `${a}.unit_id = ${b}.unit_id AND ${a}.fiscal_year = ${b}.fiscal_year AND ${a}.project_id IS NOT DISTINCT FROM ${b}.project_id`;
/** True when the indicator row `x` is one its upload's progress form restates. */
const restatedRow = (x: string) => `EXISTS (SELECT 1 FROM ${RESTATING} s WHERE s.upload_id = ${x}.upload_id AND ${SAME_SCOPE("s", x)})`;

/** Marks, afresh, every restated indicator row that gives way (run after each upload and each removal). */
export function givesWaySql(): string[] {
  return [
    `UPDATE indicator_rows SET gives_way = false WHERE gives_way`,
    `UPDATE indicator_rows r SET gives_way = true FROM (
       WITH scopes AS (SELECT DISTINCT unit_id, fiscal_year, project_id FROM ${RESTATING} x),
            loads AS (SELECT DISTINCT r.upload_id, r.unit_id, r.fiscal_year, r.project_id FROM indicator_rows r SEMI JOIN scopes s ON ${SAME_SCOPE("s", "r")}),
            marked AS (SELECT l.*, ${restatedRow("l")} AS restated FROM loads l)
       SELECT upload_id, unit_id, fiscal_year, project_id FROM marked m
       WHERE restated AND upload_id <> (SELECT first(h.upload_id ORDER BY h.restated, h.upload_id) FROM marked h WHERE ${SAME_SCOPE("h", "m")})
     ) g WHERE r.upload_id = g.upload_id AND ${SAME_SCOPE("r", "g")}`,
  ];
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

/** A unit row a project or progress form made (its unit and year, little else): the unit's declaration holds over it (queries.ts `units`). */
const STUB_UNIT = (x: string) => `coalesce(${x}.form_kind LIKE 'project_%' OR ${x}.form_kind LIKE '%_selfeval' OR ${x}.form_kind LIKE '%_monitoring', false)`;

/** Columns that are where a row was read, or an id made from its place: not what it says. */
const PLACE_COLUMNS = new Set(["source_file", "source_row", "line_id"]);

/** The working table of overlapSql; not the reader's (the console's table list leaves it out). */
export const OVERLAP_TABLE = "load_overlap";

export function overlapSql(uploadId: number): string[] {
  const same = (a: string, b: string) => `${a} IS NOT DISTINCT FROM ${b}`;
  const parts = Object.entries(OVERLAP_KEYS).map(([t, keys]) => {
    const content = (t === "indicator_rows" ? INDICATOR_BASE : COLUMNS[t as TableName]).filter((c) => !PLACE_COLUMNS.has(c));
    const on = [`e.upload_id <> ${uploadId}`, "e.unit_id = n.unit_id", "e.fiscal_year = n.fiscal_year", ...keys.map((k) => same(`e.${k}`, `n.${k}`)),
      ...(t === "units" ? ["NOT e.placeholder", `NOT ${STUB_UNIT("e")}`, `NOT ${STUB_UNIT("n")}`] : []),
      // A progress form's restated indicators neither repeat nor contradict their declaration: they give way to it (givesWaySql).
      ...(t === "indicator_rows" ? [`NOT ${restatedRow("e")}`, `NOT ${restatedRow("n")}`] : [])];
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
  return [
    `DELETE FROM findings f WHERE f.upload_id = ${uploadId} AND f.source_row IS NOT NULL AND f.code NOT LIKE 'load.%'
       AND (EXISTS (SELECT 1 FROM ${OVERLAP_TABLE} o WHERE o.source_file = f.source_file AND o.source_row = f.source_row)
            -- A whole copy takes every finding about its rows along (page breaks, markup …), as dedupeLoads does.
            OR (EXISTS (SELECT 1 FROM ${OVERLAP_TABLE}) AND NOT EXISTS (${Object.keys(OVERLAP_KEYS).map((t) => `SELECT 1 FROM ${t} WHERE upload_id = ${uploadId}`).join(" UNION ALL ")})))`,
    ...insertNotesSql(notes.map((n) => ({ ...n, uploadId }))),
    `DROP TABLE IF EXISTS ${OVERLAP_TABLE}`,
  ];
}

/** A load's notes as findings rows of the upload each is about (none: no statement). */
function insertNotesSql(notes: readonly { uploadId: number; unitId: string; year: number; finding: Finding }[]): string[] {
  if (!notes.length) return [];
  const lit = (v: string | number | undefined | null) => (v === undefined || v === null ? "NULL" : typeof v === "number" ? String(Math.trunc(v)) : q(v));
  return [`INSERT INTO findings (unit_id, fiscal_year, severity, code, message, message_en, params, subject, source_file, source_row, source_column, data_source, upload_id) VALUES
       ${notes.map(({ uploadId, unitId, year, finding: f }) => `(${[lit(unitId), lit(year), lit(f.severity), lit(f.code), lit(findingTexts(f).zh), lit(findingTexts(f).en), lit(writeParams(f.params) || null), "NULL", lit(f.location.file), lit(f.location.row), "NULL", "'declared'", String(uploadId)].join(", ")})`).join(",\n")}`];
}

/**
 * Per upload and unit or project year, the restated indicator rows that give way now (givesWaySql): how many,
 * where the first is, and the file whose rows hold — one load.restated_indicators note each, as dedupeLoads
 * writes one per form and scope.
 */
export const RESTATED_SUMMARY_SQL = `WITH held AS (SELECT unit_id, fiscal_year, project_id, min(source_file) AS declared FROM indicator_rows WHERE NOT gives_way GROUP BY ALL)
  SELECT r.upload_id, r.unit_id, CAST(r.fiscal_year AS INTEGER) AS fiscal_year, CAST(count(*) AS INTEGER) AS n,
         arg_min(r.source_file, coalesce(r.source_row, 0)) AS file, CAST(min(r.source_row) AS INTEGER) AS row, any_value(h.declared) AS declared
  FROM indicator_rows r LEFT JOIN held h ON ${SAME_SCOPE("h", "r")}
  WHERE r.gives_way GROUP BY r.upload_id, r.unit_id, r.fiscal_year, r.project_id ORDER BY r.upload_id, min(r.source_row) NULLS FIRST, r.unit_id, r.fiscal_year`;

/** The restated notes afresh (after givesWaySql: an upload or a removal changes which rows give way). */
export function restatedNotesSql(notes: readonly { uploadId: number; unitId: string; year: number; finding: Finding }[]): string[] {
  return [`DELETE FROM findings WHERE code = 'load.restated_indicators'`, ...insertNotesSql(notes)];
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
