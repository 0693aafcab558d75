import { describe, expect, it } from "vitest";
import { moneyTargetToFen, parseTarget, targetKindLabel, unitFamily } from "../src/core/target.ts";

describe("parseTarget reads the quantitative targets of a real declaration", () => {
  it.each([
    ["≥200.00(个)", ">=", "200.00", "个", "higher"],
    ["≥15000.00(本)", ">=", "15000.00", "本", "higher"],
    ["=100.00(率)", "=", "100.00", "率", "equal"],
    ["=100.00(百分比)", "=", "100.00", "百分比", "equal"],
    ["≥100.00(率)", ">=", "100.00", "率", "higher"],
    ["=100.00(人数)", "=", "100.00", "人数", "equal"],
    ["≤80.00(元)", "<=", "80.00", "元", "lower"],
    ["≤685.74(万元)", "<=", "685.74", "万元", "lower"],
    ["≤146400.00(元)", "<=", "146400.00", "元", "lower"],
    ["<0.00(次)", "<", "0.00", "次", "lower"],
    ["≥95.00(百分比)", ">=", "95.00", "百分比", "higher"],
    ["≥90.00(次)", ">=", "90.00", "次", "higher"],
  ])("parseTarget(%j) is %s %s %s, %s is better", (text, op, value, unit, direction) => {
    expect(parseTarget(text, 2024)).toEqual({ kind: "quantitative", op, value, unit, direction });
  });
});

describe("parseTarget reads operators in every spelling", () => {
  it.each([
    [">=95", ">="],
    ["＞＝95", ">="],
    ["≧95", ">="],
    ["﹦95", "="],
    ["═95", "="],
    ["大于等于95", ">="],
    ["不低于95", ">="],
    ["不少于95", ">="],
    ["<=95", "<="],
    ["＜＝95", "<="],
    ["≦95", "<="],
    ["小于等于95", "<="],
    ["不高于95", "<="],
    ["不超过95", "<="],
    ["等于95", "="],
    ["＝95", "="],
    ["＞95", ">"],
    ["＜95", "<"],
    ["95", "="],
  ])("parseTarget(%j) has operator %s", (text, op) => {
    const parsed = parseTarget(text);
    expect(parsed.kind).toBe("quantitative");
    expect(parsed.kind === "quantitative" && parsed.op).toBe(op);
    expect(parsed.kind === "quantitative" && parsed.value).toBe("95");
  });
});

describe("parseTarget keeps the number an exact decimal string", () => {
  it.each([
    ["1,200.5", "1200.5", null],
    ["≥1,234,567.891(元)", "1234567.891", "元"],
    ["≥１５０００.００（本）", "15000.00", "本"],
    ["≥ 95 %", "95", "%"],
    ["95%", "95", "%"],
    ["100%", "100", "%"],
    ["200个", "200", "个"],
    ["≥-5%", "-5", "%"],
    ["≥+5%", "5", "%"],
    ["=−1.5", "-1.5", null],
    ["=-0.00", "0.00", null],
    ["≥007(个)", "7", "个"],
    ["≥.5", "0.5", null],
    ["≥0.30000000000000004", "0.30000000000000004", null],
    ["≥ 200.00 ( 个 )", "200.00", "个"],
    ["&ge;95(%)", "95", "%"],
    ["<span>≥95%</span>", "95", "%"],
    ["≥95%。", "95", "%"],
  ])("parseTarget(%j) has value %j and unit %j", (text, value, unit) => {
    const parsed = parseTarget(text);
    expect(parsed.kind === "quantitative" && [parsed.value, parsed.unit]).toEqual([value, unit]);
  });

  it("parseTarget keeps a twenty-five-digit value digit for digit", () => {
    const parsed = parseTarget("≥1234567890123456789012345.67(元)");
    expect(parsed.kind === "quantitative" && parsed.value).toBe("1234567890123456789012345.67");
  });
});

describe("parseTarget reads trailing 以上/以下/以内 as the operator", () => {
  it.each([
    ["95%以上", ">=", "higher"],
    ["95%及以上", ">=", "higher"],
    ["80(元)以下", "<=", "lower"],
    ["5%以内", "<=", "lower"],
    ["≥95%以上", ">=", "higher"],
  ])("parseTarget(%j) is %s, %s is better", (text, op, direction) => {
    expect(parseTarget(text)).toMatchObject({ kind: "quantitative", op, direction });
  });

  it("parseTarget(\"≥95%以下\") contradicts itself and is not recognised", () => {
    expect(parseTarget("≥95%以下")).toEqual({ kind: "qualitative", text: "≥95%以下", recognised: false });
  });
});

