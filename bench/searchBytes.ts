// What one query of the split search index (src/site/searchIndex.ts) loads from a
// built site, as the search page asks for it: the first page of hits (SearchResults),
// then each next page — the files each step opens and their bytes, raw and gzip. The
// measure of "a query loads ≤ 200 KB", used by bench/scale.ts and test/scale.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { SearchResults, type SearchEntry } from "../src/site/searchIndex.ts";
import { SEARCH_PAGE, type SearchFilter } from "../src/site/searchQuery.ts";

export interface LoadStep {
  /** The page's hits. */
  hits: SearchEntry[];
  complete: boolean;
  /** What this step opened that earlier steps had not. */
  files: string[];
  raw: number;
  gzip: number;
}

export interface QueryBytes extends LoadStep {
  /** Hits the page says there are (at most that many unless `exact`). */
  total: number;
  exact: boolean;
  /** Pages 2, 3, … as far as asked and there are, each what it added. */
  next: LoadStep[];
}

/** The first page of `query` (and `pages − 1` more, turned one by one) from dist's search-index/. */
export async function queryBytes(dist: string, query: string, pages = 1, filter: SearchFilter = {}): Promise<QueryBytes> {
  let step = { files: [] as string[], raw: 0, gzip: 0 };
  const cache = new Map<string, unknown>();
  const load = async (name: string) => {
    if (!cache.has(name)) {
      const bytes = readFileSync(join(dist, "search-index", `${name}.json`));
      step.files.push(name);
      step.raw += bytes.length;
      step.gzip += gzipSync(bytes, { level: 6 }).length;
      cache.set(name, JSON.parse(bytes.toString("utf8")));
    }
    return cache.get(name);
  };
  const r = await SearchResults.open(load, query);
  const first = await r.page(filter, 1, SEARCH_PAGE);
  const out: QueryBytes = { hits: first.hits, complete: first.complete, total: first.total, exact: first.exact, ...step, next: [] };
  // As a reader would: a next page only where the page shown says there is one.
  for (let p = 2, more = first.next; p <= pages && more; p++) {
    step = { files: [], raw: 0, gzip: 0 };
    const view = await r.page(filter, p, SEARCH_PAGE);
    out.next.push({ hits: view.hits, complete: view.complete, ...step });
    more = view.next;
  }
  return out;
}
