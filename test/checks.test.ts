// The reviewer's checks, each on a small hand-made declaration: quiet on a clean
// one, firing (with both figures in the message where there are figures) on a
// declaration with exactly one thing wrong.
import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { checkBudget, checkIndicators, checkTasks, runChecks } from "../src/core/checks.ts";
import { importFile } from "../src/core/import.ts";
import { parseTarget } from "../src/core/target.ts";
import { unitId } from "../src/core/ids.ts";
import type { BudgetLine, Dataset, Indicator, Task, Unit } from "../src/core/model.ts";
import { utf8 } from "./fixtures/variants.ts";

const NAME = "示例单位（测试）";
const UID = unitId(NAME);
const YEAR = 2026;
const file = "clean.csv";

function unit(over: Partial<Unit> = {}): Unit {
  return { id: UID, name: NAME, year: YEAR, fundingMethod: "全额", duties: ["职责一"], goals: ["目标一"], staffCount: 12, orgCount: 3, status: "sample", source: { file, row: 1 }, ...over };
}

function line(row: number, kind: BudgetLine["kind"], item: string, amountFen: bigint): BudgetLine {
  return { id: `b-${row}`, unitId: UID, year: YEAR, kind, item, amountFen, source: { file, row } };
}

function ind(level1: string, level2: string, name: string | null, target: string | null, row: number): Indicator {
  return { id: `i-${row}`, unitId: UID, year: YEAR, order: row, level1, level2, name, target, parsed: parseTarget(target, YEAR), note: null, source: { file, row } };
}

function task(name: string, content: string): Task {
  return { id: `t-${name}`, unitId: UID, year: YEAR, order: 1, name, content, source: { file, row: 5 } };
}

/** A declaration a reviewer would pass: reconciled budget, staff, every 一级 group, sound targets. */
function clean(): Dataset {
  return {
    units: [unit()],
    budget: [
      line(11, "total", "部门整体预算总额", 100_000_00n),
      line(12, "source", "财政拨款", 90_000_00n),
      line(13, "source", "其他资金", 10_000_00n),
      line(14, "structure", "基本支出", 60_000_00n),
      line(15, "structure", "项目支出", 40_000_00n),
    ],
    tasks: [task("任务一", "内容")],
    indicators: [
      ind("投入管理指标", "预算编审管理", null, null, 20),
      ind("产出指标", "数量指标", "培训场次", "≥12(场)", 21),
      ind("产出指标", "质量指标", "验收合格率", "≥95%", 22),
      ind("产出指标", "时效指标", "完成及时性", "10月底前", 23),
      ind("产出指标", "成本指标", "培训成本控制数", "≤8.00(万元)", 24),
      ind("效益指标", "社会效益指标", "服务能力", "有效提升", 25),
      ind("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", 26),
    ],
    findings: [],
  };
}

type Edit = (d: Dataset) => void;
const setIndicator = (row: number, patch: Partial<Indicator>): Edit => (d) => {
  const i = d.indicators.find((x) => x.source.row === row)!;
  Object.assign(i, patch);
  i.parsed = parseTarget(i.target, i.year);
};
const setAmount = (item: string, fen: bigint): Edit => (d) => {
  d.budget.find((b) => b.item === item)!.amountFen = fen;
};

describe("runChecks on a clean declaration", () => {
  it("finds nothing at all", () => {
    expect(runChecks(clean())).toEqual([]);
  });
});

