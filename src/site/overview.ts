// The overview's unit-years with their key figures, computed once per build for the
// overview and the unit list pages (/units/{n}/). A site of many units keeps the
// overview light: past OVERVIEW_ROWS unit-years it shows the first of them and links
// the list pages, UNITS_PAGE unit-years each, which together list every one.
import type { QueryEngine } from "../query/engine.ts";
import { queries, type KeyFiguresRow, type Level1CountRow, type UnitRow } from "../query/queries.ts";

export interface OverviewCard {
  unit: UnitRow;
  fig: KeyFiguresRow | undefined;
  level1: Level1CountRow[];
  findings: { s: "error" | "warning" | "info"; n: number }[];
}

/** At most this many unit-years on the overview (cards and rows together); past it, the list pages. */
export const OVERVIEW_ROWS = 40;
/** At most this many declared unit-years drawn as cards on a summarised overview. */
export const OVERVIEW_CARDS = 12;
/** Unit-years on one list page. */
export const UNITS_PAGE = 100;

const CARDS = new WeakMap<QueryEngine, Promise<OverviewCard[]>>();

export function overviewCards(db: QueryEngine): Promise<OverviewCard[]> {
  let p = CARDS.get(db);
  if (!p) CARDS.set(db, (p = compute(db)));
  return p;
}

async function compute(db: QueryEngine): Promise<OverviewCard[]> {
  const [units, figures, level1, findings] = await Promise.all([queries.units(db), queries.keyFigures(db), queries.level1Counts(db), queries.findingCounts(db)]);
  const key = (r: { unit_id: string; fiscal_year: number }) => `${r.unit_id}|${r.fiscal_year}`;
  const figOf = new Map(figures.map((f) => [key(f), f]));
  const groups = new Map<string, Level1CountRow[]>();
  for (const l of level1) groups.set(key(l), [...(groups.get(key(l)) ?? []), l]);
  const counts = new Map(findings.map((f) => [`${key(f)}|${f.severity}`, f.n]));
  return units.map((u) => ({
    unit: u,
    fig: figOf.get(key(u)),
    level1: groups.get(key(u)) ?? [],
    findings: (["error", "warning", "info"] as const).map((s) => ({ s, n: counts.get(`${key(u)}|${s}`) ?? 0 })),
  }));
}

/** Every unit-year in list order: the declared first, then the illustrative. */
export const listed = (cards: readonly OverviewCard[]) => [...cards.filter((c) => c.unit.data_source === "declared"), ...cards.filter((c) => c.unit.data_source !== "declared")];

/** How many list pages (none when the overview lists everything). */
export const unitPages = (n: number) => (n > OVERVIEW_ROWS ? Math.ceil(n / UNITS_PAGE) : 0);
