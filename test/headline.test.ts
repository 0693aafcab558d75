// headline(input, lang): the strip a leader reads first, as a view model.
import { describe, expect, it } from "vitest";
import { headline, headlineReport, type HeadlineInput, type HeadlineReport } from "../src/site/headline.ts";
import { scoreProgress } from "../src/core/progress.ts";
import { siteDataset } from "../src/site/dataset.ts";

const yearEnd: HeadlineReport = { period: "yearend", rate: "96.82", filled: true, score: "88.67", grade: "良", notMet: 2, noData: 3, indicators: 53, sample: true };
const base: HeadlineInput = {
  budgetFen: 9_278_733_100n,
  budgetSample: false,
  report: yearEnd,
  previous: { year: 2025, budgetFen: 8_548_914_348n, sample: true },
};
const values = (input: HeadlineInput, lang: "zh" | "en" = "zh") => headline(input, lang).items.map((i) => i.value);
const details = (input: HeadlineInput, lang: "zh" | "en" = "zh") => headline(input, lang).items.map((i) => i.detail);
const samples = (input: HeadlineInput) => headline(input, "zh").items.map((i) => i.sample);

describe("headline(input, lang)", () => {
  it("gives 预算 · 执行率 · 得分/等级 · 未达成 · 较上年, in that order", () => {
    expect(headline(base, "zh").items.map((i) => i.key)).toEqual(["budget", "rate", "score", "notMet", "change"]);
    expect(values(base)).toEqual(["9,278.73 万元", "96.82%", "88.67 良", "2 项", "▲ 729.82 万元"]);
    expect(details(base)).toEqual(["92,787,331.00 元", "年终绩效自评", "年终绩效自评", "共 53 项，未填报 3 项", "+8.5%，2025 年度 8,548.91 万元"]);
  });

  it("reads in English with the grade named and the money in millions", () => {
    expect(values(base, "en")).toEqual(["¥92.79M", "96.82%", "88.67 good", "2 indicators", "▲ ¥7.30M"]);
    expect(details(base, "en")[4]).toBe("+8.5% on 2025 (¥85.49M)");
  });

  describe.each([
    ["a fall", 9_000_000_000n, 9_278_733_100n, "▼ 278.73 万元", "down", "-3.0%，2025 年度 9,278.73 万元"],
    ["a rise", 9_278_733_100n, 9_000_000_000n, "▲ 278.73 万元", "up", "+3.1%，2025 年度 9,000.00 万元"],
    ["no change", 9_000_000_000n, 9_000_000_000n, "持平", "same", "0.0%，2025 年度 9,000.00 万元"],
  ])("the change against last year: %s", (_name, now, before, value, tone, detail) => {
    it(`reads ${value}`, () => {
      const item = headline({ ...base, budgetFen: now, previous: { year: 2025, budgetFen: before, sample: false } }, "zh").items[4];
      expect([item.value, item.tone, item.detail]).toEqual([value, tone, detail]);
    });
  });

  it.each([
    ["declared budget, illustrative report and last year", base, [false, true, true, true, true], [false, true]],
    ["all declared", { ...base, report: { ...yearEnd, sample: false }, previous: { year: 2025, budgetFen: 1n, sample: false } }, [false, false, false, false, false], [false]],
    ["an illustrative unit-year", { ...base, budgetSample: true }, [true, true, true, true, true], [true]],
    ["declared report, illustrative last year", { ...base, report: { ...yearEnd, sample: false } }, [false, false, false, false, true], [false, true]],
  ] as const)("marks what is illustrative (%s) and groups it into runs to mark once", (_name, input, marks, runs) => {
    expect(samples(input)).toEqual(marks);
    expect(headline(input, "zh").runs.map((r) => r.sample)).toEqual(runs);
    expect(headline(input, "zh").sample).toBe(marks.some(Boolean));
  });

  it("says what is missing instead of a figure, and a missing figure never splits a run", () => {
    const h = headline({ budgetFen: 9_278_733_100n, budgetSample: false, report: null, previous: null }, "zh");
    expect(h.items.map((i) => i.value)).toEqual(["9,278.73 万元", "—", "—", "—", "—"]);
    expect(h.items.map((i) => i.detail)).toEqual(["92,787,331.00 元", "暂无完成情况数据", "暂无完成情况数据", "暂无完成情况数据", "无上年数据"]);
    expect(h.sample).toBe(false);
    const noRate = headline({ ...base, report: { ...yearEnd, rate: null } }, "zh");
    expect(noRate.items[1]).toMatchObject({ value: "—", detail: "无执行数据", sample: false });
    expect(noRate.runs.map((r) => r.sample)).toEqual([false, true]);
  });

  it("says 未填报 when nothing could be scored, never a score of nothing", () => {
    const h = headline({ ...base, report: { ...yearEnd, filled: false, score: null, grade: null, noData: 53, notMet: 0 } }, "zh");
    expect(h.items[2]).toMatchObject({ value: "未填报 53 项", sample: true });
  });

  it("gives no grade at mid-year (a half-year result is not a year's)", () => {
    const h = headline({ ...base, report: { ...yearEnd, period: "midyear", score: "90.77", grade: "优" } }, "zh");
    expect(h.items[2]).toMatchObject({ value: "—", detail: "年中不评等级" });
    expect(h.items[1].detail).toBe("年中运行监控");
  });

  it("headlineReport(report) reads the bundled real unit's illustrative year-end report", () => {
    const r = scoreProgress(siteDataset()).reports.find((x) => x.unitId === "ue5033044165152b9" && x.year === 2026 && x.period === "yearend" && !x.projectId)!;
    const h = headlineReport(r);
    expect(h).toMatchObject({ period: "yearend", rate: r.execution!.rate, score: r.result.total, grade: r.result.grade, sample: true });
    expect(h.notMet).toBe(r.indicators.filter((p) => p.score.status === "not_met").length);
    expect(h.indicators).toBeGreaterThan(0);
  });
});
