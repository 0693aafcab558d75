// A year's projects ranked across units, written once: one page of the ranking by a
// key (预算, 预算执行率, 得分), each row the project (linked to its page), its unit, its
// form, its amount to the fen, its rate where it has one, its score and grade where
// graded (未填报 and monitoring forms never are), and its three ranks; the pager over
// keys and pages. The published /compare/year/{year}/projects/{key}/{n}/ pages place it
// under their heading (CompareProjectsPage.astro); the workspace under its own.
import { formatWan, formatYuan } from "../core/format.ts";
import type { Ranked } from "../core/rollup.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { dataLang } from "../site/dataText.ts";
import { gradeName } from "../site/view.ts";
import { PAGE_PROJECTS, PROJECT_KEYS, projectPage, projectPages, type ProjectKey, type ProjectRanking, type YearProject } from "../site/projectRank.ts";
import { zh } from "./text.ts";
import { rankPager } from "./pager.ts";
import { el, type Element } from "./tree.ts";

export interface ProjectRankOptions {
  lang: Lang;
  /** Where a project's page is; the workspace opens it in itself. */
  projectHref: (p: YearProject) => string;
  /** The workspace marks its project links data-action="project" (it wires them once). */
  projectAction?: boolean;
  /** Where page n (1-based) of a key is. */
  pageHref: (key: ProjectKey, page: number) => string;
}

/** The page carries the 示例数据 notice when any project is illustrative; a declared project's amount is then marked 已申报. */
export const projectRankMarked = (r: ProjectRanking) => r.projects.some((p) => p.sample);

function resultCells(lang: Lang, p: YearProject, rs: number | null) {
  const none = t(lang, "compare.none");
  const grade = p.grade ? gradeName(p.grade, lang) : p.completion === "unfilled" ? t(lang, "project.notFilledH") : p.completion === "monitoring" ? t(lang, "compare.projMonitoring") : none;
  return [
    el("td", { class: "num", "data-label": t(lang, "compare.colScore") }, p.score ?? none),
    el("td", { "data-label": t(lang, "compare.colGrade"), "data-completion": p.completion }, grade),
    el("td", { class: "num", "data-label": `${t(lang, "compare.colScore")} ${t(lang, "compare.colRank")}` }, rs ?? none),
  ];
}

function rows(r: ProjectRanking, list: readonly Ranked<YearProject>[], o: ProjectRankOptions): Element[] {
  const { lang } = o;
  const none = t(lang, "compare.none");
  const rankOf = (k: ProjectKey, p: YearProject) => r.ranks[k].find((x) => x.item === p)!.rank;
  const marked = projectRankMarked(r);
  return list.map(({ item: p }) => {
    const id = p.project.project_id;
    const declared = marked && !p.sample && p.amountFen !== null;
    return el("tr", { id: `pr-${p.project.unit_id}-${id}`, "data-project": id },
      el("th", { scope: "row", "data-label": t(lang, "project.colName") },
        el("a", { href: o.projectHref(p), lang: dataLang(lang), "data-action": o.projectAction ? "project" : null, "data-project": o.projectAction ? id : null, "data-unit": o.projectAction ? p.project.unit_id : null }, p.project.project_name)),
      el("td", { "data-label": t(lang, "compare.colUnit") }, zh(p.project.unit_name, lang)),
      el("td", { "data-label": t(lang, "project.colForm") }, t(lang, "project.formKind")[p.project.form_kind]),
      el("td", { class: "num", "data-label": t(lang, "compare.colBudget"), "data-declared": declared ? "" : null },
        el("span", { class: "cmp-yuan" }, p.amountFen === null ? none : formatYuan(p.amountFen, lang)),
        el("span", { class: "cmp-wan" }, p.amountFen === null ? "" : formatWan(p.amountFen, lang)),
        declared ? el("span", { class: "badge declared" }, t(lang, "compare.badgeDeclared")) : null),
      el("td", { class: "num", "data-label": `${t(lang, "compare.colBudget")} ${t(lang, "compare.colRank")}` }, rankOf("budget", p) ?? none),
      el("td", { class: "num", "data-label": t(lang, "compare.colRate") }, p.rate === null ? none : `${p.rate}%`),
      el("td", { class: "num", "data-label": `${t(lang, "compare.colRate")} ${t(lang, "compare.colRank")}` }, rankOf("rate", p) ?? none),
      resultCells(lang, p, rankOf("score", p)));
  });
}

/** Page n of the ranking by one key: the lede, the pager over keys and pages, the table. */
export function projectRankSections(r: ProjectRanking, key: ProjectKey, n: number, o: ProjectRankOptions): Element[] {
  const { lang } = o;
  const pages = projectPages(r);
  const list = projectPage(r, key, n);
  const first = (n - 1) * PAGE_PROJECTS + 1;
  const col = (label: string, num = false) => el("th", { scope: "col", class: num ? "num" : null }, label);
  const sortKey = t(lang, "compare.sortKey");
  const pager = rankPager(lang, { keys: PROJECT_KEYS, key, label: (k) => sortKey[k], n, pages, href: o.pageHref });
  return [
    el("p", { class: "lede" }, t(lang, "compare.projRankLede", first, first + list.length - 1, r.projects.length, r.units)),
    pager,
    el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-rank cmp-proj-rank" },
      el("caption", {}, t(lang, "compare.projRankCaption", r.year, sortKey[key], n, pages)),
      el("thead", {}, el("tr", {},
        col(t(lang, "project.colName")), col(t(lang, "compare.colUnit")), col(t(lang, "project.colForm")),
        col(t(lang, "compare.colBudget"), true), col(t(lang, "compare.colRank"), true),
        col(t(lang, "compare.colRate"), true), col(t(lang, "compare.colRank"), true),
        col(t(lang, "compare.colScore"), true), col(t(lang, "compare.colGrade")), col(t(lang, "compare.colRank"), true))),
      el("tbody", {}, rows(r, list, o)))),
  ];
}
