// The year across units, written once: the rankings (budget, 预算执行率, score and
// grade; ties share a rank), their distribution, every unit's structure in
// amounts or shares, completion by 一级 as small multiples, the region roll-up
// with its checks to the fen, and the drill-down region → unit → 一级 → indicator.
// The published /compare/year/{year}/ page places it under its heading
// (src/components/pages/CompareYearPage.astro, links and CSV files), and so does
// the workspace (src/explore/resultsView.ts, export buttons and its own unit
// view). Over many units (more than 2 × ENDS) the page is summarised: each
// ranking shows its first and last ENDS units, and the full lists are the
// ranking pages (/compare/year/{year}/rank/{key}/{n}/, PAGE_UNITS a page).
import type { ChartResult } from "../charts/types.ts";
import { formatWan, formatYuan } from "../core/format.ts";
import type { BudgetItem, Ranked } from "../core/rollup.ts";
import type { Figure, YearCharts } from "../site/compareCharts.ts";
import { acrossShown, ENDS, PAGE_UNITS, RANK_KEYS, rankKeys, rankPage, rankPages, type AcrossShown, type RankKey, type RegionNode, type RollupCheck, type YearUnit, type YearView } from "../site/compareView.ts";

export { acrossShown, ENDS, PAGE_UNITS, RANK_KEYS, rankKeys, rankPage, rankPages, type AcrossShown, type RankKey };
import { dataLang } from "../site/dataText.ts";
import { findingText, t, type Lang } from "../i18n/messages.ts";
import { gradeName } from "../site/view.ts";
import { chartFigure } from "./chart.ts";
import { zh } from "./text.ts";
import { rankPager } from "./pager.ts";
import { el, type Attr, type Element, type Kids } from "./tree.ts";

export interface AcrossOptions {
  lang: Lang;
  year: number;
  /** The sections' heading level (2 on the page; 5 in the workspace, under its own headings). */
  level: number;
  /** Where a unit's page is (a fragment on it: #ind-…, #l1-…); the workspace opens the unit in itself. */
  unitHref: (u: YearUnit, fragment?: string) => string;
  /** The workspace marks its unit links data-action="unit" (it wires them once). */
  unitAction?: boolean;
  /** The published page: where a chart's CSV file is (rank-budget, structure, completion-{unit} …). */
  csvHref?: (name: string) => string;
  /** The workspace: a chart's export name (its buttons carry data-action="chart-…"), given the chart to export and its title. */
  exportName?: (name: string, chart: ChartResult, title: string) => string;
  /** Over more than 2 × ends units, list the first and last `ends` of each ranking (none: every unit); yearCharts is given the same. */
  ends?: number;
  /** The summarised page: where ranking page n (1-based) of a key is. */
  rankHref?: (key: RankKey, page: number) => string;
}

interface Ctx {
  o: AcrossOptions;
  v: YearView;
  lang: Lang;
  /** A figure on the page is marked 已申报 when the page carries the 示例数据 notice and the unit is declared. */
  declaredMark: (u: YearUnit) => boolean;
  h: (d: number, attrs: Record<string, Attr>, ...kids: Kids[]) => Element;
}

const regionName = (lang: Lang, name: string | null) => name ?? t(lang, "compare.noRegion");

function context(v: YearView, o: AcrossOptions): Ctx {
  const marked = v.sample || v.units.some((u) => u.report?.status === "sample");
  return { o, v, lang: o.lang, declaredMark: (u) => marked && !u.sample, h: (d, attrs, ...kids) => el(`h${o.level + d}`, attrs, ...kids) };
}

const yuanOf = (lang: Lang, fen: bigint | null) => (fen === null ? t(lang, "compare.none") : formatYuan(fen, lang));
const wanOf = (lang: Lang, fen: bigint | null) => (fen === null ? "" : formatWan(fen, lang));
const both = (lang: Lang, fen: bigint | null) => [el("span", { class: "cmp-yuan" }, yuanOf(lang, fen)), el("span", { class: "cmp-wan" }, wanOf(lang, fen))];

function unitLink(c: Ctx, u: YearUnit, kids: Kids, fragment?: string, attrs: Record<string, Attr> = {}): Element {
  return el("a", { href: c.o.unitHref(u, fragment), ...attrs, "data-action": c.o.unitAction ? "unit" : null, "data-unit": c.o.unitAction ? u.unitId : null }, kids);
}

