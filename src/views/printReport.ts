// The printed report of a unit year (or of one project), written once: what a leader reads
// on two to four A4 pages — the headline strip, completion with its chart, the indicators
// behind target, the budget table once, every indicator with its result, the checks' counts
// and the sources. The unit and project pages carry it hidden on screen; their print CSS
// prints it instead of the page (src/styles/site.css), which is also how the build writes
// report.pdf (scripts/pdf.ts). Its figures are the page's data; its one chart (completion by 一级) is drawn
// from the same report by the site's chart function.
import { formatYuan } from "../core/format.ts";
import type { ProgressIndicator, ProgressReport } from "../core/progress.ts";
import type { BudgetRow, ExecutionRow, FindingRow, IndicatorRow } from "../query/queries.ts";
import { lineRate } from "../site/projectView.ts";
import type { ReconciliationCheck } from "../site/view.ts";
import { budgetGroupLabel, gradeName, shareText, sourceText, wanText, yuanText } from "../site/view.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { chartFigure } from "./chart.ts";
import { completionChart } from "../charts/index.ts";
import { completionRows } from "../site/progressView.ts";
import { el, type Element, type Kids } from "./tree.ts";
import { zh } from "./text.ts";

export interface PrintReportData {
  /** The strip a leader reads first (headlineStrip), the page's own. */
  headline: Element | null;
  /** The unit's (or project's) name, which the completion chart's title names. */
  name: string;
  /** The completion report printed (the year-end one when there is one) and its indicators behind target. */
  report: { report: ProgressReport; behind: ProgressIndicator[] } | null;
  budget: BudgetRow[];
  /** A project's execution lines (its 自评表 or 监控表), printed after the budget. */
  execution?: ExecutionRow[];
  checks: ReconciliationCheck[];
  indicators: IndicatorRow[];
  findings: FindingRow[];
  /** The form's file, and what it is (申报表 when not said; a project's 自评表 or 监控表). */
  sourceFile: string | null;
  sourceLabel?: string;
  /** The web page printed, as a reader finds it (its path on the site). */
  page: string;
}

export interface PrintReportOptions {
  lang: Lang;
  /** Heading ids are prefixed so that they never repeat the page's own. */
  idPrefix?: string;
}

const counts = (r: ProgressReport) => {
  const c = { met: 0, partly: 0, not_met: 0, no_data: 0 };
  for (const x of r.indicators) if (x.score.status !== "not_applicable") c[x.score.status]++;
  return c;
};

