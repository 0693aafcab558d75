// A project's (项目支出) dashboard for one year, written once: who runs it, its
// funding (declared lines, or 年初/全年/执行 with the rate), its goals, the indicator
// tree, its completion (score and grade, 未填报, or a monitoring form's pace and
// likelihoods — never graded) and its findings, with the source of every figure.
// The project page places it under its header (ProjectPage.astro); the workspace
// under its own when the analyst opens a project of the unit shown (src/explore/ui.ts).
import { t, type Lang } from "../i18n/messages.ts";
import { budgetGroupLabel, gradeName, sourceText, wanText, yuanText } from "../site/view.ts";
import { executionTotal, lineRate } from "../site/projectView.ts";
import { chartFigure } from "./chart.ts";
import { findingList } from "./findings.ts";
import { indicatorTables } from "./indicators.ts";
import { el, type Element, type Kids } from "./tree.ts";
import { money, zh } from "./text.ts";
import type { ProjectData, ProjectReportView } from "./projectData.ts";
import type { BudgetDelta, ProjectComparison } from "../core/compare.ts";
import { formatYuan } from "../core/format.ts";
import { pctText } from "../site/compareView.ts";
import { indicatorChanges, indicatorCountList, paraDiff } from "./compare.ts";

export type ProjectSection = "funding" | "goals" | "indicators" | "completion" | "compare" | "findings";

export interface ProjectViewOptions {
  lang: Lang;
  /** The project page, or the workspace (its ids prefixed: the unit dashboard beside it has sections of the same names). */
  host: "page" | "workspace";
  /** The sections' heading level (2 on the project page; 4 in the workspace, under its own headings). */
  level: number;
  /** The workspace: the completion chart's export name (its buttons carry data-action="chart-…"). */
  exportName?: (r: ProjectReportView) => string;
}

const goalsOf = (d: ProjectData, lang: Lang) => [
  { label: t(lang, "project.goalsLong"), paras: (d.project.goals_long ?? "").split("\n").filter(Boolean) },
  { label: t(lang, "project.goalsAnnual"), paras: (d.project.goals_annual ?? "").split("\n").filter(Boolean) },
  { label: t(lang, "project.goalsActual"), paras: (d.project.goals_actual ?? "").split("\n").filter(Boolean) },
].filter((g) => g.paras.length);

/** The sections the project has, in page order (the page's table of contents lists them). */
export function projectSectionsOf(d: ProjectData): ProjectSection[] {
  return (["funding", "goals", "indicators", "completion", "compare", "findings"] as const).filter((s) =>
    s === "goals" ? goalsOf(d, "zh").length > 0 : s === "compare" ? d.comparison !== null : true);
}

const HEADING: Record<Exclude<ProjectSection, "compare">, (lang: Lang) => string> = {
  funding: (lang) => t(lang, "project.fundingH"),
  goals: (lang) => t(lang, "project.goalsH"),
  indicators: (lang) => t(lang, "site.indicatorsH"),
  completion: (lang) => t(lang, "project.completionH"),
  findings: (lang) => t(lang, "project.findingsH"),
};

export const projectSectionTitle = (s: ProjectSection, lang: Lang, d?: ProjectData) =>
  s === "compare" ? t(lang, "project.compareH", d?.comparison?.oldYear ?? 0, d?.comparison?.newYear ?? 0) : HEADING[s](lang);

