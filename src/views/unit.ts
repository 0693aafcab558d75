// A unit's dashboard for one year, written once: key figures, budget structure
// with its reconciliation, its projects, the indicator tree, key tasks, duties and
// goals, and the data-quality findings. The unit page places it under its header
// (src/components/pages/UnitPage.astro); the workspace under its own
// (src/explore/ui.ts). What differs between them is an option, never a copy.
import { formatCount } from "../core/format.ts";
import { budgetGroupLabel, shareText, sourceText, wanText, yuanText } from "../site/view.ts";
import { projectHref } from "../site/projectView.ts";
import { t, type Lang, type MessageKey } from "../i18n/messages.ts";
import type { ChartName } from "../site/chartData.ts";
import { chartFigure } from "./chart.ts";
import { findingList } from "./findings.ts";
import { indicatorTables } from "./indicators.ts";
import { el, type Element, type Kids } from "./tree.ts";
import type { UnitData } from "./unitData.ts";
import { money, zh } from "./text.ts";
import { headlineStrip } from "./headline.ts";
import { headline } from "../site/headline.ts";

export type UnitSection = "budget" | "projects" | "indicators" | "tasks" | "duties" | "findings";

export interface UnitViewOptions {
  lang: Lang;
  /** The published page links the projects' pages and each chart's CSV file; the workspace opens a project's dashboard and offers exports (data-action). */
  host: "page" | "workspace";
  /** The sections' heading level (2 on the unit page; 4 in the workspace, under its own headings). */
  level: number;
  /** The published page: where each chart's CSV file is. */
  csvHref?: (chart: ChartName) => string;
  /** The workspace: a large file's checks still run, so its findings are not listed yet. */
  checking?: boolean;
}

/** The sections the data has, in page order (the unit page's table of contents lists them). */
export function unitSectionsOf(d: UnitData): UnitSection[] {
  const declared = d.budget.length > 0 || d.indicators.length > 0 || d.tasks.length > 0 || d.projects.length === 0;
  return (["budget", "projects", "indicators", "tasks", "duties", "findings"] as const).filter((s) =>
    s === "findings" || (s === "projects" ? d.projects.length > 0 : declared));
}

/** A chart's name in the workspace, which its exported files are named after. */
export const unitChartName = (d: UnitData, chart: ChartName, lang: Lang) =>
  `${d.unit.unit_name}-${d.unit.fiscal_year}-${t(lang, chart === "budget" ? "explore.budgetChartFile" : "explore.indicatorChartFile")}`;

/** The page's source line for the budget: the file and the rows the lines were read from. */
function budgetSource(d: UnitData, lang: Lang): string {
  const rows = d.budget.filter((b) => b.source_row).map((b) => b.source_row!);
  const file = sourceText(d.unit.source_file, null, null, lang);
  return `${file}${rows.length ? ` ${t(lang, "site.rowOf", Math.min(...rows))}–${Math.max(...rows)}` : ""}`;
}

export function unitFigures(d: UnitData, lang: Lang): Element {
  const total = d.budget.find((b) => b.kind === "total");
  const line = (item: string) => d.budget.find((b) => b.kind === "structure" && b.item === item);
  const fig = (label: Kids, big: string, exact: string) =>
    el("li", {}, el("span", { class: "label" }, label), el("span", { class: "big" }, money(big, lang)), el("span", { class: "exact" }, money(exact, lang)));
  // A part of the budget: its share of the total beside its label.
  const part = (label: string, amount: string | null | undefined) =>
    fig([label, t(lang, "site.paren", t(lang, "site.shareOf", shareText(amount, total?.amount)))], wanText(amount, lang), yuanText(amount, lang));
  const named = d.indicators.filter((i) => i.name).length;
  const limited = d.indicatorCount > d.indicators.length;
  const u = d.unit;
  // The budget total leads the headline strip above; the figures give its parts.
  return el("ul", { class: "figures", "aria-label": t(lang, "site.keyFigures") },
    part(t(lang, "site.basic"), line("基本支出")?.amount),
    part(t(lang, "site.project"), line("项目支出")?.amount),
    limited
      ? fig(t(lang, "site.indicators"), t(lang, "explore.figIndicatorCount", formatCount(d.indicatorCount, lang)), t(lang, "explore.figListed", d.indicators.length))
      : fig(t(lang, "site.indicators"), t(lang, "site.namedCount", named), t(lang, "site.indicatorsNote", d.indicators.length - named)),
    // Staff figures take a headline slot only where the form gives them.
    u.staff_count || u.org_count
      ? fig(t(lang, "site.staff"), `${u.staff_count ?? t(lang, "site.notFilled")} / ${u.org_count ?? t(lang, "site.notFilled")}`, t(lang, "site.asDeclared"))
      : null);
}

