// The explore page's completion and year-over-year sections as DOM, from what
// src/explore/results.ts computed: the layout of the prerendered progress and
// comparison pages (src/components/pages/ProgressPage.astro, CompareUnitPage.astro)
// with their texts, for the unit year picked on the page. Text from files goes in
// as text nodes only (h() of dom.ts); charts through the page's chart figure.
import { h, toDom, type Children } from "./dom.ts";
import { reportChartName, reportSection } from "../views/progress.ts";
import { budgetHistory, indicatorChanges, indicatorCountList } from "../views/compare.ts";
import { acrossSections } from "../views/across.ts";
import { PROGRESS_CHARTS } from "../site/chartData.ts";
import { t } from "../site/messages.ts";
import { SHOW_ROWS } from "./dashboard.ts";
import { xt, type Lang } from "../site/i18n-explore.ts";
import { MAX_UNIT_INDICATORS, MAX_YEAR_UNITS, type CompareView, type ReportView, type Results, type YearResults } from "./results.ts";
import type { ChartResult } from "../charts/types.ts";
import { tc } from "../site/i18n-compare.ts";
import { t as siteMessages } from "../site/i18n.ts";
import { sourceText } from "../site/view.ts";
import { formatCount, formatYuan } from "../core/format.ts";

/** Long lists on the page (behind target, findings): the first rows only. */
const SHORT_LIST = 50;

export interface ResultsContext {
  lang: Lang;
  /** The page's chart figure (SVG, phone layout, downloads, data table). */
  figure: (name: string, wide: ChartResult | null, compact: ChartResult | null, source: string) => Node | null;
  /** A chart drawn by the view layer, by its export name (its buttons say which). */
  chart: (name: string, wide: ChartResult) => void;
  /** The analyst picked another year to compare with. */
  compareWith: (year: number) => void;
  /** A large file's checks are running: the year across units waits for them. */
  checking?: boolean;
}

const badge = (sample: boolean, lang: Lang) => h("span", { class: `badge ${sample ? "sample" : "upload"}` }, sample ? xt(lang).sample : xt(lang).upload);

const more = (shown: number, all: number, lang: Lang) => (all > shown ? h("p", { class: "where" }, xt(lang).listMore(shown, all)) : null);

/** The sections for one unit year: completion, year over year, and its year across units. */
export function resultsNodes(r: Results, year: YearResults | null, ctx: ResultsContext): Children[] {
  const m = xt(ctx.lang);
  const unit: Children[] = r.tooLarge
    ? [h("h4", {}, m.progressH), h("p", {}, m.resultsTooLarge(formatCount(MAX_UNIT_INDICATORS, ctx.lang)))]
    : [
        h("h4", { id: "x-progress" }, m.progressH),
        r.reports.length ? [h("p", { class: "lede" }, m.progressLede), ...r.reports.map((v) => reportNodes(r, v, ctx))] : h("p", {}, m.progressNone(r.unit.fiscal_year)),
        r.findings.length ? findingNodes(r, ctx.lang) : null,
        h("h4", { id: "x-compare" }, m.compareH),
        r.compare ? compareNodes(r, r.compare, ctx) : h("p", {}, m.compareOneYear(r.unit.fiscal_year)),
      ];
  return [...unit, acrossNodes(r.unit.fiscal_year, year, ctx)];
}

