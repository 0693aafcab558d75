// What the project pages and the unit page's project list show (src/site/projectView.ts), and the
// queries behind them on the canonical tables of four real project forms (test/fixtures/site-projects).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataFolders } from "../src/query/node.ts";
import { queries, type BudgetRow, type ExecutionRow, type FindingRow } from "../src/query/queries.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { completionOf, declaredTotal, executionTotal, lineRate, projectAmount, projectPath, projectsAgainstDeclared, resultText } from "../src/site/projectView.ts";
import type { ProgressReport } from "../src/core/progress.ts";

const line = (kind: BudgetRow["kind"], item: string, amount: string, line_id = item): BudgetRow => ({ line_id, kind, item, amount, source_file: "f.csv", source_row: 1 });
const exec = (item: string, budget_initial: string | null, budget_full_year: string | null, executed: string | null): ExecutionRow => ({ period: "yearend", as_of: null, item, budget_initial, budget_full_year, executed, declared_rate: null, source_file: "f.csv", source_row: 1 });
const finding = (code: string, subject: string): FindingRow => ({ severity: "info", code, message: "", message_en: null, subject, source_file: "f.csv", source_row: 1, source_column: null });
const report = (r: Partial<ProgressReport>) => ({ period: "yearend", filled: true, result: { total: "87.50", grade: "良" }, execution: null, ...r }) as ProgressReport;

describe("projectView", () => {
  const unit = [line("total", "部门整体预算总额", "300.00"), line("structure", "基本支出", "150.00"), line("structure", "项目支出", "150.00", "bP")];

  it("projectsAgainstDeclared(unit budget, project totals, findings) says what the core's finding says, to the fen", () => {
    expect(projectsAgainstDeclared(unit, ["100.00", "50.00"], [])).toEqual({ state: "ok", text: "已读入项目合计 150.00 元 = 申报的项目支出 150.00 元" });
    expect(projectsAgainstDeclared(unit, ["100.01"], [finding("budget.projects_partial", "bP")])).toEqual({ state: "partial", text: "已读入项目合计 100.01 元，少于申报的项目支出 150.00 元：尚未读入全部项目" });
    expect(projectsAgainstDeclared(unit, ["200.00"], [finding("budget.projects_exceed", "bP")], "en")?.state).toBe("exceed");
    // A finding about another line is not this one's.
    expect(projectsAgainstDeclared(unit, ["100.00"], [finding("budget.projects_partial", "other")])?.state).toBe("ok");
    expect(projectsAgainstDeclared(unit.slice(0, 2), ["100.00"], [])).toBeNull();
    expect(projectsAgainstDeclared(unit, [null], [])).toBeNull();
  });

  it("projectAmount(budget, execution) is the declared total, else 全年预算数, else 年初预算数", () => {
    expect(projectAmount([line("total", "资金总额", "1.00"), line("total", "当年资金总额", "2.00")], [])).toBe("1.00");
    expect(declaredTotal([line("source", "财政拨款", "1.00")])).toBeNull();
    expect(projectAmount([], [exec("财政拨款", "5.00", "6.00", "6.00"), exec("年度资金总额", "3.00", null, "1.00")])).toBe("3.00");
    expect(executionTotal([exec("财政拨款", "5.00", "6.00", "6.00")])?.item).toBe("财政拨款");
    expect(projectAmount([], [])).toBeNull();
  });

  it("lineRate(line) is 执行数 over 全年预算数 (else 年初), — without a budget", () => {
    expect(lineRate(exec("总额", "100.00", "200.00", "50.00"))).toBe("25.0%");
    expect(lineRate(exec("总额", "200.00", null, "87.57"))).toBe("43.8%");
    expect(lineRate(exec("总额", "0.00", "0.00", "0.00"))).toBe("—");
    expect(lineRate(exec("总额", null, null, null))).toBe("—");
  });

  it("completionOf(report) grades a filled year-end report only; a monitoring form is never graded", () => {
    expect(completionOf({ period: "yearend", filled: true })).toBe("graded");
    expect(completionOf({ period: "yearend", filled: false })).toBe("unfilled");
    expect(completionOf({ period: "midyear", filled: true })).toBe("monitoring");
    expect(resultText([report({})])).toBe("87.50（良）");
    expect(resultText([report({ filled: false })])).toBe("未填报");
    expect(resultText([report({ period: "midyear", execution: { rate: "39.80", timeProgress: "50.00" } as ProgressReport["execution"] })])).toBe("执行率 39.80%，序时进度 50.00%");
    expect(resultText([])).toBe("—");
  });

  it("projectPath(project) is unit/{unit}/{year}/project/{project}/", () => {
    expect(projectPath({ unit_id: "u1", fiscal_year: 2026, project_id: "p1" })).toBe("unit/u1/2026/project/p1/");
  });
});