function budgetSection(d: UnitData, o: UnitViewOptions): Kids[] {
  const { lang } = o;
  if (!d.budget.length) return [el("p", {}, t(lang, "explore.noBudget"))];
  const total = d.budget.find((b) => b.kind === "total");
  const cols = [t(lang, "site.colKind"), t(lang, "site.colItem"), t(lang, "site.colYuan"), t(lang, "site.colWan"), t(lang, "site.colShare"), t(lang, "site.source")];
  // 万元 (col 3) is left out on a phone, where the exact 元 and the chart's 万元 say it.
  const cell = (i: number, text: Kids) => el("td", { class: i === 3 ? "num wan" : i >= 2 && i <= 4 ? "num" : i === 5 ? "where" : null, "data-label": cols[i] }, text);
  return [
    d.charts.budget ? chartFigure(d.charts.budget, { lang, source: budgetSource(d, lang), csv: o.csvHref?.("budget"), exportName: o.host === "page" ? undefined : unitChartName(d, "budget", lang) }) : null,
    el("div", { class: "table-wrap" }, el("table", { class: "stack", "data-table": "budget" },
      el("caption", {}, t(lang, "site.budgetTable")),
      el("thead", {}, el("tr", {}, cols.map((c, i) => el("th", { scope: "col", class: i >= 2 && i <= 4 ? "num" : null }, c)))),
      el("tbody", {}, d.budget.map((b) => el("tr", { id: b.line_id },
        cell(0, budgetGroupLabel(b.kind, lang)), cell(1, zh(b.item, lang)), cell(2, money(yuanText(b.amount, lang), lang)), cell(3, money(wanText(b.amount, lang), lang)),
        cell(4, shareText(b.amount, total?.amount)), cell(5, sourceText(b.source_file, b.source_row, null, lang))))))),
    el("ul", { "aria-label": t(lang, "site.reconcile") }, d.checks.map((c) => el("li", {},
      el("span", { class: c.state === "ok" ? "ok" : "mismatch" }, c.state === "ok" ? t(lang, "site.recOk") : c.state === "mismatch" ? t(lang, "site.recBad") : t(lang, "site.recNone")), " ", c.text))),
  ];
}

function projectsSection(d: UnitData, o: UnitViewOptions): Kids[] {
  const { lang } = o;
  const cols = [t(lang, "project.colName"), t(lang, "project.colAmount"), t(lang, "project.colForm"), t(lang, "project.colResult"), t(lang, "site.source")];
  const a = d.against;
  return [
    el("p", { class: "lede" }, t(lang, "project.unitLede", d.projects.length)),
    a ? el("p", {}, el("span", { class: a.state === "ok" ? "ok" : "mismatch" }, a.state === "ok" ? t(lang, "site.recOk") : t(lang, "site.recBad")), " ", a.text) : null,
    el("div", { class: "table-wrap" }, el("table", { class: "stack", "data-table": "projects" },
      el("caption", {}, t(lang, "project.unitH")),
      el("thead", {}, el("tr", {}, cols.map((c, i) => el("th", { scope: "col", class: i === 1 ? "num" : null }, c)))),
      el("tbody", {}, d.projects.map(({ project: p, amount, result }) => el("tr", { id: p.project_id },
        el("td", { "data-label": cols[0] }, o.host === "page"
          ? el("a", { href: projectHref(p, lang) }, zh(p.project_name, lang))
          : el("button", { type: "button", class: "link", "data-action": "project", "data-project": p.project_id }, zh(p.project_name, lang))),
        el("td", { class: "num", "data-label": cols[1] }, yuanText(amount, lang)),
        el("td", { "data-label": cols[2] }, t(lang, "project.formKind")[p.form_kind]),
        el("td", { "data-label": cols[3] }, zh(result, lang)),
        el("td", { class: "where", "data-label": cols[4] }, sourceText(p.source_file, p.source_row, null, lang))))))),
  ];
}

