// What one query of the split search index (src/site/searchIndex.ts) loads from a
// built site: the files it opens and their bytes, raw and gzip — the measure of
// "a query loads ≤ 200 KB", used by bench/scale.ts and test/scale.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { searchSplit, type SearchEntry } from "../src/site/searchIndex.ts";

export interface QueryBytes {
  hits: SearchEntry[];
  complete: boolean;
  files: string[];
  raw: number;
  gzip: number;
}

export async function queryBytes(dist: string, query: string): Promise<QueryBytes> {
  const files: string[] = [];
  let raw = 0;
  let gzip = 0;
  const cache = new Map<string, unknown>();
  const { hits, complete } = await searchSplit(async (name) => {
    if (!cache.has(name)) {
      const bytes = readFileSync(join(dist, "search-index", `${name}.json`));
      files.push(name);
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 6 }).length;
      cache.set(name, JSON.parse(bytes.toString("utf8")));
    }
    return cache.get(name);
  }, query);
  return { hits, complete, files, raw, gzip };
}
