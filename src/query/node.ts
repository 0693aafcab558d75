// Build-time runtime: native DuckDB (@duckdb/node-api), one thread, extension
// autoloading off. Used by the Astro pages' frontmatter and by tests.
import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { QueryEngine, Row, Value } from "./engine.ts";
import { TABLES, createTableSql } from "./schema.ts";

export async function createNodeEngine(): Promise<QueryEngine> {
  const instance = await DuckDBInstance.create(":memory:", {
    threads: "1",
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  });
  const connection = await instance.connect();
  return {
    async query<T extends Row = Row>(sql: string, params: Value[] = []) {
      const reader = await connection.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
      return reader.getRowObjectsJson() as unknown as T[];
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** An engine with the canonical tables of the given folders loaded (missing files are skipped). */
export async function openDataFolders(folders: { dir: string; status: "declared" | "sample" }[]): Promise<QueryEngine> {
  const engine = await createNodeEngine();
  for (const table of TABLES) {
    const files = folders.map((f) => ({ path: join(f.dir, `${table}.csv`), status: f.status })).filter((f) => existsSync(f.path));
    await engine.query(createTableSql(table, files));
  }
  return engine;
}
