// Progress data: the 自评表 and 运行监控表 layouts (and hostile variants of them),
// the canonical actuals/execution tables with Chinese and 一体化 headers,
// matching to the declared indicators, and scoring per unit and period.
import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { COLUMNS, SYNONYMS, fromJson, mapHeader, tableRows, toCsv, toJson } from "../src/core/canonical.ts";
import type { Dataset, Finding } from "../src/core/model.ts";
import {
  linkProgress,
  readActualValue,
  readAmountFen,
  readDeviationKinds,
  readGrade,
  readLikelihood,
  readPeriod,
  scoreProgress,
  withLinkedProgress,
} from "../src/core/progress.ts";
import { parseTarget } from "../src/core/target.ts";
import { gbk, writeDelimited } from "./fixtures/variants.ts";
import { DECLARATION, MIDYEAR, NAMED, UNIT_ID, UNIT_NAME, byName, bytes, csv, monitorRows, rowOf, selfEvalRows, tsv } from "./progress.fixtures.ts";

const SELF = "自评表.txt";
const MON = "运行监控表.csv";

const codes = (fs: Finding[]) => fs.map((f) => f.code);
const withCode = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const together = (...parts: Dataset[]) => mergeDatasets([DECLARATION, ...parts]);
const report = (data: Dataset, period: "midyear" | "yearend") => {
  const r = scoreProgress(data).reports.find((x) => x.period === period);
  if (!r) throw new Error(`no ${period} report`);
  return r;
};
const row = (r: ReturnType<typeof report>, name: string) => {
  const i = r.indicators.find((x) => x.indicator.name === name);
  if (!i) throw new Error(`no row ${name}`);
  return i;
};

describe("the 绩效自评表 (year-end) layout", () => {
  const data = importFile(SELF, bytes(tsv(selfEvalRows())));

  it("is read as progress, not as a declaration", () => {
    expect(data.units).toEqual([]);
    expect(data.indicators).toEqual([]);
    expect(data.actuals).toHaveLength(NAMED.length);
    expect(data.actuals!.every((a) => a.period === "yearend" && a.year === 2026 && a.unitId === UNIT_ID && a.asOf === "2026-12-31")).toBe(true);
  });

  it("reads the funding block exactly, in fen, with the total line first", () => {
    expect(data.execution!.map((e) => e.item)).toEqual(["年度资金总额", "财政拨款", "其他资金"]);
    const total = data.execution![0];
    expect(total.budgetInitialFen).toBe(9278733100n);
    expect(total.budgetFullYearFen).toBe(9312000000n);
    expect(total.executedFen).toBe(8881234567n);
    expect([total.declaredRate, total.weight, total.declaredScore, total.declaredTotal]).toEqual(["95.37%", "10", "9.54", "92.50"]);
    expect(data.execution![1].declaredRate).toBeNull(); // “—”
  });

  it("carries 一级/二级 down and keeps each row's place in the file", () => {
    const a = data.actuals!.find((x) => x.name === "书籍购置完成量")!;
    expect([a.level1, a.level2, a.target, a.actual]).toEqual(["产出指标", "数量指标", "≥15000.00(本)", "15230"]);
    expect(a.source).toEqual({ file: SELF, row: rowOf(selfEvalRows(), "书籍购置完成量") + 1, column: 4 });
    expect(data.actuals!.find((x) => x.name === "器材购置更新完成数")!.deviationReason).toBe("部分器材供货延迟，已督促供应商于次年一季度补齐");
  });

  it("has no warnings or errors of its own", () => {
    expect(data.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("scores against the declaration: rules, execution rate and cross-checks", () => {
    const r = report(together(data), "yearend");
    expect(r.undeclared).toBe(false);
    expect(r.result.executionRate).toBe("95.37");
    expect(r.result.executionScore).toBe("9.54");
    expect(r.execution!.budgetFullYearFen).toBe(9312000000n);
    // ≥200 with 180: 180/200 of the default share 1.43 → 1.287 → 1.29, partly.
    expect(row(r, "器材购置更新完成数").score).toMatchObject({ status: "partly", score: "1.29", max: "1.43" });
    // A deadline met late scores 0, never silently met.
    expect(row(r, "党群服务站各项日常管理运行工作完成及时性").score).toMatchObject({ status: "not_met", score: "0.00" });
    // 按时完成 without a date: on the deadline, with an info finding.
    expect(row(r, "活动计划按期完成及时性").score.status).toBe("met");
    // 6,512,345.67元 against ≤685.74(万元): converted exactly, met.
    expect(row(r, "文化馆成本预算控制数").value).toEqual({ kind: "number", value: "651.234567" });
    expect(row(r, "文化馆成本预算控制数").score.status).toBe("met");
    expect(row(r, "提升辖区群众体育活动参与度").score.status).toBe("met");
    expect(row(r, "党群工作影响力提升").score).toMatchObject({ status: "partly", score: "1.29" });
    // A qualitative actual with no grade is no_data, not 0 and not met.
    expect(row(r, "文化素养提升").score).toMatchObject({ status: "no_data", score: null });
    expect(row(r, "安全事故发生数").score.flags).toContain("impossible_target");
    expect(row(r, "读者满意度").score.status).toBe("met");
    expect(row(r, "相关居民满意度").score).toMatchObject({ status: "partly", score: "2.44" });
    const all = scoreProgress(together(data)).findings;
    expect(codes(all)).toEqual(expect.arrayContaining(["actual.date_inferred", "actual.unit_converted", "actual.grade_inferred", "actual.grade_needed", "score.total_differs"]));
    expect(withCode(all, "actual.unmatched")).toEqual([]);
    expect(withCode(all, "actual.missing")).toEqual([]);
    expect(withCode(all, "execution.rate_differs")).toEqual([]);
  });

  it("a 项目支出 form is the project's: its body is the 实施单位, its indicators and results carry the project", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        r[0] = ["项目支出绩效自评表"];
        r[2] = ["项目名称", "社区文化活动", "", "主管部门", "闵行区江川路街道", "实施单位", UNIT_NAME];
      },
    });
    const d = importFile("项目.txt", bytes(tsv(rows)));
    expect(d.projects).toHaveLength(1);
    expect(d.projects![0]).toMatchObject({ name: "社区文化活动", unitId: UNIT_ID, supervisor: "闵行区江川路街道", implementer: UNIT_NAME, formKind: "project_selfeval" });
    const pid = d.projects![0].id;
    expect(d.actuals!.length).toBe(NAMED.length);
    expect(d.actuals!.every((a) => a.unitId === UNIT_ID && a.projectId === pid && a.indicatorId !== null)).toBe(true);
    expect(d.indicators.every((i) => i.projectId === pid)).toBe(true);
    expect(d.execution!.every((e) => e.projectId === pid)).toBe(true);
  });
});