/** Who runs the project, its code, period and type, as the form gives them. */
export function projectHead(d: ProjectData, lang: Lang): Element | null {
  const p = d.project;
  const head = ([
    [t(lang, "project.supervisor"), p.supervisor],
    [t(lang, "project.implementer"), p.implementer],
    [t(lang, "project.code"), p.project_code],
    [t(lang, "project.period"), p.implementation_period],
    [t(lang, "project.type"), p.project_type],
  ] as const).filter((x): x is readonly [string, string] => Boolean(x[1]));
  return head.length ? el("dl", { class: "project-head" }, head.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", {}, zh(v, lang))))) : null;
}

const idOf = (o: ProjectViewOptions, id: string) => (o.host === "page" ? id : `x-prj-${id}`);

export function projectView(d: ProjectData, o: ProjectViewOptions): Element[] {
  return projectSectionsOf(d).map((s) =>
    el("section", { "data-section": s, "aria-labelledby": idOf(o, s) }, el(`h${o.level}`, { id: idOf(o, s) }, projectSectionTitle(s, o.lang, d)), body(s, d, o)));
}

const where = (file: string | null, row: number | null, lang: Lang) => sourceText(file, row, null, lang);

function body(s: ProjectSection, d: ProjectData, o: ProjectViewOptions): Kids[] {
  const { lang } = o;
  switch (s) {
    case "funding":
      return funding(d, lang);
    case "goals":
      return goalsOf(d, lang).map((g) => [el(`h${o.level + 1}`, {}, g.label), el("div", { class: "paras" }, g.paras.map((x) => el("p", {}, zh(x, lang))))]);
    case "indicators":
      return [
        el("p", { class: "lede file" }, t(lang, "project.indicatorsLede", d.indicators.length, where(d.project.source_file, null, lang))),
        indicatorTables(d.indicators, d.findings, { lang, level: o.level + 1 }),
      ];
    case "completion":
      return d.reports.length ? d.reports.map((r) => completion(d, r, o)) : [el("p", {}, t(lang, "project.declarationNote"))];
    case "compare":
      return d.comparison ? history(d.comparison, o) : [];
    case "findings":
      return [findingList(d.findings, { lang, indicators: d.indicators, budget: d.budget })];
  }
}

function funding(d: ProjectData, lang: Lang): Kids[] {
  const { budget, execution } = d;
  if (!budget.length && !execution.length) return [el("p", {}, t(lang, "project.noFunding"))];
  const total = executionTotal(execution);
  const reports = d.reports.map((r) => r.report);
  // The scoring's rate (two places) where there is a report, so the page gives one figure; else the line's own.
  const headRate = reports[0]?.execution?.rate ? `${reports[0].execution.rate}%` : total ? lineRate(total, lang) : "—";
  const fig = (label: string, big: string, exact: Kids, cls = "exact") => el("li", {}, el("span", { class: "label" }, label), el("span", { class: "big" }, money(big, lang)), el("span", { class: cls }, typeof exact === "string" ? money(exact, lang) : exact));
  const th = (text: string, num = false) => el("th", { scope: "col", class: num ? "num" : null }, text);
  const declared = [t(lang, "site.colKind"), t(lang, "site.colItem"), t(lang, "site.colYuan"), t(lang, "site.colWan"), t(lang, "site.source")];
  const exec = [t(lang, "site.colItem"), t(lang, "project.colInitial"), t(lang, "project.colFullYear"), t(lang, "project.colExecuted"), t(lang, "project.colRate"), t(lang, "site.source")];
  return [
    budget.length ? el("div", { class: "table-wrap" }, el("table", { class: "stack" },
      el("caption", {}, t(lang, "project.fundingDeclared")),
      el("thead", {}, el("tr", {}, declared.map((c, i) => th(c, i === 2 || i === 3)))),
      el("tbody", {}, budget.map((b) => el("tr", { id: b.line_id },
        el("td", { "data-label": declared[0] }, budgetGroupLabel(b.kind, lang)),
        el("td", { "data-label": declared[1] }, zh(b.item, lang)),
        el("td", { class: "num", "data-label": declared[2] }, money(yuanText(b.amount, lang), lang)),
        el("td", { class: "num", "data-label": declared[3] }, money(wanText(b.amount, lang), lang)),
        el("td", { class: "where", "data-label": declared[4] }, where(b.source_file, b.source_row, lang))))))) : null,
    execution.length ? [
      total ? el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
        fig(total.budget_full_year === null ? t(lang, "project.colInitial") : t(lang, "project.colFullYear"), wanText(total.budget_full_year ?? total.budget_initial, lang), yuanText(total.budget_full_year ?? total.budget_initial, lang)),
        fig(t(lang, "project.colExecuted"), wanText(total.executed, lang), yuanText(total.executed, lang)),
        fig(t(lang, "project.execRate"), headRate, where(total.source_file, total.source_row, lang), "exact file")) : null,
      el("div", { class: "table-wrap" }, el("table", { class: "stack" },
        el("caption", {}, t(lang, "project.fundingExecution")),
        el("thead", {}, el("tr", {}, exec.map((c, i) => th(c, i >= 1 && i <= 4)))),
        el("tbody", {}, execution.map((l) => el("tr", {},
          el("td", { "data-label": exec[0] }, zh(l.item, lang)),
          el("td", { class: "num", "data-label": exec[1] }, money(yuanText(l.budget_initial, lang), lang)),
          el("td", { class: "num", "data-label": exec[2] }, money(yuanText(l.budget_full_year, lang), lang)),
          el("td", { class: "num", "data-label": exec[3] }, money(yuanText(l.executed, lang), lang)),
          el("td", { class: "num", "data-label": exec[4] }, lineRate(l, lang)),
          el("td", { class: "where", "data-label": exec[5] }, where(l.source_file, l.source_row, lang))))))),
    ] : null,
  ];
}

