// The search page's pure parts (src/site/searchQuery.ts): a query's terms, where they match,
// the excerpt around a match, the filters' counts, a page of hits and the view in the URL.
import { describe, expect, it } from "vitest";
import { excerpt, facetCounts, markParts, matchRanges, pageOf, passesFilter, queryTerms, readSearchState, writeSearchState, type Facet } from "../src/site/searchQuery.ts";

describe("queryTerms(query)", () => {
  it.each([
    ["满意度", ["满意度"]],
    ["  满意度   ≥ ", ["满意度", "≥"]],
    ["满意度　完成", ["满意度", "完成"]], // a full-width space parts terms too
    ["OK ok Ok", ["ok"]],
    ["", []],
  ])("queryTerms(%j) is %j", (q, terms) => expect(queryTerms(q)).toEqual(terms));
});

describe("matchRanges(text, terms)", () => {
  it("finds every occurrence of every term, case-insensitively, in order", () => {
    expect(matchRanges("读者满意度 · 群众满意度", ["满意度"])).toEqual([[2, 5], [10, 13]]);
    expect(matchRanges("OK Ok ok", ["ok"])).toEqual([[0, 2], [3, 5], [6, 8]]);
  });
  it("merges ranges that overlap or touch", () => {
    expect(matchRanges("满意度调查", ["满意", "意度", "调查"])).toEqual([[0, 5]]);
    expect(matchRanges("aaaa", ["aa"])).toEqual([[0, 4]]);
  });
  it("gives offsets in the text even where lower case changes a character's length (İ)", () => {
    const text = "İstanbul 满意度";
    const [r] = matchRanges(text, ["满意度"]);
    expect(text.slice(...r)).toBe("满意度");
    const [s] = matchRanges(text, ["stan"]);
    expect(text.slice(...s)).toBe("stan");
  });
  it("finds nothing for no terms or no match", () => {
    expect(matchRanges("读者满意度", [])).toEqual([]);
    expect(matchRanges("读者满意度", ["完成"])).toEqual([]);
  });
  it("treats markup in the text as text: a term inside a tag is found as characters", () => {
    const text = "<b>粗</b>单位<script>x</script>";
    expect(markParts(text, matchRanges(text, ["<b>", "script"]))).toEqual([
      { text: "<b>", mark: true },
      { text: "粗</b>单位<", mark: false },
      { text: "script", mark: true },
      { text: ">x</", mark: false },
      { text: "script", mark: true },
      { text: ">", mark: false },
    ]);
  });
});

