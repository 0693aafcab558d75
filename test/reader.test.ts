// The general reader's parts (src/core/reader): labels, the vocabulary, cells
// and blocks, and whole forms made here — stacked, shifted, with leftovers.
import { describe, expect, it } from "vitest";
import { scoreProgress } from "../src/core/progress.ts";
import { findingText } from "../src/core/findingText.ts";
import { label, splitCode } from "../src/core/reader/labels.ts";
import { fundingField, headField, indicatorField, level1Of, level2Of, monthOf } from "../src/core/reader/synonyms.ts";
import { tickedOption } from "../src/core/reader/head.ts";
import { amountFen } from "../src/core/reader/funding.ts";
import { isPlaceholder } from "../src/core/reader/indicators.ts";
import { kindOfTitle, readForms, YearMissingError, yearsInFileName } from "../src/core/reader/read.ts";
import { readFileSync } from "node:fs";
import { percentText } from "../src/core/workbook.ts";
import { importFile } from "../src/core/import.ts";
import { ImportError } from "../src/core/model.ts";
import type { TableRecord } from "../src/core/table.ts";

const records = (rows: string[][]): TableRecord[] => rows.map((cells, i) => ({ cells, row: i + 1 }));
const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n"));

describe("label(text)", () => {
  it.each([
    ["年初\n预算数", "年初预算数", null, null],
    ["产\n出\n指\n标", "产出指标", null, null],
    ["产出指标(50分)", "产出指标", "50", null],
    ["成本指标(0-20)分", "成本指标", "20", null],
    ["效益指标（30分）", "效益指标", "30", null],
    ["项目资金（万元）", "项目资金", null, "万元"],
    ["全年预算数（A）", "全年预算数", null, null],
    ["执行率(B/A)", "执行率", null, null],
    ["完成目标可能性(确定能、有可能、不可能)", "完成目标可能性", null, null],
    ["项目单位(盖章):", "项目单位", null, null],
    ["其中:本年财政拨款", "本年财政拨款", null, null],
    ["年度资金总额：", "年度资金总额", null, null],
  ])("label(%j) is %j with points %j and unit %j", (text, key, points, unit) => {
    expect(label(text)).toMatchObject({ key, points, unit });
  });

  it("compares labels in traditional characters in simplified ones (項目名稱, 實施單位, 年初預算數, 萬元)", () => {
    expect(label("項目名稱").key).toBe("项目名称");
    expect(headField(label("實施單位").key)).toBe("implementer");
    expect(fundingField(label("年初預算數").key)).toBe("budget_initial");
    expect(label("項目資金 (萬元)")).toMatchObject({ key: "项目资金", unit: "万元" });
  });

  it("tells the long-term and annual column sets apart", () => {
    expect(label("指标值(长期)")).toMatchObject({ key: "指标值", set: "long" });
    expect(label("三级指标(年度)")).toMatchObject({ key: "三级指标", set: "annual" });
  });

  it("takes no annotation off a long cell (a value, not a label)", () => {
    expect(label("9".repeat(200_000) + "分").points).toBeNull();
    expect(label("产出指标(50分)".padEnd(90, "的")).points).toBeNull();
  });
});

describe("splitCode(text)", () => {
  it.each([
    ["219001-池州市贵池区棠溪镇人民政府", "219001", "池州市贵池区棠溪镇人民政府"],
    ["[015001]武汉市青山区教育局", "015001", "武汉市青山区教育局"],
    ["51000021R000000019951-工资性支出", "51000021R000000019951", "工资性支出"],
    ["黄石市文物局(湖北水泥遗址博物馆)", null, "黄石市文物局(湖北水泥遗址博物馆)"],
    // A year that begins the name is not a code.
    ["2020 年市级服务贸易发展资金", null, "2020 年市级服务贸易发展资金"],
    ["2024年度老旧小区改造", null, "2024年度老旧小区改造"],
  ])("splitCode(%j) → %j, %j", (text, code, name) => {
    expect(splitCode(text)).toEqual({ code, name });
  });
});

