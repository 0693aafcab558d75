// Year over year for one unit, written once: its budget in every year with each
// year's change (exact 元, 万元, %) and what moved the total; its indicators of two
// years matched one to one — counts, then a row per match with the old and new
// indicator and target, how the target moved, and how the pair was matched; the
// score trend; and its tasks, duties and goals as text diffs. The comparison page
// places the sections (src/components/pages/CompareUnitPage.astro) and so does the
// workspace (src/explore/resultsView.ts), from the same data (compareData.ts).
import type { IndicatorMatch } from "../core/compare.ts";
import type { DiffPair } from "../core/similarity.ts";
import type { ChartResult } from "../charts/types.ts";
import { formatWan, formatYuan } from "../core/format.ts";
import { diffCounts, indicatorCounts, level1Of, pctText, textDiff, type DiffRun, type HistoryRow } from "../site/compareView.ts";
import { STATUSES } from "../site/compareState.ts";
import { dataLang } from "../site/dataText.ts";
import { findingText, t, type Lang } from "../i18n/messages.ts";
import { el, type Element, type Kids } from "./tree.ts";
import { money, zh } from "./text.ts";
import { chartFigure, type ChartPair } from "./chart.ts";
import type { CompareUnitData } from "./compareData.ts";

export interface HistoryOptions {
  lang: Lang;
  /** The pair compared (its columns are marked). */
  pair: readonly [number, number];
  /** Years whose figures are illustrative (示例数据): the page marks them once, the declared years say so. */
  sampleYears: readonly number[];
}

export function budgetHistory(rows: readonly HistoryRow[], o: HistoryOptions): Element {
  const { lang, pair, sampleYears } = o;
  const years = rows[0]?.cells.map((x) => x.year) ?? [];
  const kind = (k: HistoryRow["kind"]) => t(lang, k === "total" ? "compare.kindTotal" : k === "source" ? "compare.kindSource" : "compare.kindStructure");
  const declared = (y: number) => sampleYears.length > 0 && !sampleYears.includes(y);
  const changeLabel = (y: number) => `${t(lang, "compare.yearLabel", y)} ${t(lang, "compare.colChange")}`;
  const cls = (...c: (string | false)[]) => c.filter(Boolean).join(" ");
  const both = (fen: bigint, signed: boolean) => [el("span", { class: "cmp-yuan" }, money(formatYuan(fen, lang, { signed }), lang)), el("span", { class: "cmp-wan" }, money(formatWan(fen, lang, { signed }), lang))];
  return el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-budget", "data-table": "budget-history" },
    el("caption", {}, t(lang, "compare.budgetCaption"), sampleYears.length > 0 ? [" ", el("span", { class: "where" }, t(lang, "compare.sampleYearsNote", [...sampleYears]))] : null),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, t(lang, "compare.colKind")),
      el("th", { scope: "col" }, t(lang, "compare.colItem")),
      years.map((y, i) => [
        i > 0 ? el("th", { scope: "col", class: cls("num", "cmp-chg", y === pair[1] && "cmp-sel") }, changeLabel(y)) : null,
        el("th", { scope: "col", class: cls("num", pair.includes(y) && "cmp-sel") }, t(lang, "compare.yearLabel", y),
          declared(y) ? [" ", el("span", { class: "badge declared" }, t(lang, "compare.badgeDeclared"))] : null),
      ]))),
    el("tbody", {}, rows.map((r) => el("tr", { "data-kind": r.kind },
      el("td", { "data-label": t(lang, "compare.colKind") }, kind(r.kind)),
      el("th", { scope: "row", "data-label": t(lang, "compare.colItem"), lang: dataLang(lang) }, r.item),
      r.cells.map((cell, i) => [
        i > 0 ? el("td", { class: "num cmp-chg", "data-label": changeLabel(cell.year) },
          cell.changeFen === null ? t(lang, "compare.none") : [...both(cell.changeFen, true),
            el("span", { class: "cmp-pct" }, pctText(cell.changePct, cell.changeFen === 0n ? t(lang, "compare.none") : t(lang, "compare.newItem")))]) : null,
        el("td", { class: "num", "data-label": t(lang, "compare.yearLabel", cell.year), "data-declared": declared(cell.year) ? "" : null },
          cell.amountFen === null ? el("span", { class: "where" }, t(lang, "compare.notDeclared")) : both(cell.amountFen, false)),
      ]))))));
}