function acrossNodes(y: number, year: YearResults | null, ctx: ResultsContext): Children[] {
  const { lang } = ctx;
  const m = xt(lang);
  const head = h("h4", { id: "x-across" }, t(lang, "compare.yearTitle", y));
  if (ctx.checking) return [head, h("p", { "data-checking": "" }, m.acrossChecking)];
  if (!year) return [head, h("p", {}, m.acrossOne(y))];
  if (year.tooLarge || !year.charts) return [head, h("p", {}, m.acrossTooLarge(formatCount(year.units, lang), MAX_YEAR_UNITS))];
  const charts = year.charts;
  const { view } = charts;
  // The page's view (src/views/across.ts), every unit listed; each chart's export registered under its title.
  const sections = acrossSections(charts, {
    lang, year: y, level: 5,
    unitHref: (u) => `#${new URLSearchParams({ unit: u.unitId, year: String(y) })}`,
    unitAction: true,
    exportName: (_, wide, title) => {
      const file = `${y}-${title}`;
      ctx.chart(file, wide);
      return file;
    },
  });
  const nodes = toDom(sections, m.chartBroken);
  const box = h("div", { "data-x": "across" }, nodes);
  wireAcross(box);
  return [head, h("p", { class: "lede" }, m.acrossLede(view.units.length, view.scored), " ", view.sample ? badge(true, lang) : null), box];
}

/**
 * What the page's script (src/site/compareClient.ts) does for the year across units, in the workspace, where
 * the address belongs to the workspace: the amounts/shares toggle and the order of the ranking table.
 */
function wireAcross(root: HTMLElement): void {
  const box = root.querySelector<HTMLElement>("[data-views]");
  const viewLinks = [...root.querySelectorAll<HTMLAnchorElement>("[data-view-link]")];
  const show = (view: string) => {
    if (box) box.dataset.view = view;
    for (const a of viewLinks) if (a.dataset.viewLink === view) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
  };
  for (const a of viewLinks) a.addEventListener("click", (e) => { e.preventDefault(); show(a.dataset.viewLink!); });
  if (box) show("abs");
  const body = root.querySelector<HTMLTableSectionElement>("[data-sortable]");
  const bar = root.querySelector<HTMLElement>("[data-sort-bar]");
  if (!body || !bar) return;
  bar.hidden = false;
  const rows = [...body.rows];
  const sortLinks = [...bar.querySelectorAll<HTMLAnchorElement>("[data-sort-link]")];
  for (const a of sortLinks) a.addEventListener("click", (e) => {
    e.preventDefault();
    const sort = a.dataset.sortLink!;
    const key = (r: HTMLTableRowElement) => Number(r.dataset[`rank${sort[0].toUpperCase()}${sort.slice(1)}`] ?? 1e9);
    body.append(...[...rows].sort((x, z) => key(x) - key(z) || Number(x.dataset.order) - Number(z.dataset.order)));
    for (const b of sortLinks) if (b === a) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
  });
}

/** One period's completion, as the progress page draws it (src/views/progress.ts), its charts' exports registered. */
function reportNodes(r: Results, v: ReportView, ctx: ResultsContext): Node[] {
  const { lang } = ctx;
  const prefix = `${r.unit.unit_name}-${v.report.year}-${xt(lang).progressChartFile}`;
  for (const name of PROGRESS_CHARTS) {
    const c = v.charts[name];
    if (c) ctx.chart(reportChartName(prefix, v.report, name, lang), c.wide);
  }
  return toDom(reportSection(v, { lang, level: 5, source: t(lang, "progress.source"), exportPrefix: prefix, limit: { behind: SHORT_LIST, table: SHOW_ROWS }, anchors: false }), xt(lang).chartBroken);
}

function findingNodes(r: Results, lang: Lang): HTMLElement {
  const m = xt(lang);
  const site = siteMessages(lang);
  return h("details", {}, h("summary", {}, m.scoringFindingsH(r.findings.length)),
    h("ul", { class: "findings", "data-list": "scoring" }, r.findings.slice(0, SHORT_LIST).map((f) => h("li", {},
      h("span", { class: `badge ${f.severity}` }, site.severity[f.severity]), " ", (lang === "en" && f.messageEn) || f.message, h("br"),
      h("span", { class: "where" }, `${sourceText(f.location.file, f.location.row ?? null, f.location.column ?? null, lang)} · ${f.code}`)))),
    more(Math.min(SHORT_LIST, r.findings.length), r.findings.length, lang));
}

