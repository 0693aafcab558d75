// The prebuilt search index: units, projects, tasks and indicators with the link to each
// (a permalink on its unit page). Built at build time; searched in the browser
// by substring, which suits Chinese text (no word segmentation needed).
import type { QueryEngine } from "../query/engine.ts";
import { queries } from "../query/queries.ts";
import { projectPath } from "./projectView.ts";
import { fnv1a } from "../core/ids.ts";
import { facetCounts, KINDS, passesFilter, queryTerms, type Facet, type FacetCounts, type Kind, type SearchFilter } from "./searchQuery.ts";

export interface SearchEntry {
  /** u = unit, p = project, t = task, i = indicator. */
  k: Kind;
  /** Title shown in results. */
  t: string;
  /** Extra text that is searched and shown (group, target, content). */
  x: string;
  /** Unit name and year, for context. */
  c: string;
  /** Path inside the site, without language prefix. */
  p: string;
  /** Illustrative data. */
  s: boolean;
  /** Fiscal year. */
  y: number;
}

/**
 * The order results come in: declared data before illustrative, then units, projects, tasks, indicators,
 * newest year first, then as built (unit by unit). Entries that share kind, year and source are thus
 * next to each other, so the split index's manifest can say which they are in a few runs (`groups`).
 */
export function searchOrder(a: SearchEntry, b: SearchEntry): number {
  return Number(a.s) - Number(b.s) || KINDS.indexOf(a.k) - KINDS.indexOf(b.k) || b.y - a.y;
}

export async function buildSearchIndex(db: QueryEngine): Promise<SearchEntry[]> {
  const out: SearchEntry[] = [];
  for (const u of await queries.units(db)) {
    const path = `unit/${u.unit_id}/${u.fiscal_year}/`;
    const c = `${u.unit_name} · ${u.fiscal_year}`;
    const s = u.data_source === "sample";
    const y = Number(u.fiscal_year);
    out.push({ k: "u", t: u.unit_name, x: `${u.fiscal_year} ${u.funding_method ?? ""}`, c, p: path, s, y });
    for (const task of await queries.tasks(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "t", t: task.task_name, x: (task.task_content ?? "").slice(0, 160), c, p: `${path}#${task.task_id}`, s, y });
    }
    for (const ind of await queries.indicators(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s, y });
    }
  }
  for (const p of await queries.projects(db)) {
    const path = projectPath(p);
    const c = `${p.unit_name} · ${p.fiscal_year}`;
    const s = p.data_source === "sample";
    const y = Number(p.fiscal_year);
    out.push({ k: "p", t: p.project_name, x: [p.project_code, p.supervisor, p.project_type].filter(Boolean).join(" "), c, p: path, s, y });
    for (const ind of await queries.projectIndicators(db, p.project_id, p.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${p.project_name} · ${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s, y });
    }
  }
  return out.sort(searchOrder);
}

/** Entries whose title, text or context contain every space-separated term (case-insensitive). */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 50, filter: SearchFilter = {}): SearchEntry[] {
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const hits: SearchEntry[] = [];
  for (const e of entries) {
    const hay = `${e.t} ${e.x} ${e.c}`.toLowerCase();
    if (passesFilter(e, filter) && terms.every((term) => hay.includes(term))) hits.push(e);
    if (hits.length >= limit) break;
  }
  return hits;
}

// ---------------------------------------------------------------------------
// The index split, so that a query loads a few small files, not all of it
// (/search-index/…, written by src/pages/search-index/[file].json.ts):
//   manifest.json   {format, entries, chunk, chunks, shards, groups}: the file names follow from it;
//                   groups are runs of entries of one kind, year and source, so the filters can count and
//                   pick candidates before any chunk is opened
//   e-{n}.json      entries n × chunk … (n + 1) × chunk − 1, in index order
//   k-{n}.json      {key: [entry number deltas]} for the keys whose hash falls in shard n
// A key is a character or a pair of adjacent characters (no spaces) of an entry's
// searched text, lower case; substring search over Chinese needs no word segmentation.
// A query looks up, per term, its character (a one-character term, when no term is
// longer) or up to five of its pairs (queryKeys), intersects their lists, then opens the chunks of the
// candidates in order and keeps the entries that hold every term (searchEntries), until
// a page is full (SearchResults). What it loads: the manifest, ≤ MAX_KEYS key shards and the chunks of its
// first hits — bounded (test/scale.test.ts measures it) however many units there are; the next
// page opens the next chunks, only those.

