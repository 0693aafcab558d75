// The baseline of bench/explore.ts: bare DuckDB-wasm, as the package's docs start
// it (raw duckdb-eh.wasm, EH worker), then read_csv of the dropped file into a
// table and the explore dashboard's queries on it. Nothing of Jixiao's own code.
import * as duckdb from "@duckdb/duckdb-wasm";
import workerUrl from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";
import wasmUrl from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url";
import { SQL } from "../../src/query/queries.ts";

let db: duckdb.AsyncDuckDB | null = null;

async function start() {
  if (db) return db;
  const d = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(workerUrl));
  await d.instantiate(wasmUrl, null);
  await d.open({});
  db = d;
  return d;
}

declare global {
  interface Window { bareStart: () => Promise<void>; bareResult?: { ms: number; rows: number; steps: string } | { error: string } }
}
window.bareStart = async () => void (await start());

document.getElementById("file")!.addEventListener("change", async (e) => {
  const file = (e.target as HTMLInputElement).files![0];
  const t0 = performance.now();
  try {
    const d = await start();
    const conn = await d.connect();
    await conn.query("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;");
    await d.registerFileHandle("data.csv", file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const t1 = performance.now();
    await conn.query("CREATE TABLE indicators AS SELECT * FROM read_csv('data.csv', header = true)");
    const t2 = performance.now();
    const first = (await conn.query("SELECT unit_id, fiscal_year FROM indicators LIMIT 1")).get(0)!.toJSON();
    await conn.query(SQL.level1Counts);
    for (const sql of [SQL.indicatorKinds, `${SQL.indicators} LIMIT 300`]) {
      const stmt = await conn.prepare(sql);
      await stmt.query(String(first.unit_id), Number(first.fiscal_year));
      await stmt.close();
    }
    const rows = Number((await conn.query("SELECT count(*) AS n FROM indicators")).get(0)!.toJSON().n);
    const t3 = performance.now();
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    window.bareResult = { ms: t3 - t0, rows, steps: `start and register ${s(t1 - t0)} · read_csv ${s(t2 - t1)} · queries ${s(t3 - t2)}` };
  } catch (err) {
    window.bareResult = { error: String(err) };
  }
});