describe("the 运行监控表 (mid-year) layout", () => {
  const data = importFile(MON, bytes(csv(monitorRows())));

  it("is mid-year, as at the end of month N of “1-N月”", () => {
    expect(data.actuals).toHaveLength(NAMED.length);
    expect(data.actuals!.every((a) => a.period === "midyear" && a.asOf === "2026-06-30")).toBe(true);
    expect(data.execution![0]).toMatchObject({ period: "midyear", budgetFullYearFen: 9312000000n, executedFen: 4123456789n, declaredRate: "44.28%" });
  });

  it("reads 执行情况, 全年预计, 完成目标可能性, the ticked 偏差原因 kinds, 原因说明 and 纠偏措施", () => {
    const a = data.actuals!.find((x) => x.name === "公共文化活动策划场次")!;
    expect(a).toMatchObject({ executedToDate: "40", expectedAnnual: "100", likelihood: "完全不可能", deviationKinds: ["硬件", "其他"], deviationReason: "场地改造", correctiveAction: "借用周边场地" });
    expect(data.actuals!.find((x) => x.name === "器材购置更新完成数")!.deviationKinds).toEqual(["经费"]);
    expect(data.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("scores the projection, shows 预警, and puts the execution rate beside 序时进度 without scoring it", () => {
    const r = report(together(data), "midyear");
    expect(r.result.executionScore).toBeNull();
    expect(r.result.flags).toContain("execution_rate_not_scored");
    expect(r.execution).toMatchObject({ rate: "44.28", timeProgress: "50.00", alert: "green" });
    expect(row(r, "公共文化活动策划场次").alert).toBe("red");
    expect(row(r, "器材购置更新完成数")).toMatchObject({ alert: "yellow", valueText: "170" });
    expect(row(r, "书籍购置完成量").alert).toBe("green");
  });

  it("“1～8月” headers set the as-of date and the pace", () => {
    const d = importFile(MON, bytes(csv(monitorRows({ months: "1～8月" }))));
    expect(d.actuals![0].asOf).toBe("2026-08-31");
    const r = report(together(d), "midyear");
    // 44.28% spent against 66.67% of the year gone: more than 20 points behind.
    expect(r.execution).toMatchObject({ timeProgress: "66.67", alert: "red" });
  });

  it("a single 偏差原因 column holding the kind's name is read as the kind", () => {
    const rows: string[][] = [
      ["绩效目标运行监控表（2026年度）"],
      ["单位名称", UNIT_NAME],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "1-6月执行情况", "全年预计完成情况", "完成目标可能性", "偏差原因", "纠偏措施"],
      ["产出指标", "数量指标", "器材购置更新完成数", "≥200.00(个)", "60", "150", "有可能", "人员保障", "增加人手"],
      ["", "", "书籍购置完成量", "≥15000.00(本)", "8000", "15000", "确定能", "", ""],
    ];
    const d = importFile(MON, bytes(csv(rows)));
    expect(d.actuals![0]).toMatchObject({ deviationKinds: ["人员"], deviationReason: null, correctiveAction: "增加人手", likelihood: "有可能" });
    expect(d.execution).toEqual([]);
  });
});

describe("hostile 自评表 and 运行监控表 variants", () => {
  it("GBK CSV (Excel on Chinese Windows) reads the same as UTF-8", () => {
    const utf = importFile(SELF, bytes(csv(selfEvalRows())));
    const g = importFile(SELF, gbk(csv(selfEvalRows())));
    expect(codes(g.findings)).toContain("encoding.detected");
    expect(g.actuals).toEqual(utf.actuals);
    expect(g.execution).toEqual(utf.execution);
    const m = importFile(MON, gbk(csv(monitorRows())));
    expect(m.actuals).toEqual(importFile(MON, bytes(csv(monitorRows()))).actuals);
  });

  it("a row slid one column right is realigned by content", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        const i = rowOf(r, "器材维修工作完成数");
        r[i] = ["", "", "", "", "器材维修工作完成数", "≥100.00(个)", "97", "", "", ""];
      },
    });
    const d = importFile(SELF, bytes(tsv(rows)));
    const a = d.actuals!.find((x) => x.name === "器材维修工作完成数")!;
    expect([a.level1, a.level2, a.target, a.actual]).toEqual(["产出指标", "数量指标", "≥100.00(个)", "97"]);
    expect(withCode(d.findings, "layout.shifted").length).toBeGreaterThanOrEqual(1);
  });

  it("a name in the 一级 column with its values one column left (as in the real declaration) is placed by content", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        const i = rowOf(r, "活动工作完成及时性");
        r[i] = ["", "活动工作完成及时性", "", "10月底前", "2026-10-30", "", "", "", ""];
      },
    });
    const d = importFile(SELF, bytes(tsv(rows)));
    const a = d.actuals!.find((x) => x.name === "活动工作完成及时性")!;
    expect([a.level1, a.level2, a.target, a.actual]).toEqual(["产出指标", "时效指标", "10月底前", "2026-10-30"]);
  });

  it("a 二级 label in the 一级 column and a repeated header after a page break", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        const i = rowOf(r, "党校积极分子培训通过率");
        r[i][1] = "质量指标";
        r[i][2] = "";
        const j = rowOf(r, "安全事故发生数");
        r.splice(j, 0, [...r[rowOf(r, "三级指标")]]);
      },
    });
    const d = importFile(SELF, bytes(tsv(rows)));
    expect(d.actuals!.find((x) => x.name === "党校积极分子培训通过率")!.level2).toBe("质量指标");
    expect(d.actuals!.find((x) => x.name === "安全事故发生数")!.level1).toBe("效益指标");
    expect(codes(d.findings)).toContain("layout.repeated_header");
    expect(d.actuals).toHaveLength(NAMED.length);
  });

  it("funding values out of their columns are read in order", () => {
    const rows = selfEvalRows({ edit: (r) => { r[4] = ["年度资金总额", "", "92,787,331.00", "93,120,000.00", "88,812,345.67", "10", "95.37%", "9.54"]; } });
    const d = importFile(SELF, bytes(tsv(rows)));
    expect(d.execution![0]).toMatchObject({ budgetInitialFen: 9278733100n, budgetFullYearFen: 9312000000n, executedFen: 8881234567n });
    expect(codes(d.findings)).toContain("layout.shifted");
  });

  it("missing rows are 未填报 findings and no_data, never zero or met", () => {
    const omit = ["书籍购置完成量", "读者满意度"];
    const d = importFile(SELF, bytes(tsv(selfEvalRows({ omit }))));
    const all = together(d);
    const missing = withCode(scoreProgress(all).findings, "actual.missing");
    expect(missing.map((f) => f.subject).sort()).toEqual(omit.map((n) => byName(n).id).sort());
    expect(missing[0].location.file).toBe(DECLARATION.indicators[0].source.file);
    const r = report(all, "yearend");
    for (const n of omit) expect(row(r, n).score).toMatchObject({ status: "no_data", score: null, flags: expect.arrayContaining(["missing_actual"]) });
  });

  it("a row present but left empty is 未填报 at that row", () => {
    const rows = selfEvalRows({ edit: (r) => { r[rowOf(r, "书籍购置完成量")][5] = ""; } });
    const d = importFile(SELF, bytes(tsv(rows)));
    const [f] = withCode(scoreProgress(together(d)).findings, "actual.missing");
    expect(f).toMatchObject({ subject: byName("书籍购置完成量").id, location: { file: SELF, row: rowOf(rows, "书籍购置完成量") + 1 } });
  });

  it("bad numbers are findings with their place, and are not scored", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        const i = rowOf(r, "器材购置更新完成数");
        r[i][5] = "约200";
        r[i][6] = "十";
        r[4][3] = "八千八百万";
      },
    });
    const d = importFile(SELF, bytes(tsv(rows)));
    const bad = withCode(d.findings, "actual.bad_number")[0];
    expect(bad).toMatchObject({ severity: "warning", location: { file: SELF, row: rowOf(rows, "器材购置更新完成数") + 1, column: 7 } });
    const amount = withCode(d.findings, "execution.amount_unreadable")[0];
    expect(amount).toMatchObject({ severity: "error", location: { file: SELF, row: 5, column: 4 } });
    expect(d.execution![0].executedFen).toBeNull();
    const scored = scoreProgress(together(d));
    const r = scored.reports[0];
    expect(row(r, "器材购置更新完成数").score).toMatchObject({ status: "no_data", flags: expect.arrayContaining(["invalid_actual", "invalid_weight"]) });
    expect(codes(scored.findings)).toContain("actual.unreadable");
    expect(r.result.flags).toContain("execution_rate_not_scored");
  });

  it("a value row without a name is an error, not a guess", () => {
    const rows = selfEvalRows({ edit: (r) => { r.splice(rowOf(r, "书籍购置完成量"), 0, ["", "", "", "", "≥5.00(个)", "6", "", "", ""]); } });
    const d = importFile(SELF, bytes(tsv(rows)));
    expect(withCode(d.findings, "actual.no_name")).toHaveLength(1);
    expect(d.actuals).toHaveLength(NAMED.length);
  });

  it("forms without a unit, a year or a table header cannot be read", () => {
    const noUnit = selfEvalRows({ edit: (r) => { r[2] = ["项目名称", "社区文化活动"]; } });
    expect(() => importFile(SELF, bytes(tsv(noUnit)))).toThrow(/单位名称/);
    const noYear = selfEvalRows({ edit: (r) => { r[1] = [""]; } });
    expect(() => importFile(SELF, bytes(tsv(noYear)))).toThrow(/年度/);
  });

  it("markup, formula-looking and very long cells stay text", () => {
    const rows = selfEvalRows({
      edit: (r) => {
        const i = rowOf(r, "器材购置更新完成数");
        r[i][8] = "<p>供货<b>延迟</b></p><script>alert(1)</script>";
        r[rowOf(r, "书籍购置完成量")][8] = "=HYPERLINK(\"http://x\")";
        r[rowOf(r, "器材维修工作完成数")][8] = "很".repeat(100_000);
      },
    });
    const d = importFile(SELF, bytes(csv(rows)));
    expect(d.actuals!.find((x) => x.name === "器材购置更新完成数")!.deviationReason).toBe("供货延迟");
    expect(d.actuals!.find((x) => x.name === "书籍购置完成量")!.deviationReason).toBe("=HYPERLINK(\"http://x\")");
    expect(d.actuals!.find((x) => x.name === "器材维修工作完成数")!.deviationReason).toHaveLength(100_000);
  });
});

