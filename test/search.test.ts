// The split search index (src/site/searchIndex.ts): splitIndex(entries) and
// searchSplit(load, query) give the hits searchEntries gives over every entry,
// opening the manifest, at most MAX_KEYS key shards and the chunks of the hits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDataFolders } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { buildSearchIndex, MAX_KEYS, queryKeys, searchEntries, searchFiles, searchKeys, searchSplit, splitIndex, type SearchEntry } from "../src/site/searchIndex.ts";

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
