// A chart as a page shows it: the SVG (wide, and a phone layout when given), its
// one-line summary as the caption, and its data as a table for screen readers and
// print. What it offers besides is the host's option: the published page links
// the chart's CSV file; the workspace exports it (data-action buttons it wires).
import type { ChartResult } from "../charts/types.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { chartSvg, el, type Element } from "./tree.ts";
import { zh } from "./text.ts";

export interface ChartPair {
  wide: ChartResult;
  compact?: ChartResult | null;
}

export interface ChartOptions {
  lang: Lang;
  /** Where the figures come from, e.g. 第 25–29 行. */
  source: string;
  /** The published page: a link to the chart's data as CSV. */
  csv?: string;
  /** The workspace: the chart's export name; its buttons carry data-action="chart-…" and data-chart=name. */
  exportName?: string;
}

export function chartFigure(c: ChartPair, o: ChartOptions): Element {
  const { table } = c.wide;
  const num = (i: number) => (table.numeric[i] ? "num" : null);
  const action = (kind: string, label: string) => el("button", { type: "button", class: "link", "data-action": `chart-${kind}`, "data-chart": o.exportName }, label);
  return el("figure", { class: "chart", "data-chart": o.exportName },
    // The chart's point first, in words (computed by the chart from its data).
    c.wide.takeaway ? el("p", { class: "takeaway" }, zh(c.wide.takeaway, o.lang)) : null,
    el("div", { class: c.compact ? "wide" : "wide only" }, chartSvg(c.wide.svg)),
    c.compact ? el("div", { class: "compact" }, chartSvg(c.compact.svg)) : null,
    el("figcaption", {}, zh(c.wide.summary, o.lang), " ", el("span", { class: "where" }, t(o.lang, "site.dataSource"), o.source)),
    o.exportName
      ? el("p", { class: "x-actions" }, t(o.lang, "explore.chartDownload"), action("svg", "SVG"), " ", action("png", "PNG"),
          t(o.lang, "explore.chartData"), action("csv", "CSV"), " ", action("xlsx", "XLSX"))
      : null,
    el("details", { class: "data" },
      el("summary", {}, t(o.lang, "site.chartData")),
      el("div", { class: "table-wrap" }, el("table", {},
        el("caption", {}, zh(table.caption, o.lang)),
        el("thead", {}, el("tr", {}, table.head.map((h, i) => el("th", { scope: "col", class: num(i) }, zh(h, o.lang))))),
        el("tbody", {}, table.rows.map((r) => el("tr", {}, r.map((cell, i) => el("td", { class: num(i) }, zh(cell, o.lang))))))))),
    o.csv ? el("p", { class: "downloads" }, el("a", { href: o.csv, download: true }, t(o.lang, "site.csvDownload"))) : null);
}
