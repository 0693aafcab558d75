// The workspace's sortable tables: how a cell's text sorts (src/explore/sort.ts).
import { describe, expect, it } from "vitest";
import { compareKeys, sortKey } from "../src/explore/sort.ts";

describe("sortKey(text)", () => {
  it.each([
    ["92,787,331.00 元", 92787331],
    ["9,278.73 万元", 9278.73],
    ["¥92,787,331.00", 92787331],
    ["54.8%", 54.8],
    ["-3", -3],
    ["2026", 2026],
    ["—", null],
    ["", null],
    ["NULL", null],
    ["产出指标", "产出指标"],
    ["1 / 2", "1 / 2"],
  ])("%j → %j", (text, key) => {
    expect(sortKey(text)).toBe(key);
  });
});

describe("compareKeys(a, b, dir)", () => {
  const sorted = (keys: (number | string | null)[], dir: 1 | -1) => [...keys].sort((a, b) => compareKeys(a, b, dir));

  it("orders numbers as numbers, then text in Chinese order, empty cells last either way", () => {
    const keys = [null, 10, "乙单位", 9.5, "甲单位", -1, null];
    expect(sorted(keys, 1)).toEqual([-1, 9.5, 10, "甲单位", "乙单位", null, null]);
    expect(sorted(keys, -1)).toEqual([10, 9.5, -1, "乙单位", "甲单位", null, null]);
  });
});
