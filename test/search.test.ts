// The split search index (src/site/searchIndex.ts): splitIndex(entries) and
// searchSplit(load, query) give the hits searchEntries gives over every entry,
// opening the manifest, at most MAX_KEYS key shards and the chunks of the hits; SearchResults
// gives each page of the filtered hits and the filters' counts, reading chunks only as pages ask.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataFolders } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { buildSearchIndex, MAX_KEYS, queryKeys, SearchResults, searchEntries, searchFiles, searchKeys, searchOrder, searchSplit, splitIndex, type SearchEntry } from "../src/site/searchIndex.ts";
import { facetCounts, SEARCH_PAGE, type SearchFilter } from "../src/site/searchQuery.ts";

let db: QueryEngine;
let entries: SearchEntry[];
beforeAll(async () => {
  db = await openDataFolders([{ dir: "data/canonical", status: "declared" }, { dir: "data/sample", status: "sample" }, { dir: "test/fixtures/site-projects", status: "declared" }]);
  entries = await buildSearchIndex(db);
});
afterAll(() => db.close());

describe("searchKeys(text) and queryKeys(query)", () => {
  it("searchKeys gives each character and pair of adjacent characters, spaces left out, in lower case", () => {
    expect([...searchKeys("Ab 满意度")].sort()).toEqual(["a", "ab", "b", "度", "满", "满意", "意", "意度"].sort());
  });
  it("queryKeys takes a long term's rare pairs first and drops one-character terms beside longer ones", () => {
    expect(queryKeys("满意度")).toEqual([["满意", "意度"]]);
    expect(queryKeys("第0051街道")[0]).toEqual(["第0", "05", "1街", "00", "51"]);
    expect(queryKeys("第0051街道社区党群服务中心 ≥")[1]).toEqual([]);
    expect(queryKeys("第0051街道社区党群服务中心")[0].slice(0, 3)).toEqual(["第0", "05", "1街"]);
    expect(queryKeys("示")).toEqual([["示"]]);
  });
});

describe("splitIndex(entries) and searchSplit(load, query)", () => {
  it("finds what searchEntries finds over the whole index, opening at most MAX_KEYS key shards", async () => {
    const split = splitIndex(entries);
    const files = searchFiles(split);
    expect(split.chunks.flat()).toEqual(entries);
    const unit = entries.find((e) => e.k === "u")!;
    const queries = ["满意度", "示", "读者满意度 ≥", `${unit.c}`, "不存在的词", "完成 及时 2026", "OK", entries[entries.length - 1].t];
    for (const q of queries) {
      const opened: string[] = [];
      const found = await searchSplit(async (name) => (opened.push(name), files.get(name)), q);
      expect(found.hits, q).toEqual(searchEntries(entries, q));
      expect(found.complete, q).toBe(true);
      expect(opened.filter((n) => n.startsWith("k-")).length, q).toBeLessThanOrEqual(MAX_KEYS);
      expect(new Set(opened).size, q).toBe(opened.length);
    }
  });
});

describe("buildSearchIndex(db) and the manifest's groups", () => {
  it("lists declared entries before illustrative ones, then units, projects, tasks, indicators, newest year first", () => {
    const rank = (e: SearchEntry) => [Number(e.s), "upti".indexOf(e.k), -e.y];
    for (let i = 1; i < entries.length; i++) {
      const [a, b] = [rank(entries[i - 1]), rank(entries[i])];
      const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      expect(cmp, `${entries[i - 1].p} before ${entries[i].p}`).toBeLessThanOrEqual(0);
    }
  });
  it("says in runs which kind, year and source each entry is, a few runs for the whole index", () => {
    const { manifest } = splitIndex(entries);
    expect(manifest.format).toBe("jixiao-search/2");
    const spelled = manifest.groups.flatMap((g) => Array.from({ length: g.n }, () => ({ k: g.k, y: g.y, s: g.s })));
    expect(spelled).toEqual(entries.map((e) => ({ k: e.k, y: e.y, s: e.s })));
    expect(manifest.groups.length).toBeLessThanOrEqual(4 * 2 * new Set(entries.map((e) => e.y)).size);
  });
});