export interface SearchManifest {
  format: "jixiao-search/2";
  entries: number;
  /** Entries per e-{n}.json. */
  chunk: number;
  chunks: number;
  /** Number of k-{n}.json files. */
  shards: number;
  /** Runs of consecutive entries of one kind, year and source (illustrative or not), n entries each, in index order. */
  groups: (Facet & { n: number })[];
}

export interface SplitIndex {
  manifest: SearchManifest;
  chunks: SearchEntry[][];
  shards: Record<string, number[]>[];
}

/** Entries per chunk file, and the raw size a key shard aims at. */
export const SEARCH_CHUNK = 48;
const SHARD_TARGET = 40_000;
/** At most this many keys (hence key shards) per query. */
export const MAX_KEYS = 8;
/** At most this many chunks opened per query; past that the hits are the first found. */
export const MAX_CHUNKS = 40;
/** A query whose candidates lie in at most this many chunks reads them all at once, so that its counts are exact from the start. */
export const EAGER_CHUNKS = 12;

const hayOf = (e: SearchEntry) => `${e.t} ${e.x} ${e.c}`.toLowerCase();

/** The keys of a text: its characters and pairs of adjacent characters, spaces left out. */
export function searchKeys(text: string): Set<string> {
  const chars = [...text.toLowerCase()];
  const keys = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    if (/\s/.test(chars[i])) continue;
    keys.add(chars[i]);
    if (i + 1 < chars.length && !/\s/.test(chars[i + 1])) keys.add(chars[i] + chars[i + 1]);
  }
  return keys;
}

/** The key shard a key is in. */
export const shardOf = (key: string, shards: number) => parseInt(fnv1a(key).slice(-8), 16) % shards;

/**
 * The keys a query looks up, per term: a one-character term its character (only when no term is longer); a longer
 * term up to five of its pairs — up to three with a digit or a Latin letter first (rarer), then others spread over the term.
 */
export function queryKeys(query: string): string[][] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const long = terms.some((term) => [...term].length > 1);
  return terms.map((term) => {
    const c = [...term];
    if (c.length === 1) return long ? [] : [term];
    const pairs = [...new Set(c.slice(0, -1).map((x, i) => x + c[i + 1]))];
    // k of a list's items, first and last among them, evenly apart.
    const spread = (list: string[], n: number) => {
      const k = Math.min(n, list.length);
      return Array.from({ length: k }, (_, i) => list[k === 1 ? 0 : Math.round((i * (list.length - 1)) / (k - 1))]);
    };
    const rare = spread(pairs.filter((p) => /[0-9a-z]/.test(p)), 3);
    return [...new Set([...rare, ...spread(pairs.filter((p) => !rare.includes(p)), 4)])].slice(0, 5);
  });
}