function figure(c: Ctx, f: Figure | { wide: Figure["wide"]; compact?: undefined }, name: string, title: string, source: string): Element {
  return chartFigure({ wide: f.wide, compact: f.compact }, { lang: c.lang, source, csv: c.o.csvHref?.(name), exportName: c.o.exportName?.(name, f.wide, title) });
}

/** The ranking table's rows (all three ranks on each). */
export function rankRows(c: Pick<Ctx, "o" | "v" | "lang" | "declaredMark">, rows: readonly Ranked<YearUnit>[], numbered: boolean): Element[] {
  const { lang, v } = c;
  const rankOf = (list: readonly Ranked<YearUnit>[], u: YearUnit) => list.find((r) => r.item === u)!.rank;
  const none = t(lang, "compare.none");
  return rows.map(({ item: u }, i) => {
    const rb = rankOf(v.ranks.budget, u);
    const rr = rankOf(v.ranks.rate, u);
    const rs = rankOf(v.ranks.score, u);
    return el("tr", numbered ? { id: `rk-${u.unitId}`, "data-order": i, "data-rank-budget": rb ?? 1e6, "data-rank-rate": rr ?? 1e6, "data-rank-score": rs ?? 1e6 } : { id: `rk-${u.unitId}` },
      el("th", { scope: "row", "data-label": t(lang, "compare.colUnit") }, unitLink(c as Ctx, u, u.name, undefined, { lang: dataLang(lang) })),
      el("td", { "data-label": t(lang, "compare.colRegion") }, zh(regionName(lang, u.region), lang)),
      el("td", { class: "num", "data-label": t(lang, "compare.colBudget"), "data-declared": c.declaredMark(u) ? "" : null }, both(lang, u.totals.totalFen),
        c.declaredMark(u) ? el("span", { class: "badge declared" }, t(lang, "compare.badgeDeclared")) : null),
      el("td", { class: "num", "data-label": `${t(lang, "compare.colBudget")} ${t(lang, "compare.colRank")}` }, rb ?? none),
      el("td", { class: "num", "data-label": t(lang, "compare.colRate") }, u.rate === null ? none : `${u.rate}%`),
      el("td", { class: "num", "data-label": `${t(lang, "compare.colRate")} ${t(lang, "compare.colRank")}` }, rr ?? none),
      el("td", { class: "num", "data-label": t(lang, "compare.colScore") }, u.score ?? none),
      el("td", { "data-label": t(lang, "compare.colGrade") }, u.grade ? gradeName(u.grade, lang) : none),
      el("td", { class: "num", "data-label": `${t(lang, "compare.colScore")} ${t(lang, "compare.colRank")}` }, rs ?? none));
  });
}

/** The ranking table: caption, head and the rows given. */
export function rankTable(c: Pick<Ctx, "o" | "v" | "lang" | "declaredMark">, rows: readonly Ranked<YearUnit>[], o: { sortable: boolean; caption: Kids }): Element {
  const { lang, v } = c;
  const anyReportSample = v.units.some((u) => u.report?.status === "sample");
  const col = (label: string, num = false) => el("th", { scope: "col", class: num ? "num" : null }, label);
  return el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-rank" },
    el("caption", {}, o.caption, anyReportSample ? [" ", el("span", { class: "where" }, t(lang, "compare.rateScoreSample"))] : null),
    el("thead", {}, el("tr", {},
      col(t(lang, "compare.colUnit")), col(t(lang, "compare.colRegion")),
      col(t(lang, "compare.colBudget"), true), col(t(lang, "compare.colRank"), true),
      col(t(lang, "compare.colRate"), true), col(t(lang, "compare.colRank"), true),
      col(t(lang, "compare.colScore"), true), col(t(lang, "compare.colGrade")), col(t(lang, "compare.colRank"), true))),
    el("tbody", o.sortable ? { "data-sortable": "" } : {}, rankRows(c, rows, o.sortable))));
}

