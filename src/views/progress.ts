// One period of a unit year's completion (year-end 自评 or mid-year 运行监控),
// written once: score and grade, 预算执行率 with time progress, mid-year alerts,
// completion by 一级 (二级 folded), target-vs-result bullets, the indicators
// behind target with their reasons first, and every indicator's result in a
// folded table. The progress page places it (ProgressPage.astro), and so does the
// workspace (src/explore/resultsView.ts); their differences are options.
import { formatYuan } from "../core/format.ts";
import type { ProgressReport } from "../core/progress.ts";
import type { ProgressChartName } from "../site/chartData.ts";
import type { alertCounts } from "../site/progressView.ts";
import type { ProgressIndicator } from "../core/progress.ts";
import { gradeName, sourceText } from "../site/view.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { chartFigure, type ChartPair } from "./chart.ts";
import { el, type Element, type Kids } from "./tree.ts";
import { zh } from "./text.ts";

export interface ReportData {
  report: ProgressReport;
  charts: Record<ProgressChartName, ChartPair | null>;
  alerts: ReturnType<typeof alertCounts>;
  behind: ProgressIndicator[];
}

export interface ReportOptions {
  lang: Lang;
  /** The period's heading level. */
  level: number;
  /** Where the figures come from, under each chart. */
  source: string;
  /** The published page: each chart's CSV file (by its name, e.g. progress-yearend-l1). */
  csvHref?: (name: string) => string;
  /** The unit page its rows link to ("" in the workspace: the unit dashboard above, on the same page). */
  unitPage?: string;
  /** The workspace: charts are exported under this name prefix. */
  exportPrefix?: string;
  /** At most this many rows of the behind-target list and of the table (none: all). */
  limit?: { behind: number; table: number };
  /** The row ids (#p-…) a behind-target item links to are given to this period's table only. */
  anchors: boolean;
  /** The period's heading says 示例数据 when its data is illustrative (not where the whole page says so once). */
  markSample?: boolean;
  /** Folded to its heading line with its score and grade (the mid-year report under the year-end one). */
  folded?: boolean;
}

/**
 * How one period shows beside the others of its unit year, the same on the progress page and in the workspace:
 * the year-end report first and open, the mid-year one folded under it with its score; the ids the behind-target
 * list links to on the year-end table only; 示例数据 on the period's heading unless the whole unit year says so once.
 */
export function periodOptions(v: ReportData, all: readonly ReportData[], unitSample: boolean): Pick<ReportOptions, "anchors" | "markSample" | "folded"> {
  const period = v.report.period;
  return { markSample: !unitSample, folded: all.length > 1 && period === "midyear", anchors: period === "yearend" || all.length === 1 };
}

const CHART_WHAT = { l1: "progress.byLevel1", l2: "progress.byLevel2", bullet: "progress.bullet" } as const;

/** A completion chart's export name in the workspace. */
export const reportChartName = (prefix: string, r: ProgressReport, name: ProgressChartName, lang: Lang) =>
  `${prefix}-${t(lang, "progress.period")[r.period]}-${t(lang, CHART_WHAT[name])}`;

const listMore = (shown: number, all: number, lang: Lang) => (all > shown ? el("p", { class: "where" }, t(lang, "explore.listMore", shown, all)) : null);