describe("each check fires on a declaration with one thing wrong", () => {
  it.each<[string, string, number, Edit]>([
    ["sources that do not add up", "budget.source_mismatch", 11, setAmount("其他资金", 9_999_00n)],
    ["a structure that does not add up", "budget.structure_mismatch", 11, setAmount("项目支出", 40_000_01n)],
    ["a negative line", "budget.negative", 13, (d) => { setAmount("其他资金", -1n)(d); setAmount("财政拨款", 100_000_01n)(d); }],
    ["zero staff with basic expenditure", "unit.zero_staff", 1, (d) => { d.units[0].staffCount = 0; }],
    ["zero internal departments", "unit.zero_orgs", 1, (d) => { d.units[0].orgCount = 0; }],
    ["no duties", "unit.no_duties", 1, (d) => { d.units[0].duties = []; }],
    ["no total line", "budget.no_total", 1, (d) => { d.budget = d.budget.filter((b) => b.kind !== "total"); }],
    ["a duplicated 三级 name", "indicator.duplicate_name", 30, (d) => { d.indicators.push(ind("产出指标", "数量指标", "培训场次", "≥1(场)", 30)); }],
    ["no 满意度指标 group", "indicator.missing_level1", 20, (d) => { d.indicators = d.indicators.filter((i) => i.level1 !== "满意度指标"); }],
    ["a target that fits no form", "target.unparsed", 25, setIndicator(25, { target: "视情况而定吧" })],
    ["a deadline outside the declared year", "target.deadline_outside_year", 23, setIndicator(23, { target: "2025年底" })],
    ["a count that must be below zero", "target.impossible", 21, setIndicator(21, { target: "<0(次)" })],
    ["a percentage above 100", "target.impossible", 22, setIndicator(22, { target: "≥101%" })],
    ["a satisfaction measured in 次", "target.unit_mismatch", 26, setIndicator(26, { target: "≥90(次)" })],
    ["a qualitative target under 数量指标", "target.not_quantified", 21, setIndicator(21, { target: "明显提升" })],
    ["a cost ceiling above the whole budget", "target.exceeds_budget", 24, setIndicator(24, { target: "≤100.01(万元)" })],
    ["a named indicator with no target", "indicator.no_target", 25, setIndicator(25, { target: null })],
    ["a vague deadline under 时效指标", "target.vague_deadline", 23, setIndicator(23, { target: "及时" })],
    ["a target with 20 digits", "target.implausible_number", 21, setIndicator(21, { target: "≥12345678901234567890(场)" })],
    ["a task without content", "task.no_content", 5, (d) => { d.tasks[0].content = " "; }],
  ])("%s → %s (row %i)", (_label, code, row, edit) => {
    const d = clean();
    edit(d);
    const findings = runChecks(d);
    expect(findings.map((f) => f.code)).toContain(code);
    const f = findings.find((x) => x.code === code)!;
    expect(f.location.row).toBe(row);
    expect(findingText(f, "zh")).not.toBe("");
    expect(findingText(f, "en")).not.toBe("");
  });

  it.each([
    ["sources", "budget.source_mismatch", setAmount("其他资金", 9_999_00n), ["99,999.00 元", "100,000.00 元", "-1.00 元"], ["¥99,999.00", "¥100,000.00", "-¥1.00"]],
    ["structure", "budget.structure_mismatch", setAmount("项目支出", 40_000_01n), ["100,000.01 元", "100,000.00 元", "0.01 元"], ["¥100,000.01", "¥100,000.00", "¥0.01"]],
  ] as const)("shows both figures and the difference in the %s mismatch message", (_label, code, edit, zh, en) => {
    const d = clean();
    edit(d);
    const f = checkBudget(d).find((x) => x.code === code)!;
    for (const s of zh) expect(findingText(f, "zh")).toContain(s);
    for (const s of en) expect(findingText(f, "en")).toContain(s);
    expect(f.severity).toBe("error");
    expect(f.subject).toBe(d.budget[0].id);
  });

  it("shows the ceiling and the budget in the exceeds-budget message, exactly", () => {
    const d = clean();
    setIndicator(24, { target: "≤100.01(万元)" })(d);
    const f = checkIndicators(d).find((x) => x.code === "target.exceeds_budget")!;
    expect(findingText(f, "zh")).toContain("1,000,100.00 元");
    expect(findingText(f, "zh")).toContain("100,000.00 元");
    expect(findingText(f, "en")).toContain("cost ceiling ¥1,000,100.00 of");
    expect(findingText(f, "en")).toContain("whole budget ¥100,000.00");
  });

  it.each([
    ['=HYPERLINK("http://x","y")'],
    ["+1+1"],
    ["@SUM(A1)"],
    ["-2*3"],
    ["=A1"],
  ])("flags the formula-like cell %s (as a name and as a target), keeping the text", (cell) => {
    for (const patch of [{ name: cell }, { target: cell }]) {
      const d = clean();
      setIndicator(25, patch)(d);
      const f = checkIndicators(d).filter((x) => x.code === "cell.formula_like");
      expect(f).toHaveLength(1);
      expect(f[0].location.row).toBe(25);
      expect(d.indicators.find((i) => i.source.row === 25)![Object.keys(patch)[0] as "name"]).toBe(cell);
    }
  });

  it.each([["=100.00(率)"], ["-5%"], ["+5%"], ["≥95%"], ["=0"]])("does not flag the ordinary target %s as a formula", (target) => {
    const d = clean();
    setIndicator(22, { target })(d);
    expect(checkIndicators(d).map((f) => f.code)).not.toContain("cell.formula_like");
  });

  it.each([
    ["<0.00(次)", true],
    ["≤0(次)", false],
    ["=0(次)", false],
    ["≥101%", true],
    [">100%", true],
    ["≥100%", false],
    ["<0(℃)", false], // temperature can be negative
  ])("judges %s impossible: %s", (target, impossible) => {
    const d = clean();
    setIndicator(21, { name: "某项指标", target })(d);
    expect(checkIndicators(d).some((f) => f.code === "target.impossible")).toBe(impossible);
  });

  it("keeps per-unit checks apart when a dataset holds several units and years", () => {
    const a = clean();
    const other = clean();
    for (const x of [...other.units, ...other.budget, ...other.indicators]) {
      (x as { year: number }).year = 2025;
    }
    setAmount("其他资金", 1n)(other);
    const d: Dataset = { units: [...a.units, ...other.units], budget: [...a.budget, ...other.budget], tasks: a.tasks, indicators: [...a.indicators, ...other.indicators], findings: [] };
    const codes = runChecks(d).map((f) => f.code);
    expect(codes.filter((c) => c === "budget.source_mismatch")).toHaveLength(1);
    expect(codes).not.toContain("indicator.duplicate_name");
  });

  it("checkTasks is quiet when every task has content", () => {
    expect(checkTasks(clean())).toEqual([]);
  });
});

