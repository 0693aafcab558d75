// The comparison pages' state in the URL: which years, which indicator statuses
// and 一级 group, which view (amounts or shares), the ranking order, and where
// one is in the drill-down (region → unit → 一级). Pure and dependency-free, so
// the small client script can share it with the build and the tests.

export const STATUSES = ["added", "removed", "changed", "unchanged"] as const;
export type IndicatorStatus = (typeof STATUSES)[number];
export const VIEWS = ["abs", "share"] as const;
export type View = (typeof VIEWS)[number];
export const SORTS = ["budget", "rate", "score"] as const;
export type Sort = (typeof SORTS)[number];

export interface CompareState {
  /** Year-over-year: the older and newer year. */
  from: number | null;
  to: number | null;
  /** Indicator statuses shown (empty: all). */
  status: IndicatorStatus[];
  /** 一级 group: a filter of the indicator table, or the drill-down's third level. */
  l1: string | null;
  view: View | null;
  sort: Sort | null;
  /** Drill-down: region name and unit id. */
  region: string | null;
  unit: string | null;
}

export const EMPTY_STATE: CompareState = { from: null, to: null, status: [], l1: null, view: null, sort: null, region: null, unit: null };

const year = (v: string | null) => (v !== null && /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : null);
const text = (v: string | null) => (v === null || v.trim() === "" ? null : v.trim().slice(0, 200));
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : null);

/** Reads the state from a query string ("?from=2024&to=2025&status=added,changed"); anything unknown or malformed is ignored. */
export function readState(search: string): CompareState {
  const p = new URLSearchParams(search);
  const status = (p.getAll("status").join(",").split(",").map((s) => s.trim()).filter((s) => (STATUSES as readonly string[]).includes(s)) as IndicatorStatus[])
    .filter((s, i, all) => all.indexOf(s) === i)
    .sort((a, b) => STATUSES.indexOf(a) - STATUSES.indexOf(b));
  return {
    from: year(p.get("from")),
    to: year(p.get("to")),
    status: status.length === STATUSES.length ? [] : status,
    l1: text(p.get("l1")),
    view: oneOf(VIEWS, p.get("view")),
    sort: oneOf(SORTS, p.get("sort")),
    region: text(p.get("region")),
    unit: text(p.get("unit")),
  };
}

/** The query string of a state, keys in a fixed order, defaults left out: "" or "?…". */
export function stateQuery(state: Partial<CompareState>): string {
  const p = new URLSearchParams();
  if (state.from != null) p.set("from", String(state.from));
  if (state.to != null) p.set("to", String(state.to));
  if (state.status && state.status.length > 0 && state.status.length < STATUSES.length) p.set("status", [...state.status].sort((a, b) => STATUSES.indexOf(a) - STATUSES.indexOf(b)).join(","));
  if (state.region) p.set("region", state.region);
  if (state.unit) p.set("unit", state.unit);
  if (state.l1) p.set("l1", state.l1);
  if (state.view && state.view !== "abs") p.set("view", state.view);
  if (state.sort && state.sort !== "budget") p.set("sort", state.sort);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** "2024-2025" ↔ [2024, 2025]. */
export const pairSlug = (from: number, to: number) => `${from}-${to}`;
export function parsePairSlug(slug: string): [number, number] | null {
  const m = /^(\d{4})-(\d{4})$/.exec(slug);
  return m && Number(m[1]) < Number(m[2]) ? [Number(m[1]), Number(m[2])] : null;
}