export function splitIndex(entries: readonly SearchEntry[]): SplitIndex {
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const k of searchKeys(hayOf(e))) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  // Deltas: ascending entry numbers written as differences, so a long list stays small.
  const encoded = new Map([...postings].map(([k, list]) => [k, list.map((n, i) => (i === 0 ? n : n - list[i - 1]))]));
  let bytes = 0;
  for (const [k, d] of encoded) bytes += k.length * 3 + 6 + d.join(",").length;
  let shards = 1;
  while (bytes / shards > SHARD_TARGET) shards *= 2;
  const out: Record<string, number[]>[] = Array.from({ length: shards }, () => ({}));
  for (const [k, d] of [...encoded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[shardOf(k, shards)][k] = d;
  const chunks: SearchEntry[][] = [];
  for (let i = 0; i < entries.length; i += SEARCH_CHUNK) chunks.push(entries.slice(i, i + SEARCH_CHUNK));
  const groups: SearchManifest["groups"] = [];
  for (const e of entries) {
    const last = groups[groups.length - 1];
    if (last && last.k === e.k && last.y === e.y && last.s === e.s) last.n++;
    else groups.push({ k: e.k, y: e.y, s: e.s, n: 1 });
  }
  return { manifest: { format: "jixiao-search/2", entries: entries.length, chunk: SEARCH_CHUNK, chunks: chunks.length, shards, groups }, chunks, shards: out };
}

/** The files of a split index, by name under /search-index/. */
export function searchFiles(s: SplitIndex): Map<string, unknown> {
  return new Map<string, unknown>([
    ["manifest", s.manifest],
    ...s.chunks.map((c, i) => [`e-${i}`, c] as [string, unknown]),
    ...s.shards.map((k, i) => [`k-${i}`, k] as [string, unknown]),
  ]);
}

type Load = (name: string) => Promise<unknown>;

/**
 * One query's results over the split index, loaded as they are asked for: `open` reads the manifest and the key
 * shards and knows the candidates (entries that hold the query's keys) and, from the manifest's groups, the
 * kind, year and source of each, so the filters count and choose before any chunk is read; `collect` and
 * `page` then open the chunks of the candidates in order, only as far as the hits asked for, each chunk once.
 */
export class SearchResults {
  /** Chunks opened so far. */
  opened = 0;
  /** A candidate's entry when it holds every term, null when it does not; absent until its chunk is read. */
  private readonly verdict = new Map<number, SearchEntry | null>();
  private readonly starts: number[] = [];
  private readonly load: Load;
  readonly manifest: SearchManifest;
  readonly query: string;
  /** Entry numbers, ascending. */
  readonly candidates: readonly number[];

  /**
   * Whether the candidates are exactly the hits, before any is read: every term is one or two characters and one
   * of the keys looked up (a pair of adjacent characters, never across a space, is the term itself).
   */
  readonly exact: boolean;

  private constructor(load: Load, manifest: SearchManifest, query: string, candidates: readonly number[], exact: boolean) {
    this.load = load;
    this.manifest = manifest;
    this.query = query;
    this.candidates = candidates;
    this.exact = exact;
    let at = 0;
    for (const g of manifest.groups) (this.starts.push(at), (at += g.n));
  }

  static async open(load: Load, query: string): Promise<SearchResults> {
    const terms = queryKeys(query);
    const m = (await load("manifest")) as SearchManifest;
    if (!terms.length) return new SearchResults(load, m, query, [], true);
    // Each term has a say: keys are taken term by term, round robin, up to MAX_KEYS.
    const keys: string[] = [];
    for (let i = 0; keys.length < MAX_KEYS && terms.some((t) => t.length > i); i++) for (const t of terms) if (t[i] !== undefined && keys.length < MAX_KEYS && !keys.includes(t[i])) keys.push(t[i]);
    const shardFiles = [...new Set(keys.map((k) => shardOf(k, m.shards)))];
    const loaded = new Map<number, Record<string, number[]>>();
    await Promise.all(shardFiles.map(async (n) => loaded.set(n, (await load(`k-${n}`)) as Record<string, number[]>)));
    let candidates: number[] | null = null;
    for (const k of keys) {
      const d = loaded.get(shardOf(k, m.shards))![k] ?? [];
      let n = 0;
      const list = d.map((x) => (n += x));
      if (candidates === null) candidates = list;
      else {
        const has = new Set(list);
        candidates = candidates.filter((i) => has.has(i));
      }
      if (candidates.length === 0) break;
    }
    const exact = queryTerms(query).every((t) => [...t].length <= 2 && keys.includes(t));
    const results = new SearchResults(load, m, query, candidates ?? [], exact || candidates?.length === 0);
    if (!results.exact && new Set(results.candidates.map((i) => Math.floor(i / m.chunk))).size <= EAGER_CHUNKS) await results.collect({}, Infinity);
    return results;
  }

  /** Kind, year and source of entry number i, from the manifest's groups. */
  facet(i: number): Facet {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    const g = this.manifest.groups[lo];
    return { k: g.k, y: g.y, s: g.s };
  }

  /** The years the index holds, newest first, and whether it holds declared and illustrative entries. */
  get years(): number[] {
    return [...new Set(this.manifest.groups.map((g) => g.y))].sort((a, b) => b - a);
  }

  /**
   * Counts per filter (facetCounts): `found`, hits known and candidates not yet read, counted as hits — at most
   * this many; `unsure`, the candidates not yet read alone: where it is 0 the count is exact.
   */
  counts(filter: SearchFilter): { found: FacetCounts; unsure: FacetCounts } {
    const found = new Map<string, { facet: Facet; n: number }>();
    const unsure = new Map<string, { facet: Facet; n: number }>();
    for (const i of this.candidates) {
      const v = this.verdict.get(i);
      if (v === null) continue;
      const f = this.facet(i);
      const key = `${f.k}|${f.y}|${f.s}`;
      for (const m of v === undefined && !this.exact ? [found, unsure] : [found]) {
        const item = m.get(key);
        if (item) item.n++;
        else m.set(key, { facet: f, n: 1 });
      }
    }
    return { found: facetCounts(found.values(), filter), unsure: facetCounts(unsure.values(), filter) };
  }

  /**
   * The first `want` hits that pass the filter, opening chunks in order as needed, at most `maxChunks` more of
   * them; `complete` is false when that bound stopped it before `want` hits with candidates left unread.
   */
  async collect(filter: SearchFilter, want: number, maxChunks = MAX_CHUNKS): Promise<{ hits: SearchEntry[]; complete: boolean }> {
    const hits: SearchEntry[] = [];
    const terms = queryTerms(this.query);
    let opened = 0;
    for (const i of this.candidates) {
      if (hits.length >= want) break;
      if (!passesFilter(this.facet(i), filter)) continue;
      if (!this.verdict.has(i)) {
        if (opened === maxChunks) return { hits, complete: false };
        opened++;
        this.opened++;
        const c = Math.floor(i / this.manifest.chunk);
        const chunk = (await this.load(`e-${c}`)) as SearchEntry[];
        const first = c * this.manifest.chunk;
        for (const j of this.candidates) {
          if (j < first || j >= first + chunk.length) continue;
          const e = chunk[j - first];
          const hay = hayOf(e);
          this.verdict.set(j, terms.every((t) => hay.includes(t)) ? e : null);
        }
      }
      const v = this.verdict.get(i);
      if (v) hits.push(v);
    }
    return { hits, complete: true };
  }

  /**
   * Page `page` (1-based) of the hits that pass the filter, `size` a page: it reads one hit past the page, so that
   * whether there is a next page is known. `total` is exact when `exact`, else at most that many.
   */
  async page(filter: SearchFilter, page: number, size: number): Promise<{ hits: SearchEntry[]; page: number; from: number; to: number; next: boolean; total: number; exact: boolean; complete: boolean }> {
    let want = Math.max(1, Math.floor(page) || 1);
    let got = await this.collect(filter, want * size + 1);
    // Past the last page (a URL kept from a larger index, or candidates that were not hits): the last page.
    if (got.hits.length <= (want - 1) * size && got.complete && want > 1) {
      want = Math.max(1, Math.ceil(got.hits.length / size));
      got = { hits: got.hits.slice(0, want * size + 1), complete: true };
    }
    const { found, unsure } = this.counts(filter);
    const hits = got.hits.slice((want - 1) * size, want * size);
    const from = hits.length ? (want - 1) * size + 1 : 0;
    return { hits, page: want, from, to: from ? from + hits.length - 1 : 0, next: got.hits.length > want * size || !got.complete, total: Math.max(found.total, got.hits.length), exact: unsure.total === 0, complete: got.complete };
  }
}

/** Searches the split index through `load(name)` (a file of /search-index/ without .json): the same hits as searchEntries over every entry, within MAX_CHUNKS chunks. */
export async function searchSplit(load: Load, query: string, limit = 50, filter: SearchFilter = {}): Promise<{ hits: SearchEntry[]; complete: boolean }> {
  if (!queryKeys(query).length) return { hits: [], complete: true };
  return (await SearchResults.open(load, query)).collect(filter, limit);
}
