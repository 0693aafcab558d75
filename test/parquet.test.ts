// The canonical tables as Parquet (src/query/parquet.ts, docs/scale.md), checked
// with native DuckDB: the same totals to the fen as the CSV tables, DECIMAL kept
// DECIMAL, files sorted by unit_id with row-group statistics, a manifest that
// lists exactly the files present, the same bytes on every write — and a folder
// as Spark or Trino writes it (no manifest, _SUCCESS and .crc files, the
// partition column only in the path, a column left out) read back as CSV folders.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataFolders } from "../src/query/node.ts";
import { downloadParquet, listParquet, parquetToCsv, writeParquet, type Manifest } from "../src/query/parquet.ts";
import { dataFolders, resolveParquetData } from "../src/site/data.ts";
import { serve } from "../scripts/serve.ts";
import type { QueryEngine } from "../src/query/engine.ts";

const FOLDERS = [
  { dir: "data/canonical", status: "declared" as const },
  { dir: "data/sample", status: "sample" as const },
  { dir: "test/fixtures/site-projects", status: "declared" as const },
];
const tmp = mkdtempSync(join(tmpdir(), "jixiao-parquet-"));
const out = join(tmp, "parquet");
let db: QueryEngine;
let manifest: Manifest;

beforeAll(async () => {
  db = await openDataFolders(FOLDERS);
  manifest = await writeParquet(db, out);
});
afterAll(async () => {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
});

const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".parquet")).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const parquet = (table: string, dir = out) => `read_parquet(${q(join(dir, table, "*", "*.parquet"))}, hive_partitioning = true)`;

/** Money per unit, year and data source, as exact DECIMAL text. */
const BUDGET_TOTALS = (from: string) => `SELECT unit_id, fiscal_year::INTEGER AS y, coalesce(project_id, '') AS p, data_source, kind, sum(amount)::VARCHAR AS total, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ALL`;
const EXEC_TOTALS = (from: string) => `SELECT unit_id, fiscal_year::INTEGER AS y, coalesce(project_id, '') AS p, period, sum(CAST(executed AS DECIMAL(18,2)))::VARCHAR AS executed, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ALL`;

