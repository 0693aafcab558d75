// The SQL of the explore page's database, DOM-free and runtime-free so that the
// same statements are tested on native DuckDB in Node and run by DuckDB-wasm in
// the browser. The canonical tables keep their names and columns (the queries of
// src/query/queries.ts run unchanged); every row also carries the upload it came
// from. Indicators are stored without their parsed-target columns: `indicators`
// is a view that joins each row to `target_lookup`, where every distinct
// (target, year) was parsed once by the core's grammar — so a million-row file
// never has its targets parsed row by row in JavaScript.
import { COLUMNS, type TableName } from "../core/canonical.ts";
import { insertCsvSql, typedColumnSql } from "../query/schema.ts";
import type { BulkPlan } from "./importer.ts";
import { xt, type Lang } from "./i18n.ts";

export const TABLES = Object.keys(COLUMNS) as TableName[];

/** Parsed-target columns: derived from the target text, kept in target_lookup. */
export const DERIVED = ["target_kind", "op", "value", "measure_unit", "direction", "deadline"] as const;
export const INDICATOR_BASE = COLUMNS.indicators.filter((c) => !(DERIVED as readonly string[]).includes(c));

export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const NULLTEXT = "CAST(NULL AS VARCHAR)";

/** The physical table a canonical table's rows go into. */
export const storedAs = (t: TableName) => (t === "indicators" ? "indicator_rows" : t);

function emptyTable(name: string, cols: readonly string[], extra: string[]): string {
  return `CREATE OR REPLACE TABLE ${name} AS SELECT ${[...cols.map((c) => typedColumnSql(c, NULLTEXT)), `${NULLTEXT} AS data_source`, "CAST(NULL AS INTEGER) AS upload_id", ...extra].join(", ")} WHERE false`;
}