export function printReport(d: PrintReportData, o: PrintReportOptions): Element {
  const { lang } = o;
  const id = (s: string) => `${o.idPrefix ?? "r-"}${s}`;
  const h2 = (key: string, ...kids: Kids[]) => el("h2", { id: id(key) }, ...kids);
  const th = (label: string, num = false) => el("th", { scope: "col", class: num ? "num" : null }, label);
  const r = d.report?.report ?? null;
  const byId = new Map((r?.indicators ?? []).map((x) => [x.indicator.id, x]));
  const status = (x: ProgressIndicator | undefined) => (x ? el("span", { class: `badge status-${x.score.status}` }, t(lang, "progress.status")[x.score.status]) : "—");
  const period = r ? t(lang, "progress.period")[r.period] : "";
  const sampleMark = r?.status === "sample" ? [" ", el("span", { class: "badge sample" }, t(lang, "site.sample"))] : null;

  const completion: Kids[] = r
    ? (() => {
        const c = counts(r);
        const rowsL1 = completionRows(r, "level1");
        const exec = r.execution;
        const money = (fen: bigint | null) => (fen === null ? "—" : formatYuan(fen, lang));
        return [
          h2("completion", t(lang, "report.completion", period), sampleMark),
          el("p", {},
            // A score and grade at year end only (mid-year monitoring is never graded).
            r.period === "midyear" ? t(lang, "site.hlMidyearNoGrade") + t(lang, "report.stop")
            : r.filled ? t(lang, "report.completionLine", r.result.total, gradeName(r.result.grade, lang)) : t(lang, "report.notScored"), " ",
            t(lang, "report.counts", c.met, c.partly, c.not_met, c.no_data), " ",
            exec ? [t(lang, "progress.execRate"), " ", exec.rate ? `${exec.rate}%` : "—", t(lang, "site.paren", t(lang, "progress.execDetail", money(exec.budgetFullYearFen), money(exec.executedFen)))] : null),
          // Completion by 一级, drawn here with the report's own ids (the page may draw the same chart).
          rowsL1.length ? chartFigure({ wide: completionChart(rowsL1, {
            id: id("l1"), lang, sample: r.status === "sample", sampleBadge: false,
            title: `${d.name} ${t(lang, "site.yearLabel", r.year)} ${period}${t(lang, "site.colon")}${t(lang, "progress.byLevel1")}`,
          }) }, { lang, source: t(lang, "progress.source") }) : null,
        ];
      })()
    : [h2("completion", t(lang, "progress.title")), el("p", {}, t(lang, "report.noReport"))];

  const behind = d.report?.behind ?? [];
  const behindPart: Kids[] = r
    ? [
        // Its figures are the completion report's, marked 示例数据 once, in the heading above.
        h2("behind", t(lang, "report.behind", behind.length)),
        behind.length === 0 ? el("p", {}, t(lang, "progress.noneBehind")) : el("table", { class: "report-table", "data-table": "behind" },
          el("thead", {}, el("tr", {}, th(t(lang, "progress.colName")), th(t(lang, "progress.colTarget")), th(t(lang, "progress.colActual")), th(t(lang, "progress.colStatus")), th(t(lang, "report.reason")))),
          el("tbody", {}, behind.map((x) => el("tr", {},
            el("td", {}, zh(x.indicator.name ?? x.indicator.level2, lang), el("br"), el("span", { class: "where" }, zh(`${x.indicator.level1} › ${x.indicator.level2}`, lang))),
            el("td", {}, zh(x.indicator.target ?? "—", lang)),
            el("td", {}, zh(x.valueText, lang) ?? t(lang, "progress.none")),
            el("td", {}, status(x)),
            el("td", {}, zh(x.actual?.deviationReason ?? "—", lang)))))),
      ]
    : [];

  const total = d.budget.find((b) => b.kind === "total");
  const budgetPart: Kids[] = d.budget.length
    ? [
        h2("budget", t(lang, "report.budget")),
        el("table", { class: "report-table", "data-table": "budget" },
          el("thead", {}, el("tr", {}, th(t(lang, "site.colKind")), th(t(lang, "site.colItem")), th(t(lang, "site.colYuan"), true), th(t(lang, "site.colWan"), true), th(t(lang, "site.colShare"), true))),
          el("tbody", {}, d.budget.map((b) => el("tr", {},
            el("td", {}, budgetGroupLabel(b.kind, lang)), el("td", {}, zh(b.item, lang)), el("td", { class: "num" }, yuanText(b.amount, lang)),
            el("td", { class: "num" }, wanText(b.amount, lang)), el("td", { class: "num" }, shareText(b.amount, total?.amount)))))),
        d.checks.length ? el("ul", { class: "report-checks", "aria-label": t(lang, "site.reconcile") }, d.checks.map((c) => el("li", {},
          el("span", { class: c.state === "ok" ? "ok" : "mismatch" }, c.state === "ok" ? t(lang, "site.recOk") : c.state === "mismatch" ? t(lang, "site.recBad") : t(lang, "site.recNone")), " ", c.text))) : null,
      ]
    : [];

  // Every indicator that names or sets something (a 二级 row with neither, as 投入管理指标 often are, is left to the web page).
  const execution = d.execution ?? [];
  const executionPart: Kids[] = execution.length
    ? [
        h2("execution", t(lang, "project.fundingExecution")),
        el("table", { class: "report-table", "data-table": "execution" },
          el("thead", {}, el("tr", {}, th(t(lang, "site.colItem")), th(t(lang, "project.colInitial"), true), th(t(lang, "project.colFullYear"), true), th(t(lang, "project.colExecuted"), true), th(t(lang, "project.colRate"), true))),
          el("tbody", {}, execution.map((l) => el("tr", {},
            el("td", {}, zh(l.item, lang)), el("td", { class: "num" }, yuanText(l.budget_initial, lang)), el("td", { class: "num" }, yuanText(l.budget_full_year, lang)),
            el("td", { class: "num" }, yuanText(l.executed, lang)), el("td", { class: "num" }, lineRate(l, lang)))))),
      ]
    : [];

  const named = d.indicators.filter((i) => i.name || i.target);
  const indicatorPart: Kids[] = named.length
    ? [
        h2("indicators", t(lang, "report.indicators", named.length)),
        el("table", { class: "report-table compact", "data-table": "indicators" },
          el("thead", {}, el("tr", {}, th(t(lang, "report.level")), th(t(lang, "progress.colName")), th(t(lang, "progress.colTarget")), ...(r ? [th(t(lang, "progress.colActual")), th(t(lang, "progress.colStatus"))] : []))),
          el("tbody", {}, named.map((i) => {
            const x = byId.get(i.indicator_id);
            return el("tr", {},
              el("td", { class: "where" }, zh(`${i.level1} › ${i.level2}`, lang)), el("td", {}, zh(i.name ?? i.level2, lang)), el("td", {}, zh(i.target ?? "—", lang)),
              r ? [el("td", {}, zh(x?.valueText ?? null, lang) ?? "—"), el("td", {}, status(x))] : null);
          }))),
      ]
    : [];

  const sev = { error: 0, warning: 0, info: 0 };
  for (const f of d.findings) sev[f.severity]++;
  const resultFiles = [...new Set((r?.indicators ?? []).map((x) => x.actual?.source.file).filter((f): f is string => !!f).map((f) => sourceText(f, null, null, lang)))];
  const rows = [...d.budget, ...execution].map((b) => b.source_row).filter((n): n is number => !!n);
  // A plain block, not a section or landmark: it is the page again, for paper, not a part of it.
  return el("div", { class: "print-report" },
    d.headline,
    // Completion and the behind-target list are the report's figures: where it is illustrative,
    // they sit under the one mark in the completion heading (data-sample, as the pages mark).
    el("div", { "data-sample": r?.status === "sample" ? "" : null }, completion, behindPart),
    budgetPart,
    executionPart,
    indicatorPart,
    h2("quality", t(lang, "report.quality")),
    el("p", {}, t(lang, "report.qualityLine", sev.error, sev.warning, sev.info)),
    h2("sources", t(lang, "report.sources")),
    el("ul", { class: "report-sources" },
      el("li", {}, d.sourceLabel ?? t(lang, "report.declaration"), t(lang, "site.colon"), sourceText(d.sourceFile, null, null, lang), rows.length ? ` ${t(lang, "site.rowOf", Math.min(...rows))}–${Math.max(...rows)}` : null),
      resultFiles.length ? el("li", {}, t(lang, "report.results"), t(lang, "site.paren", period), t(lang, "site.colon"), resultFiles.join(t(lang, "common.listSep"))) : null,
      el("li", {}, t(lang, "report.web"), t(lang, "site.colon"), t(lang, "report.webLine", d.page))));
}