export function reportSection(v: ReportData, o: ReportOptions): Element {
  const { lang } = o;
  const r = v.report;
  const period = t(lang, "progress.period")[r.period];
  const money = (fen: bigint | null) => (fen === null ? "—" : formatYuan(fen, lang));
  const exec = r.execution;
  const fig = (label: string, big: Kids, exact: Kids) => el("li", {}, el("span", { class: "label" }, label), el("span", { class: "big" }, big), el("span", { class: "exact" }, exact));
  const h = (n: number, ...kids: Kids[]) => el(`h${o.level + n}`, n === 0 ? { id: r.period } : {}, ...kids);
  const chart = (name: ProgressChartName) => {
    const c = v.charts[name];
    return c ? chartFigure(c, { lang, source: o.source, csv: o.csvHref?.(`progress-${r.period}-${name}`), exportName: o.exportPrefix && reportChartName(o.exportPrefix, r, name, lang) }) : null;
  };
  const name = (x: ProgressIndicator) => zh(x.indicator.name ?? x.indicator.level2, lang);
  const behind = o.limit ? v.behind.slice(0, o.limit.behind) : v.behind;
  const rows = o.limit ? r.indicators.slice(0, o.limit.table) : r.indicators;
  const cols = [t(lang, "progress.colName"), t(lang, "progress.colTarget"), t(lang, "progress.colActual"), t(lang, "progress.colStatus"), t(lang, "progress.colScore"),
    ...(r.period === "midyear" ? [t(lang, "progress.colAlert")] : []), t(lang, "site.source")];
  const status = (x: ProgressIndicator) => el("span", { class: `badge status-${x.score.status}` }, t(lang, "progress.status")[x.score.status]);
  const alert = (a: "red" | "yellow" | "green" | null | undefined) => (a ? el("span", { class: `alert ${a}` }, t(lang, "progress.alertLabel")[a]) : null);
  const heading = h(0, period, r.status === "sample" && o.markSample !== false ? [" ", el("span", { class: "badge sample" }, t(lang, "site.sample"))] : null);
  const body: Kids[] = [
    r.asOf ? el("p", { class: "lede" }, t(lang, "progress.asOf", r.asOf)) : null,
    r.undeclared ? el("p", { class: "mismatch" }, t(lang, "explore.progressUndeclared")) : null,
    el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
      fig(`${t(lang, "progress.total")}${r.period === "midyear" ? t(lang, "progress.projected") : ""}`, r.result.total, `${t(lang, "progress.grade")}${t(lang, "site.colon")}${gradeName(r.result.grade, lang)}`),
      fig(t(lang, "progress.execRate"), exec?.rate ? `${exec.rate}%` : "—", [
        exec ? t(lang, "progress.execDetail", money(exec.budgetFullYearFen), money(exec.executedFen)) : null,
        exec?.timeProgress ? [el("br"), `${t(lang, "progress.timeProgress", exec.timeProgress)} · `, alert(exec.alert)] : null,
      ]),
      r.period === "midyear"
        ? fig(t(lang, "progress.alerts"), [el("span", { class: "alert red" }, v.alerts.red), " / ", el("span", { class: "alert yellow" }, v.alerts.yellow), " / ", el("span", { class: "alert green" }, v.alerts.green)],
            t(lang, "progress.alertCounts", v.alerts.red, v.alerts.yellow, v.alerts.green))
        : null),
    // Problems first: what is behind target, with its reasons, before the charts.
    h(1, t(lang, "progress.behind")),
    behind.length === 0 ? el("p", {}, t(lang, "progress.noneBehind")) : [
      el("ul", { class: "findings", "data-list": "behind" }, behind.map((x) => el("li", {},
        status(x),
        x.alert && x.alert !== "green" ? [" ", el("span", { class: `badge alert ${x.alert}` }, t(lang, "progress.alertLabel")[x.alert])] : null,
        " ", o.anchors ? el("a", { href: `#p-${x.indicator.id}` }, name(x)) : name(x),
        el("span", { class: "where" }, " · ", zh(x.indicator.target ?? "—", lang), " → ", zh(x.valueText ?? t(lang, "progress.status").no_data, lang)),
        x.actual?.deviationReason ? [el("br"), zh(x.actual.deviationKinds.length ? `【${x.actual.deviationKinds.join("、")}】` : null, lang), zh(x.actual.deviationReason, lang)] : null,
        x.actual?.correctiveAction ? el("span", { class: "where" }, " · ", zh(x.actual.correctiveAction, lang)) : null))),
      listMore(behind.length, v.behind.length, lang),
    ],
    h(1, t(lang, "progress.byLevel1")),
    chart("l1"),
    v.charts.l2 ? el("details", { class: "data" }, el("summary", {}, t(lang, "progress.byLevel2")), chart("l2")) : null,
    v.charts.bullet ? [h(1, t(lang, "progress.bullet")), chart("bullet")] : null,
    h(1, t(lang, "progress.table")),
    el("details", { class: "data" },
      el("summary", {}, t(lang, "progress.table"), t(lang, "site.paren", String(r.indicators.length))),
      el("div", { class: "table-wrap" }, el("table", { class: "stack", "data-table": `scores-${r.period}` },
        el("caption", {}, `${period} · ${t(lang, "progress.table")}`),
        el("thead", {}, el("tr", {}, cols.map((c, i) => el("th", { scope: "col", class: i === 4 ? "num" : null }, c)))),
        el("tbody", {}, rows.map((x) => el("tr", { id: o.anchors ? `p-${x.indicator.id}` : null, "data-indicator": x.indicator.id },
          el("td", { "data-label": cols[0] }, o.unitPage !== undefined ? el("a", { href: `${o.unitPage}#ind-${x.indicator.id}` }, name(x)) : name(x), el("br"),
            el("span", { class: "where" }, zh(`${x.indicator.level1} › ${x.indicator.level2}`, lang))),
          el("td", { "data-label": cols[1] }, zh(x.indicator.target, lang) ?? "—"),
          el("td", { "data-label": cols[2] }, zh(x.valueText, lang) ?? t(lang, "progress.none")),
          el("td", { "data-label": cols[3] }, status(x)),
          el("td", { class: "num", "data-label": cols[4] }, `${x.score.score ?? "—"} / ${x.score.max}`, x.score.declaredScore ? [el("br"), el("span", { class: "where" }, t(lang, "progress.declared", x.score.declaredScore))] : null),
          r.period === "midyear" ? el("td", { "data-label": cols[5] }, alert(x.alert) ?? "—") : null,
          el("td", { class: "where", "data-label": cols[cols.length - 1] }, x.actual ? sourceText(x.actual.source.file, x.actual.source.row ?? null, null, lang) : "—")))))),
      listMore(rows.length, r.indicators.length, lang)),
  ];
  return el("section", { "aria-labelledby": r.period, "data-report": r.period },
    o.folded
      ? el("details", { class: "fold" }, el("summary", {}, heading, " ", el("span", { class: "where" }, `${t(lang, "progress.total")} ${r.result.total}${t(lang, "site.paren", gradeName(r.result.grade, lang))}`)), body)
      : [heading, body]);
}