function ranking(c: Ctx, charts: YearCharts, shown: AcrossShown): Kids[] {
  const { lang, o, v } = c;
  const y = o.year;
  const sortBar = shown.summary
    ? el("p", { class: "cmp-sortbar" }, t(lang, "compare.fullRanking"),
        rankKeys(v).map((k, i) => [i > 0 ? " " : null, el("a", { href: o.rankHref?.(k, 1) ?? `#rank-${k}` }, t(lang, "compare.sortKey")[k])]))
    : el("p", { class: "cmp-sortbar", "data-sort-bar": "", hidden: true }, t(lang, "compare.sortBy"),
        RANK_KEYS.map((k) => el("a", { href: `?sort=${k}#ranking`, "data-sort-link": k, "aria-current": k === "budget" ? "true" : null }, t(lang, "compare.sortKey")[k])));
  return [
    c.h(0, { id: "ranking" }, t(lang, "compare.rankH")),
    el("p", { class: "lede" }, shown.summary ? t(lang, "compare.rankLedeEnds", o.ends!, v.units.length) : t(lang, "compare.rankLede")),
    sortBar,
    rankTable(c, shown.rows, { sortable: !shown.summary, caption: shown.summary ? t(lang, "compare.rankCaptionEnds", y, o.ends!) : t(lang, "compare.rankCaption", y) }),
    charts.ranks.map((r) => [
      c.h(1, { id: `rank-${r.key}` }, r.figure.wide.table.caption),
      figure(c, r.figure, `rank-${r.key}`, t(lang, r.key === "budget" ? "compare.rankBudgetTitle" : r.key === "rate" ? "compare.rankRateTitle" : "compare.rankScoreTitle", y), r.key === "budget" ? t(lang, "compare.sourceYear", y) : t(lang, "compare.sourceProgress")),
    ]),
  ];
}

function distribution(c: Ctx): Kids[] {
  const { lang, v } = c;
  const row = (label: string, fen: bigint | null) => el("tr", {}, el("th", { scope: "row" }, label), el("td", { class: "num" }, both(lang, fen)));
  const counts = (caption: string, bands: readonly { key: string; count: number }[], label: (k: string) => string, head: string) =>
    el("div", { class: "table-wrap" }, el("table", {}, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, head), el("th", { scope: "col", class: "num" }, t(lang, "compare.colCount")))),
      el("tbody", {}, bands.map((b) => el("tr", {}, el("th", { scope: "row" }, label(b.key)), el("td", { class: "num" }, b.count))))));
  return [
    c.h(0, { id: "distribution" }, t(lang, "compare.distH")),
    el("div", { class: "cmp-dist" },
      el("div", { class: "table-wrap" }, el("table", {}, el("caption", {}, t(lang, "compare.distBudgetCaption")), el("tbody", {},
        el("tr", {}, el("th", { scope: "row" }, t(lang, "compare.distCount")), el("td", { class: "num" }, v.budget.count)),
        row(t(lang, "compare.distSum"), v.budget.sumFen), row(t(lang, "compare.distMin"), v.budget.minFen), row(t(lang, "compare.distMax"), v.budget.maxFen)))),
      counts(t(lang, "compare.distRateCaption"), v.rateBands, (k) => t(lang, "compare.band")[k], t(lang, "compare.colRate")),
      counts(t(lang, "compare.distGradeCaption"), v.grades, (k) => (k === "none" ? t(lang, "compare.gradeNone") : gradeName(k, lang)), t(lang, "compare.colGrade"))),
  ];
}

function structure(c: Ctx, charts: YearCharts, shown: AcrossShown): Kids[] {
  const { lang, o } = c;
  const variants = [
    { key: "abs", label: t(lang, "compare.viewAbs"), charts: charts.structure.abs },
    { key: "share", label: t(lang, "compare.viewShare"), charts: charts.structure.share },
  ];
  return [
    c.h(0, { id: "structure" }, t(lang, "compare.structureH")),
    el("p", { class: "lede" }, t(lang, "compare.structureLede"), shown.summary ? [" ", t(lang, "compare.structureLargest", 2 * o.ends!, c.v.units.length)] : null),
    el("div", { class: "cmp-views", "data-views": "" },
      el("p", { class: "cmp-toggle" }, t(lang, "compare.viewLabel"), variants.map((x) => el("a", { href: `?view=${x.key}#view-${x.key}`, "data-view-link": x.key }, x.label))),
      variants.map((x) => el("div", { id: `view-${x.key}`, class: "cmp-variant", "data-variant": x.key },
        x.charts.map((ch) => [c.h(1, {}, ch.figure.wide.table.caption),
          figure(c, ch.figure, ch.key, t(lang, ch.key === "structure" ? "compare.structTitle" : "compare.sourceTitle", o.year, x.label), t(lang, "compare.sourceYear", o.year))])))),
  ];
}