/** How the indicators of two years matched: by status, target direction, strictness and method. */
export function indicatorCountList(matches: readonly IndicatorMatch[], lang: Lang): Element {
  const counts = indicatorCounts(matches);
  return el("ul", { class: "cmp-counts-list", "aria-label": t(lang, "compare.countsLabel") },
    STATUSES.map((s) => el("li", {}, el("span", { class: `cmp-st cmp-st-${s}` }, t(lang, "compare.statusCount")[s](counts.status[s])))),
    el("li", {}, t(lang, "compare.directionCount", counts.direction.raised, counts.direction.lowered, counts.direction.unit_changed, counts.direction.not_comparable)),
    el("li", {}, t(lang, "compare.strictCount", counts.stricter, counts.looser)),
    el("li", {}, t(lang, "compare.methodCount", counts.method.id, counts.method.name, counts.method.fuzzy, counts.method.manual)));
}

export interface ChangesOptions {
  lang: Lang;
  from: number;
  to: number;
  sampleYears: readonly number[];
  /** The published pages: each indicator links to its row on its year's unit page. */
  link?: (year: number, indicatorId: string) => string;
  /** At most this many rows (none: all). */
  limit?: number;
}

export function indicatorChanges(matches: readonly IndicatorMatch[], o: ChangesOptions): Element {
  const { lang, from, to } = o;
  const nameOf = (i: NonNullable<IndicatorMatch["old"]>) => i.name ?? `${i.level2} ${t(lang, "compare.noName")}`;
  const side = (year: number, i: IndicatorMatch["old"]): Kids => {
    if (!i) return t(lang, "compare.none");
    const name = zh(nameOf(i), lang);
    return [o.link ? el("a", { href: o.link(year, i.id) }, name) : name, el("br"), el("span", { class: "cmp-target" }, zh(i.target ?? t(lang, "compare.noTarget"), lang))];
  };
  const shown = o.limit === undefined ? matches : matches.slice(0, o.limit);
  return el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-ind", "data-table": "indicator-changes" },
    el("caption", {}, t(lang, "compare.indCaption", from, to), o.sampleYears.length > 0 ? [" ", el("span", { class: "where" }, t(lang, "compare.sampleYearsNote", [...o.sampleYears]))] : null),
    el("thead", {}, el("tr", {}, [t(lang, "compare.colStatus"), t(lang, "compare.colGroup"), t(lang, "compare.colOld", from), t(lang, "compare.colNew", to), t(lang, "compare.colDirection"), t(lang, "compare.colMatch")]
      .map((c) => el("th", { scope: "col" }, c)))),
    el("tbody", { "data-rows": "" }, shown.map((m, i) => {
      const ind = (m.new ?? m.old)!;
      return el("tr", { id: `m-${i + 1}`, "data-status": m.status, "data-l1": ind.level1 },
        el("td", { "data-label": t(lang, "compare.colStatus") }, el("span", { class: `cmp-st cmp-st-${m.status}` }, t(lang, "compare.status")[m.status])),
        el("td", { "data-label": t(lang, "compare.colGroup") }, el("span", { lang: dataLang(lang) }, `${ind.level1} › ${ind.level2}`),
          m.acrossLevel2 && m.old ? [el("br"), el("span", { class: "where" }, zh(t(lang, "compare.acrossLevel2", m.old.level2), lang))] : null),
        el("td", { "data-label": t(lang, "compare.colOld", from) }, side(from, m.old)),
        el("td", { "data-label": t(lang, "compare.colNew", to) }, side(to, m.new)),
        el("td", { "data-label": t(lang, "compare.colDirection") }, m.direction
          ? [el("span", { class: `cmp-dir cmp-dir-${m.direction}` }, t(lang, "compare.direction")[m.direction]),
              m.stricter !== null ? [el("br"), el("span", { class: "where" }, m.stricter ? t(lang, "compare.stricter") : t(lang, "compare.looser"))] : null]
          : t(lang, "compare.none")),
        el("td", { "data-label": t(lang, "compare.colMatch") }, m.method
          ? [`${t(lang, "compare.method")[m.method]} ${m.confidence!.toFixed(2)}`,
              m.method === "fuzzy" && m.similarity !== null ? [el("br"), el("span", { class: "where" }, t(lang, "compare.similarity", m.similarity.toFixed(2)))] : null]
          : t(lang, "compare.none")));
    }))));
}