describe("parseTarget dates deadlines to the last allowed day", () => {
  it.each([
    ["10月底前", 2024, "2024-10-31", null],
    ["10月底", 2024, "2024-10-31", null],
    ["10月末前完成", 2024, "2024-10-31", null],
    ["12月31日前", 2025, "2025-12-31", null],
    ["6月30号之前", 2025, "2025-06-30", null],
    ["2024年底", 2026, "2024-12-31", 2024],
    ["2024年末", undefined, "2024-12-31", 2024],
    ["2026年12月31日前", 2024, "2026-12-31", 2026],
    ["2026-06-30", undefined, "2026-06-30", 2026],
    ["2026/6/30", undefined, "2026-06-30", 2026],
    ["2026.06.30", undefined, "2026-06-30", 2026],
    ["2026-02", undefined, "2026-02-28", 2026],
    ["年底前", 2025, "2025-12-31", null],
    ["年内完成", 2025, "2025-12-31", null],
    ["本年度内", 2025, "2025-12-31", null],
    ["上半年", 2025, "2025-06-30", null],
    ["下半年", 2025, "2025-12-31", null],
    ["2025年上半年", 2024, "2025-06-30", 2025],
    ["第三季度", 2025, "2025-09-30", null],
    ["三季度末", 2025, "2025-09-30", null],
    ["前三季度", 2025, "2025-09-30", null],
    ["第1季度", 2025, "2025-03-31", null],
    ["2月底", 2024, "2024-02-29", null],
    ["2月底", 2023, "2023-02-28", null],
    ["2月底", 2000, "2000-02-29", null],
    ["2月底", 1900, "1900-02-28", null],
    ["11月底前", 2025, "2025-11-30", null],
    ["２０２６年１０月底前", undefined, "2026-10-31", 2026],
  ])("parseTarget(%j, %s) is the deadline %s", (text, year, date, explicitYear) => {
    expect(parseTarget(text, year)).toEqual({ kind: "deadline", date, explicitYear });
  });

  it.each(["10月底前", "年底前", "第三季度", "12月31日前"])(
    "parseTarget(%j) with no declared year is a recognised wording, not an invented date",
    (text) => {
      expect(parseTarget(text)).toEqual({ kind: "qualitative", text, recognised: true });
    },
  );

  it.each(["13月底", "2月30日", "2023-02-29", "2026-13-01", "2月30日前"])(
    "parseTarget(%j) names a day that does not exist and is not recognised",
    (text) => {
      expect(parseTarget(text, 2024)).toEqual({ kind: "qualitative", text, recognised: false });
    },
  );
});

describe("parseTarget reads qualitative wordings", () => {
  it.each([
    "满意", "及时", "按时", "提升", "有效提升", "运行平稳", "水平提升", "逐年提升", "健全有效", "健全",
    "明显提升", "稳步提升", "提高", "改善", "持续改善", "完善", "有效", "平稳", "稳定", "基本满意", "按期",
    "达标", "合格", "良好", "较好", "好", "优", "显著", "无", "是", "否", "符合", "保障",
    "服务质量不断增强", "管理水平进一步加强", "运行成本降低", "投诉减少",
  ])("parseTarget(%j) is a recognised qualitative wording", (text) => {
    expect(parseTarget(text, 2024)).toEqual({ kind: "qualitative", text, recognised: true });
  });

  it.each(["3个工作日内", "24小时内", "一个月以内", "5个工作日内办结"])(
    "parseTarget(%j) is a duration, kept as a recognised qualitative wording",
    (text) => {
      expect(parseTarget(text, 2024)).toEqual({ kind: "qualitative", text, recognised: true });
    },
  );

  it.each([
    ["  满意  ", "满意"],
    ["满意。", "满意"],
    ["<p>有效<b>提升</b></p>", "有效提升"],
    ["健全<br/>有效", "健全 有效"],
    ["&nbsp;满意&nbsp;", "满意"],
    ["运行\u3000平稳", "运行 平稳"],
  ])("parseTarget(%j) normalises the wording to %j", (text, wording) => {
    expect(parseTarget(text)).toMatchObject({ kind: "qualitative", text: wording, recognised: true });
  });
});

