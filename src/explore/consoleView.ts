// The SQL console's and the exports' DOM: a query's result (its row count and time, its export and chart
// buttons, the first rows as a table), the tables and columns the console can query, and the table of
// downloads. What a button does is the caller's (src/explore/ui.ts wires it).
import { h, type Children } from "./dom.ts";
import { TABLES } from "./sql.ts";
import { BULK_TEMP_TABLES } from "./bulkSql.ts";
import type { TableName } from "../core/canonical.ts";
import type { Lang } from "../core/format.ts";
import type { Value } from "../query/engine.ts";
import { t } from "../i18n/messages.ts";

export interface ResultInfo {
  /** The result was cut at `limit` rows. */
  more: boolean;
  limit: number;
  ms: number;
  /** A read can be exported (a change's result is DuckDB's count; exporting would run the statement again). */
  exportable: boolean;
}

export interface ResultActions {
  exportCsv: () => void;
  exportXlsx: () => void;
  /** Draws the result as a chart; absent when it has nothing to draw (src/views/queryChart.ts). */
  draw?: () => void;
}

/** A query's result: what it gave and how long it took, its export and chart buttons, its rows. */
export function resultNodes(columns: readonly string[], rows: readonly Value[][], info: ResultInfo, lang: Lang, a: ResultActions): Children[] {
  return [
    h("p", { class: "where", role: "status" }, columns.length ? `${info.more ? t(lang, "explore.rowsMore", info.limit) : t(lang, "explore.rowsCount", rows.length)} · ${t(lang, "explore.ms", info.ms.toFixed(0))}` : t(lang, "explore.executed", info.ms.toFixed(0)),
      columns.length && info.exportable ? [t(lang, "explore.exportAll"), h("button", { type: "button", class: "link", onclick: a.exportCsv }, "CSV"), " ",
        h("button", { type: "button", class: "link", onclick: a.exportXlsx }, "XLSX")] : null,
      a.draw ? [" · ", h("button", { type: "button", class: "link", "data-x": "sql-draw", onclick: a.draw }, t(lang, "explore.queryChart"))] : null),
    columns.length ? h("div", { class: "table-wrap x-result" }, h("table", { "data-table": "sql" },
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((v) => h("td", { class: typeof v === "number" ? "num" : null }, v === null ? "NULL" : String(v)))))))) : null,
  ];
}

/** The columns the console lists, from DuckDB's catalog (a large file's working tables left out). */
export const SCHEMA_SQL = `SELECT c.table_name, c.column_name, c.data_type, c.table_name IN (SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main') AS is_view
       FROM duckdb_columns() c WHERE c.schema_name = 'main' AND NOT c.internal AND NOT (c.database_name = 'temp' AND c.table_name IN (${BULK_TEMP_TABLES.map((name) => `'${name}'`).join(", ")}))
       ORDER BY CASE c.table_name WHEN 'units' THEN 0 WHEN 'budget' THEN 1 WHEN 'tasks' THEN 2 WHEN 'indicators' THEN 3 WHEN 'findings' THEN 4 ELSE 5 END, c.table_name, c.column_index`;

export type SchemaColumn = { table_name: string; column_name: string; data_type: string; is_view: boolean };

/** Each table the console can query, folded to its name and what it holds, its columns and their types inside. */
export function schemaNodes(cols: readonly SchemaColumn[], lang: Lang): Children[] {
  const tables = [...new Set(cols.map((c) => c.table_name))];
  const [note, tableLabel, isView] = [t(lang, "explore.tableNote"), t(lang, "explore.tableLabel"), t(lang, "explore.isView")];
  return [h("ul", {}, tables.map((name) => h("li", {}, h("details", {},
    h("summary", {}, h("code", {}, name), ` ${tableLabel[name as TableName] ?? note[name] ?? ""}${cols.find((c) => c.table_name === name)?.is_view ? isView : ""}`),
    h("ul", { class: "x-cols" }, cols.filter((c) => c.table_name === name).map((c) => h("li", {}, h("code", {}, c.column_name), ` ${c.data_type}`)))))))];
}

/** The downloads: each canonical table as CSV or XLSX, and everything as canonical JSON. */
export function exportsNodes(lang: Lang, a: { table: (name: TableName, kind: "csv" | "xlsx") => void; json: () => void }): Children[] {
  return [
    h("div", { class: "table-wrap" }, h("table", {},
      h("caption", {}, t(lang, "explore.exportCaption")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t(lang, "explore.colTable")), h("th", { scope: "col" }, t(lang, "explore.colDownload")))),
      h("tbody", {}, TABLES.filter((name) => name in t(lang, "explore.tableLabel")).map((name) => h("tr", {},
        h("td", {}, t(lang, "explore.tableRowLabel", t(lang, "explore.tableLabel")[name], name)),
        h("td", {}, h("button", { type: "button", class: "link", "data-export": `${name}.csv`, onclick: () => a.table(name, "csv") }, "CSV"), " ",
          h("button", { type: "button", class: "link", "data-export": `${name}.xlsx`, onclick: () => a.table(name, "xlsx") }, "XLSX"))))))),
    h("p", {}, h("button", { type: "button", "data-export": "json", onclick: a.json }, t(lang, "explore.exportJson")),
      h("span", { class: "where" }, t(lang, "explore.exportJsonNote"))),
  ];
}
