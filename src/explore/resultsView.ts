// The explore page's completion and year-over-year sections as DOM, from what
// src/explore/results.ts computed: the layout of the prerendered progress and
// comparison pages (src/components/pages/ProgressPage.astro, CompareUnitPage.astro)
// with their texts, for the unit year picked on the page. Text from files goes in
// as text nodes only (h() of dom.ts); charts through the page's chart figure.
import { clear, h, toDom, type Children } from "./dom.ts";
import { periodOptions, reportChartName, reportSection } from "../views/progress.ts";
import { compareCharts, compareUnitView } from "../views/compare.ts";
import { acrossSections } from "../views/across.ts";
import { projectRankMarked, projectRankSections } from "../views/projectRank.ts";
import { PAGE_PROJECTS, PROJECT_KEYS, projectPages, type ProjectKey, type ProjectRanking } from "../site/projectRank.ts";
import { PROGRESS_CHARTS } from "../site/chartData.ts";
import { t } from "../i18n/messages.ts";
import { SHOW_ROWS } from "./dashboard.ts";
import type { Lang } from "../i18n/i18n-explore.ts";
import { MAX_UNIT_INDICATORS, MAX_YEAR_UNITS, type CompareView, type ReportView, type Results, type YearResults } from "./results.ts";
import type { ChartResult } from "../charts/types.ts";
import { sourceText } from "../site/view.ts";
import { announceSwitch } from "../site/announce.ts";
import { formatCount, formatYuan } from "../core/format.ts";
import { findingText } from "../core/findingText.ts";

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
  /** What the filter bar narrows the completion and year over year to (产出指标 · 未达成), when set. */
  filtered?: string | null;
  /** The page of the year's projects ranking shown (in the address: rank, page). */
  projectRank?: { key: ProjectKey; page: number };
  /** Loads the units the site publishes for the year beside what is loaded (its status line says how it went). */
  comparePublished?: (year: number, status: HTMLElement) => void;
  /** The analyst turned to another page (or order) of the projects ranking. */
  projectRankTo?: (key: ProjectKey, page: number) => void;
}

const badge = (sample: boolean, lang: Lang) => h("span", { class: `badge ${sample ? "sample" : "upload"}` }, t(lang, sample ? "explore.sample" : "explore.upload"));

const more = (shown: number, all: number, lang: Lang) => (all > shown ? h("p", { class: "where" }, t(lang, "explore.listMore", shown, all)) : null);

/** The sections for one unit year: completion, year over year, and its year across units. */
export function resultsNodes(r: Results, year: YearResults | null, ctx: ResultsContext): Children[] {
  const unit: Children[] = r.tooLarge
    ? [h("h4", {}, t(ctx.lang, "explore.progressH")), h("p", {}, t(ctx.lang, "explore.resultsTooLarge", formatCount(MAX_UNIT_INDICATORS, ctx.lang)))]
    : [
        h("h4", { id: "x-progress" }, t(ctx.lang, "explore.progressH")),
        ctx.filtered ? h("p", { class: "x-filtered" }, t(ctx.lang, "explore.resultsFiltered", ctx.filtered)) : null,
        r.reports.length ? [h("p", { class: "lede" }, t(ctx.lang, "explore.progressLede")), ...r.reports.map((v) => reportNodes(r, v, ctx))] : h("p", {}, t(ctx.lang, "explore.progressNone", r.unit.fiscal_year)),
        r.findings.length ? findingNodes(r, ctx.lang) : null,
        h("h4", { id: "x-compare" }, t(ctx.lang, "explore.compareH")),
        r.compare ? compareNodes(r, r.compare, ctx) : h("p", {}, t(ctx.lang, "explore.compareOneYear", r.unit.fiscal_year)),
      ];
  return [...unit, acrossNodes(r.unit.fiscal_year, year, ctx)];
}

function acrossNodes(y: number, year: YearResults | null, ctx: ResultsContext): Children[] {
  const { lang } = ctx;
  const head = h("h4", { id: "x-across", tabindex: "-1" }, t(lang, "compare.yearTitle", y));
  if (ctx.checking) return [head, h("p", { "data-checking": "" }, t(lang, "explore.acrossChecking"))];
  if (year?.tooLarge) return [head, h("p", {}, t(lang, "explore.acrossTooLarge", formatCount(year.units, lang), MAX_YEAR_UNITS))];
  const projects = year?.projects ? projectRankNodes(y, year.projects, ctx) : null;
  const published = publishedNodes(y, ctx);
  if (!year?.charts) return [head, h("p", {}, t(lang, "explore.acrossOne", y)), published, projects];
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
  const nodes = toDom(sections, t(lang, "explore.chartBroken"));
  const box = h("div", { "data-x": "across" }, nodes);
  wireAcross(box);
  return [head, h("p", { class: "lede" }, t(lang, "explore.acrossLede", view.units.length, view.scored), " ", view.sample ? badge(true, lang) : null), published, box, projects];
}

/** 与本站已发布的各单位比较: one click loads the year the site publishes beside what is loaded. */
function publishedNodes(y: number, ctx: ResultsContext): Children[] | null {
  const go = ctx.comparePublished;
  if (!go) return null;
  const status = h("p", { role: "status", "data-x": "compare-published-status" });
  const button = h("button", { type: "button", class: "link", "data-x": "compare-published" }, t(ctx.lang, "explore.comparePublished", y));
  button.addEventListener("click", () => {
    button.disabled = true;
    go(y, status);
  });
  return [h("p", {}, button, h("span", { class: "where" }, t(ctx.lang, "explore.comparePublishedWhere"))), status];
}