describe("canonical actuals and execution tables", () => {
  it("一体化 column names map to the actuals table; the period is inferred and said so", () => {
    const text = writeDelimited([
      ["agency_name", "set_year", "lv1_perf_ind_name", "lv2_perf_ind_name", "lv3_perf_ind_name", "kpi_val", "perf_comp", "complete_rate", "ana_dev_reasons"],
      [UNIT_NAME, "2026", "产出指标", "数量指标", "器材购置更新完成数", "≥200.00(个)", "187.5", "93.75", "供货延迟"],
      [UNIT_NAME, "2026", "产出指标", "数量指标", "书籍购置完成量", "≥15000.00(本)", "15000", "90", ""],
    ]);
    const header = mapHeader(text.split("\r\n")[0].split(","));
    expect(header?.table).toBe("actuals");
    const d = importFile("kpi.csv", bytes(text));
    expect(d.actuals!.map((a) => [a.period, a.actual, a.completeRate, a.deviationReason])).toEqual([
      ["yearend", "187.5", "93.75", "供货延迟"],
      ["yearend", "15000", "90", null],
    ]);
    expect(codes(d.findings)).toContain("actual.period_inferred");
    const scored = scoreProgress(together(d));
    // 完成率 is derived: 93.75 agrees with 187.5/200; 90 does not agree with 15000/15000 and is reported, not used.
    const cr = withCode(scored.findings, "actual.complete_rate_differs");
    expect(cr).toHaveLength(1);
    expect(cr[0].subject).toBe(byName("书籍购置完成量").id);
    expect(row(scored.reports[0], "书籍购置完成量").score.status).toBe("met");
  });

  it("mid-year 一体化 names: est_perf_annual, 完成目标可能性, 1-6月执行情况", () => {
    const text = writeDelimited([
      ["单位名称", "年度", "一级指标", "二级指标", "三级指标", "1-6月执行情况", "est_perf_annual", "完成目标可能性", "偏差原因类型", "偏差原因", "纠偏措施"],
      [UNIT_NAME, "2026", "产出指标", "数量指标", "器材购置更新完成数", "90", "180", "有可能", "经费、人员", "资金未到位", "加快采购"],
    ]);
    const d = importFile("mon.csv", bytes(text));
    expect(d.actuals![0]).toMatchObject({ period: "midyear", asOf: "2026-06-30", executedToDate: "90", expectedAnnual: "180", likelihood: "有可能", deviationKinds: ["经费", "人员"], deviationReason: "资金未到位", correctiveAction: "加快采购" });
  });

  it("an execution table: 全年预算数(A) / 全年执行数(B) as exact yuan; a sub-fen amount is an error", () => {
    const text = writeDelimited([
      ["单位名称", "年度", "期间", "年初预算数", "全年预算数(A)", "全年执行数(B)", "执行率"],
      [UNIT_NAME, "2026", "年终", "92,787,331.00", "93,120,000.00", "88,812,345.67", "95.37%"],
      [UNIT_NAME, "2026", "年中", "92,787,331.00", "93,120,000.00", "41,234,567.891", ""],
    ]);
    expect(mapHeader(text.split("\r\n")[0].split(","))?.table).toBe("execution");
    const d = importFile("exec.csv", bytes(text));
    expect(d.execution![0]).toMatchObject({ period: "yearend", budgetInitialFen: 9278733100n, budgetFullYearFen: 9312000000n, executedFen: 8881234567n, item: "年度资金总额" });
    expect(d.execution![1].executedFen).toBeNull();
    expect(withCode(d.findings, "execution.amount_unreadable")[0].location).toEqual({ file: "exec.csv", row: 3, column: 6 });
    expect(d.units).toEqual([]);
  });

  it("an unknown period is an error and the row is skipped", () => {
    const text = writeDelimited([["unit_id", "fiscal_year", "period", "name", "actual"], [UNIT_ID, "2026", "Q3", "书籍购置完成量", "1"]]);
    const d = importFile("a.csv", bytes(text));
    expect(d.actuals).toEqual([]);
    expect(withCode(d.findings, "canonical.bad_period")).toHaveLength(1);
  });

  it("the written tables read back to the same scores (CSV and JSON)", () => {
    const linked = withLinkedProgress(together(importFile(SELF, bytes(tsv(selfEvalRows()))), importFile(MON, bytes(csv(monitorRows())))));
    const rows = tableRows(linked);
    expect(Object.keys(rows.actuals[0])).toEqual([...COLUMNS.actuals]);
    expect(rows.actuals.every((r) => r.indicator_id !== "")).toBe(true);
    const back = mergeDatasets([
      DECLARATION,
      importFile("actuals.csv", bytes(toCsv("actuals", rows.actuals))),
      importFile("execution.csv", bytes(toCsv("execution", rows.execution))),
    ]);
    const a = scoreProgress(linked).reports.map((r) => [r.period, r.result.total, r.result.executionRate, r.indicators.map((i) => i.score.score)]);
    const b = scoreProgress(back).reports.map((r) => [r.period, r.result.total, r.result.executionRate, r.indicators.map((i) => i.score.score)]);
    expect(b).toEqual(a);
    const json = JSON.parse(JSON.stringify(toJson(linked)));
    expect(json.execution[0].budgetFullYear).toBe("93120000.00");
    const j = fromJson(json, "x.json");
    expect(scoreProgress(j).reports.map((r) => [r.period, r.result.total, r.indicators.map((i) => i.score.score)])).toEqual(a.map(([p, t, , s]) => [p, t, s]));
  });

  it("declarations keep their tables and outputs exactly as before", () => {
    expect(DECLARATION.actuals).toBeUndefined();
    expect(toJson(DECLARATION)).not.toHaveProperty("actuals");
    expect(tableRows(DECLARATION).actuals).toEqual([]);
    expect(mapHeader(["unit_name", "fiscal_year", "level1", "level2", "name", "target"])?.table).toBe("indicators");
    expect(mapHeader(["unit_name", "fiscal_year", "kind", "item", "amount"])?.table).toBe("budget");
    expect(mapHeader(["unit_name", "fiscal_year"])?.table).toBe("units");
  });

  it("no header name maps to two columns", () => {
    const seen = new Map<string, string>();
    for (const [col, names] of Object.entries(SYNONYMS)) {
      for (const n of names) {
        const k = n.replace(/[\s_]/g, "").toLowerCase();
        expect(seen.get(k) ?? col, `${n} → ${seen.get(k)} and ${col}`).toBe(col);
        seen.set(k, col);
      }
    }
  });
});