describe("the vocabulary", () => {
  it.each([
    ["实施单位", "implementer"], ["项目执行单位", "implementer"], ["申报单位名称", "implementer"], ["部门(单位)名称", "unit"],
    ["预算单位", "unit"], ["项目支出名称", "project"], ["主管部门及编码", "supervisor"], ["联系电话", "contact"],
  ])("headField(%j) is %j", (key, field) => expect(headField(label(key).key)).toBe(field));

  it.each([
    ["年度指标值", "target"], ["绩效目标值", "target"], ["指标值(长期)", "target"], ["权重", "weight"], ["完成值", "actual"],
    ["全年实际值", "actual"], ["半年度\n指标执行情况", "executed_to_date"], ["1-6月执行情况", "executed_to_date"], ["指标名称", "name"],
  ])("indicatorField(%j) is %j", (text, field) => expect(indicatorField(label(text).key)).toBe(field));

  it.each([
    ["年初预算数（元）", "budget_initial"], ["全年预算数（A）", "budget_full_year"], ["调整后预算数", "budget_full_year"],
    ["全年执行数（B）", "executed"], ["1-6月执行数", "executed"], ["全年预计执行数", "expected_executed"], ["预算执行率", "rate"],
  ])("fundingField(%j) is %j", (text, field) => expect(fundingField(label(text).key)).toBe(field));

  it("names the framework's labels in their variants", () => {
    expect(level1Of("产出目标")).toBe("产出指标");
    expect(level2Of("质量")).toBe("质量指标");
    expect(level2Of("数量目标")).toBe("数量指标");
    expect(monthOf("1-6月执行数")).toBe(6);
    expect(monthOf("1~8月执行情况")).toBe(8);
  });
});

describe("cells", () => {
  it.each([
    ["1、常年性项目 □ √ 2、延续性项目 □ 3、一次性项目 □", "常年性项目"],
    ["新增项目□ 结转项目□\n经常性专项业务费√ 其他经常性项目□", "经常性专项业务费"],
    ["1、持续性项目 □ 2、新增性项目 □", "1、持续性项目 □ 2、新增性项目 □"],
  ])("tickedOption(%j) is %j", (text, option) => expect(tickedOption(text)).toBe(option));

  it.each([["指标1", true], ["指标2:", true], ["指标1:/", true], ["……", true], ["-", true], ["(请填写指标名称)", true], ["指标1:完成中型灌区节水改造项目数量", false], ["项目总成本", false]])(
    "isPlaceholder(%j) is %j",
    (text, placeholder) => expect(isPlaceholder(text)).toBe(placeholder),
  );

  it.each([
    ["89.974", "万元", "89974000"], ["250万", "元", "250000000"], ["10000万元", "元", "10000000000"], ["8,827,620.53", "元", "882762053"],
    ["1.2345", "元", null], ["约40%", "元", null],
  ])("amountFen(%j, %j) is %j fen", (text, unit, fen) => expect(amountFen(text, unit as "元" | "万元")?.toString() ?? null).toBe(fen));

  it.each([
    [1, 2, "100.00%"], [0.9537, 2, "95.37%"], [0.6, 0, "60%"], [0.123456, 2, "12.35%"], [-0.05, 1, "-5.0%"],
  ])("percentText(%j, %j) is %j", (v, d, text) => expect(percentText(v, d)).toBe(text));

  it.each([
    ["项目支出绩效自评表", "project", "selfeval"], ["部门整体支出绩效目标表", "unit", "declaration"], ["黄石市项目支出绩效监控表(申遗)", "project", "monitoring"],
    ["2023年云雾土家族乡加工园配套设施建设项目支出绩效目标审批表", "project", "declaration"],
  ])("kindOfTitle(%j) is %s %s", (title, scope, phase) => expect(kindOfTitle(title)).toEqual({ scope, phase }));
});

/** A small 项目支出绩效自评表 as the national template lays it out, placed `shift` columns right. */
function selfEval(project: string, body: string, year: number, shift = 0, actual = "50"): string[][] {
  const pad = (r: string[]) => [...Array(shift).fill(""), ...r];
  return [
    ["项目支出绩效自评表"], [`(${year}年度)`],
    ["项目名称", project, "", "", "实施单位", body],
    ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "10", "10", "9.5", "10", "95.00%", "9.5"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标(50分)", "数量指标", "培训人次", "≥50人次", actual, "50", actual === "" ? "" : "50"],
    ["", "", "", "指标2", "", "", "", ""],
    ["", "效益指标(30分)", "社会效益指标", "群众知晓率", "≥90%", actual === "" ? "" : "92%", "30", actual === "" ? "" : "30"],
    ["评价结论", "完成"],
    ["项目负责人:", "张三", "联系电话:", "13800000000"],
  ].map(pad);
}

