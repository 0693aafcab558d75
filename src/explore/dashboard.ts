// The explore page's overview as data, over whatever is loaded (a unit's own
// dashboard is the unit page's: src/views/unitData.ts). DOM-free: the page only
// arranges what this returns, so it is tested in Node on native DuckDB.
import type { QueryEngine } from "../query/engine.ts";
import { SQL, queries, unitsSql, type UnitRow, type KeyFiguresRow, type Level1CountRow, type FindingCountRow } from "../query/queries.ts";

/** Rows of long lists shown on the page; the rest is in the SQL console and the exports. */
export const SHOW_ROWS = 300;
/** Unit years in the overview's table (each a row the page lays out; the rest is in the unit list, the console and the exports). */
export const OVERVIEW_ROWS = 100;
/** Unit years in the unit list (a million-row upload has thousands; the rest is in the console and the exports). */
export const LIST_UNITS = 2000;

export type UnitKey = { unit_id: string; fiscal_year: number };

export interface Overview {
  /** The first `listed` unit years in the list's order, of those the filter keeps (totals.units counts them all). */
  units: UnitRow[];
  /** The unit year asked for, when it is loaded (listed or not). */
  selected: UnitRow | null;
  /** Key figures, indicator groups and problem counts by unit year, for the table of the first units listed (none when none is). */
  figures: KeyFiguresRow[];
  level1: Level1CountRow[];
  findings: FindingCountRow[];
  /** `matched`: the unit years the filter keeps (null with no filter). */
  totals: { units: number; indicators: number; budget: number; findings: number; matched: number | null };
}

/** A unit year whose name or id holds the filter ($1), in any case: what the overview and the unit list narrow to. */
const UNIT_MATCH = "(strpos(lower(unit_name), lower($1)) > 0 OR strpos(lower(unit_id), lower($1)) > 0)";

/**
 * The overview: the first `listed` unit years (of those whose name or id holds `filter`, when one is given),
 * their figures, and `want` (or, when it is not loaded, the first unit year) as `selected`. With none
 * listed (while a large file is checked) no figure is read: each is a pass the dashboards would wait for.
 */
export async function loadOverview(e: QueryEngine, want: UnitKey | null = null, listed = LIST_UNITS, filter = ""): Promise<Overview> {
  const f = filter.trim();
  const match = f ? [f] : [];
  // One unit year more than listed when none is: the one shown when none is asked for.
  const [rows, figures, findings, totals] = await Promise.all([
    e.query(`${unitsSql(f ? UNIT_MATCH : "")} LIMIT ${Math.max(listed, 1)}`, match) as unknown as Promise<UnitRow[]>,
    listed > 0 ? queries.keyFigures(e) : [], listed > 0 ? queries.findingCounts(e) : [],
    e.query<Overview["totals"]>(
      `SELECT (SELECT CAST(count(DISTINCT (unit_id, fiscal_year)) AS INTEGER) FROM units) AS units, (SELECT CAST(count(*) AS INTEGER) FROM indicator_rows WHERE NOT gives_way) AS indicators,
              (SELECT CAST(count(*) AS INTEGER) FROM budget) AS budget, (SELECT CAST(count(*) AS INTEGER) FROM findings) AS findings,
              ${f ? `(SELECT CAST(count(*) AS INTEGER) FROM units WHERE ${UNIT_MATCH})` : "CAST(NULL AS INTEGER)"} AS matched`, match),
  ]);
  // The same level1Counts query, for the unit years the table shows, over the stored rows: a CTE named
  // `indicators` stands in for the view (the query reads no parsed-target column, so no join is needed).
  const units = rows.slice(0, listed);
  const wanted = want && (units.find((u) => u.unit_id === want.unit_id && u.fiscal_year === want.fiscal_year)
    ?? ((await e.query(unitsSql("unit_id = $1 AND fiscal_year = $2"), [want.unit_id, want.fiscal_year])) as unknown as UnitRow[])[0]);
  const selected = wanted ?? rows[0] ?? null;
  const shown = units.slice(0, OVERVIEW_ROWS);
  const level1 = shown.length
    ? ((await e.query(`WITH indicators AS (SELECT r.* FROM indicator_rows r SEMI JOIN (VALUES ${shown.map((_, i) => `($${2 * i + 1}, CAST($${2 * i + 2} AS INTEGER))`).join(", ")}) AS s(unit_id, fiscal_year) USING (unit_id, fiscal_year) WHERE NOT r.gives_way)
        ${SQL.level1Counts}`, shown.flatMap((u) => [u.unit_id, u.fiscal_year]))) as unknown as Level1CountRow[])
    : [];
  return { units, selected, figures, level1, findings, totals: totals[0] };
}
