// The real seed declaration (data/raw/000_83bc0b582c527eae.txt) through importFile:
// every figure, name and finding a reviewer would read, asserted exactly; then the
// same form edited (blank lines, repeated headers, shifted cells, groups moved) to
// show that rows are placed by their content, not by this file's row numbers.
import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { importFile } from "../src/core/import.ts";
import type { Dataset, Indicator } from "../src/core/model.ts";
import { SEED_BYTES, SEED_LINES, SEED_NAME, utf8 } from "./fixtures/variants.ts";

const data = importFile(SEED_NAME, SEED_BYTES);
const unit = data.units[0];
const named = data.indicators.filter((i) => i.name !== null);
const byName = (name: string, d: Dataset = data): Indicator => {
  const found = d.indicators.find((i) => i.name === name);
  if (!found) throw new Error(`no indicator ${name}`);
  return found;
};
const rowsOf = (code: string, d: Dataset = data) => d.findings.filter((f) => f.code === code).map((f) => f.location.row);

/** The seed's 53 named indicators, in order: 一级, 二级, 三级, 指标目标值 as declared. */
const NAMED: readonly (readonly [string, string, string, string])[] = [
  ["产出指标", "数量指标", "器材购置更新完成数", "≥200.00(个)"],
  ["产出指标", "数量指标", "书籍购置完成量", "≥15000.00(本)"],
  ["产出指标", "数量指标", "器材维修工作完成数", "≥100.00(个)"],
  ["产出指标", "数量指标", "艺术馆运营工作完成率", "=100.00(率)"],
  ["产出指标", "数量指标", "全面开放运营人员到岗数", "≥86.00(人)"],
  ["产出指标", "数量指标", "社区党校完成培训工作", "=100.00(率)"],
  ["产出指标", "数量指标", "公共文化活动策划场次", "≥157.00(场)"],
  ["产出指标", "数量指标", "社区党校党建活动", "≥2.00(个)"],
  ["产出指标", "数量指标", "场地维护与管理工作的完成数", "≥130.00(次)"],
  ["产出指标", "数量指标", "重大活动举办场次", "≥2.00(次)"],
  ["产出指标", "数量指标", "参加与组织赛事活动完成数", "≥40.00(个)"],
  ["产出指标", "质量指标", "党校积极分子培训通过率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "活动开展主题契合度", "=100.00(百分比)"],
  ["产出指标", "质量指标", "场地器材维护验收合格率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "艺术馆运营工作考核达标率", "≥100.00(率)"],
  ["产出指标", "质量指标", "器材购置更新验收合格率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "第三方运营和物业管理考核达标率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "活动举办质量达标率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "服务人员资质达标率", "=100.00(百分比)"],
  ["产出指标", "质量指标", "长者之家会员数量", "=100.00(人数)"],
  ["产出指标", "质量指标", "运动场及监测站志愿者服务质量", "满意"],
  ["产出指标", "时效指标", "党群服务站各项日常管理运行工作完成及时性", "10月底前"],
  ["产出指标", "时效指标", "场地维护与管理工作的完成及时性", "及时"],
  ["产出指标", "时效指标", "社区党校培训工作完成及时率", "≥100.00(率)"],
  ["产出指标", "时效指标", "器材购置更新工作的完成及时性", "按时"],
  ["产出指标", "时效指标", "第三方响应及时率", "及时"],
  ["产出指标", "时效指标", "文献购置及时性", "2024年底"],
  ["产出指标", "时效指标", "艺术馆运营工作的完成及时性", "及时"],
  ["产出指标", "时效指标", "活动计划按期完成及时性", "10月底前"],
  ["产出指标", "时效指标", "活动工作完成及时性", "10月底前"],
  ["产出指标", "时效指标", "健身场地检查及时性", "及时"],
  ["产出指标", "成本指标", "党群服务单场课程人均预算控制数", "≤80.00(元)"],
  ["产出指标", "成本指标", "文化馆成本预算控制数", "≤685.74(万元)"],
  ["产出指标", "成本指标", "体育器材维护预算控制数", "≤8.00(万元)"],
  ["产出指标", "成本指标", "图书馆运营人员人均单价控制数", "≤146400.00(元)"],
  ["效益指标", "社会效益指标", "安全事故发生数", "<0.00(次)"],
  ["效益指标", "社会效益指标", "提升辖区群众体育活动参与度", "有效提升"],
  ["效益指标", "社会效益指标", "党群工作影响力提升", "提升"],
  ["效益指标", "社会效益指标", "保障图书馆运行平稳", "运行平稳"],
  ["效益指标", "社会效益指标", "场地设施设备安全事故发生率", "<0.00(次)"],
  ["效益指标", "社会效益指标", "党群服务站辐射能力提升", "提升"],
  ["效益指标", "社会效益指标", "活动参与度提升", "提升"],
  ["效益指标", "社会效益指标", "党建活动宣传知晓度", "提升"],
  ["效益指标", "社会效益指标", "辖区学习型城市建设情况", "水平提升"],
  ["效益指标", "社会效益指标", "文化素养提升", "逐年提升"],
  ["效益指标", "社会效益指标", "设施设备完好率", "≥95.00(百分比)"],
  ["效益指标", "可持续影响指标", "文化工作长效管理机制", "健全有效"],
  ["效益指标", "可持续影响指标", "党群工作长效管理机制健全性", "健全"],
  ["效益指标", "可持续影响指标", "场地设施资产管理机制健全性", "健全有效"],
  ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90.00(次)"],
  ["满意度指标", "服务对象满意度指标", "活动参与人员满意度", "≥85.00(次)"],
  ["满意度指标", "服务对象满意度指标", "培训参加人员满意度", "≥90.00(次)"],
  ["满意度指标", "服务对象满意度指标", "相关居民满意度", "≥90.00(次)"],
];

const INPUT_ITEMS = ["预算编审管理", "预算执行管理", "预算绩效管理", "资产管理", "预算透明度", "内部控制管理", "预算信息化"];

const GROUPS: readonly (readonly [string, string, number])[] = [
  ["产出指标", "数量指标", 11],
  ["产出指标", "质量指标", 10],
  ["产出指标", "时效指标", 10],
  ["产出指标", "成本指标", 4],
  ["效益指标", "社会效益指标", 11],
  ["效益指标", "可持续影响指标", 3],
  ["满意度指标", "服务对象满意度指标", 4],
];

const groupCounts = (d: Dataset) => {
  const counts = new Map<string, number>();
  for (const i of d.indicators) if (i.name) counts.set(`${i.level1}/${i.level2}`, (counts.get(`${i.level1}/${i.level2}`) ?? 0) + 1);
  return Object.fromEntries(counts);
};
const EXPECTED_GROUPS = Object.fromEntries(GROUPS.map(([l1, l2, n]) => [`${l1}/${l2}`, n]));
/** name → 一级/二级/target: what must survive any re-layout of the table. */
const placement = (d: Dataset) => d.indicators.filter((i) => i.name).map((i) => [i.name, i.level1, i.level2, i.target]);
const EXPECTED_PLACEMENT = NAMED.map(([l1, l2, name, target]) => [name, l1, l2, target]);

describe("importFile on the seed reads the unit", () => {
  it("finds one unit, 上海市闵行区江川路街道社区党群服务中心, for 2026, funded 全额", () => {
    expect(data.units).toHaveLength(1);
    expect(unit.name).toBe("上海市闵行区江川路街道社区党群服务中心");
    expect(unit.year).toBe(2026);
    expect(unit.fundingMethod).toBe("全额");
    expect(unit.status).toBe("declared");
  });

  it("splits 单位职责 into 12 plain-text paragraphs with no <p> left", () => {
    expect(unit.duties).toHaveLength(12);
    expect(unit.duties[0]).toBe("(一) 贯彻落实执行新时代党的组织路线等相关法律法规和政策；");
    expect(unit.duties[11].startsWith("(十二) ")).toBe(true);
    for (const p of unit.duties) expect(p).not.toMatch(/<\/?p>|<|>/);
  });

  it("reads 年度履职目标 as 1 plain-text paragraph", () => {
    expect(unit.goals).toHaveLength(1);
    expect(unit.goals[0].startsWith("通过开展辖区各项党建工作")).toBe(true);
    expect(unit.goals[0]).not.toMatch(/<\/?p>/);
  });

  it("reads 年末在职人数 0 and 内设机构数 0 as numbers", () => {
    expect(unit.staffCount).toBe(0);
    expect(unit.orgCount).toBe(0);
  });
});

describe("importFile on the seed reads the budget exactly, in fen", () => {
  it.each([
    ["total", "部门整体预算总额", 9278733100n],
    ["source", "财政拨款", 9278733100n],
    ["source", "其他资金", 0n],
    ["structure", "基本支出", 5083928487n],
    ["structure", "项目支出", 4194804613n],
  ] as const)("has a %s line %s of %s fen", (kind, item, fen) => {
    const line = data.budget.find((b) => b.kind === kind && b.item === item);
    expect(line?.amountFen).toBe(fen);
    expect(typeof line?.amountFen).toBe("bigint");
  });

  it("has exactly those 5 lines", () => {
    expect(data.budget.map((b) => b.item)).toEqual(["部门整体预算总额", "财政拨款", "其他资金", "基本支出", "项目支出"]);
  });

  it("reconciles: sources and structure each add up to the total, and no mismatch is reported", () => {
    const total = data.budget.find((b) => b.kind === "total")!.amountFen;
    const sum = (kind: string) => data.budget.filter((b) => b.kind === kind).reduce((s, b) => s + b.amountFen, 0n);
    expect(sum("source")).toBe(total);
    expect(sum("structure")).toBe(total);
    expect(data.findings.filter((f) => /^budget\..*_mismatch$/.test(f.code))).toEqual([]);
  });
});

describe("importFile on the seed reads the 10 key tasks", () => {
  it("names them in order", () => {
    expect(data.tasks.map((t) => t.name)).toEqual([
      "聚焦品牌提升，增强文化辐射力。",
      "持续优化公共文化服务。",
      "加强非遗保护与活态传承。",
      "净化文化环境，提升治理效能。",
      "加强文艺团队梯队建设。",
      "社区健身设施更新项目",
      "体育场地普查",
      "国民体质监测工作",
      "全民健身活动的组织与参与",
      "大零号湾体育活动中心运营测评",
    ]);
    expect(data.tasks.map((t) => t.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("joins task 1's content across the page break (…培育 | 多元业态…)", () => {
    expect(data.tasks[0].content).toContain("培育多元业态");
    expect(data.tasks[0].content.endsWith("推动语言艺术普及与传播。")).toBe(true);
    expect(data.tasks[0].source.row).toBe(11);
  });
});

describe("importFile on the seed reads the indicator table", () => {
  it("has 60 indicators, 53 of them with a 三级 name", () => {
    expect(data.indicators).toHaveLength(60);
    expect(named).toHaveLength(53);
    expect(data.indicators.map((i) => i.order)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("reads the 7 投入管理指标 items in order, with no name or target, the basis note on the first only", () => {
    const items = data.indicators.slice(0, 7);
    expect(items.map((i) => i.level2)).toEqual(INPUT_ITEMS);
    for (const i of items) {
      expect(i.level1).toBe("投入管理指标");
      expect(i.name).toBeNull();
      expect(i.target).toBeNull();
      expect(i.parsed).toEqual({ kind: "none" });
    }
    expect(items[0].note).toBe("根据沪财绩【2022】13号文的规定要求设置三级指标和指标值");
    expect(items.slice(1).map((i) => i.note)).toEqual([null, null, null, null, null, null]);
  });

  it("reads the 53 named indicators exactly (一级, 二级, 三级, 指标值)", () => {
    expect(named.map((i) => [i.level1, i.level2, i.name, i.target])).toEqual(NAMED);
  });

  it.each(GROUPS)("counts %s / %s: %i", (l1, l2, n) => {
    expect(data.indicators.filter((i) => i.level1 === l1 && i.level2 === l2)).toHaveLength(n);
  });

  it.each([
    ["运动场及监测站志愿者服务质量", "产出指标", "质量指标", "满意", 62],
    ["活动工作完成及时性", "产出指标", "时效指标", "10月底前", 71],
    ["健身场地检查及时性", "产出指标", "时效指标", "及时", 72],
    ["党群服务单场课程人均预算控制数", "产出指标", "成本指标", "≤80.00(元)", 73],
    ["场地设施资产管理机制健全性", "效益指标", "可持续影响指标", "健全有效", 91],
  ])("places the misplaced row %s under %s/%s with target %s (row %i)", (name, l1, l2, target, row) => {
    const i = byName(name);
    expect([i.level1, i.level2, i.target, i.source.row]).toEqual([l1, l2, target, row]);
  });

  it.each([
    ["器材购置更新完成数", { kind: "quantitative", op: ">=", value: "200.00", unit: "个", direction: "higher" }],
    ["文化馆成本预算控制数", { kind: "quantitative", op: "<=", value: "685.74", unit: "万元", direction: "lower" }],
    ["安全事故发生数", { kind: "quantitative", op: "<", value: "0.00", unit: "次", direction: "lower" }],
    ["艺术馆运营工作完成率", { kind: "quantitative", op: "=", value: "100.00", unit: "率", direction: "equal" }],
    ["党群服务站各项日常管理运行工作完成及时性", { kind: "deadline", date: "2026-10-31", explicitYear: null }],
    ["文献购置及时性", { kind: "deadline", date: "2024-12-31", explicitYear: 2024 }],
    ["文化工作长效管理机制", { kind: "qualitative", text: "健全有效", recognised: true }],
  ] as const)("parses the target of %s as %j", (name, parsed) => {
    expect(byName(name).parsed).toEqual(parsed);
  });

  it("gives every indicator a stable, unique id: importing twice gives the same ids", () => {
    const again = importFile(SEED_NAME, SEED_BYTES);
    const ids = data.indicators.map((i) => i.id);
    expect(again.indicators.map((i) => i.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(60);
    expect(new Set([...data.budget, ...data.tasks].map((x) => x.id)).size).toBe(15);
    for (const id of ids) expect(id).toMatch(/^i[0-9a-f]{16}(-\d+)?$/);
  });

  it("gives the same ids when the file has another name (ids come from content)", () => {
    const elsewhere = importFile("elsewhere/2026.txt", SEED_BYTES);
    expect(elsewhere.indicators.map((i) => i.id)).toEqual(data.indicators.map((i) => i.id));
    expect(elsewhere.units[0].id).toBe(unit.id);
  });
});

describe("importFile on the seed reports what a reviewer would", () => {
  it.each([
    ["target.deadline_outside_year", [68]],
    ["target.impossible", [78, 82]],
    ["layout.shifted", [62, 71, 72, 73, 73, 91]],
    ["task.continued", [13]],
    ["text.markup_stripped", [7, 8]],
  ])("reports %s on rows %j", (code, rows) => {
    expect(rowsOf(code)).toEqual(rows);
  });

  it("reports target.unit_mismatch for the 4 满意度 rows 92–95 (次 is not a percentage)", () => {
    expect(rowsOf("target.unit_mismatch")).toEqual(expect.arrayContaining([92, 93, 94, 95]));
    for (const row of [92, 93, 94, 95]) {
      const f = data.findings.find((x) => x.code === "target.unit_mismatch" && x.location.row === row)!;
      expect(findingText(f, "zh")).toContain("“次”");
      expect(f.subject).toBe(data.indicators.find((i) => i.source.row === row)!.id);
    }
  });

  it("reports unit.zero_staff against the unit, quoting 基本支出", () => {
    const f = data.findings.find((x) => x.code === "unit.zero_staff")!;
    expect(f.subject).toBe(unit.id);
    expect(findingText(f, "zh")).toContain("50,839,284.87 元");
  });

  it("gives every finding a file, a Chinese and an English message", () => {
    for (const f of data.findings) {
      expect(f.location.file).toBe(SEED_NAME);
      expect(findingText(f, "zh")).not.toBe("");
      expect(findingText(f, "en")).not.toBe("");
    }
  });

  it("raises no error other than the two impossible targets", () => {
    expect(data.findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["target.impossible", "target.impossible"]);
  });
});

// ---- Grouping is decided by content, not by row numbers ----

/** Rows of the seed by role (0-based line indexes into SEED_LINES). */
const HEAD = SEED_LINES.slice(0, 34); // up to and including the table header (row 34)
const INPUT = SEED_LINES.slice(34, 41); // rows 35–41, 投入管理指标
const OUTPUT = SEED_LINES.slice(41, 77); // rows 42–77, 产出指标 (with the misplaced rows and a page break)
const BENEFIT = SEED_LINES.slice(77, 91); // rows 78–91, 效益指标
const SATISFACTION = SEED_LINES.slice(91); // rows 92–95, 满意度指标
const MISPLACED = new Set([61, 70, 71, 72, 90]); // rows 62, 71, 72, 73, 91
const importText = (lines: readonly string[]) => importFile("variant.txt", utf8(lines.join("\n")));

describe("the grouping is decided by content, not by row numbers", () => {
  const variants: [string, () => string[]][] = [
    ["blank lines and tab-only lines between all indicator rows", () =>
      SEED_LINES.flatMap((l, i) => (i >= 41 ? [l, "", "\t\t\t", " "] : [l]))],
    ["page breaks that repeat the table header", () =>
      SEED_LINES.flatMap((l, i) => (i === 56 || i === 80 ? [l, "", "", "一级目标\t二级目标\t三级目标\t指标目标值"] : [l]))],
    ["form feeds and CRLF line ends", () => SEED_LINES.map((l, i) => (i === 73 ? "\f" : l) + "\r")],
    ["the misplaced rows moved one column further right", () => SEED_LINES.map((l, i) => (MISPLACED.has(i) ? "\t" + l : l))],
    ["the whole table (header and rows) moved one column right", () => SEED_LINES.map((l, i) => (i >= 33 ? "\t" + l : l))],
    ["the 投入管理 block deleted", () => [...HEAD, ...OUTPUT, ...BENEFIT, ...SATISFACTION]],
    ["the groups in reverse order (满意度, 效益, 产出)", () => [...HEAD, ...INPUT, ...SATISFACTION, ...BENEFIT, ...OUTPUT]],
    ["效益 first, 投入管理 last", () => [...HEAD, ...BENEFIT, ...OUTPUT, ...SATISFACTION, ...INPUT]],
    ["the two blank rows above the form removed (every row number shifts)", () => [...SEED_LINES.slice(2)]],
    ["ten blank lines above the form", () => [...Array(10).fill(""), ...SEED_LINES]],
  ];

  it.each(variants)("with %s, every named indicator keeps its 一级/二级/target", (_label, make) => {
    const d = importText(make());
    expect(placement(d).sort()).toEqual([...EXPECTED_PLACEMENT].sort());
    expect(groupCounts(d)).toEqual(EXPECTED_GROUPS);
    expect(d.findings.filter((f) => f.code.startsWith("indicator.no_") || f.code === "layout.extra_cells")).toEqual([]);
  });

  it("with 时效 moved before 数量 inside 产出 (the 产出指标 label on its new first row), the 二级 groups hold", () => {
    const quantity = OUTPUT.slice(0, 11);
    const quality = OUTPUT.slice(11, 21);
    const timeliness = OUTPUT.slice(21, 31);
    const cost = OUTPUT.slice(31);
    const lines = [
      ...HEAD, ...INPUT,
      "产出指标" + timeliness[0], ...timeliness.slice(1),
      quantity[0].replace(/^产出指标/, ""), ...quantity.slice(1),
      ...quality, ...cost, ...BENEFIT, ...SATISFACTION,
    ];
    const d = importText(lines);
    expect(placement(d).sort()).toEqual([...EXPECTED_PLACEMENT].sort());
    expect(d.indicators.filter((i) => i.name)[0].level2).toBe("时效指标");
  });

  it("reports a repeated header after a page break as layout.repeated_header, not as an indicator", () => {
    const d = importText(SEED_LINES.flatMap((l, i) => (i === 56 ? [l, "", "一级目标\t二级目标\t三级目标\t指标目标值"] : [l])));
    expect(d.indicators).toHaveLength(60);
    expect(rowsOf("layout.repeated_header", d)).toEqual([59]);
  });

  it("keeps the findings' rows true to the edited file", () => {
    const d = importText([...Array(10).fill(""), ...SEED_LINES]);
    expect(rowsOf("target.impossible", d)).toEqual([88, 92]);
    expect(rowsOf("task.continued", d)).toEqual([23]);
  });

  it("keeps a target whose 三级 name was left empty and says so (indicator.no_name, an error at the target's cell)", () => {
    const lines = [...SEED_LINES];
    lines[41] = "产出指标\t数量指标\t\t≥200.00(个)"; // row 42 without 器材购置更新完成数
    const d = importText(lines);
    expect(d.indicators.filter((i) => i.source.row === 42).map((i) => [i.level2, i.name, i.target])).toEqual([["数量指标", null, "≥200.00(个)"]]);
    const f = d.findings.filter((x) => x.code === "indicator.no_name");
    expect(f.map((x) => [x.severity, x.location.row, x.location.column, findingText(x, "zh")])).toEqual([["error", 42, 4, "指标值“≥200.00(个)”没有三级指标名称"]]);
  });

  it("says so when a named indicator stands under no 二级 (indicator.no_level2)", () => {
    const lines = [...SEED_LINES];
    lines[41] = "产出指标\t\t器材购置更新完成数\t≥200.00(个)"; // row 42: the group's first row without 数量指标
    const d = importText(lines);
    expect(d.findings.filter((x) => x.code === "indicator.no_level2").map((x) => [x.severity, x.location.row, x.location.column])).toEqual([["warning", 42, 3]]);
  });

  it.each([
    ["资金来源", [25, 26], "budget.no_source"],
    ["资金结构", [27, 28], "budget.no_structure"],
  ] as const)("says the budget's %s group is missing when the form prints only the other (against the total)", (_group, drop, code) => {
    const d = importText(SEED_LINES.filter((_l, i) => !(drop as readonly number[]).includes(i)));
    const f = d.findings.filter((x) => x.code === "budget.no_source" || x.code === "budget.no_structure");
    expect(f.map((x) => [x.code, x.severity, x.location.row, x.location.column, x.subject])).toEqual([[code, "warning", 25, 2, d.budget.find((b) => b.kind === "total")!.id]]);
  });

  it("reports indicator.empty_group when a 二级 label has no rows under it", () => {
    const lines = [...SEED_LINES];
    lines.splice(88, 0, "\t经济效益指标\t\t"); // a bare 二级 label as row 89, right before 可持续影响指标
    const d = importText(lines);
    expect(rowsOf("indicator.empty_group", d)).toEqual([89]);
    expect(placement(d).sort()).toEqual([...EXPECTED_PLACEMENT].sort());
  });
});
