// textRuns(text): the Chinese runs of a text from the data, to be marked lang="zh-CN" on English pages.
import { describe, expect, it } from "vitest";
import { dataLang, textRuns } from "../src/site/dataText.ts";

const zhRuns = (s: string) => textRuns(s).filter((r) => r.zh).map((r) => r.text);

describe("textRuns(text)", () => {
  it.each([
    ["上海市闵行区江川路街道社区党群服务中心", ["上海市闵行区江川路街道社区党群服务中心"]],
    ["示例·江川路街道社区图书馆", ["示例·江川路街道社区图书馆"]],
    ["≥200.00(个)", ["个"]],
    ["财政拨款 ¥80.97M (99.6%) · 其他资金 ¥0.33M", ["财政拨款", "其他资金"]],
    ["2025 年度 8,548.91 万元", ["年度 8,548.91 万元"]],
    ["Budget total 9,278.73", []],
    ["", []],
  ])("%s → %j", (text, runs) => {
    expect(zhRuns(text)).toEqual(runs);
  });

  it("keeps every character, in order", () => {
    const s = "1. 上海市 ¥92.79M; 2. 示例·江川路 ¥12.38M";
    expect(textRuns(s).map((r) => r.text).join("")).toBe(s);
  });

  it("dataLang(lang) marks whole elements of data on English pages only", () => {
    expect(dataLang("en")).toBe("zh-CN");
    expect(dataLang("zh")).toBeUndefined();
  });
});
