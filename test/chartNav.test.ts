import { describe, expect, it } from "vitest";
import { hasLevels, isNavKey, navMove, navPlace, type NavKey } from "../src/site/chartNav.ts";
import { indicatorGroupChart, bulletChart, slopeChart } from "../src/charts/index.ts";
import { bulletRows, indicatorRows, slopeRows } from "./charts.fixtures.ts";

// Two 一级 groups (0, 3), the first with two 二级 rows (1, 2), the second with three (4, 5, 6).
const levels = [-1, 0, 0, -1, 3, 3, 3];
// One list of four rows (a bullet chart, a waterfall).
const flat = [-1, -1, -1, -1];

describe("navMove(parents, at, key)", () => {
  it.each<[string, readonly number[], number, NavKey, number | null]>([
    ["Right steps to the next sibling", levels, 0, "ArrowRight", 3],
    ["Right at the last sibling stays", levels, 3, "ArrowRight", null],
    ["Left steps to the previous sibling", levels, 5, "ArrowLeft", 4],
    ["Left at the first sibling stays", levels, 4, "ArrowLeft", null],
    ["Right among children keeps to its group", levels, 2, "ArrowRight", null],
    ["Down enters a group's first part", levels, 3, "ArrowDown", 4],
    ["Down on a part with no parts stays", levels, 1, "ArrowDown", null],
    ["Up returns to the parent", levels, 6, "ArrowUp", 3],
    ["Up at the top stays", levels, 0, "ArrowUp", null],
    ["Home goes to the first sibling", levels, 6, "Home", 4],
    ["End goes to the last sibling", levels, 4, "End", 6],
    ["Home on the first stays", levels, 4, "Home", null],
    ["End on the last stays", levels, 3, "End", null],
    ["with no levels, Down is the next row", flat, 1, "ArrowDown", 2],
    ["with no levels, Up is the previous row", flat, 1, "ArrowUp", 0],
    ["with no levels, Down at the last row stays", flat, 3, "ArrowDown", null],
    ["with no levels, End is the last row", flat, 0, "End", 3],
  ])("%s", (_, parents, at, key, to) => {
    expect(navMove(parents, at, key)).toBe(to);
  });

  it("fails on a part that is not there", () => {
    expect(() => navMove(flat, 4, "ArrowLeft")).toThrow("invalid part: 4");
  });
});

describe("navPlace(parents, at)", () => {
  it("gives a part's level and its place among its siblings", () => {
    expect(navPlace(levels, 0)).toEqual({ level: 1, pos: 1, size: 2 });
    expect(navPlace(levels, 3)).toEqual({ level: 1, pos: 2, size: 2 });
    expect(navPlace(levels, 5)).toEqual({ level: 2, pos: 2, size: 3 });
    expect(navPlace(flat, 3)).toEqual({ level: 1, pos: 4, size: 4 });
  });
});

describe("hasLevels(parents), isNavKey(key)", () => {
  it("a chart has levels when a part holds parts; only the arrows, Home and End are its keys", () => {
    expect(hasLevels(levels)).toBe(true);
    expect(hasLevels(flat)).toBe(false);
    expect(["ArrowLeft", "ArrowDown", "Home", "End"].every(isNavKey)).toBe(true);
    expect(["Tab", "Enter", " ", "PageDown"].some(isNavKey)).toBe(false);
  });
});

describe("the words a walked chart writes on its <svg> for the keys", () => {
  const words = (svg: string) => ({
    where: /data-nav-where="([^"]*)"/.exec(svg)?.[1],
    enter: /data-nav-enter="([^"]*)"/.exec(svg)?.[1],
  });
  it("a chart with levels (一级 → 二级, year → item) says the level; one of rows does not", () => {
    expect(words(indicatorGroupChart(indicatorRows, { id: "w1", title: "t" }).svg)).toEqual({
      where: "第 {level} 层，第 {pos} 项，共 {size} 项",
      enter: "第 {level} 层，第 {pos} 项，共 {size} 项。左右方向键在同一层移动，下方向键进入下一层，上方向键回到上一层，Home 与 End 到首项与末项",
    });
    expect(words(slopeChart(slopeRows, { id: "w2", title: "t", lang: "en" }).svg).where).toBe("level {level}, {pos} of {size}");
    expect(words(bulletChart(bulletRows, { id: "w3", title: "t" }).svg)).toEqual({
      where: "第 {pos} 项，共 {size} 项",
      enter: "第 {pos} 项，共 {size} 项。方向键逐项移动，Home 与 End 到首项与末项",
    });
  });
});