function completion(c: Ctx, charts: YearCharts, shown: AcrossShown): Kids[] {
  const { lang } = c;
  return [
    c.h(0, { id: "completion" }, t(lang, "compare.completionH")),
    el("p", { class: "lede" }, t(lang, "compare.completionLede"), shown.summary ? [" ", t(lang, "compare.listedEnds", c.o.ends!, c.v.units.length)] : null),
    el("div", { class: "cmp-multiples" }, c.v.units.filter((u) => shown.units.has(u)).map((u) => {
      const cm = charts.completion.get(u.unitId);
      return el("section", { class: "cmp-multiple", "aria-labelledby": `cm-h-${u.unitId}` },
        c.h(1, { id: `cm-h-${u.unitId}` }, unitLink(c, u, u.name, undefined, { lang: dataLang(lang) })),
        cm ? figure(c, { wide: cm.chart }, `completion-${u.unitId}`, t(lang, "compare.completionTitle", u.name, c.o.year), t(lang, "compare.sourceProgress")) : el("p", { class: "where" }, t(lang, "compare.completionNone")));
    })),
  ];
}

function checkText(lang: Lang, ch: RollupCheck): string {
  const where = t(lang, "compare.checkWhere", ch.region);
  const label = ch.kind === "source" ? t(lang, "compare.basisSource") : t(lang, "compare.basisStructure");
  const y = (f: bigint) => formatYuan(f, lang);
  if (ch.state === "missing") return t(lang, "compare.checkMissing", where, label);
  if (ch.kind === "units") return ch.state === "ok" ? t(lang, "compare.checkUnits", where, y(ch.sumFen), y(ch.totalFen)) : t(lang, "compare.checkUnitsBad", where, y(ch.sumFen), y(ch.totalFen), y(ch.sumFen - ch.totalFen));
  return ch.state === "ok" ? t(lang, "compare.checkItems", where, label, y(ch.sumFen), y(ch.totalFen)) : t(lang, "compare.checkItemsBad", where, label, y(ch.sumFen), y(ch.totalFen), y(ch.sumFen - ch.totalFen));
}

/** The regions a section lists: all of them, or those with a unit listed (each with only its units listed). */
function shownRegions(v: YearView, shown: AcrossShown): { r: RegionNode; units: YearUnit[] }[] {
  return v.regions.map((r) => ({ r, units: r.units.filter((u) => shown.units.has(u)) })).filter((x) => !shown.summary || x.units.length > 0);
}