/** Creates (or empties) every table and the indicators view. */
export function setupSql(): string[] {
  const out: string[] = [
    `CREATE OR REPLACE TABLE uploads (upload_id INTEGER PRIMARY KEY, file_name VARCHAR, parts VARCHAR, loaded_at VARCHAR, route VARCHAR, bytes BIGINT, rows_loaded BIGINT)`,
    // Unique on (target, fiscal_year) by construction: every insert leaves out what it already has.
    `CREATE OR REPLACE TABLE target_lookup (target VARCHAR, fiscal_year INTEGER, target_kind VARCHAR, op VARCHAR, value VARCHAR, measure_unit VARCHAR, direction VARCHAR, deadline VARCHAR, recognised BOOLEAN)`,
  ];
  for (const t of TABLES) {
    if (t === "indicators") out.push(emptyTable("indicator_rows", INDICATOR_BASE, [`${NULLTEXT} AS unit_name`, `${NULLTEXT} AS bad_year`]));
    else if (t === "units") out.push(emptyTable("units", COLUMNS.units, ["CAST(NULL AS BOOLEAN) AS placeholder"]), "ALTER TABLE units ALTER COLUMN placeholder SET DEFAULT false");
    else out.push(emptyTable(t, COLUMNS[t], []));
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
            FROM read_csv(${q(file)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, auto_detect = false,
                          columns = {'target': 'VARCHAR', 'fiscal_year': 'VARCHAR', 'target_kind': 'VARCHAR', 'op': 'VARCHAR', 'value': 'VARCHAR', 'measure_unit': 'VARCHAR', 'direction': 'VARCHAR', 'deadline': 'VARCHAR', 'recognised': 'VARCHAR'})
            WHERE target IS NOT NULL) n
          ANTI JOIN target_lookup l ON l.target = n.target AND l.fiscal_year = n.fiscal_year`;
}

/** Distinct (target, year) of an upload that the lookup does not have yet. */
export function missingTargetsSql(uploadId: number): string {
  return `SELECT DISTINCT r.target, r.fiscal_year FROM indicator_rows r ANTI JOIN target_lookup l ON l.target = r.target AND l.fiscal_year = r.fiscal_year
          WHERE r.upload_id = ${uploadId} AND r.target IS NOT NULL AND r.fiscal_year IS NOT NULL`;
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
export function pendingTargetsSql(uploadId: number): string {
  return `CREATE OR REPLACE TEMP TABLE pending_targets AS
          SELECT target, fiscal_year, regexp_replace(target, '${NUMBER}', '${SHAPE_MARK}', 'g') AS shape,
                 regexp_replace(regexp_extract(target, '${NUMBER}'), '^0+([0-9])', '\\1') AS literal
          FROM (${missingTargetsSql(uploadId)}) d`;
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
          FROM pending_targets p JOIN read_csv(${q(rulesFile)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
                 columns = {'shape': 'VARCHAR', 'op': 'VARCHAR', 'measure_unit': 'VARCHAR', 'direction': 'VARCHAR'}) r USING (shape)`;
}

/** Targets of the shapes no rule covers: parsed one by one. */
export function unruledTargetsSql(rulesFile: string): string {
  return `SELECT p.target, p.fiscal_year FROM pending_targets p
          ANTI JOIN read_csv(${q(rulesFile)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
                 columns = {'shape': 'VARCHAR', 'op': 'VARCHAR', 'measure_unit': 'VARCHAR', 'direction': 'VARCHAR'}) r USING (shape)`;
}

/** After an upload: data status from the file, real units replace placeholders, units for rows that name none. */
export function finishUploadSql(uploadId: number): string[] {
  const owners = ["budget", "tasks", "indicator_rows"].map((t) => `SELECT unit_id, fiscal_year, ${t === "indicator_rows" ? "unit_name, data_source" : "NULL AS unit_name, NULL AS data_source"}, source_file, source_row FROM ${t} WHERE upload_id = ${uploadId} AND unit_id IS NOT NULL AND fiscal_year IS NOT NULL`);
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

export function uploadRowSql(u: { id: number; name: string; parts: string[]; loadedAt: string; route: string; bytes: number }): string {
  return `INSERT INTO uploads VALUES (${u.id}, ${q(u.name)}, ${q(u.parts.join("\n"))}, ${q(u.loadedAt)}, ${q(u.route)}, ${u.bytes},
          (SELECT (SELECT count(*) FROM indicator_rows WHERE upload_id = ${u.id}) + (SELECT count(*) FROM budget WHERE upload_id = ${u.id})
                + (SELECT count(*) FROM tasks WHERE upload_id = ${u.id}) + (SELECT count(*) FROM units WHERE upload_id = ${u.id} AND NOT placeholder)))`;
}

/** Removes every row an upload brought. */
export function deleteUploadSql(uploadId: number): string[] {
  return [...TABLES.map((t) => `DELETE FROM ${storedAs(t)} WHERE upload_id = ${uploadId}`), `DELETE FROM uploads WHERE upload_id = ${uploadId}`];
}

// ---- Bulk CSV: read_csv straight into indicator_rows ----

/**
 * One INSERT … SELECT over read_csv for a canonical indicators CSV: the header
 * was mapped in JavaScript (plan.index); every value is read as text and cast
 * here, with as little per-row work as the reader allows (text is stored as the
 * file has it; read_csv already makes empty cells NULL). Rows with an
 * unreadable year are kept aside (bad_year) to become findings. Only when the
 * file has no ord or source_row column is each record's position numbered.
 */
export function bulkInsertSql(plan: BulkPlan, path: string, uploadId: number, file: string = path): string {
  const c = (col: string) => (plan.index[col] === undefined ? null : `c${plan.index[col]}`);
  const text = (col: string) => c(col) ?? NULLTEXT;
  const y = c("fiscal_year")!;
  const numbered = c("ord") === null || c("source_row") === null;
  const int = (col: string, fallback: string) => (c(col) ? `TRY_CAST(${c(col)} AS INTEGER)` : fallback);
  const select: string[] = [
    `${text("indicator_id")} AS indicator_id`,
    `${text("unit_id")} AS unit_id`,
    // The core's rule, /^(19|20)\d{2}$/, without a regular expression per row.
    `CASE WHEN length(${y}) = 4 AND (${y} LIKE '19%' OR ${y} LIKE '20%') THEN TRY_CAST(${y} AS INTEGER) END AS fiscal_year`,
    `${int("ord", "CAST(rn AS INTEGER)")} AS ord`,
    ...["level1", "level2", "name", "target", "note", "unit_name"].map((col) => `${text(col)} AS ${col}`),
    `coalesce(${text("source_file")}, ${q(file)}) AS source_file`,
    `${int("source_row", `CAST(rn AS INTEGER) + ${plan.headerRow}`)} AS source_row`,
    c("data_status") ? `CASE WHEN ${c("data_status")} = 'sample' THEN 'sample' ELSE 'declared' END AS data_source` : `'declared' AS data_source`,
    `${uploadId} AS upload_id`,
    `CASE WHEN fiscal_year IS NULL THEN coalesce(left(${y}, 20), '') END AS bad_year`,
  ];
  const columns = Array.from({ length: plan.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const delim = plan.delimiter === "\t" ? "\\t" : plan.delimiter;
  const reader = `read_csv(${q(path)}, header = true, auto_detect = false, delim = ${q(delim)}, quote = '"', escape = '"', columns = {${columns}}, strict_mode = true)`;
  return `INSERT INTO indicator_rows BY NAME SELECT ${select.join(", ")}
          FROM ${numbered ? `(SELECT *, row_number() OVER () AS rn FROM ${reader})` : reader}`;
}

/** Rows whose year cannot be read become findings (with the row) and are removed, as the core importer skips them. */
export function bulkBadYearsSql(uploadId: number, file: string): string[] {
  return [
    `INSERT INTO findings BY NAME SELECT 'error' AS severity, 'canonical.bad_year' AS code,
            '年度无法识别：“' || bad_year || '”，该行未导入' AS message, 'year cannot be read: “' || bad_year || '”; row skipped' AS message_en,
            ${q(file)} AS source_file, source_row, 'declared' AS data_source, ${uploadId} AS upload_id
     FROM indicator_rows WHERE upload_id = ${uploadId} AND bad_year IS NOT NULL`,
    `DELETE FROM indicator_rows WHERE upload_id = ${uploadId} AND bad_year IS NOT NULL`,
  ];
}

export function bulkUnitNamesSql(uploadId: number): string {
  return `SELECT DISTINCT unit_name FROM indicator_rows WHERE upload_id = ${uploadId} AND unit_id IS NULL AND unit_name IS NOT NULL`;
}

export function bulkSetUnitIdsSql(uploadId: number, file: string): string {
  return `UPDATE indicator_rows r SET unit_id = m.unit_id
          FROM read_csv(${q(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'unit_name': 'VARCHAR', 'unit_id': 'VARCHAR'}) m
          WHERE r.upload_id = ${uploadId} AND r.unit_id IS NULL AND r.unit_name = m.unit_name`;
}

export function bulkIndicatorKeysSql(uploadId: number): string {
  return `SELECT DISTINCT coalesce(unit_name, unit_id) AS u, coalesce(level1, '') AS l1, coalesce(level2, '') AS l2, name FROM indicator_rows WHERE upload_id = ${uploadId} AND indicator_id IS NULL`;
}

export function bulkSetIndicatorIdsSql(uploadId: number, file: string): string {
  return `UPDATE indicator_rows r SET indicator_id = m.indicator_id
          FROM read_csv(${q(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                        columns = {'k_unit': 'VARCHAR', 'k_level1': 'VARCHAR', 'k_level2': 'VARCHAR', 'k_name': 'VARCHAR', 'indicator_id': 'VARCHAR'}) m
          WHERE r.upload_id = ${uploadId} AND r.indicator_id IS NULL AND coalesce(r.unit_name, r.unit_id) = m.k_unit
            AND coalesce(r.level1, '') = coalesce(m.k_level1, '') AND coalesce(r.level2, '') = coalesce(m.k_level2, '') AND r.name IS NOT DISTINCT FROM m.k_name`;
}

/** DuckDB's CSV error → where it is (line) and a reason (Chinese, or English); null when it is not a CSV error. */
export function csvErrorText(message: string, lang: Lang = "zh"): { row: number | null; reason: string } | null {
  if (!/CSV Error|Could not convert|unterminated|Expected Number of Columns|quote/i.test(message)) return null;
  const m = xt(lang);
  const line = message.match(/on Line:? (\d+)/i)?.[1] ?? message.match(/line (\d+)/i)?.[1];
  const cols = message.match(/Expected Number of Columns: (\d+) Found: (\d+)/i);
  const reason = cols ? m.csvColumns(cols[1], cols[2])
    : /unterminated quote|quote/i.test(message) ? m.csvQuote
    : /Invalid unicode|UTF-8/i.test(message) ? m.csvUtf8
    : m.csvOther;
  return { row: line ? Number(line) : null, reason };
}

const EXAMPLE_SQL = (countAlias: string) => [
  `SELECT u.unit_name, i.fiscal_year, count(*) AS ${countAlias}\nFROM indicators i JOIN units u USING (unit_id, fiscal_year)\nGROUP BY ALL ORDER BY ${countAlias} DESC\nLIMIT 50`,
  "SELECT level1, target_kind, count(*) AS n\nFROM indicators\nGROUP BY ALL ORDER BY level1, n DESC",
  "SELECT unit_id, fiscal_year, kind, item, amount\nFROM budget\nORDER BY unit_id, fiscal_year, kind",
  "SELECT i.target, count(*) AS n\nFROM indicators i JOIN target_lookup l USING (target, fiscal_year)\nWHERE l.target_kind = 'qualitative' AND NOT l.recognised\nGROUP BY ALL ORDER BY n DESC LIMIT 100",
  "SELECT severity, code, count(*) AS n\nFROM findings\nGROUP BY ALL ORDER BY n DESC",
  "SELECT upload_id, file_name, loaded_at, rows_loaded FROM uploads ORDER BY upload_id",
];

/** The example queries the SQL console offers, labelled in the page's language. */
export function examples(lang: Lang = "zh"): readonly { label: string; sql: string }[] {
  const m = xt(lang);
  return EXAMPLE_SQL(m.countAlias).map((sql, i) => ({ label: m.examples[i], sql }));
}

/** The example queries the SQL console offers (Chinese labels). */
export const EXAMPLES: readonly { label: string; sql: string }[] = examples("zh");

/** A console statement that returns rows is read through a LIMIT, so a million-row answer is not copied into the page. */
export function limitedSql(sql: string, limit: number): { sql: string; limited: boolean } {
  const s = sql.trim().replace(/;\s*$/, "");
  if (/^(select|with|from|values|table)\b/i.test(s) && !s.includes(";")) return { sql: `SELECT * FROM (${s}\n) AS console_query LIMIT ${limit}`, limited: true };
  return { sql: s, limited: false };
}

const ERROR_KINDS: [RegExp, keyof ReturnType<typeof xt>["sqlKinds"]][] = [
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
  const kinds = xt(lang).sqlKinds;
  const kind = kinds[ERROR_KINDS.find(([re]) => re.test(m))?.[1] ?? "other"];
  return xt(lang).sqlError(kind, m.split("\n").slice(0, 3).join(" ").slice(0, 400));
}
