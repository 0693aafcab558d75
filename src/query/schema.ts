// How the canonical CSV tables (docs/data-format.md) become DuckDB tables, the
// same in both runtimes. Column types are explicit: amounts are DECIMAL(18,2),
// never inferred as DOUBLE.
import { COLUMNS, type TableName } from "../core/canonical.ts";

const TYPES: Record<string, string> = {
  fiscal_year: "INTEGER",
  staff_count: "INTEGER",
  org_count: "INTEGER",
  amount: "DECIMAL(18,2)",
  task_order: "INTEGER",
  ord: "INTEGER",
  source_row: "INTEGER",
  source_column: "INTEGER",
};

export const TABLES = Object.keys(COLUMNS) as TableName[];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * CREATE TABLE for one canonical table from CSV files (as paths or registered
 * browser file names), each tagged with its data status (declared / sample).
 * Columns are matched by name: a hand-made file may carry only some columns (the
 * rest are NULL) and extra ones (dropped). Values are read as text and cast
 * explicitly, so a bad value fails loudly instead of being guessed.
 */
export function createTableSql(table: TableName, files: { path: string; status: "declared" | "sample" }[]): string {
  const cols = COLUMNS[table];
  const template = `SELECT ${cols.map((c) => `CAST(NULL AS VARCHAR) AS ${c}`).join(", ")}, CAST(NULL AS VARCHAR) AS data_source WHERE false`;
  const parts = files.map(
    (f) => `SELECT *, ${quote(f.status)} AS data_source FROM read_csv(${quote(f.path)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, auto_detect = true)`,
  );
  return `CREATE OR REPLACE TABLE ${table} AS SELECT ${cols.map(typedColumnSql).join(", ")}, data_source FROM (${[template, ...parts].join(" UNION ALL BY NAME ")})`;
}

/** A canonical column's type in DuckDB. */
export const columnType = (column: string): string => TYPES[column] ?? "VARCHAR";

/** One canonical column read as text and cast to its type (createTableSql, insertCsvSql). */
function typedColumnSql(column: string): string {
  return TYPES[column] ? `CAST(NULLIF(TRIM(${column}), '') AS ${TYPES[column]}) AS ${column}` : column;
}

/**
 * INSERT of one canonical CSV file (a path or a registered browser file name)
 * into an existing table, by column name, with the same explicit casts as
 * createTableSql, plus constant columns (e.g. the upload a row came from).
 * Used by the explore page, which adds files to tables that already hold data.
 */
export function insertCsvSql(table: TableName, path: string, constants: Record<string, string | number> = {}, options: { into?: string; columns?: readonly string[] } = {}): string {
  const cols = options.columns ?? COLUMNS[table];
  const extra = Object.entries(constants).map(([c, v]) => `${typeof v === "number" ? v : quote(v)} AS ${c}`);
  return `INSERT INTO ${options.into ?? table} BY NAME SELECT ${[...cols.map(typedColumnSql), ...extra].join(", ")} FROM read_csv(${quote(path)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, auto_detect = true)`;
}