function indicatorsSection(d: UnitData, o: UnitViewOptions): Kids[] {
  const { lang } = o;
  const named = d.indicators.filter((i) => i.name).length;
  const file = sourceText(d.unit.source_file, null, null, lang);
  return [
    d.indicatorCount > d.indicators.length
      ? el("p", { class: "lede" }, t(lang, "explore.indicatorsMore", formatCount(d.indicatorCount, lang), d.indicators.length))
      : el("p", { class: "lede" }, t(lang, "site.indicatorsLede", d.indicators.length, named)),
    d.charts.indicators ? chartFigure(d.charts.indicators, { lang, source: `${file} ${t(lang, "site.indicatorTable")}`, csv: o.csvHref?.("indicators"), exportName: o.host === "page" ? undefined : unitChartName(d, "indicators", lang) }) : null,
    indicatorTables(d.indicators, d.findings, { lang, level: o.level + 1 }),
  ];
}

function tasksSection(d: UnitData, lang: Lang): Kids[] {
  if (!d.tasks.length) return [el("p", {}, t(lang, "site.noTasks"))];
  // The names first, each task's content folded under a summary line.
  return [el("details", { class: "fold" }, el("summary", {}, t(lang, "view.showTasks", d.tasks.length)),
    el("ol", { class: "tasks" }, d.tasks.map((task) => el("li", { id: task.task_id },
      el("strong", {}, zh(task.task_name, lang)), el("br"), zh(task.task_content, lang), " ",
      el("span", { class: "where" }, t(lang, "site.paren", sourceText(task.source_file, task.source_row, null, lang)))))))];
}

function dutiesSection(d: UnitData, o: UnitViewOptions): Kids[] {
  const { lang } = o;
  // Each text folded under its heading line (long texts; a leader reads the figures first).
  const text = (label: string, body: string | null) => {
    const ps = (body ?? "").split("\n").filter(Boolean);
    const heading = el(`h${o.level + 1}`, {}, label);
    if (!ps.length) return [heading, el("p", {}, t(lang, "site.notGiven"))];
    return el("details", { class: "fold" }, el("summary", {}, heading, " ", el("span", { class: "where" }, t(lang, "view.showText"))),
      el("div", { class: "paras" }, ps.map((p) => el("p", {}, zh(p, lang)))));
  };
  return [text(t(lang, "site.duties"), d.unit.duties), text(t(lang, "site.goals"), d.unit.goals)];
}

function findingsSection(d: UnitData, o: UnitViewOptions): Kids[] {
  const { lang } = o;
  if (o.checking) return [el("p", { "data-checking": "" }, t(lang, "explore.checking"))];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of d.findings) counts[f.severity]++;
  return [
    el("p", { class: "lede" }, t(lang, "site.findingsLede", counts.error, counts.warning, counts.info)),
    findingList(d.findings, { lang, indicators: d.indicators, budget: d.budget }),
    d.findingsMore ? el("p", { class: "where" }, t(lang, "explore.findingsMore", d.findings.length)) : null,
  ];
}

const HEADING: Record<UnitSection, MessageKey> = {
  budget: "site.budgetH", projects: "project.unitH", indicators: "site.indicatorsH", tasks: "site.tasksH", duties: "site.dutiesH", findings: "site.findingsH",
};

export const unitSectionTitle = (s: UnitSection, lang: Lang) => t(lang, HEADING[s]) as string;

/** One section, headed, as <section data-section=…>; its heading's id is the section's name (the page's #budget …). */
export function unitSection(s: UnitSection, d: UnitData, o: UnitViewOptions): Element {
  const body: Kids[] =
    s === "budget" ? budgetSection(d, o)
    : s === "projects" ? projectsSection(d, o)
    : s === "indicators" ? indicatorsSection(d, o)
    : s === "tasks" ? tasksSection(d, o.lang)
    : s === "duties" ? dutiesSection(d, o)
    : findingsSection(d, o);
  return el("section", { "data-section": s, "aria-labelledby": s }, el(`h${o.level}`, { id: s }, unitSectionTitle(s, o.lang)), body);
}

/** The key figures (when the unit declared its own budget or indicators) and every section the data has. */
export function unitView(d: UnitData, o: UnitViewOptions): Element[] {
  const sections = unitSectionsOf(d);
  return [sections.includes("budget") ? [headlineStrip(headline(d.headline, o.lang), o.lang), unitFigures(d, o.lang)] : [], ...sections.map((s) => unitSection(s, d, o))].flat();
}