function completion(d: ProjectData, v: ProjectReportView, o: ProjectViewOptions): Element {
  const { lang } = o;
  const r = v.report;
  const id = idOf(o, `c-${r.period}`);
  const fig = (label: string, big: string, exact: Kids, cls = "exact") => el("li", {}, el("span", { class: "label" }, label), el("span", { class: "big" }, big), el("span", { class: cls }, exact));
  const rate = r.execution?.rate ? `${r.execution.rate}%` : "—";
  const execWhere = r.execution ? where(r.execution.source.file, r.execution.source.row ?? null, lang) : "—";
  const figures =
    v.completion === "graded" ? el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
      fig(t(lang, "progress.total"), r.result.total ?? "—", `${t(lang, "project.grade")}${t(lang, "site.colon")}${r.result.grade ? gradeName(r.result.grade, lang) : "—"}`),
      fig(t(lang, "project.execRate"), rate, execWhere, "exact file"))
    : v.completion === "unfilled" ? el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
      fig(t(lang, "progress.total"), t(lang, "project.notFilledH"), t(lang, "project.notFilled")))
    : [el("p", {}, t(lang, "project.monitoringNote")), el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
      fig(t(lang, "project.execRate"), rate, [
        r.execution?.timeProgress ? t(lang, "progress.timeProgress", r.execution.timeProgress) : null,
        r.execution?.alert ? [" · ", el("span", { class: `alert ${r.execution.alert}` }, t(lang, "progress.alertLabel")[r.execution.alert])] : null,
        r.execution ? [el("br"), el("span", { class: "file" }, execWhere)] : null,
      ]))];
  const monitoring = v.completion === "monitoring";
  const name = (x: (typeof r.indicators)[number]) => el("a", { href: `#ind-${x.indicator.id}` }, zh(x.indicator.name ?? x.indicator.level2, lang));
  const cell = (label: string, kids: Kids, cls: string | null = null) => el("td", { class: cls, "data-label": label }, kids);
  const row = (x: (typeof r.indicators)[number]) => x.actual?.source.row ? t(lang, "site.rowOf", x.actual.source.row) : "—";
  const cols = monitoring
    ? [t(lang, "progress.colName"), t(lang, "progress.colTarget"), t(lang, "project.colExecutedToDate"), t(lang, "project.colExpected"), t(lang, "project.colLikelihood"), t(lang, "site.source")]
    : [t(lang, "progress.colName"), t(lang, "progress.colTarget"), t(lang, "progress.colActual"), t(lang, "progress.colStatus"), t(lang, "progress.colScore"), t(lang, "site.source")];
  return el("section", { "aria-labelledby": id },
    el(`h${o.level + 1}`, { id }, t(lang, "progress.period")[r.period], r.asOf ? t(lang, "site.paren", t(lang, "progress.asOf", r.asOf)) : null),
    figures,
    v.chart ? chartFigure(v.chart, { lang, source: where(d.project.source_file, null, lang), exportName: o.exportName?.(v) }) : null,
    el("div", { class: "table-wrap" }, el("table", { class: "stack" },
      el("caption", {}, `${t(lang, "progress.period")[r.period]} · ${monitoring ? t(lang, "site.indicatorsH") : t(lang, "progress.table")}`),
      el("thead", {}, el("tr", {}, cols.map((c, i) => el("th", { scope: "col", class: !monitoring && i === 4 ? "num" : null }, c)))),
      el("tbody", {}, r.indicators.map((x) => el("tr", {},
        cell(cols[0], name(x)),
        cell(cols[1], zh(x.indicator.target ?? "—", lang)),
        monitoring
          ? [cell(cols[2], zh(x.actual?.executedToDate ?? "—", lang)), cell(cols[3], zh(x.actual?.expectedAnnual ?? "—", lang)),
              cell(cols[4], [zh(x.actual?.likelihood ?? "—", lang), x.alert ? [" · ", el("span", { class: `alert ${x.alert}` }, t(lang, "progress.alertLabel")[x.alert])] : null])]
          : [cell(cols[2], zh(x.valueText ?? "—", lang)),
              cell(cols[3], el("span", { class: `badge status-${x.score.status}` }, t(lang, "progress.status")[x.score.status])),
              cell(cols[4], v.completion === "graded" ? `${x.score.score ?? "—"} / ${x.score.max}` : "—", "num")],
        cell(cols[5], row(x), "where")))))));
}

