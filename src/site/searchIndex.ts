// The prebuilt search index: units, projects, tasks and indicators with the link to each
// (a permalink on its unit page). Built at build time; searched in the browser
// by substring, which suits Chinese text (no word segmentation needed).
import type { QueryEngine } from "../query/engine.ts";
import { queries } from "../query/queries.ts";
import { projectPath } from "./projectView.ts";
import { fnv1a } from "../core/ids.ts";

export interface SearchEntry {
  /** u = unit, p = project, t = task, i = indicator. */
  k: "u" | "p" | "t" | "i";
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
}

export async function buildSearchIndex(db: QueryEngine): Promise<SearchEntry[]> {
  const out: SearchEntry[] = [];
  for (const u of await queries.units(db)) {
    const path = `unit/${u.unit_id}/${u.fiscal_year}/`;
    const c = `${u.unit_name} · ${u.fiscal_year}`;
    const s = u.data_source === "sample";
    out.push({ k: "u", t: u.unit_name, x: `${u.fiscal_year} ${u.funding_method ?? ""}`, c, p: path, s });
    for (const task of await queries.tasks(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "t", t: task.task_name, x: (task.task_content ?? "").slice(0, 160), c, p: `${path}#${task.task_id}`, s });
    }
    for (const ind of await queries.indicators(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s });
    }
  }
  for (const p of await queries.projects(db)) {
    const path = projectPath(p);
    const c = `${p.unit_name} · ${p.fiscal_year}`;
    const s = p.data_source === "sample";
    out.push({ k: "p", t: p.project_name, x: [p.project_code, p.supervisor, p.project_type].filter(Boolean).join(" "), c, p: path, s });
    for (const ind of await queries.projectIndicators(db, p.project_id, p.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${p.project_name} · ${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s });
    }
  }
  return out;
}

/** Entries whose title, text or context contain every space-separated term (case-insensitive). */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 50): SearchEntry[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return [];
  const hits: SearchEntry[] = [];
  for (const e of entries) {
    const hay = `${e.t} ${e.x} ${e.c}`.toLowerCase();
    if (terms.every((term) => hay.includes(term))) hits.push(e);
    if (hits.length >= limit) break;
  }
  return hits;
}

// ---------------------------------------------------------------------------
// The index split, so that a query loads a few small files, not all of it
// (/search-index/…, written by src/pages/search-index/[file].json.ts):
//   manifest.json   {format, entries, chunk, chunks, shards}: the file names follow from it
//   e-{n}.json      entries n × chunk … (n + 1) × chunk − 1, in index order
//   k-{n}.json      {key: [entry number deltas]} for the keys whose hash falls in shard n
// A key is a character or a pair of adjacent characters (no spaces) of an entry's
// searched text, lower case; substring search over Chinese needs no word segmentation.
// A query looks up, per term, its character (a one-character term, when no term is
// longer) or up to five of its pairs (queryKeys), intersects their lists, then opens the chunks of the
// candidates in order and keeps the entries that hold every term (searchEntries), until
// `limit` hits. What it loads: the manifest, ≤ MAX_KEYS key shards and the chunks of its
// first hits — bounded (test/scale.test.ts measures it) however many units there are.

export interface SearchManifest {
  format: "jixiao-search/1";
  entries: number;
  /** Entries per e-{n}.json. */
  chunk: number;
  chunks: number;
  /** Number of k-{n}.json files. */
  shards: number;
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
  return { manifest: { format: "jixiao-search/1", entries: entries.length, chunk: SEARCH_CHUNK, chunks: chunks.length, shards }, chunks, shards: out };
}

/** The files of a split index, by name under /search-index/. */
export function searchFiles(s: SplitIndex): Map<string, unknown> {
  return new Map<string, unknown>([
    ["manifest", s.manifest],
    ...s.chunks.map((c, i) => [`e-${i}`, c] as [string, unknown]),
    ...s.shards.map((k, i) => [`k-${i}`, k] as [string, unknown]),
  ]);
}

/** Searches the split index through `load(name)` (a file of /search-index/ without .json): the same hits as searchEntries over every entry, within MAX_CHUNKS chunks. */
export async function searchSplit(load: (name: string) => Promise<unknown>, query: string, limit = 50): Promise<{ hits: SearchEntry[]; complete: boolean }> {
  const terms = queryKeys(query);
  if (!terms.length) return { hits: [], complete: true };
  // Each term has a say: keys are taken term by term, round robin, up to MAX_KEYS.
  const m = (await load("manifest")) as SearchManifest;
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
    if (candidates.length === 0) return { hits: [], complete: true };
  }
  const byChunk = new Map<number, number[]>();
  for (const i of candidates!) byChunk.set(Math.floor(i / m.chunk), [...(byChunk.get(Math.floor(i / m.chunk)) ?? []), i]);
  const hits: SearchEntry[] = [];
  let opened = 0;
  for (const [c, ids] of byChunk) {
    if (opened === MAX_CHUNKS) return { hits, complete: false };
    opened++;
    const chunk = (await load(`e-${c}`)) as SearchEntry[];
    hits.push(...searchEntries(ids.map((i) => chunk[i - c * m.chunk]), query, limit - hits.length));
    if (hits.length >= limit) return { hits, complete: true };
  }
  return { hits, complete: true };
}
