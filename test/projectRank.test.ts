// A year's projects ranked across units (src/site/projectRank.ts, src/views/projectRank.ts): the figures of
// each project, the rankings' order and ties, 未填报 and monitoring never graded, a missing rate shown as
// missing, the pages listing every project once per key; and the query route on test/fixtures/site-projects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataFolders } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import type { BudgetRow, ExecutionRow, ProjectRow } from "../src/query/queries.ts";
import type { ProgressReport } from "../src/core/progress.ts";
import { loadProjectRanking, PAGE_PROJECTS, PROJECT_KEYS, projectPage, projectPages, rankProjects, yearProject } from "../src/site/projectRank.ts";
import { projectRankSections } from "../src/views/projectRank.ts";
import { toHtml } from "../src/views/tree.ts";
import { fileURLToPath } from "node:url";
import { expectSnapshot } from "./chartAssertions.ts";

const SNAPSHOTS = fileURLToPath(new URL("./snapshots/views/", import.meta.url));
const lines = (html: string) => html.replace(/><(?=\/?(?:div|table|thead|tbody|tr|ol|li|p|nav)\b)/g, ">\n<") + "\n";

const proj = (id: string, unit: string, name = id, data_source: ProjectRow["data_source"] = "declared"): ProjectRow => ({
  project_id: id, unit_id: unit, fiscal_year: 2026, project_name: name, project_code: null, supervisor: null, implementer: null, implementation_period: null,
  project_type: null, form_kind: "project_selfeval", goals_long: null, goals_annual: null, goals_actual: null, data_source, source_file: "f.csv", source_row: 1, unit_name: `单位${unit}`,
});
const total = (amount: string): BudgetRow => ({ line_id: "t", kind: "total", item: "资金总额", amount, source_file: "f.csv", source_row: 1 });
const exec = (full: string | null, executed: string | null, initial: string | null = null): ExecutionRow => ({ period: "yearend", as_of: null, item: "年度资金总额", budget_initial: initial, budget_full_year: full, executed, declared_rate: null, source_file: "f.csv", source_row: 1 });
const report = (r: Partial<ProgressReport>) => ({ period: "yearend", filled: true, result: { total: "87.50", grade: "良" }, execution: null, ...r }) as ProgressReport;

describe("yearProject(project, budget, execution, reports)", () => {
  it("takes the declared total, the rate of the execution total and the grade of a graded year-end report", () => {
    const p = yearProject(proj("p1", "u1"), [total("1000.00")], [exec("800.00", "600.00")], [report({})]);
    expect(p).toMatchObject({ amountFen: 100000n, rate: "75.00", completion: "graded", score: "87.50", grade: "良" });
  });
  it("gives no rate, not 0, when there is no execution or no budget", () => {
    expect(yearProject(proj("p", "u"), [total("1.00")], [], []).rate).toBeNull();
    expect(yearProject(proj("p", "u"), [], [exec("0.00", "0.00")], []).rate).toBeNull();
    expect(yearProject(proj("p", "u"), [], [exec(null, "5.00", "10.00")], []).rate).toBe("50.00");
  });
  it("never grades 未填报 or a monitoring form", () => {
    const unfilled = yearProject(proj("p", "u"), [], [], [report({ filled: false })]);
    expect(unfilled).toMatchObject({ completion: "unfilled", score: null, grade: null });
    const mid = yearProject(proj("p", "u"), [], [], [report({ period: "midyear" })]);
    expect(mid).toMatchObject({ completion: "monitoring", score: null, grade: null });
  });
});