function rollupSection(c: Ctx, shown: AcrossShown): Kids[] {
  const { lang, v, o } = c;
  const items: BudgetItem[] = v.rollup.items;
  const itemOf = (list: readonly BudgetItem[], it: BudgetItem) => list.find((x) => x.kind === it.kind && x.item === it.item)?.amountFen ?? null;
  const cells = (total: bigint | null, list: readonly BudgetItem[]) => [
    el("td", { class: "num", "data-label": t(lang, "compare.colBudget") }, yuanOf(lang, total)),
    items.map((it) => el("td", { class: "num", "data-label": it.item }, yuanOf(lang, itemOf(list, it)))),
  ];
  const nUnits = (n: number) => t(lang, "compare.paren", t(lang, "compare.nUnits", n));
  // Summarised: the whole year's checks, and the regions' checks that do not agree (the rest counted).
  const checks = shown.summary ? v.checks.filter((ch) => ch.region === null || ch.state !== "ok") : v.checks;
  const listed = shown.summary ? checks.slice(0, 2 * o.ends! + 3) : checks;
  const unlisted = v.checks.length - listed.length;
  return [
    c.h(0, { id: "rollup" }, t(lang, "compare.rollupH")),
    el("p", { class: "lede" }, t(lang, "compare.rollupLede"), shown.summary ? [" ", t(lang, "compare.listedEnds", o.ends!, v.units.length)] : null),
    el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-rollup" },
      el("caption", {}, t(lang, "compare.rollupCaption", o.year)),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, t(lang, "compare.colName")), el("th", { scope: "col", class: "num" }, t(lang, "compare.colBudget")),
        items.map((it) => el("th", { scope: "col", class: "num" }, zh(it.item, lang))))),
      el("tbody", {},
        el("tr", { class: "cmp-roll-all", "data-roll": "all" },
          el("th", { scope: "row", "data-label": t(lang, "compare.colName") }, t(lang, "compare.allUnits"), nUnits(v.rollup.unitCount)),
          cells(v.rollup.totalFen, v.rollup.items)),
        shownRegions(v, shown).map(({ r, units }) => [
          el("tr", { class: "cmp-roll-region", "data-roll": `region:${r.name ?? ""}` },
            el("th", { scope: "row", "data-label": t(lang, "compare.colName") }, zh(regionName(lang, r.name), lang), nUnits(r.rollup.unitCount)),
            cells(r.rollup.totalFen, r.rollup.items)),
          units.map((u) => el("tr", { class: "cmp-roll-unit", "data-roll": `unit:${u.unitId}` },
            el("th", { scope: "row", "data-label": t(lang, "compare.colName") }, unitLink(c, u, u.name, undefined, { lang: dataLang(lang) })),
            cells(u.totals.totalFen, u.totals.items))),
        ])))),
    el("ul", { class: "cmp-checks", "aria-label": t(lang, "compare.checksLabel") }, listed.map((ch) => el("li", { "data-check": ch.state },
      el("span", { class: ch.state === "ok" ? "ok" : "mismatch" }, ch.state === "ok" ? t(lang, "compare.checkOk") : ch.state === "mismatch" ? t(lang, "compare.checkBad") : t(lang, "compare.checkNone")),
      " ", zh(checkText(lang, ch), lang)))),
    unlisted > 0 ? el("p", { class: "where" }, t(lang, "compare.checksMore", unlisted)) : null,
    v.rollup.findings.length > 0 ? [
      c.h(1, {}, t(lang, "compare.rollupFindings")),
      el("ul", {}, v.rollup.findings.map((f) => el("li", {}, el("span", { class: `badge ${f.severity}` }, t(lang, "site.severity")[f.severity]), " ", zh(findingText(f, lang), lang)))),
    ] : null,
  ];
}

