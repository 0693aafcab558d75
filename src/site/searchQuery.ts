// The search page's pure parts, DOM-free and tested (test/searchQuery.test.ts): a query's terms,
// where they match in a text (for <mark>), a short excerpt around the first match, the filters
// and their counts, the page of a hit list, and the view's state in the URL (?q=…&kind=…&year=…&data=…&page=…).

/** Entry kinds: u = unit, p = project, t = task, i = indicator; in the order results list them. */
export const KINDS = ["u", "p", "t", "i"] as const;
export type Kind = (typeof KINDS)[number];
export type Source = "declared" | "sample";

/** Results on one page. */
export const SEARCH_PAGE = 20;

/** A query's terms: split at whitespace (full-width spaces too), lower case, each once. */
export function queryTerms(query: string): string[] {
  return [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
}

/** A text lowered character by character, with where each lowered code unit came from in the text. */
function lowered(text: string): { low: string; at: number[] } {
  const low = text.toLowerCase();
  // Lower case keeps the length of almost every text (CJK, Latin, digits): its offsets are the text's.
  if (low.length === text.length) return { low, at: Array.from({ length: low.length + 1 }, (_, i) => i) };
  let out = "";
  const at: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const l = ch.toLowerCase();
    for (let k = 0; k < l.length; k++) at.push(i);
    out += l;
    i += ch.length;
  }
  at.push(text.length);
  return { low: out, at };
}

/**
 * The ranges [start, end) of `text` where any of the terms (lower case, from queryTerms) occurs,
 * case-insensitively, overlapping and touching ones merged, in order.
 */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const { low, at } = lowered(text);
  const found: [number, number][] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let i = low.indexOf(term); i !== -1; i = low.indexOf(term, i + 1)) found.push([at[i], at[i + term.length] ?? text.length]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of found) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** A text cut in parts to show, each marked or not: what the page turns into text nodes and <mark>s. */
export function markParts(text: string, ranges: readonly [number, number][]): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * At most `max` characters of a text around its first match, with … where it was cut, and the
 * ranges moved with it; a text that fits is whole. A match is never cut through at the start.
 */
export function excerpt(text: string, ranges: readonly [number, number][], max = 90): { text: string; ranges: [number, number][] } {
  if (text.length <= max) return { text, ranges: ranges.map(([s, e]) => [s, e]) };
  const first = ranges[0]?.[0] ?? 0;
  // A fifth of the room before the match, for its context; the start not inside a surrogate pair.
  let start = Math.max(0, Math.min(first - Math.floor(max / 5), text.length - max));
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
  let end = Math.min(text.length, start + max);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  const pre = start > 0 ? "…" : "";
  const shift = pre.length - start;
  const kept = ranges.filter(([s, e]) => e > start && s < end).map(([s, e]) => [Math.max(s, start) + shift, Math.min(e, end) + shift] as [number, number]);
  return { text: `${pre}${text.slice(start, end)}${end < text.length ? "…" : ""}`, ranges: kept };
}

/** What an entry is, for the filters: its kind, year and whether it is illustrative data. */
export interface Facet {
  k: Kind;
  y: number;
  s: boolean;
}

/** The filters chosen; an absent one lets everything through. */
export interface SearchFilter {
  kind?: Kind;
  year?: number;
  source?: Source;
}

const passes = (f: Facet, filter: SearchFilter, skip?: keyof SearchFilter) =>
  (skip === "kind" || filter.kind === undefined || f.k === filter.kind) &&
  (skip === "year" || filter.year === undefined || f.y === filter.year) &&
  (skip === "source" || filter.source === undefined || f.s === (filter.source === "sample"));

/** Whether an entry passes every filter. */
export const passesFilter = (f: Facet, filter: SearchFilter): boolean => passes(f, filter);

/** Counts of hits per kind, year and source, each with the other two filters applied (not its own), and the total with all. */
export interface FacetCounts {
  total: number;
  kind: Map<Kind, number>;
  year: Map<number, number>;
  source: Map<Source, number>;
  /** Per filter, the count of everything it would show with the other two applied (its 全部). */
  all: { kind: number; year: number; source: number };
}

/** Counts `items` (each a facet and how many hits it stands for) under `filter`. */
export function facetCounts(items: Iterable<{ facet: Facet; n: number }>, filter: SearchFilter): FacetCounts {
  const out: FacetCounts = { total: 0, kind: new Map(), year: new Map(), source: new Map(), all: { kind: 0, year: 0, source: 0 } };
  const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const { facet, n } of items) {
    if (!n) continue;
    if (passes(facet, filter)) out.total += n;
    if (passes(facet, filter, "kind")) (add(out.kind, facet.k, n), (out.all.kind += n));
    if (passes(facet, filter, "year")) (add(out.year, facet.y, n), (out.all.year += n));
    if (passes(facet, filter, "source")) (add(out.source, facet.s ? "sample" : "declared", n), (out.all.source += n));
  }
  return out;
}

/** Page `page` (1-based, brought within 1…pages) of `total` hits, `size` a page: its first and last hit (1-based). */
export function pageOf(total: number, page: number, size = SEARCH_PAGE): { page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { page: p, pages, from: total ? (p - 1) * size + 1 : 0, to: Math.min(total, p * size) };
}

/** The search as the URL holds it. */
export interface SearchState extends SearchFilter {
  q: string;
  /** 1-based. */
  page: number;
}

/** The state of ?q=…&kind=…&year=…&data=…&page=…; a value it does not know is left out. */
export function readSearchState(params: URLSearchParams): SearchState {
  const kind = params.get("kind");
  const year = Number(params.get("year"));
  const data = params.get("data");
  const page = Number(params.get("page"));
  return {
    q: params.get("q") ?? "",
    ...((KINDS as readonly string[]).includes(kind ?? "") ? { kind: kind as Kind } : {}),
    ...(Number.isInteger(year) && year > 0 ? { year } : {}),
    ...(data === "declared" || data === "sample" ? { source: data as Source } : {}),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The query string of a state, its parameters in one order and defaults left out (page 1, no filter). */
export function writeSearchState(s: SearchState): string {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  if (s.kind) p.set("kind", s.kind);
  if (s.year) p.set("year", String(s.year));
  if (s.source) p.set("data", s.source);
  if (s.page > 1) p.set("page", String(s.page));
  const q = p.toString();
  return q ? `?${q}` : "";
}
