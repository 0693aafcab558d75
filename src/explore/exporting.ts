// The workspace's exports: a canonical table or a query's rows as CSV or XLSX, streamed batch by batch under
// the page's task bar (cancellable between batches), everything as canonical JSON, and the rows of a chart.
// Files are made in the browser and downloaded; nothing leaves it.
import type { BrowserEngine } from "../query/browser.ts";
import { download } from "./dom.ts";
import { BOM, csvChunk, jsonRows, safeFileName, sheetName, XLSX_MAX_ROWS } from "./exports.ts";
import { storedAs } from "./sql.ts";
import { plainMatrix } from "../query/arrow.ts";
import type { TableName } from "../core/canonical.ts";
import type { Lang } from "../core/format.ts";
import type { Value } from "../query/engine.ts";
import { t } from "../i18n/messages.ts";

export interface ExportContext {
  engine: BrowserEngine;
  lang: Lang;
  /** Runs the export under the page's task bar; `step(done, all)` throws once 取消 was pressed. */
  withTask: <T>(label: string, work: (step: (done: number, all: number) => void) => Promise<T>) => Promise<T | undefined>;
  /** Runs the console's own query as the console does (read-only, or in the open change set). */
  read: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The SQL a table is exported by: DECIMAL stays DECIMAL (exact text in CSV and JSON, a number in XLSX). */
export function tableSql(table: TableName): string {
  // DECIMAL stays DECIMAL: exact text in CSV and JSON (src/query/arrow.ts), a number in XLSX.
  const cols = `* EXCLUDE (upload_id${table === "units" ? ", placeholder" : ""})`;
  return table === "indicators"
    ? `SELECT i.* EXCLUDE (upload_id), l.recognised FROM indicators i LEFT JOIN target_lookup l USING (target, fiscal_year) ORDER BY i.upload_id, i.unit_id, i.fiscal_year, i.ord`
    : `SELECT ${cols} FROM ${storedAs(table)} ORDER BY upload_id`;
}

/** One canonical table as CSV or XLSX (the indicators without the page's own recognised column). */
export async function exportTable(c: ExportContext, table: TableName, kind: "csv" | "xlsx"): Promise<void> {
  const sql = table === "indicators" ? tableSql(table).replace("i.* EXCLUDE (upload_id), l.recognised", "i.* EXCLUDE (upload_id)") : tableSql(table);
  await exportQuery(c, sql, kind, `jixiao-${table}`, `${t(c.lang, "explore.tableLabel")[table]}`);
}

/** A query's every row as CSV or XLSX, streamed batch by batch under the task bar (cancellable between batches). */
export async function exportQuery(c: ExportContext, sql: string, kind: "csv" | "xlsx", name = "jixiao-query", sheet = t(c.lang, "explore.querySheet")): Promise<void> {
  const engine = c.engine;
  const s = sql.trim().replace(/;\s*$/, "");
  // The console's own text is exported as it was run: in a read-only transaction (or the open change set).
  const guard = <T,>(work: () => Promise<T>) => (name === "jixiao-query" ? c.read(work) : work());
  await c.withTask(t(c.lang, "explore.exporting", `${name}.${kind}`), (step) => guard(async () => {
    // Counted first, so the bar can say how far the export is.
    const [{ n: all }] = await engine.query<{ n: number }>(`SELECT CAST(count(*) AS DOUBLE) AS n FROM (${s}) AS x`);
    let done = 0;
    if (kind === "csv") {
      const parts: string[] = [BOM];
      let first = true;
      await engine.stream(s, (batch) => {
        step(done, all);
        const m = plainMatrix(batch);
        parts.push(csvChunk(m.columns, m.rows, first));
        first = false;
        done += m.rows.length;
      });
      download(new Blob(parts, { type: "text/csv;charset=utf-8" }), safeFileName(name, "csv"));
      return;
    }
    // Streamed: each batch becomes sheet XML deflated into the file, never one array of a million rows.
    const { XlsxWriter } = await import("./xlsx.ts");
    let writer: InstanceType<typeof XlsxWriter> | null = null;
    await engine.stream(s, async (batch) => {
      step(done, all);
      const m = plainMatrix(batch);
      writer ??= new XlsxWriter(sheetName(sheet), m.columns, m.types);
      await writer.addRows(m.rows);
      done += m.rows.length;
    });
    if (!writer) {
      const m = plainMatrix(await engine.arrow(`SELECT * FROM (${s}) AS x LIMIT 0`));
      writer = new XlsxWriter(sheetName(sheet), m.columns, m.types);
    }
    await saveXlsx(c.lang, name, writer);
  }));
}

/** Rows the page holds (a chart's data) as CSV or XLSX. */
export async function saveRows(lang: Lang, name: string, head: string[], rows: string[][], kind: "csv" | "xlsx"): Promise<void> {
  if (kind === "csv") return download(new Blob([BOM, csvChunk(head, rows)], { type: "text/csv;charset=utf-8" }), safeFileName(name, "csv"));
  const { XlsxWriter } = await import("./xlsx.ts");
  const writer = new XlsxWriter(sheetName(name), head, head.map(() => "VARCHAR"));
  await writer.addRows(rows);
  await saveXlsx(lang, name, writer);
}

async function saveXlsx(lang: Lang, name: string, writer: { finish(): Promise<Uint8Array[]>; cut: number }): Promise<void> {
  const parts = await writer.finish();
  download(new Blob(parts as BlobPart[], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), safeFileName(name, "xlsx"));
  if (writer.cut) alert(t(lang, "explore.xlsxCut", XLSX_MAX_ROWS));
}

/** Everything loaded as one canonical JSON object, as `jixiao import --json` prints it. */
export async function exportJson(c: ExportContext): Promise<void> {
  const engine = c.engine;
  await c.withTask(t(c.lang, "explore.exportingJson"), async (step) => {
    const parts: string[] = ["{"];
    for (const [ti, table] of (["units", "projects", "budget", "tasks", "indicators", "findings", "actuals", "execution"] as const).entries()) {
      // Progress tables only when something is in them, as `jixiao import --json` writes them.
      if ((table === "actuals" || table === "execution" || table === "projects") && !(await engine.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`))[0].n) continue;
      parts.push(`${ti ? "," : ""}${JSON.stringify(table)}:[`);
      let any = false;
      await engine.stream(tableSql(table), (batch) => {
        step(0, 0);
        const m = plainMatrix(batch);
        const rows = m.rows.map((r) => Object.fromEntries(m.columns.map((c, i) => [c, r[i]])) as Record<string, Value>);
        if (!rows.length) return;
        parts.push(`${any ? "," : ""}${jsonRows(table, rows)}`);
        any = true;
      });
      parts.push("]");
    }
    parts.push("}");
    download(new Blob(parts, { type: "application/json" }), "jixiao-canonical.json");
  });
}