// ---------------------------------------------------------------------------
// The whole year over year of one unit: every section of the comparison page,
// which the workspace shows under its own heading for the years loaded.

export type CompareSection = "budget" | "waterfall" | "indicators" | "trend" | "tasks" | "duties" | "notes";
export type CompareChart = "slope" | "waterfall" | "trend";

export interface CompareViewOptions {
  lang: Lang;
  /** The published page links each indicator to its unit page, each chart's CSV file, and has a filter its script shows; the workspace exports the charts (data-action). */
  host: "page" | "workspace";
  /** The sections' heading level (2 on the page; 5 in the workspace, under its own headings). */
  level: number;
  /** The published page: where each chart's CSV file is. */
  csvHref?: (chart: CompareChart) => string;
  /** The published page: an indicator's row on its year's unit page. */
  link?: (year: number, indicatorId: string) => string;
  /** At most this many indicator rows (the workspace; the page lists all). */
  limit?: number;
}

/** Ids on the page are the sections' names (#budget …); in the workspace, beside the unit dashboard's, they are prefixed. */
const idOf = (o: CompareViewOptions, id: string) => (o.host === "page" ? id : `x-cmp-${id}`);

/** A chart's name in the workspace, which its exported files are named after. */
export const compareChartName = (d: CompareUnitData, chart: CompareChart, lang: Lang) =>
  `${d.name}-${d.from}-${d.to}-${t(lang, "explore.compareChartFile")}-${chart}`;

/** The charts the view draws, by their workspace names (the workspace registers them for its export buttons). */
export function compareCharts(d: CompareUnitData, lang: Lang): [string, ChartResult][] {
  const { slope, waterfall, trend } = d.charts;
  return ([["slope", slope], ["waterfall", waterfall], ["trend", trend]] as const)
    .filter(([, c]) => c)
    .map(([k, c]) => [compareChartName(d, k, lang), c!.wide]);
}

const COMPARE_HEADING: Record<CompareSection, (d: CompareUnitData, lang: Lang) => string> = {
  budget: (_, lang) => t(lang, "compare.budgetH"),
  waterfall: (d, lang) => t(lang, "compare.waterfallH", d.from, d.to),
  indicators: (d, lang) => t(lang, "compare.indicatorsH", d.from, d.to),
  trend: (_, lang) => t(lang, "compare.trendH"),
  tasks: (d, lang) => t(lang, "compare.tasksH", d.from, d.to),
  duties: (d, lang) => t(lang, "compare.dutiesH", d.from, d.to),
  notes: (_, lang) => t(lang, "compare.findingsH"),
};

/** The sections the comparison has, in page order (the page's table of contents lists them). */
export function compareSectionsOf(d: CompareUnitData): CompareSection[] {
  return (["budget", "waterfall", "indicators", "trend", "tasks", "duties", "notes"] as const).filter((s) => s !== "notes" || d.comparison.findings.length > 0);
}

export const compareSectionTitle = (s: CompareSection, d: CompareUnitData, lang: Lang) => COMPARE_HEADING[s](d, lang);

export function compareUnitView(d: CompareUnitData, o: CompareViewOptions): Element[] {
  return compareSectionsOf(d).map((s) =>
    el("section", { "data-section": s, "aria-labelledby": idOf(o, s) }, el(`h${o.level}`, { id: idOf(o, s) }, compareSectionTitle(s, d, o.lang)), compareBody(s, d, o)));
}