/** The project against itself in an earlier year: funding line by line, indicators matched, the annual goals diffed. */
function history(c: ProjectComparison, o: ProjectViewOptions): Kids[] {
  const { lang } = o;
  const { oldYear: from, newYear: to } = c;
  const cols = [t(lang, "compare.colKind"), t(lang, "compare.colItem"), t(lang, "compare.yearLabel", from), t(lang, "compare.yearLabel", to), t(lang, "compare.colChange")];
  const yuan = (fen: bigint | null) => (fen === null ? t(lang, "compare.none") : formatYuan(fen, lang));
  const kind = (k: BudgetDelta["kind"]) => t(lang, k === "total" ? "compare.kindTotal" : k === "source" ? "compare.kindSource" : "compare.kindStructure");
  const goals = c.goals.map((p) => ({ ...p, old: p.old === null ? null : { title: "", body: p.old }, new: p.new === null ? null : { title: "", body: p.new } }));
  return [
    el("p", { class: "lede" }, t(lang, "project.compareLede", from, c.pairedBy)),
    c.budget.length
      ? el("div", { class: "table-wrap" }, el("table", { class: "stack", "data-table": "project-budget-change" },
          el("caption", {}, t(lang, "project.compareBudgetCaption", from, to)),
          el("thead", {}, el("tr", {}, cols.map((x, i) => el("th", { scope: "col", class: i >= 2 ? "num" : null }, x)))),
          el("tbody", {}, c.budget.map((b) => el("tr", {},
            el("td", { "data-label": cols[0] }, kind(b.kind)),
            el("th", { scope: "row", "data-label": cols[1] }, zh(b.item, lang)),
            el("td", { class: "num", "data-label": cols[2] }, yuan(b.oldFen)),
            el("td", { class: "num", "data-label": cols[3] }, yuan(b.newFen)),
            el("td", { class: "num", "data-label": cols[4] }, formatYuan(b.changeFen, lang, { signed: true }), " ",
              el("span", { class: "where" }, pctText(b.changePct, b.changeFen === 0n ? t(lang, "compare.none") : t(lang, "compare.newItem")))))))))
      : el("p", {}, t(lang, "project.compareNoBudget")),
    indicatorCountList(c.indicators, lang),
    indicatorChanges(c.indicators, { lang, from, to, sampleYears: c.sample ? [from, to] : [] }),
    el(`h${o.level + 1}`, {}, t(lang, "project.compareGoalsH")),
    paraDiff(goals, lang, idOf(o, "goal")),
  ];
}