describe("readForms(records, file)", () => {
  it("reads a project self-evaluation placed anywhere in the sheet, the same at every shift", () => {
    const base = readForms(records(selfEval("培训项目", "某某局", 2024)), "a.csv");
    for (const shift of [1, 3]) {
      const moved = readForms(records(selfEval("培训项目", "某某局", 2024, shift)), "a.csv");
      expect(moved.indicators.map((i) => [i.level1, i.level2, i.name, i.target])).toEqual(base.indicators.map((i) => [i.level1, i.level2, i.name, i.target]));
      expect(moved.execution!.map((e) => e.executedFen)).toEqual([9_500_000n]);
    }
    expect(base.projects![0]).toMatchObject({ name: "培训项目", implementer: "某某局", formKind: "project_selfeval", level1Weights: { 产出指标: "50", 效益指标: "30" } });
    expect(base.indicators.map((i) => i.name)).toEqual(["培训人次", "群众知晓率"]);
  });

  it("skips template leftovers with one finding and never makes an indicator of a footer; personal phone numbers are not kept", () => {
    const d = readForms(records(selfEval("培训项目", "某某局", 2024)), "a.csv");
    expect(d.findings.filter((f) => f.code === "form.placeholder_rows")).toHaveLength(1);
    expect(d.indicators.some((i) => /评价结论|负责人/.test(i.name ?? ""))).toBe(false);
    expect(JSON.stringify(d, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("13800000000");
  });

  it("splits stacked forms: each keeps its project, body and year, and a finding says how many there were", () => {
    const d = readForms(records([...selfEval("甲项目", "甲局", 2023), [""], ...selfEval("乙项目", "乙局", 2024)]), "stack.csv");
    expect(d.projects!.map((p) => [p.name, p.year])).toEqual([["甲项目", 2023], ["乙项目", 2024]]);
    expect(d.units.map((u) => [u.name, u.year])).toEqual([["甲局", 2023], ["乙局", 2024]]);
    expect(new Set(d.indicators.map((i) => i.projectId)).size).toBe(2);
    expect(findingText(d.findings.find((f) => f.code === "file.several_forms")!, "zh")).toMatch(/2 张表/);
  });

  it("a form of a stacked file that cannot be placed is an error finding; the others still import", () => {
    const broken = selfEval("乙项目", "乙局", 2024).filter((r) => r[0] !== "项目名称" && r[4] !== "实施单位");
    const d = readForms(records([...selfEval("甲项目", "甲局", 2023), ...broken]), "stack.csv");
    expect(d.projects!.map((p) => p.name)).toEqual(["甲项目"]);
    expect(d.findings.some((f) => f.code === "form.unreadable" && f.severity === "error" && f.location.row !== undefined)).toBe(true);
  });

  it("two stacked projects with the same amounts keep both their funding lines (a project's lines are its own)", () => {
    const d = importFile("stack.csv", csv([...selfEval("甲项目", "某局", 2024), [""], ...selfEval("乙项目", "某局", 2024)]));
    expect(d.execution!.map((e) => e.projectId)).toEqual(d.projects!.map((p) => p.id));
    expect(d.findings.map((f) => f.code)).not.toContain("load.duplicate_rows");
  });

  it("reads a list export (one table of many projects) into one form per project, each cell where the file has it", () => {
    const rows = [
      ["部门预算项目绩效目标申报表(2023年度)"],
      ["金额单位:元"],
      ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
      ["820-某部门", "", "1,000.00"],
      ["820001-某镇人民政府", "甲项目", "600.00", "按时完成", "产出指标", "数量指标", "完成数", "≥", "10", "个", "50"],
      ["", "", "", "", "效益指标", "社会效益指标", "满意度", "≥", "90", "%", "50"],
      ["", "乙项目", "400.00", "按时完成", "产出指标", "时效指标", "完成时间", "≤", "12", "月", "100"],
    ];
    const d = readForms(records(rows), "list.csv");
    expect(d.projects!.map((p) => [p.name, p.year, p.formKind, p.unitId === d.units[0].id])).toEqual([["甲项目", 2023, "project_declaration", true], ["乙项目", 2023, "project_declaration", true]]);
    expect(d.units.map((u) => [u.name, u.code])).toEqual([["某镇人民政府", "820001"]]);
    expect(d.indicators.map((i) => [i.name, i.target, i.projectId === d.projects![0].id ? "甲" : "乙", i.source.row, i.source.column])).toEqual([
      ["完成数", "≥10个", "甲", 5, 7], ["满意度", "≥90%", "甲", 6, 7], ["完成时间", "≤12月", "乙", 7, 7],
    ]);
    expect(d.budget.map((b) => [b.item, b.amountFen, b.source.row])).toEqual([["预算数", 60_000n, 5], ["预算数", 40_000n, 7]]);
    expect(d.findings.map((f) => f.code)).toContain("file.several_forms");
  });

  it("a self-evaluation with no actual values is 未填报 and is not graded", () => {
    const d = importFile("empty.csv", csv(selfEval("培训项目", "某某局", 2024, 0, "")));
    expect(d.findings.map((f) => f.code)).toContain("form.not_filled");
  });

  it("a self-evaluation whose 得分 are filled beside targets with no actual values is still 未填报 (a score needs an actual where there is a target)", () => {
    const rows = selfEval("培训项目", "某某局", 2024, 0, "").map((r) => (r[3] === "培训人次" || r[3] === "群众知晓率" ? [...r.slice(0, 7), r[6]] : r));
    const d = importFile("scored.csv", csv(rows));
    expect(d.actuals!.map((a) => [a.name, a.actual, a.declaredScore])).toEqual([["培训人次", null, "50"], ["群众知晓率", null, "30"]]);
    expect(d.findings.map((f) => f.code)).toContain("form.not_filled");
    expect(scoreProgress(d).reports.map((r) => r.filled)).toEqual([false]);
  });

  it("a total row that contradicts its parts is a finding showing both amounts", () => {
    const rows = selfEval("培训项目", "某某局", 2024);
    rows.splice(5, 0, ["", "其中:财政拨款", "12", "12", "12", "", "", ""]);
    const f = readForms(records(rows), "a.csv").findings.find((x) => x.code === "funding.total_contradicts_parts");
    expect(findingText(f!, "zh")).toMatch(/100000\.00 元.*120000\.00 元/);
  });

  it("takes a target's sign from 指标方向 when 指标性质 gives none, and leaves a 计量单位 column after 实际完成值 off the target", () => {
    const d = readForms(records([
      ["项目支出绩效自评表 (2024年度)"], ["项目名称", "某项目", "实施单位", "某局"],
      ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "年度指标值", "实际完成值", "计量单位", "分值", "得分"],
      ["", "产出指标", "数量指标", "宣传品个数", "正向", "小于等于", "1", "1", "个", "10", "10"],
      ["", "", "", "培训次数", "定量", "大于等于", "3", "4", "次", "10", "10"],
    ]), "s.csv");
    expect(d.indicators.map((i) => [i.target, i.parsed.kind === "quantitative" ? i.parsed.op : null])).toEqual([["≤1", "<="], ["≥3", ">="]]);
  });

  it("a total that closes its group is checked against the rows above it, in every amount column", () => {
    const d = readForms(records([
      ["部门整体支出绩效目标申报表(2023年度)"], ["部门(单位)名称", "某局"],
      ["部门总体资金情况", "总体资金情况", "", "当年金额", "占比", "近两年收支金额", ""],
      ["", "单位:万元", "", "", "", "2021 年", "2022 年"],
      ["", "收入构成", "财政拨款", "10", "50%", "8", "9"], ["", "", "其他资金", "10", "50%", "2", "1"], ["", "", "合计", "20", "100%", "10", "10"],
      ["", "支出构成", "基本支出", "15", "75%", "7", "7.5"], ["", "", "项目支出", "5", "25%", "3", "3"], ["", "", "合计", "20", "100%", "10", "10"],
    ]), "d.csv");
    const f = d.findings.filter((x) => x.code === "funding.total_contradicts_parts");
    expect(f.map((x) => [x.location.row, x.location.column, findingText(x, "zh")])).toEqual([[10, 7, "“合计”的第 7 列金额 100000.00 元小于其中各项之和 105000.00 元"]]);
  });

  it("refuses what it cannot place with one line naming what it looked for", () => {
    expect(() => readForms(records([["项目名称", "某项目"], ["一级指标", "三级指标"]]), "x.csv")).toThrow(ImportError);
    expect(() => readForms(records([["项目名称", "某项目"], ["一级指标", "三级指标"]]), "x.csv")).toThrow(/没有印年度|找不到填报主体/);
  });
});

describe("a form that prints no year", () => {
  // Real form 21 (test/fixtures/real): a 部门整体支出绩效目标申报表 whose year is only in its file name.
  const name = "21_hubei_guangshui_jiaoyuju_2023_unit_declaration.csv";
  const bytes = new Uint8Array(readFileSync(new URL(`./fixtures/real/${name}`, import.meta.url)));
  const codes = (d: { findings: { code: string }[] }) => d.findings.map((f) => f.code);

  it("is refused until the year is given, naming what was looked for and how to give it", () => {
    expect(() => importFile(name, bytes)).toThrow(YearMissingError);
    expect(() => importFile(name, bytes)).toThrow(/没有印年度（标题、年度一栏、实施期和项目名称中都没有）；请用 --year 指定年度，或用 --year-from-name 取文件名中的 2023/);
    expect(() => importFile("x.csv", bytes)).toThrow(/请用 --year 指定年度$/);
  });

  it("is read under the year the user gives, and a finding says so", () => {
    const d = importFile(name, bytes, { year: 2024 });
    expect(d.units.map((u) => [u.name, u.year])).toEqual([["广水市教育局", 2024]]);
    expect(codes(d)).toContain("form.year_given");
  });

  it("takes the file name's year only when asked, and only when the name holds one year", () => {
    const d = importFile(name, bytes, { yearFromFileName: true });
    expect(d.units.map((u) => u.year)).toEqual([2023]);
    expect(findingText(d.findings.find((f) => f.code === "form.year_from_file_name")!, "zh")).toBe("表上没有印年度：年度 2023 取自文件名");
    expect(() => importFile("2022-2023.csv", bytes, { yearFromFileName: true })).toThrow(YearMissingError);
    expect(yearsInFileName("dir2019/a_2023年!Sheet1")).toEqual([2023]);
  });

  it("takes a year its project's name gives (2018年市级专项扶贫资金…), and a finding says where it came from", () => {
    const d = readForms(records([
      ["绩效目标申报表"], ["项目名称", "2018年市级专项扶贫资金基础设施"], ["实施单位", "某公司"],
      ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"], ["", "产出指标", "数量指标", "流转土地", ">=60亩"],
    ]), "x.csv");
    expect(d.projects!.map((p) => p.year)).toEqual([2018]);
    expect(findingText(d.findings.find((f) => f.code === "form.year_from_name")!, "zh")).toMatch(/年度 2018 取自项目名称“2018年市级专项扶贫资金基础设施”/);
  });

  it("never overrides a printed year with the one given", () => {
    const d = importFile("a.csv", csv(selfEval("培训项目", "某某局", 2022)), { year: 2030 });
    expect(d.units.map((u) => u.year)).toEqual([2022]);
    expect(codes(d)).not.toContain("form.year_given");
  });

  it("in a stacked file, takes the year of the form before it, with a finding", () => {
    const first = selfEval("甲项目", "甲局", 2023);
    const second = selfEval("乙项目", "乙局", 2023).filter((r) => !/年度\)$/.test(r[0] ?? ""));
    const d = readForms(records([...first, [], ...second]), "s.csv");
    expect(d.projects!.map((p) => [p.name, p.year])).toEqual([["甲项目", 2023], ["乙项目", 2023]]);
    expect(codes(d)).toContain("form.year_from_previous");
  });
});