describe("rankProjects(year, projects)", () => {
  const a = yearProject(proj("a", "u2", "甲"), [total("300.00")], [exec("300.00", "150.00")], [report({ result: { total: "90.00", grade: "优" } } as Partial<ProgressReport>)]);
  const b = yearProject(proj("b", "u1", "乙"), [total("300.00")], [], [report({ filled: false })]);
  const c = yearProject(proj("c", "u1", "丙"), [total("500.00")], [exec("100.00", "99.00")], [report({})]);
  const d = yearProject(proj("d", "u3", "丁"), [], [], []);
  const r = rankProjects(2026, [a, b, c, d]);
  const order = (k: (typeof PROJECT_KEYS)[number]) => r.ranks[k].map((x) => [x.item.project.project_id, x.rank]);

  it("ranks by budget largest first; equal amounts share a rank, a project without one last and unranked", () => {
    // b and a tie at 300: b's unit (单位u1) sorts before a's (单位u2), and they share rank 2.
    expect(order("budget")).toEqual([["c", 1], ["b", 2], ["a", 2], ["d", null]]);
  });
  it("ranks by rate with the projects without one last, unranked (never as 0)", () => {
    expect(order("rate")).toEqual([["c", 1], ["a", 2], ["b", null], ["d", null]]);
  });
  it("ranks by score: a 未填报 project is not graded and not ranked", () => {
    expect(order("score")).toEqual([["a", 1], ["c", 2], ["b", null], ["d", null]]);
    expect(r.units).toBe(3);
  });
  it("pages every project exactly once per key, PAGE_PROJECTS a page", () => {
    const many = rankProjects(2026, Array.from({ length: 2 * PAGE_PROJECTS + 7 }, (_, i) => yearProject(proj(`p${i}`, `u${i % 9}`), [total(`${i}.00`)], [], [])));
    expect(projectPages(many)).toBe(3);
    for (const k of PROJECT_KEYS) {
      const listed = [1, 2, 3].flatMap((n) => projectPage(many, k, n).map((x) => x.item.project.project_id));
      expect(listed).toHaveLength(many.projects.length);
      expect(new Set(listed).size).toBe(many.projects.length);
    }
    expect(projectPage(many, "budget", 3)).toHaveLength(7);
  });
  it("projectRankSections shows a missing rate as missing, 未填报 in the grade column, and links each project", () => {
    const html = toHtml(projectRankSections(r, "budget", 1, { lang: "zh", projectHref: (p) => `/p/${p.project.project_id}/`, pageHref: (k, n) => `/${k}/${n}/` }));
    const row = (id: string) => html.match(new RegExp(`<tr id="pr-[^"]*-${id}"[\\s\\S]*?</tr>`))![0];
    expect(row("b")).toContain('data-completion="unfilled">未填报<');
    expect(row("b")).not.toContain("0.00%");
    expect(row("b")).toMatch(/data-label="预算执行率">—</);
    expect(row("a")).toContain('href="/p/a/"');
    expect(row("a")).toContain("300.00 元");
    expect(row("a")).toContain("50.00%");
    const en = toHtml(projectRankSections(r, "score", 1, { lang: "en", projectHref: () => "#", pageHref: () => "#" }));
    expect(en).toContain("Not reported");
    expect(en).not.toMatch(/未填报|预算/);
  });
  it("renders a ranking page as the published page's snapshot, in Chinese and in English (a declared project marked 已申报 beside an illustrative one)", () => {
    const mixed = rankProjects(2026, [a, c, d, yearProject(proj("s", "u4", "示例项目", "sample"), [total("42.00")], [exec("42.00", "42.00")], [report({ period: "midyear" })])]);
    for (const lang of ["zh", "en"] as const) {
      const html = toHtml(projectRankSections(mixed, "rate", 1, { lang, projectHref: (p) => `/${lang === "en" ? "en/" : ""}unit/${p.project.unit_id}/2026/project/${p.project.project_id}/`, pageHref: (k, n) => `/compare/year/2026/projects/${k}/${n}/` }));
      expect(html.match(/badge declared/g)).toHaveLength(2);
      expectSnapshot(lang === "zh" ? "projects-rank" : "projects-rank-en", lines(html), { dir: SNAPSHOTS, ext: "html" });
    }
  });
});

describe("loadProjectRanking(engine, year, reportsOf) on the site's project fixtures", () => {
  let e: QueryEngine;
  beforeAll(async () => { e = await openDataFolders([{ dir: "test/fixtures/site-projects", status: "declared" }]); });
  afterAll(async () => { await e?.close(); });
  it("lists every project of the year once in each ranking, in the query layer's figures", async () => {
    const rows = await (await import("../src/query/queries.ts")).queries.projects(e);
    const year = rows[0].fiscal_year;
    const r = await loadProjectRanking(e, year, () => []);
    const ids = rows.filter((p) => p.fiscal_year === year).map((p) => p.project_id).sort();
    for (const k of PROJECT_KEYS) expect(r.ranks[k].map((x) => x.item.project.project_id).sort()).toEqual(ids);
    expect(r.projects.some((p) => p.amountFen !== null)).toBe(true);
  });
});