describe("writeParquet(engine, dir)", () => {
  it("writes table/fiscal_year=YYYY/part-0.parquet and a manifest listing exactly the files present, with their rows and bytes", async () => {
    const present = files(out);
    expect(present.length).toBeGreaterThan(10);
    for (const f of present) expect(f).toMatch(/^[a-z]+\/fiscal_year=\d{4}\/part-0\.parquet$/);
    expect(manifest.files.map((f) => f.path).sort()).toEqual(present);
    for (const f of manifest.files) {
      expect(f.bytes).toBe(statSync(join(out, f.path)).size);
      expect(f.path.startsWith(`${f.table}/fiscal_year=${f.fiscal_year}/`)).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toEqual(manifest);
    for (const table of ["units", "budget", "indicators", "projects", "actuals", "execution"]) {
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
      expect(manifest.files.filter((f) => f.table === table).reduce((s, f) => s + f.rows, 0), table).toBe(n);
    }
  });

  it("gives the same totals to the fen as the CSV tables, money stored as DECIMAL(18,2)", async () => {
    expect(await db.query(BUDGET_TOTALS(parquet("budget")))).toEqual(await db.query(BUDGET_TOTALS("budget")));
    expect(await db.query(EXEC_TOTALS(parquet("execution")))).toEqual(await db.query(EXEC_TOTALS("execution")));
    const [{ total }] = await db.query<{ total: string }>(`SELECT sum(amount)::VARCHAR AS total FROM ${parquet("budget")} WHERE unit_id = 'ue5033044165152b9' AND fiscal_year = 2026 AND kind = 'total'`);
    expect(total).toBe("92787331.00");
    const types = await db.query<{ name: string; logical_type: string | null }>(`SELECT name, logical_type FROM parquet_schema(${q(join(out, "budget/fiscal_year=2026/part-0.parquet"))}) WHERE name = 'amount'`);
    expect(types).toEqual([{ name: "amount", logical_type: "DecimalType(scale=2, precision=18)" }]);
  });

  it("sorts each file by unit_id, so row groups carry disjoint unit_id ranges in order", async () => {
    const groups = await db.query<{ f: string; g: number; lo: string; hi: string }>(
      `SELECT file_name AS f, row_group_id::INTEGER AS g, stats_min AS lo, stats_max AS hi FROM parquet_metadata(${q(join(out, "*", "*", "*.parquet"))}) WHERE path_in_schema = 'unit_id' ORDER BY f, g`,
    );
    expect(groups.length).toBeGreaterThanOrEqual(manifest.files.length);
    for (const r of groups) expect(r.lo <= r.hi).toBe(true);
    const [{ sorted }] = await db.query<{ sorted: boolean }>(`SELECT bool_and(unit_id >= prev) AS sorted FROM (SELECT unit_id, lag(unit_id, 1, '') OVER (PARTITION BY filename ORDER BY file_row_number) AS prev FROM read_parquet(${q(join(out, "indicators/*/*.parquet"))}, filename = true, file_row_number = true))`);
    expect(sorted).toBe(true);
  });

  it("writes the same bytes twice (ids and order come from content only)", async () => {
    const again = join(tmp, "again");
    await writeParquet(db, again);
    for (const f of files(out)) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });
});

describe("parquetToCsv(dir) on a folder written as Spark or Trino write one", () => {
  const spark = join(tmp, "spark");
  beforeAll(async () => {
    mkdirSync(spark);
    // No manifest, DuckDB's own file names, Spark's _SUCCESS and .crc files, no data_source, no weight column.
    for (const table of ["units", "budget", "indicators", "execution", "projects", "actuals", "tasks"]) {
      const drop = table === "indicators" ? "EXCLUDE (data_source, weight)" : "EXCLUDE (data_source)";
      await db.query(`COPY (SELECT * ${drop} FROM ${table} WHERE data_source = 'declared') TO ${q(join(spark, table))} (FORMAT parquet, PARTITION_BY (fiscal_year), COMPRESSION snappy)`);
      writeFileSync(join(spark, table, "_SUCCESS"), "");
    }
    const one = listParquet(spark)[0].path;
    writeFileSync(join(spark, one.replace(/[^/]+$/, ".part-0.parquet.crc")), "crc");
  });

  it("finds the files by walking the folder (hidden and _ files skipped)", () => {
    expect(listParquet(spark).map((f) => f.path)).toEqual(files(spark).filter((f) => !/(^|\/)[._]/.test(f)));
    expect(listParquet(spark).every((f) => typeof f.fiscal_year === "number")).toBe(true);
  });

  it("reads back as a CSV folder the build loads with the same totals to the fen", async () => {
    const folders = await parquetToCsv(spark, join(tmp, "spark-csv"), "declared");
    expect(folders.map((f) => f.status)).toEqual(["declared"]);
    const back = await openDataFolders(folders);
    try {
      const declared = (sql: string) => sql.replace(/FROM (\w+)/, "FROM (SELECT * FROM $1 WHERE data_source = 'declared')");
      expect(await back.query(BUDGET_TOTALS("budget"))).toEqual(await db.query(declared(BUDGET_TOTALS("budget"))));
      expect(await back.query(EXEC_TOTALS("execution"))).toEqual(await db.query(declared(EXEC_TOTALS("execution"))));
      const count = async (e: QueryEngine, sql: string) => (await e.query<{ n: number }>(sql))[0].n;
      expect(await count(back, "SELECT count(*)::INTEGER AS n FROM indicators WHERE weight IS NULL")).toBe(await count(db, "SELECT count(*)::INTEGER AS n FROM indicators WHERE data_source = 'declared'"));
      expect(await back.query("SELECT unit_id, fiscal_year, unit_name FROM units ORDER BY ALL")).toEqual(await db.query("SELECT unit_id, fiscal_year, unit_name FROM units WHERE data_source = 'declared' ORDER BY ALL"));
    } finally {
      await back.close();
    }
  });

  it("splits Jixiao's own folder into declared and sample by its data_source column", async () => {
    const folders = await parquetToCsv(out, join(tmp, "own-csv"), "declared");
    expect(folders.map((f) => f.status)).toEqual(["declared", "sample"]);
    const back = await openDataFolders(folders);
    try {
      expect(await back.query(BUDGET_TOTALS("budget"))).toEqual(await db.query(BUDGET_TOTALS("budget")));
    } finally {
      await back.close();
    }
  });
});

describe("JIXIAO_DATA naming a published Parquet folder by URL", () => {
  it("dataFolders keeps a URL's own colons and takes the status after the last", () => {
    expect(dataFolders("http://127.0.0.1:8080/data/parquet/:sample,data/canonical:declared")).toEqual([
      { dir: "http://127.0.0.1:8080/data/parquet/", status: "sample" },
      { dir: "data/canonical", status: "declared" },
    ]);
    expect(dataFolders("https://example.org/p/")).toEqual([{ dir: "https://example.org/p/", status: "declared" }]);
  });

  it("resolveParquetData fetches it by its manifest and gives CSV folders with the same totals to the fen", async () => {
    const { server, url } = await serve({ root: out, port: 0 });
    try {
      const { spec, tmp: made } = await resolveParquetData(`${url}:declared,test/fixtures/site-projects-unit:sample`);
      expect(made).not.toBeNull();
      const folders = dataFolders(spec);
      expect(folders.map((f) => f.status)).toEqual(["declared", "sample", "sample"]);
      expect(folders[2].dir).toBe("test/fixtures/site-projects-unit");
      const back = await openDataFolders(folders.slice(0, 2));
      try {
        expect(await back.query(BUDGET_TOTALS("budget"))).toEqual(await db.query(BUDGET_TOTALS("budget")));
      } finally {
        await back.close();
        rmSync(made!, { recursive: true, force: true });
      }
    } finally {
      server.close();
    }
  });

  it("refuses a file whose size is not the manifest's", async () => {
    const copy = join(tmp, "tampered");
    cpSync(out, copy, { recursive: true });
    truncateSync(join(copy, manifest.files[0].path), 10);
    const { server, url } = await serve({ root: copy, port: 0 });
    try {
      await expect(downloadParquet(url, join(tmp, "tampered-download"))).rejects.toThrow(/has 10 bytes, the manifest says \d+/);
    } finally {
      server.close();
    }
  });
});