describe("matching actuals to the declared indicators", () => {
  const canon = (rows: string[][]) => importFile("actuals.csv", bytes(writeDelimited(rows)));
  const H = ["indicator_id", "unit_id", "fiscal_year", "period", "level1", "level2", "name", "actual"];

  it("by id, and by (一级, 二级, 三级) after whitespace normalisation", () => {
    const book = byName("书籍购置完成量");
    const d = canon([
      H,
      [book.id, UNIT_ID, "2026", "yearend", "", "", "", "15000"],
      ["", UNIT_ID, "2026", "yearend", " 产出指标", "数量 指标", "器材购置　更新完成数 ", "200"],
    ]);
    const { linked, findings } = linkProgress(together(d));
    expect(linked.map((l) => [l.state, l.indicator?.id])).toEqual([["matched", book.id], ["matched", byName("器材购置更新完成数").id]]);
    expect(withCode(findings, "actual.unmatched")).toEqual([]);
  });

  it("an actual that matches nothing is actual.unmatched, with its file and row, and is not scored", () => {
    const d = canon([H, ["", UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "器材购置更新完成量", "200"]]);
    const { linked, findings } = linkProgress(together(d));
    expect(linked[0].state).toBe("unmatched");
    expect(withCode(findings, "actual.unmatched")[0]).toMatchObject({ severity: "warning", location: { file: "actuals.csv", row: 2 } });
    const r = report(together(d), "yearend");
    expect(row(r, "器材购置更新完成数").score.status).toBe("no_data");
  });

  it("every declared indicator without an actual in a reported period is actual.missing (投入管理 items excepted)", () => {
    const d = canon([H, ["", UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "15000"]]);
    const missing = withCode(linkProgress(together(d)).findings, "actual.missing");
    expect(missing).toHaveLength(NAMED.length - 1);
    expect(missing.every((f) => f.subject && findingText(f, "zh").includes("未填报"))).toBe(true);
    // Nothing reported mid-year: no mid-year 未填报 either.
    expect(missing.every((f) => findingText(f, "zh").includes("年终"))).toBe(true);
    const r = report(together(d), "yearend");
    expect(r.indicators.filter((i) => i.score.status === "no_data")).toHaveLength(NAMED.length - 1);
    expect(r.indicators.filter((i) => i.score.status === "not_met")).toEqual([]);
  });

  it("the same indicator twice in one period: the first row counts, the second is a finding", () => {
    const d = canon([
      H,
      ["", UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "15000"],
      ["", UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "1"],
      ["", UNIT_ID, "2026", "midyear", "产出指标", "数量指标", "书籍购置完成量", ""],
    ]);
    const { linked, findings } = linkProgress(together(d));
    expect(linked.map((l) => l.state)).toEqual(["matched", "duplicate", "matched"]);
    expect(withCode(findings, "actual.duplicate")[0].location.row).toBe(3);
    expect(row(report(together(d), "yearend"), "书籍购置完成量").score.status).toBe("met");
  });

  it("the same indicator in two years (the same id) is matched in each year, not called a duplicate", () => {
    const rows = tableRows(DECLARATION).indicators.map((r) => ({ ...r, fiscal_year: "2025" }));
    const decl2025 = importFile("indicators-2025.csv", bytes(toCsv("indicators", rows)), { checks: false });
    expect(decl2025.indicators.map((i) => i.id)).toEqual(DECLARATION.indicators.map((i) => i.id)); // ids are not suffixed across years
    const book = byName("书籍购置完成量");
    const d = canon([H, [book.id, UNIT_ID, "2025", "yearend", "", "", "", "14000"], [book.id, UNIT_ID, "2026", "yearend", "", "", "", "15000"]]);
    const { linked, findings } = linkProgress(mergeDatasets([DECLARATION, decl2025, d]));
    expect(linked.map((l) => [l.state, l.indicator?.year])).toEqual([["matched", 2025], ["matched", 2026]]);
    expect(withCode(findings, "actual.duplicate")).toEqual([]);
  });

  it("an id that is not declared falls back to the names, with a warning", () => {
    const d = canon([H, ["i00000000", UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "15000"]]);
    const out = withLinkedProgress(together(d));
    expect(out.actuals![0].indicatorId).toBe(byName("书籍购置完成量").id);
    expect(codes(out.findings)).toContain("actual.id_mismatch");
  });

  it("a different 年度指标值 in the progress file is reported; the declared target is scored", () => {
    const d = canon([["unit_id", "fiscal_year", "period", "level1", "level2", "name", "target", "actual"], [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "器材购置更新完成数", "≥150.00(个)", "160"]]);
    const scored = scoreProgress(together(d));
    expect(codes(scored.findings)).toContain("actual.target_differs");
    expect(row(scored.reports[0], "器材购置更新完成数").score.status).toBe("partly");
    // The same target written differently is not a difference.
    const same = canon([["unit_id", "fiscal_year", "period", "level1", "level2", "name", "target", "actual"], [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "器材购置更新完成数", "≥200(个)", "200"]]);
    expect(codes(scoreProgress(together(same)).findings)).not.toContain("actual.target_differs");
  });

  it("without a declaration the progress file's own targets are scored, and that is said", () => {
    const d = importFile(SELF, bytes(tsv(selfEvalRows())));
    const scored = scoreProgress(d);
    expect(scored.reports).toHaveLength(1);
    expect(scored.reports[0]).toMatchObject({ undeclared: true, unitName: UNIT_NAME, period: "yearend" });
    expect(scored.reports[0].indicators).toHaveLength(NAMED.length);
    expect(withCode(scored.findings, "actual.no_declaration")).toHaveLength(1);
    expect(withCode(scored.findings, "actual.unmatched")).toEqual([]);
    // The ids are the ones the declaration would have given.
    expect(scored.reports[0].indicators.map((i) => i.indicator.id)).toEqual(NAMED.map((i) => i.id));
  });
});

