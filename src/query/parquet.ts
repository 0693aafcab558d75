// The canonical tables as Parquet: the contract past one build machine
// (docs/scale.md). Written at build under dist/data/parquet/ in the Hive layout
// every distributed engine writes (table/fiscal_year=2026/part-0.parquet), each
// file sorted by unit_id so its row-group statistics let a reader skip what a
// query does not need, money kept DECIMAL(18,2), plus manifest.json listing every
// file (wildcards do not work over plain HTTP). Read back by the build when
// JIXIAO_DATA names such a folder, whether Jixiao, Spark, Trino or DuckDB wrote it.
// Native DuckDB only (build time).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { COLUMNS, type TableName } from "../core/canonical.ts";
import type { QueryEngine } from "./engine.ts";
import { createNodeEngine } from "./node.ts";
import { TABLES } from "./schema.ts";

/** After unit_id, the keys that make each table's order total (so every build writes the same bytes). */
const SORT: Record<TableName, string[]> = {
  units: ["unit_id", "source_file", "source_row"],
  projects: ["unit_id", "project_id", "source_row"],
  budget: ["unit_id", "project_id", "line_id"],
  tasks: ["unit_id", "task_order", "task_id"],
  indicators: ["unit_id", "project_id", "ord", "indicator_id"],
  findings: ["unit_id", "source_file", "source_row", "source_column", "code", "subject"],
  actuals: ["unit_id", "project_id", "period", "indicator_id", "source_file", "source_row"],
  execution: ["unit_id", "project_id", "period", "source_file", "source_row", "item"],
};

/** Rows per row group: a unit's rows sit in one or two groups, small enough to fetch by range. */
export const ROW_GROUP_SIZE = 8192;
/** Static hosts refuse files over 25 MB (DuckDB cannot split files within a PARTITION_BY write). */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface ManifestFile {
  /** Relative to the manifest, with forward slashes. */
  path: string;
  table: TableName;
  fiscal_year: number | null;
  rows: number;
  bytes: number;
}

export interface Manifest {
  format: "jixiao-parquet/1";
  partitioning: ["fiscal_year"];
  tables: Partial<Record<TableName, { columns: string[]; sorted_by: string[] }>>;
  files: ManifestFile[];
}

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const posix = (p: string) => p.split(sep).join("/");