describe("markParts(text, ranges)", () => {
  it("cuts a text into marked and unmarked parts that join back into it", () => {
    const text = "读者满意度（%）";
    const parts = markParts(text, [[2, 5]]);
    expect(parts).toEqual([{ text: "读者", mark: false }, { text: "满意度", mark: true }, { text: "（%）", mark: false }]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(markParts(text, [])).toEqual([{ text, mark: false }]);
  });
});

describe("excerpt(text, ranges, max)", () => {
  it("keeps a text that fits whole", () => {
    expect(excerpt("产出指标 › 数量指标", [[5, 7]], 90)).toEqual({ text: "产出指标 › 数量指标", ranges: [[5, 7]] });
  });
  it("cuts a long text around its first match, with … where it was cut, and moves the ranges with it", () => {
    const text = "甲".repeat(100) + "满意度" + "乙".repeat(100);
    const r = excerpt(text, matchRanges(text, ["满意度"]), 40);
    expect(r.text.startsWith("…") && r.text.endsWith("…")).toBe(true);
    expect(r.text.length).toBe(42);
    expect(r.text.slice(...r.ranges[0])).toBe("满意度");
  });
  it("starts at the beginning when the match is near it", () => {
    const text = "满意度" + "乙".repeat(200);
    const r = excerpt(text, [[0, 3]], 50);
    expect(r.text).toBe(`满意度${"乙".repeat(47)}…`);
    expect(r.ranges).toEqual([[0, 3]]);
  });
  it("never cuts a character outside the Basic Multilingual Plane in two", () => {
    const text = "𠀀".repeat(100);
    for (const at of [0, 17, 60]) for (const part of [...excerpt(text, [[at * 2, at * 2 + 2]], 21).text]) expect(["𠀀", "…"]).toContain(part);
  });
});

describe("passesFilter(facet, filter) and facetCounts(items, filter)", () => {
  const items: { facet: Facet; n: number }[] = [
    { facet: { k: "u", y: 2026, s: false }, n: 1 },
    { facet: { k: "i", y: 2026, s: false }, n: 4 },
    { facet: { k: "i", y: 2025, s: true }, n: 7 },
    { facet: { k: "t", y: 2025, s: true }, n: 2 },
  ];
  it("lets through what every chosen filter allows", () => {
    expect(passesFilter({ k: "i", y: 2025, s: true }, {})).toBe(true);
    expect(passesFilter({ k: "i", y: 2025, s: true }, { kind: "i", year: 2025, source: "sample" })).toBe(true);
    expect(passesFilter({ k: "i", y: 2025, s: true }, { source: "declared" })).toBe(false);
    expect(passesFilter({ k: "i", y: 2025, s: true }, { year: 2026 })).toBe(false);
  });
  it("counts each filter's choices with the other filters applied, and the total with all", () => {
    const c = facetCounts(items, { kind: "i", year: 2025 });
    expect(c.total).toBe(7);
    expect(Object.fromEntries(c.kind)).toEqual({ i: 7, t: 2 }); // year 2025 applied, not kind
    expect(Object.fromEntries(c.year)).toEqual({ 2026: 4, 2025: 7 }); // kind i applied, not year
    expect(Object.fromEntries(c.source)).toEqual({ sample: 7 });
    expect(c.all).toEqual({ kind: 9, year: 11, source: 7 });
  });
  it("counts everything with no filter", () => {
    const c = facetCounts(items, {});
    expect(c.total).toBe(14);
    expect(Object.fromEntries(c.source)).toEqual({ declared: 5, sample: 9 });
  });
});

describe("pageOf(total, page, size)", () => {
  it.each([
    [45, 1, { page: 1, pages: 3, from: 1, to: 20 }],
    [45, 3, { page: 3, pages: 3, from: 41, to: 45 }],
    [45, 9, { page: 3, pages: 3, from: 41, to: 45 }],
    [45, 0, { page: 1, pages: 3, from: 1, to: 20 }],
    [0, 2, { page: 1, pages: 1, from: 0, to: 0 }],
  ])("pageOf(%i, %i) is %j", (total, page, want) => expect(pageOf(total, page, 20)).toEqual(want));
});

describe("readSearchState(params) and writeSearchState(state)", () => {
  it("reads the query, filters and page, and leaves out values it does not know", () => {
    expect(readSearchState(new URLSearchParams("q=满意度&kind=i&year=2025&data=sample&page=3"))).toEqual({ q: "满意度", kind: "i", year: 2025, source: "sample", page: 3 });
    expect(readSearchState(new URLSearchParams("q=x&kind=<b>&year=abc&data=all&page=-1"))).toEqual({ q: "x", page: 1 });
    expect(readSearchState(new URLSearchParams(""))).toEqual({ q: "", page: 1 });
  });
  it("writes them back in one order, defaults left out, so that a view has one address", () => {
    expect(writeSearchState({ q: " 满意度 ", kind: "i", year: 2025, source: "sample", page: 3 })).toBe(`?q=${encodeURIComponent("满意度")}&kind=i&year=2025&data=sample&page=3`);
    expect(writeSearchState({ q: "", page: 1 })).toBe("");
    const s = { q: "读者 满意度", kind: "t" as const, page: 2 };
    expect(readSearchState(new URLSearchParams(writeSearchState(s)))).toEqual(s);
  });
});