describe("reading reported values", () => {
  const q = parseTarget("≥200.00(个)", 2026);
  const money = parseTarget("≤685.74(万元)", 2026);
  const dl = parseTarget("10月底前", 2026);
  const ql = parseTarget("有效提升", 2026);

  it("numbers are exact decimal strings; units of money are converted exactly", () => {
    expect(readActualValue("1,234.50", null, q, 2026).value).toEqual({ kind: "number", value: "1234.5" });
    expect(readActualValue("２０５个", null, q, 2026).value).toEqual({ kind: "number", value: "205" });
    expect(readActualValue("6512345.67元", null, money, 2026).value).toEqual({ kind: "number", value: "651.234567" });
    expect(readActualValue("0.065亿元", null, money, 2026).value).toEqual({ kind: "number", value: "650" });
    expect(readActualValue("约200", null, q, 2026).note?.code).toBe("actual.unreadable");
    expect(readActualValue("", null, q, 2026).value).toEqual({ kind: "missing" });
    expect(readActualValue("—", null, q, 2026).value).toEqual({ kind: "missing" });
  });

  it("dates for deadlines, with the declaration's year when none is written", () => {
    expect(readActualValue("2026-10-15", null, dl, 2026).value).toEqual({ kind: "date", date: "2026-10-15" });
    expect(readActualValue("已于9月30日完成", null, dl, 2026).value).toEqual({ kind: "date", date: "2026-09-30" });
    expect(readActualValue("2026年11月2日", null, dl, 2026).value).toEqual({ kind: "date", date: "2026-11-02" });
    expect(readActualValue("逾期完成", null, dl, 2026).value).toEqual({ kind: "date", date: "2026-11-01" });
    expect(readActualValue("尚在推进", null, dl, 2026).note?.code).toBe("actual.unreadable");
  });

  it("grades for qualitative targets", () => {
    expect(readActualValue("基本达成", null, ql, 2026).value).toEqual({ kind: "grade", grade: "部分达成" });
    expect(readActualValue("有效提升", null, ql, 2026).value).toEqual({ kind: "grade", grade: "达成" });
    expect(readActualValue("满意度明显提高", "达成", ql, 2026).value).toEqual({ kind: "grade", grade: "达成" });
    expect(readActualValue("满意度明显提高", null, ql, 2026).value).toEqual({ kind: "missing" });
  });

  it("vocabulary of the forms", () => {
    expect(["确定能", "能", "有可能", "可能", "完全不可能", "不可能", "也许"].map(readLikelihood)).toEqual(["确定能", "确定能", "有可能", "有可能", "完全不可能", "完全不可能", null]);
    expect(readDeviationKinds("经费保障、硬件条件保障")).toEqual(["经费", "硬件"]);
    expect(readDeviationKinds("天气")).toBeNull();
    expect(["达成", "已完成", "部分达成", "未达成", "优秀"].map(readGrade)).toEqual(["达成", "达成", "部分达成", "未达成", null]);
    // The 自评表's three tiers (财预〔2020〕10号) in their 年度指标 and 预期指标 wordings.
    expect(
      ["达成年度指标", "达成预期指标", "部分达成年度指标并具有一定效果", "部分达成预期指标并具有一定效果", "未达成年度指标且效果较差", "未达成预期指标且效果较差", "达成预期"].map(readGrade),
    ).toEqual(["达成", "达成", "部分达成", "部分达成", "未达成", "未达成", null]);
    expect(["midyear", "年中", "运行监控", "yearend", "自评", "Q3"].map(readPeriod)).toEqual(["midyear", "midyear", "midyear", "yearend", "yearend", null]);
    expect(readAmountFen("9,278.7331", "万元")).toBe(9278733100n);
    expect(readAmountFen("12.30万元")).toBe(12300000n);
    expect(readAmountFen("1.234")).toBeNull();
  });
});