function drill(c: Ctx, shown: AcrossShown): Kids[] {
  const { lang, v, o } = c;
  const sep = t(lang, "common.colon");
  const dl = dataLang(lang);
  const span = (text: string) => el("span", { lang: dataLang(lang) }, text);
  const counts = (g: YearUnit["groups"][number]["counts"]) => {
    const w = t(lang, "compare.statusWord");
    return ([[w.met, g.met], [w.partly, g.partly], [w.not_met, g.notMet], [t(lang, "compare.colNoData"), g.noData]] as const)
      .filter(([, n]) => n > 0).map(([l, n]) => `${l} ${n}`).join(t(lang, "common.listSep"));
  };
  const where = (...trail: Kids[]) => [t(lang, "compare.drillWhere"), sep, t(lang, "compare.yearLabel", o.year), trail.map((x) => [" › ", x])];
  const regions = shownRegions(v, shown);
  return [
    c.h(0, { id: "drill" }, t(lang, "compare.drillH")),
    el("p", { class: "lede" }, t(lang, "compare.drillLede"), shown.summary ? [" ", t(lang, "compare.listedEnds", o.ends!, v.units.length)] : null),
    el("div", { class: "cmp-drill" }, regions.map(({ r, units }) => {
      const rn = regionName(lang, r.name);
      return el("details", { "data-drill": "region", "data-key": r.name ?? "", "data-label": rn, id: `d-${r.id}`, open: regions.length === 1 },
        el("summary", {}, el("span", { class: "cmp-drill-name" }, zh(rn, lang)), " ", el("span", { class: "where" }, t(lang, "compare.drillUnits", r.units.length), " · ", yuanOf(lang, r.rollup.totalFen))),
        el("p", { class: "cmp-where" }, where(zh(rn, lang))),
        units.map((u) => el("details", { "data-drill": "unit", "data-key": u.unitId, "data-label": u.name, id: `d-${u.unitId}` },
          el("summary", {},
            el("span", { class: "cmp-drill-name", lang: dl }, u.name),
            el("span", { class: "where" }, " ",
              el("span", { "data-declared": c.declaredMark(u) ? "" : null }, yuanOf(lang, u.totals.totalFen), c.declaredMark(u) ? [" ", el("span", { class: "badge declared" }, t(lang, "compare.badgeDeclared"))] : null),
              u.score !== null ? ` · ${t(lang, "compare.colScore")} ${u.score} ${u.grade ? gradeName(u.grade, lang) : ""}` : null,
              u.rate !== null ? ` · ${t(lang, "compare.colRate")} ${u.rate}%` : null)),
          el("p", { class: "cmp-where" }, where(zh(rn, lang), span(u.name)), " · ", unitLink(c, u, t(lang, "compare.openUnitPage"))),
          u.groups.map((g, gi) => el("details", { "data-drill": "l1", "data-key": g.level1, "data-label": g.level1, id: `d-${u.unitId}-g${gi + 1}` },
            el("summary", {}, el("span", { class: "cmp-drill-name", lang: dl }, g.level1), " ", el("span", { class: "where" }, t(lang, "compare.drillIndicators", g.indicators.length), counts(g.counts) ? ` · ${counts(g.counts)}` : null)),
            el("p", { class: "cmp-where" }, where(zh(rn, lang), span(u.name), span(g.level1)), " · ", unitLink(c, u, t(lang, "compare.groupLink"), `l1-${encodeURIComponent(g.level1)}`)),
            el("ul", { class: "cmp-drill-inds" }, g.indicators.map((d) => el("li", {},
              unitLink(c, u, d.indicator.name ?? d.indicator.level2, `ind-${d.indicator.id}`, { lang: dl }),
              el("span", { class: "where" }, " ", zh(`${d.indicator.level2}${d.indicator.target ? ` · ${d.indicator.target}` : ""}`, lang)),
              " ", el("span", { class: `cmp-res cmp-res-${d.status ?? "none"}` }, d.status ? t(lang, "compare.statusWord")[d.status] : t(lang, "compare.statusNone")),
              d.valueText ? el("span", { class: "where" }, ` ${t(lang, "compare.actualLabel")} `, zh(d.valueText, lang)) : null))))))));
    })),
  ];
}

/** The sections of the year across units, after the page's heading, lede and 示例数据 notice. */
export function acrossSections(charts: YearCharts, o: AcrossOptions): Element[] {
  const c = context(charts.view, o);
  const shown = acrossShown(charts.view, o.ends);
  const lang = o.lang;
  const toc = el("ul", { class: "toc", "aria-label": t(lang, "compare.toc") },
    ([["ranking", "compare.rankH"], ["distribution", "compare.distH"], ["structure", "compare.structureH"], ["completion", "compare.completionH"], ["rollup", "compare.rollupH"], ["drill", "compare.drillH"]] as const)
      .map(([id, key]) => el("li", {}, el("a", { href: `#${id}` }, t(lang, key)))));
  // What a switch of view or order now shows, said politely by the host's script (empty with JavaScript off, where
  // each switch is a link that loads): {view} / {sort} are filled with the switch's own text.
  const status = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "data-announce": "",
    "data-view": t(lang, "compare.announceView", "{view}"), "data-sort": t(lang, "compare.announceSort", "{sort}") });
  const kids: Kids[] = [toc, ranking(c, charts, shown), distribution(c), structure(c, charts, shown), completion(c, charts, shown), rollupSection(c, shown), drill(c, shown), status];
  return el("div", {}, kids).children as Element[];
}

/** A ranking page: the units of page n in the order of one key, every rank on each row, and the pager. */
export function rankPageSections(v: YearView, key: RankKey, n: number, o: AcrossOptions): Element[] {
  const c = context(v, o);
  const { lang } = c;
  const pages = rankPages(v);
  const rows = rankPage(v, key, n);
  const first = (n - 1) * PAGE_UNITS + 1;
  const pager = rankPager(lang, { keys: rankKeys(v), key, label: (k) => t(lang, "compare.sortKey")[k], n, pages, href: o.rankHref! });
  return [
    el("p", { class: "lede" }, t(lang, "compare.rankPageLede", first, first + rows.length - 1, v.units.length)),
    pager,
    rankTable(c, rows, { sortable: false, caption: t(lang, "compare.rankPageCaption", o.year, t(lang, "compare.sortKey")[key], n, pages) }),
  ];
}