describe("the form parser's own check: an empty 二级 group", () => {
  const form = (rows: string[]) =>
    importFile(
      "g.txt",
      utf8(["单位整体支出绩效目标申报表", "(2026 年度)", `单位名称\t${NAME}`, "绩效指标", "一级指标\t二级指标\t三级指标\t指标值", ...rows].join("\n")),
    );

  it("reports indicator.empty_group at the label's row", () => {
    const d = form(["产出指标\t数量指标\t培训场次\t≥12(场)", "\t质量指标\t\t", "\t时效指标\t完成及时性\t10月底前"]);
    expect(d.findings.filter((f) => f.code === "indicator.empty_group").map((f) => f.location.row)).toEqual([7]);
    expect(d.indicators.map((i) => [i.level2, i.name])).toEqual([
      ["数量指标", "培训场次"],
      ["时效指标", "完成及时性"],
    ]);
  });

  it("does not report the 投入管理 items, whose 二级 rows are the items", () => {
    const d = form(["投入管理指标\t预算编审管理\t\t", "\t预算执行管理\t\t", "产出指标\t数量指标\t培训场次\t≥12(场)"]);
    expect(d.findings.map((f) => f.code)).not.toContain("indicator.empty_group");
    expect(d.indicators).toHaveLength(3);
  });

  it("reports indicator.no_level1 when a 二级 label has no 一级 above it and none can be implied", () => {
    const d = form(["\t自定义指标\t某项\t≥1(个)"]);
    expect(d.findings.map((f) => f.code)).toContain("indicator.no_level1");
  });
});