describe("scoring with declared 分值 and 得分", () => {
  it("uses the 分值 of the progress file, keeps the unit's 得分 beside the rule's", () => {
    const H = ["unit_id", "fiscal_year", "period", "level1", "level2", "name", "actual", "分值", "得分"];
    const d = importFile("w.csv", bytes(writeDelimited([
      H,
      [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "器材购置更新完成数", "187.5", "10", "10"],
      [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "15000", "10", "10"],
    ])));
    const r = report(together(d), "yearend");
    expect(row(r, "器材购置更新完成数").score).toMatchObject({ score: "9.38", max: "10.00", declaredScore: "10.00", flags: expect.arrayContaining(["declared_score_differs"]) });
    expect(row(r, "书籍购置完成量").score).toMatchObject({ score: "10.00", declaredScore: "10.00" });
    expect(row(r, "书籍购置完成量").score.flags).not.toContain("declared_score_differs");
  });

  it("a 不适用 row drops out and the total is rescaled", () => {
    const H = ["unit_id", "fiscal_year", "period", "level1", "level2", "name", "actual", "not_applicable"];
    const d = importFile("na.csv", bytes(writeDelimited([H, [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "", "是"]])));
    const r = report(together(d), "yearend");
    expect(row(r, "书籍购置完成量").score.status).toBe("not_applicable");
    expect(withCode(linkProgress(together(d)).findings, "actual.missing").map((f) => f.subject)).not.toContain(byName("书籍购置完成量").id);
  });

  it("sample figures make the report sample", () => {
    const H = ["unit_id", "fiscal_year", "period", "name", "level1", "level2", "actual", "data_status"];
    const d = importFile("s.csv", bytes(writeDelimited([H, [UNIT_ID, "2026", "yearend", "书籍购置完成量", "产出指标", "数量指标", "15000", "sample"]])));
    expect(report(together(d), "yearend").status).toBe("sample");
    expect(report(together(importFile(SELF, bytes(tsv(selfEvalRows())))), "yearend").status).toBe("declared");
  });
});

it("mid-year fixtures cover the three likelihoods", () => {
  expect(new Set(Object.values(MIDYEAR).map((m) => m.likelihood))).toEqual(new Set(["确定能", "有可能", "完全不可能"]));
});