/** Writes every loaded canonical table of the engine as Parquet into dir (replaced), and its manifest. */
export async function writeParquet(db: QueryEngine, dir: string): Promise<Manifest> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tables: Manifest["tables"] = {};
  for (const table of TABLES) {
    const [{ n }] = await db.query<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM ${table}`);
    if (n === "0") continue;
    // fiscal_year goes into the folder name, not the file (as Spark and Trino write it).
    await db.query(`COPY (SELECT * FROM ${table} ORDER BY ${SORT[table].map((c) => `${c} NULLS FIRST`).join(", ")}) TO ${quote(join(dir, table))}
      (FORMAT parquet, PARTITION_BY (fiscal_year), ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, COMPRESSION zstd, FILENAME_PATTERN 'part-{i}')`);
    tables[table] = { columns: [...COLUMNS[table], "data_source"], sorted_by: SORT[table] };
  }
  const files: ManifestFile[] = [];
  for (const f of listParquet(dir)) {
    const [{ rows }] = await db.query<{ rows: string }>(`SELECT num_rows::VARCHAR AS rows FROM parquet_file_metadata(${quote(join(dir, f.path))})`);
    const bytes = statSync(join(dir, f.path)).size;
    if (bytes > MAX_FILE_BYTES) throw new Error(`parquet: ${f.path} is ${bytes} bytes, over the 25 MB a static host serves; partition it further`);
    files.push({ ...f, rows: Number(rows), bytes });
  }
  const manifest: Manifest = { format: "jixiao-parquet/1", partitioning: ["fiscal_year"], tables, files };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}

/**
 * The Parquet files of a folder, table by table: as its manifest.json lists them,
 * else every *.parquet under table/ (Spark's _SUCCESS, .crc and other hidden files skipped).
 */
export function listParquet(dir: string): { path: string; table: TableName; fiscal_year: number | null }[] {
  const manifest = join(dir, "manifest.json");
  if (existsSync(manifest)) {
    return (JSON.parse(readFileSync(manifest, "utf8")) as Manifest).files.map(({ path, table, fiscal_year }) => ({ path, table, fiscal_year }));
  }
  const out: { path: string; table: TableName; fiscal_year: number | null }[] = [];
  for (const table of TABLES) {
    if (!existsSync(join(dir, table))) continue;
    for (const e of readdirSync(join(dir, table), { withFileTypes: true, recursive: true })) {
      const path = posix(relative(dir, join(e.parentPath, e.name)));
      if (!e.isFile() || !e.name.endsWith(".parquet") || /(^|\/)[._]/.test(path)) continue;
      const year = /(?:^|\/)fiscal_year=([^/]+)\//.exec(path)?.[1];
      out.push({ path, table, fiscal_year: year && /^\d+$/.test(year) ? Number(year) : null });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Fetches a published Parquet folder (its manifest.json and every file it lists)
 * into dir, checking each file's size against the manifest; returns dir.
 */
export async function downloadParquet(base: string, dir: string): Promise<string> {
  const root = base.endsWith("/") ? base : `${base}/`;
  const get = async (path: string) => {
    const res = await fetch(new URL(path, root));
    if (!res.ok) throw new Error(`parquet: ${new URL(path, root)} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const manifestBytes = await get("manifest.json");
  const manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
  for (const f of manifest.files) {
    if (f.path.split("/").some((p) => p === ".." || p === "") || f.path.startsWith("/")) throw new Error(`parquet: a manifest path outside its folder: ${f.path}`);
    const bytes = await get(f.path);
    if (bytes.length !== f.bytes) throw new Error(`parquet: ${f.path} has ${bytes.length} bytes, the manifest says ${f.bytes}`);
    mkdirSync(join(dir, f.path, ".."), { recursive: true });
    writeFileSync(join(dir, f.path), bytes);
  }
  writeFileSync(join(dir, "manifest.json"), manifestBytes);
  return dir;
}

/** Whether a data folder holds Parquet tables (a manifest, or table/…/*.parquet) rather than CSV. */
export function isParquetFolder(dir: string): boolean {
  return existsSync(join(dir, "manifest.json")) || (existsSync(dir) && statSync(dir).isDirectory() && listParquet(dir).length > 0);
}

/**
 * Reads a Parquet folder into canonical CSV folders under out/ (out/declared,
 * out/sample: a row's data_source column decides, else the folder's status), so
 * the build reads it exactly as it reads CSV folders. Columns are taken by name;
 * a column a writer left out is empty. Returns the folders written.
 */
export async function parquetToCsv(dir: string, out: string, status: "declared" | "sample"): Promise<{ dir: string; status: "declared" | "sample" }[]> {
  const db = await createNodeEngine();
  const written = new Set<"declared" | "sample">();
  try {
    const byTable = new Map<TableName, string[]>();
    for (const f of listParquet(dir)) byTable.set(f.table, [...(byTable.get(f.table) ?? []), join(dir, f.path)]);
    for (const [table, paths] of byTable) {
      const from = `read_parquet([${paths.map(quote).join(", ")}], hive_partitioning = true, union_by_name = true)`;
      const have = new Set((await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${from}`)).map((c) => c.column_name));
      // Exact text for every type: DECIMAL prints as 1234.50, never through a double.
      const cols = COLUMNS[table].map((c) => (have.has(c) ? `CAST(${c} AS VARCHAR) AS ${c}` : `NULL AS ${c}`));
      const source = have.has("data_source") ? `coalesce(data_source, ${quote(status)})` : quote(status);
      for (const s of ["declared", "sample"] as const) {
        const [{ n }] = await db.query<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM ${from} WHERE ${source} = ${quote(s)}`);
        if (n === "0") continue;
        mkdirSync(join(out, s), { recursive: true });
        await db.query(`COPY (SELECT ${cols.join(", ")} FROM ${from} WHERE ${source} = ${quote(s)}) TO ${quote(join(out, s, `${table}.csv`))} (HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
        written.add(s);
      }
    }
  } finally {
    await db.close();
  }
  return [...written].sort().map((s) => ({ dir: join(out, s), status: s }));
}