describe("SearchResults: filters, counts and pages over the split index", () => {
  const countsOf = (hits: SearchEntry[], filter: SearchFilter) => facetCounts(hits.map((e) => ({ facet: e, n: 1 })), filter);

  it("gives each page of the filtered hits searchEntries gives, with the counts of every filter, exact on the bundled index", async () => {
    const files = searchFiles(splitIndex(entries));
    const load = async (name: string) => files.get(name);
    const filters: SearchFilter[] = [{}, { kind: "i" }, { year: 2025 }, { source: "declared" }, { kind: "t", year: 2024, source: "sample" }, { kind: "p" }];
    for (const q of ["满意度", "率", "完成 及时", "示", "不存在的词"]) {
      const r = await SearchResults.open(load, q);
      for (const filter of filters) {
        const all = searchEntries(entries, q, Infinity, filter);
        const label = `${q} ${JSON.stringify(filter)}`;
        for (let page = 1; page <= Math.max(1, Math.ceil(all.length / SEARCH_PAGE)); page++) {
          const view = await r.page(filter, page, SEARCH_PAGE);
          expect(view.hits, `${label} page ${page}`).toEqual(all.slice((page - 1) * SEARCH_PAGE, page * SEARCH_PAGE));
          expect(view.page).toBe(page);
          expect(view.from).toBe(all.length ? (page - 1) * SEARCH_PAGE + 1 : 0);
          expect(view.next, label).toBe(page * SEARCH_PAGE < all.length);
          expect(view.exact, label).toBe(true);
          expect(view.total, label).toBe(all.length);
        }
        const { found, unsure } = r.counts(filter);
        expect(unsure.total, label).toBe(0);
        const want = countsOf(searchEntries(entries, q, Infinity), filter);
        expect(found, label).toEqual(want);
        // Past the last page is the last page.
        const last = Math.max(1, Math.ceil(all.length / SEARCH_PAGE));
        expect((await r.page(filter, last + 3, SEARCH_PAGE)).page, label).toBe(last);
      }
    }
  });

  // An index far larger than the bundled one: 4,000 entries over 84 chunks, every one holding 满意度.
  const big: SearchEntry[] = Array.from({ length: 4000 }, (_, i) => ({
    k: (["u", "p", "t", "i"] as const)[Math.floor(i / 1000)],
    t: `第${i}项 满意度`,
    x: i % 3 === 0 ? "满意 程度" : "调查",
    c: `单位${i % 50} · ${2026 - (i % 2)}`,
    p: `unit/u${i}/`,
    s: false,
    y: 2026 - (i % 2),
  })).sort(searchOrder);

  it("opens the chunks of the page asked for, not those of later pages, and the next page the next chunks only", async () => {
    const files = searchFiles(splitIndex(big));
    const opened: string[] = [];
    const load = async (name: string) => (opened.push(name), files.get(name));
    const r = await SearchResults.open(load, "满意度");
    expect(r.exact).toBe(false);
    const first = await r.page({}, 1, SEARCH_PAGE);
    expect(first.hits).toEqual(searchEntries(big, "满意度", SEARCH_PAGE));
    const afterFirst = opened.filter((n) => n.startsWith("e-")).length;
    expect(afterFirst).toBeLessThanOrEqual(2);
    // Not every candidate has been read: the count is at most this many, and says so.
    expect(first.exact).toBe(false);
    expect(first.total).toBe(4000);
    expect(first.next).toBe(true);
    const third = await r.page({}, 3, SEARCH_PAGE);
    expect(third.hits).toEqual(searchEntries(big, "满意度", 3 * SEARCH_PAGE).slice(2 * SEARCH_PAGE));
    expect(opened.filter((n) => n.startsWith("e-")).length).toBeLessThanOrEqual(afterFirst + 1);
    expect(new Set(opened).size).toBe(opened.length);
    // A filter reads only the chunks of its own candidates: the manifest says where the indicators are.
    const before = opened.length;
    const ind = await r.page({ kind: "i", year: 2025 }, 1, SEARCH_PAGE);
    expect(ind.hits).toEqual(searchEntries(big, "满意度", SEARCH_PAGE, { kind: "i", year: 2025 }));
    expect(opened.slice(before).every((n) => Number(n.slice(2)) * 48 >= 3000)).toBe(true);
  });

  it("knows the counts of a query of one- or two-character terms before reading any entry", async () => {
    const files = searchFiles(splitIndex(big));
    const opened: string[] = [];
    const r = await SearchResults.open(async (name) => (opened.push(name), files.get(name)), "满意 程度");
    expect(r.exact).toBe(true);
    expect(opened.filter((n) => n.startsWith("e-"))).toEqual([]);
    const want = countsOf(searchEntries(big, "满意 程度", Infinity), { year: 2026 });
    expect(r.counts({ year: 2026 }).found).toEqual(want);
    const view = await r.page({ year: 2026 }, 2, SEARCH_PAGE);
    expect(view.exact).toBe(true);
    expect(view.total).toBe(want.total);
  });
});