function compareBody(s: CompareSection, d: CompareUnitData, o: CompareViewOptions): Kids[] {
  const { lang, host } = o;
  const { from, to, comparison: cmp, charts } = d;
  const sampleYear = (y: number) => d.sampleYears.includes(y);
  const figure = (chart: CompareChart, c: ChartPair | null, source: string) =>
    c ? chartFigure(c, { lang, source, csv: o.csvHref?.(chart), exportName: host === "page" ? undefined : compareChartName(d, chart, lang) }) : null;
  const list = t(lang, "common.innerSep");
  switch (s) {
    case "budget":
      return [
        el("p", { class: "lede" }, t(lang, "compare.budgetLede", d.years.length)),
        budgetHistory(d.history, { lang, pair: [from, to], sampleYears: d.sampleYears }),
        figure("slope", charts.slope, t(lang, "compare.sourceBudget", d.years.join(list))),
      ];
    case "waterfall":
      return charts.waterfall
        ? [figure("waterfall", charts.waterfall, t(lang, "compare.sourceBudget", `${from}, ${to}`)),
            charts.plan && charts.plan.residualFen !== 0n ? el("p", { class: "mismatch" }, t(lang, "compare.residualNote", charts.basis, formatYuan(charts.plan.residualFen, lang))) : null]
        : [el("p", {}, t(lang, "compare.waterfallNone"))];
    case "indicators": {
      const shown = o.limit === undefined ? cmp.indicators.length : Math.min(o.limit, cmp.indicators.length);
      return [
        el("p", { class: "lede" }, t(lang, "compare.indicatorsLede", cmp.indicators.length, from, to)),
        indicatorCountList(cmp.indicators, lang),
        host === "page" ? indicatorFilter(cmp.indicators, lang) : null,
        indicatorChanges(cmp.indicators, { lang, from, to, sampleYears: [from, to].filter(sampleYear), link: o.link, limit: o.limit }),
        shown < cmp.indicators.length ? el("p", { class: "where" }, t(lang, "explore.listMore", shown, cmp.indicators.length)) : null,
      ];
    }
    case "trend":
      return trendBody(d, o, figure);
    case "tasks": {
      const tasks = cmp.tasks.map((p) => ({ ...p, old: p.old && { title: p.old.name, body: p.old.content }, new: p.new && { title: p.new.name, body: p.new.content } }));
      return [
        [from, to].some(sampleYear) ? el("p", { class: "where" }, t(lang, "compare.sampleYearsNote", [from, to].filter(sampleYear))) : null,
        tasks.length ? paraDiff(tasks, lang, idOf(o, "task")) : el("p", {}, t(lang, "compare.tasksNone")),
      ];
    }
    case "duties": {
      const paras = (ps: typeof cmp.duties) => ps.map((p) => ({ ...p, old: p.old === null ? null : { title: "", body: p.old }, new: p.new === null ? null : { title: "", body: p.new } }));
      return [
        el(`h${o.level + 1}`, {}, t(lang, "compare.dutiesSub")), paraDiff(paras(cmp.duties), lang, idOf(o, "duty")),
        el(`h${o.level + 1}`, {}, t(lang, "compare.goalsSub")), paraDiff(paras(cmp.goals), lang, idOf(o, "goal")),
      ];
    }
    case "notes":
      return [el("ul", {}, cmp.findings.map((f) => el("li", {}, zh(findingText(f, lang), lang))))];
  }
}

function trendBody(d: CompareUnitData, o: CompareViewOptions, figure: (chart: CompareChart, c: ChartPair | null, source: string) => Kids): Kids[] {
  const { lang } = o;
  const reported = d.trend.filter((p) => p.report);
  if (!reported.length) return [el("p", {}, t(lang, "compare.trendNone"))];
  const sample = reported.some((p) => p.report!.status === "sample");
  const cols = [t(lang, "compare.colYear"), t(lang, "compare.colScoreChg"), t(lang, "compare.colGrade"), t(lang, "compare.colRateChg"), t(lang, "compare.colMet"), t(lang, "compare.colPartly"), t(lang, "compare.colNotMet"), t(lang, "compare.colNoData")];
  const none = t(lang, "compare.none");
  const change = (c: string | null) => (c ? el("span", { class: "where" }, ` (${c})`) : null);
  return [
    el("p", { class: "lede" }, t(lang, "compare.trendLede")),
    el("div", { class: "table-wrap" }, el("table", { class: "stack", "data-table": "trend" },
      el("caption", {}, t(lang, "compare.trendCaption"), sample ? [" ", el("span", { class: "where" }, t(lang, "compare.rateScoreSample"))] : null),
      el("thead", {}, el("tr", {}, cols.map((c, i) => el("th", { scope: "col", class: i === 0 || i === 2 ? null : "num" }, c)))),
      el("tbody", {}, d.trend.map((p) => el("tr", { class: p.year === d.from || p.year === d.to ? "cmp-sel-row" : null },
        el("th", { scope: "row", "data-label": cols[0] }, t(lang, "compare.yearLabel", p.year)),
        p.report
          ? [
              el("td", { class: "num", "data-label": cols[1] }, p.score ?? none, change(p.scoreChange)),
              el("td", { "data-label": cols[2] }, p.grade ? t(lang, "common.grade")[p.grade] : none),
              el("td", { class: "num", "data-label": cols[3] }, p.rate === null ? none : `${p.rate}%`, change(p.rateChange)),
              [p.counts.met, p.counts.partly, p.counts.notMet, p.counts.noData].map((n, i) => el("td", { class: "num", "data-label": cols[4 + i] }, String(n))),
            ]
          : el("td", { colspan: 7, "data-label": t(lang, "compare.colScore") }, t(lang, "compare.noReport"))))))),
    figure("trend", d.charts.trend, sample ? t(lang, "compare.sourceProgress") : t(lang, "compare.sourceProgressDeclared")),
  ];
}