describe("the project queries on test/fixtures/site-projects", () => {
  let db: QueryEngine;
  beforeAll(async () => {
    db = await openDataFolders([{ dir: "test/fixtures/site-projects", status: "declared" }]);
  });
  afterAll(() => db?.close());

  it("queries.projects lists the four projects with their units", async () => {
    const rows = await queries.projects(db);
    expect(rows.map((p) => [p.project_id, p.project_name, p.unit_name, p.form_kind]).sort()).toEqual([
      ["p33a16b856d824926", "申遗经费", "黄石市文物局(湖北水泥遗址博物馆)", "project_monitoring"],
      ["p5544bfaea8ef30a9", "工资性支出", "青神县发展和改革局", "project_selfeval"],
      ["p60e6c9a824e8a82b", "教育系统基础设施建设和设备购置", "武汉市青山区教育局", "project_declaration"],
      ["pe210eef0d8c8c9b4", "委托业务项目", "池州市贵池区棠溪镇人民政府", "project_selfeval"],
    ]);
  });

  it("a project's budget, execution and indicators are its own; the unit queries keep to the unit's rows", async () => {
    const budget = await queries.projectBudget(db, "p60e6c9a824e8a82b", 2020);
    expect(budget.map((b) => [b.kind, b.item, b.amount])).toEqual([
      ["total", "资金总额", "100000000.00"],
      ["total", "当年资金总额", "100000000.00"],
      ["source", "财政拨款", "100000000.00"],
      ["source", "当年财政拨款", "100000000.00"],
    ]);
    const execution = await queries.projectExecution(db, "pe210eef0d8c8c9b4", 2022);
    expect(execution.find((l) => l.item === "本年财政拨款")).toMatchObject({ budget_initial: "900000.00", budget_full_year: "899740.00", executed: "899740.00", source_row: 8 });
    expect((await queries.projectIndicators(db, "pe210eef0d8c8c9b4", 2022)).length).toBe(9);
    expect(await queries.budget(db, "uc33a21ac1e7e067f", 2020)).toEqual([]);
    expect(await queries.indicators(db, "ua9eced17b86628fb", 2022)).toEqual([]);
  });
});

describe("a unit read from its declaration and from a project form (test/fixtures/site-projects-unit beside site-projects)", () => {
  let db: QueryEngine;
  beforeAll(async () => {
    db = await openDataFolders([{ dir: "test/fixtures/site-projects", status: "declared" }, { dir: "test/fixtures/site-projects-unit", status: "sample" }]);
  });
  afterAll(() => db?.close());

  it("queries.units gives the unit-year once, from its declaration; queries.projects lists each project once", async () => {
    const units = (await queries.units(db)).filter((u) => u.unit_id === "uc33a21ac1e7e067f");
    expect(units.map((u) => [u.fiscal_year, u.data_source, u.source_file])).toEqual([[2020, "sample", "test/fixtures/site-projects-unit/units.csv"]]);
    expect((await queries.projects(db)).length).toBe(4);
  });
});