/**
 * The year's projects ranked across units, a page at a time, as the published
 * /compare/year/{year}/projects/{key}/{n}/ pages show them (src/views/projectRank.ts):
 * the pager turns the page here, in place; a project's name opens its dashboard.
 */
function projectRankNodes(y: number, r: ProjectRanking, ctx: ResultsContext): Children[] {
  const { lang } = ctx;
  const head = h("h5", { id: "x-project-rank", tabindex: "-1" }, t(lang, "compare.projRankLink", y, r.projects.length));
  const status = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "data-x": "project-rank-status" });
  const box = h("div", { "data-x": "project-rank" });
  const draw = (key: ProjectKey, n: number) => {
    clear(box, toDom(projectRankSections(r, key, n, {
      lang,
      projectHref: (p) => `#${new URLSearchParams({ unit: p.project.unit_id, year: String(y), project: p.project.project_id })}`,
      projectAction: true,
      pageHref: (k, m) => `#${new URLSearchParams({ year: String(y), rank: k, page: String(m) })}`,
    }), t(lang, "explore.chartBroken")));
  };
  const wanted = ctx.projectRank;
  const key = wanted && PROJECT_KEYS.includes(wanted.key) ? wanted.key : "budget";
  draw(key, wanted && wanted.page >= 1 && wanted.page <= projectPages(r) ? wanted.page : 1);
  box.addEventListener("click", (e) => {
    const a = (e.target as Element).closest?.<HTMLAnchorElement>("nav.cmp-pager a");
    if (!a) return;
    e.preventDefault();
    const p = new URLSearchParams(new URL(a.href).hash.slice(1));
    const k = p.get("rank") as ProjectKey;
    const n = Number(p.get("page"));
    draw(k, n);
    ctx.projectRankTo?.(k, n);
    // The reader is taken back to the top of the ranking, told which page and order it now shows.
    head.focus();
    status.textContent = box.querySelector("caption")?.textContent ?? "";
  });
  return [head, h("p", { class: "lede" }, t(lang, "explore.projRankLede", PAGE_PROJECTS), " ", projectRankMarked(r) ? badge(true, lang) : null), status, box];
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
  for (const a of viewLinks) a.addEventListener("click", (e) => {
    e.preventDefault();
    show(a.dataset.viewLink!);
    announceSwitch(root, "view", a.textContent?.trim() ?? a.dataset.viewLink!);
  });
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
    announceSwitch(root, "sort", a.textContent?.trim() ?? sort);
  });
}

/** One period's completion, as the progress page draws it (src/views/progress.ts), its charts' exports registered. */
function reportNodes(r: Results, v: ReportView, ctx: ResultsContext): Node[] {
  const { lang } = ctx;
  const prefix = `${r.unit.unit_name}-${v.report.year}-${t(lang, "explore.progressChartFile")}`;
  for (const name of PROGRESS_CHARTS) {
    const c = v.charts[name];
    if (c) ctx.chart(reportChartName(prefix, v.report, name, lang), c.wide);
  }
  // Its indicators link to their rows in the unit dashboard above (#ind-…), as the page's link to the unit page.
  return toDom(reportSection(v, { lang, level: 5, source: t(lang, "progress.source"), exportPrefix: prefix, unitPage: "", limit: { behind: SHORT_LIST, table: SHOW_ROWS },
    ...periodOptions(v, r.reports, r.unit.data_source === "sample") }), t(lang, "explore.chartBroken"));
}

function findingNodes(r: Results, lang: Lang): HTMLElement {
  return h("details", {}, h("summary", {}, t(lang, "explore.scoringFindingsH", r.findings.length)),
    h("ul", { class: "findings", "data-list": "scoring" }, r.findings.slice(0, SHORT_LIST).map((f) => h("li", {},
      h("span", { class: `badge ${f.severity}` }, t(lang, "site.severity")[f.severity]), " ", findingText(f, lang), h("br"),
      h("span", { class: "where" }, `${sourceText(f.location.file, f.location.row ?? null, f.location.column ?? null, lang)} · ${f.code}`)))),
    more(Math.min(SHORT_LIST, r.findings.length), r.findings.length, lang));
}

/** Year over year, as the comparison page draws it (src/views/compare.ts), with the year to compare with picked here; its charts' exports registered. */
function compareNodes(r: Results, v: CompareView, ctx: ResultsContext): Children[] {
  const { lang } = ctx;
  const select = h("select", { id: "x-compare-with", "data-x": "compare-with", onchange: (e: Event) => ctx.compareWith(Number((e.target as HTMLSelectElement).value)) },
    r.years.filter((y) => y !== r.unit.fiscal_year).map((y) => h("option", { value: String(y), selected: y === (v.from === r.unit.fiscal_year ? v.to : v.from) }, t(lang, "compare.yearLabel", y))));
  for (const [name, chart] of compareCharts(v, lang)) ctx.chart(name, chart);
  return [
    h("p", { class: "lede" }, t(lang, "explore.compareLede", v.from, v.to), " ", v.comparison.sample ? badge(true, lang) : null),
    h("p", { class: "x-pick" }, h("label", { for: "x-compare-with" }, t(lang, "explore.compareWith")), " ", select),
    toDom(compareUnitView(v, { lang, host: "workspace", level: 5, limit: SHOW_ROWS }), t(lang, "explore.chartBroken")),
  ];
}