/** The page's filter of the matched indicators (by status and 一级): hidden, shown by the page's script, its state in the URL. */
function indicatorFilter(matches: readonly IndicatorMatch[], lang: Lang): Element {
  const counts = indicatorCounts(matches);
  const groups = [...new Set(matches.map(level1Of))];
  return el("form", { class: "cmp-filter", "data-filter": "", hidden: true },
    el("fieldset", {}, el("legend", {}, t(lang, "compare.filterLegend")),
      STATUSES.map((s) => el("label", {}, el("input", { type: "checkbox", name: "status", value: s, checked: true, "data-label": t(lang, "compare.status")[s] }),
        ` ${t(lang, "compare.status")[s]}${t(lang, "site.paren", String(counts.status[s]))}`))),
    el("label", { class: "cmp-select" }, `${t(lang, "compare.filterL1")} `, el("select", { name: "l1" },
      el("option", { value: "" }, t(lang, "compare.filterAll")),
      groups.map((g) => el("option", { value: g, lang: dataLang(lang) }, g)))),
    el("p", { class: "cmp-shown", role: "status", "data-shown": "", "data-template": t(lang, "compare.filterShown", "{n}", "{all}") }, t(lang, "compare.filterShown", matches.length, matches.length)));
}

interface DiffItem {
  title: string;
  body: string;
}

/** A diff of tasks or paragraphs (duties, goals): added, dropped and changed items with their text (changes marked word by word), unchanged ones folded away but listed. */
export function paraDiff(pairs: readonly DiffPair<DiffItem>[], lang: Lang, id: string): Kids {
  if (!pairs.length) return el("p", {}, t(lang, "compare.parasNone"));
  const dl = dataLang(lang);
  const moving = pairs.filter((p) => p.status !== "unchanged");
  const same = pairs.filter((p) => p.status === "unchanged");
  const item = (p: DiffPair<DiffItem>, i: number) => {
    const one = (p.new ?? p.old)!;
    return el("li", { id: `${id}-${i + 1}`, class: `cmp-${p.status}` },
      el("span", { class: `cmp-st cmp-st-${p.status}` }, t(lang, "compare.diffStatus")[p.status]), p.moved ? t(lang, "compare.moved") : null, " ",
      p.status === "changed"
        ? [p.old!.title || p.new!.title ? el("strong", { lang: dl }, diffRuns(textDiff(p.old!.title, p.new!.title), lang)) : null,
            p.old!.body || p.new!.body ? el("div", { class: "cmp-diff-body", lang: dl }, diffRuns(textDiff(p.old!.body, p.new!.body), lang)) : null]
        : [one.title ? el("strong", { lang: dl }, one.title) : null, one.body ? el("div", { class: "cmp-diff-body", lang: dl }, one.body) : null]);
  };
  return [
    el("p", { class: "cmp-counts" }, t(lang, "compare.paraCounts", diffCounts(pairs))),
    moving.length ? el("ol", { class: "cmp-diff" }, moving.map(item)) : null,
    same.length ? el("details", { class: "cmp-same" }, el("summary", {}, t(lang, "compare.unchangedList", same.length)),
      el("ol", { lang: dl }, same.map((p) => el("li", {}, p.new!.title || p.new!.body)))) : null,
  ];
}

/** Text runs of a word-level diff: removed text struck through (<del>), added text underlined (<ins>), each announced to screen readers by a hidden word. */
function diffRuns(runs: readonly DiffRun[], lang: Lang): Kids {
  // The diffed text is the data's (marked zh-CN by the caller on English pages); the hidden words are the page's.
  const own = lang === "en" ? "en" : null;
  return runs.map((r) => r.op === "same" ? r.text
    : el(r.op, {}, el("span", { class: "visually-hidden", lang: own }, t(lang, r.op === "del" ? "compare.delPrefix" : "compare.insPrefix")), r.text));
}