function compareNodes(r: Results, v: CompareView, ctx: ResultsContext): Children[] {
  const { lang } = ctx;
  const m = xt(lang);
  const c = tc(lang);
  const { from, to, comparison: cmp, charts } = v;
  const file = (what: string) => `${r.unit.unit_name}-${from}-${to}-${m.compareChartFile}-${what}`;
  const select = h("select", { id: "x-compare-with", "data-x": "compare-with", onchange: (e: Event) => ctx.compareWith(Number((e.target as HTMLSelectElement).value)) },
    r.years.filter((y) => y !== r.unit.fiscal_year).map((y) => h("option", { value: String(y), selected: y === (from === r.unit.fiscal_year ? to : from) }, c.yearLabel(y))));
  const reported = v.trend.filter((t) => t.report);
  const matches = cmp.indicators.slice(0, SHOW_ROWS);
  return [
    h("p", { class: "lede" }, m.compareLede(from, to), " ", cmp.sample ? badge(true, lang) : null),
    h("p", { class: "x-pick" }, h("label", { for: "x-compare-with" }, m.compareWith), " ", select),

    h("h5", {}, c.budgetH),
    toDom(budgetHistory(v.history, { lang, pair: [from, to], sampleYears: v.sampleYears })),
    charts.slope ? ctx.figure(file("slope"), charts.slope.wide, charts.slope.compact, m.compareSource) : null,

    h("h5", {}, c.waterfallH(from, to)),
    charts.waterfall
      ? [ctx.figure(file("waterfall"), charts.waterfall.wide, charts.waterfall.compact, m.compareSource), charts.plan && charts.plan.residualFen !== 0n ? h("p", { class: "mismatch" }, c.residualNote(charts.basis, formatYuan(charts.plan.residualFen, lang))) : null]
      : h("p", {}, c.waterfallNone),

    h("h5", {}, c.indicatorsH(from, to)),
    h("p", { class: "lede" }, c.indicatorsLede(cmp.indicators.length, from, to)),
    toDom(indicatorCountList(cmp.indicators, lang)),
    toDom(indicatorChanges(cmp.indicators, { lang, from, to, sampleYears: [from, to].filter((y) => v.sampleYears.includes(y)), limit: SHOW_ROWS })),
    more(matches.length, cmp.indicators.length, lang),

    h("h5", {}, c.trendH),
    reported.length === 0 ? h("p", {}, c.trendNone) : [
      h("div", { class: "table-wrap" }, h("table", { class: "stack", "data-table": "trend" },
        h("caption", {}, c.trendCaption, reported.some((t) => t.report!.status === "sample") ? [" ", badge(true, lang)] : null),
        h("thead", {}, h("tr", {}, [c.colYear, c.colScoreChg, c.colGrade, c.colRateChg, c.colMet, c.colPartly, c.colNotMet, c.colNoData].map((x, i) => h("th", { scope: "col", class: i === 0 || i === 2 ? null : "num" }, x)))),
        h("tbody", {}, v.trend.map((t) => h("tr", {},
          h("th", { scope: "row", "data-label": c.colYear }, c.yearLabel(t.year)),
          t.report ? [
            h("td", { class: "num", "data-label": c.colScoreChg }, t.score ?? c.none, t.scoreChange ? h("span", { class: "where" }, ` (${t.scoreChange})`) : null),
            h("td", { "data-label": c.colGrade }, t.grade ?? c.none),
            h("td", { class: "num", "data-label": c.colRateChg }, t.rate === null ? c.none : `${t.rate}%`, t.rateChange ? h("span", { class: "where" }, ` (${t.rateChange})`) : null),
            ...[t.counts.met, t.counts.partly, t.counts.notMet, t.counts.noData].map((n, i) => h("td", { class: "num", "data-label": [c.colMet, c.colPartly, c.colNotMet, c.colNoData][i] }, String(n))),
          ] : h("td", { colspan: 7, "data-label": c.colScore }, c.noReport)))))),
      charts.trend ? ctx.figure(file("trend"), charts.trend.wide, charts.trend.compact, m.progressSource) : null,
    ],
  ];
}