describe("parseTarget never throws on text it cannot read", () => {
  it.each(["abc", "??", "待定", '=HYPERLINK("x")', "10月底后", "100%完成率", "1,2", "≥", "≥abc", "0x", "90-100"])(
    "parseTarget(%j) is qualitative and not recognised",
    (text) => {
      expect(parseTarget(text, 2024)).toEqual({ kind: "qualitative", text, recognised: false });
    },
  );

  it.each([
    ["a 200,000-character run of letters", "a".repeat(200_000)],
    ["200,000 opening angle brackets", "<".repeat(200_000)],
    ["an unclosed tag 200,000 characters long", "<a" + "b".repeat(200_000)],
    ["a run of thousands commas", "1,".repeat(100_000)],
    ["dots ending in a letter", ".".repeat(200_000) + "x"],
    ["zeros ending in a letter", "≥" + "0".repeat(200_000) + "x"],
    ["repeated deadlines", "2024年底".repeat(30_000)],
    ["repeated brackets", "(个)".repeat(70_000)],
  ])("parseTarget on %s returns an unrecognised wording", (_, text) => {
    const parsed = parseTarget(text, 2024);
    expect(parsed.kind).toBe("qualitative");
    expect(parsed.kind === "qualitative" && parsed.recognised).toBe(false);
  });
});

describe("parseTarget has no target for an empty cell", () => {
  it.each([null, undefined, "", "   ", "\u3000", "<br>", "-", "—", "/"])("parseTarget(%j) is none", (text) => {
    expect(parseTarget(text, 2024)).toEqual({ kind: "none" });
  });
});

describe("targetKindLabel", () => {
  it.each([
    ["quantitative", "定量", "Quantitative"],
    ["deadline", "期限", "Deadline"],
    ["qualitative", "定性", "Qualitative"],
    ["none", "无目标", "No target"],
  ] as const)("targetKindLabel(%j) is %s in Chinese and %s in English", (kind, zh, en) => {
    expect(targetKindLabel(kind, "zh")).toBe(zh);
    expect(targetKindLabel(kind, "en")).toBe(en);
  });
});

describe("unitFamily", () => {
  it.each([
    ["%", "percent"],
    ["％", "percent"],
    ["百分比", "percent"],
    ["率", "percent"],
    ["元", "money"],
    ["万元", "money"],
    ["亿元", "money"],
    ["千元", "money"],
    ["个", "count"],
    ["本", "count"],
    ["人数", "count"],
    ["人次", "count"],
    ["场次", "count"],
    ["课时", "count"],
    ["天", "time"],
    ["工作日", "time"],
    ["小时", "time"],
    ["分", "other"],
    ["公里", "other"],
  ] as const)("unitFamily(%j) is %s", (unit, family) => {
    expect(unitFamily(unit)).toBe(family);
  });

  it("unitFamily(null) is null", () => {
    expect(unitFamily(null)).toBeNull();
  });

  it.each(["个", "万元", "率", "次", "人数"])("the unit of parseTarget(\"≥1(%s)\") has a family other than other", (unit) => {
    const parsed = parseTarget(`≥1(${unit})`);
    expect(parsed.kind === "quantitative" && unitFamily(parsed.unit)).not.toBe("other");
  });
});

describe("moneyTargetToFen", () => {
  it.each([
    ["685.74", "万元", 685_740_000n],
    ["146400.00", "元", 14_640_000n],
    ["80.00", "元", 8_000n],
    ["0.01", "元", 1n],
    ["1.5", "亿元", 15_000_000_000n],
    ["2.34567", "千元", 234_567n],
    ["0.000001", "万元", 1n],
    ["-3.5", "元", -350n],
    ["1,200.5", "元", 120_050n],
    ["685.7400", "万元", 685_740_000n],
    ["123456789012345678.91", "元", 12_345_678_901_234_567_891n],
  ])("moneyTargetToFen(%j, %j) is %s fen", (value, unit, fen) => {
    expect(moneyTargetToFen(value, unit)).toBe(fen);
  });

  it.each([
    ["1.001", "元"],
    ["0.0000001", "万元"],
    ["95", "%"],
    ["200", "个"],
    ["abc", "元"],
    ["", "元"],
    ["1,2", "元"],
  ])("moneyTargetToFen(%j, %j) is null", (value, unit) => {
    expect(moneyTargetToFen(value, unit)).toBeNull();
  });

  it("moneyTargetToFen reads the value parseTarget(\"≤685.74(万元)\") gives", () => {
    const parsed = parseTarget("≤685.74(万元)");
    if (parsed.kind !== "quantitative" || parsed.unit === null) throw new Error("not quantitative");
    expect(moneyTargetToFen(parsed.value, parsed.unit)).toBe(685_740_000n);
  });
});
