// The explore page's dashboards as data: the same queries (src/query/queries.ts),
// view helpers (src/site/view.ts) and chart functions (src/charts) as the
// prerendered unit page, over whatever is loaded. DOM-free: the page only
// arranges what this returns, so it is tested in Node on native DuckDB.
import type { QueryEngine } from "../query/engine.ts";
import { SQL, queries, unitsSql, type FindingRow, type IndicatorRow, type UnitRow, type KeyFiguresRow, type Level1CountRow, type FindingCountRow, type BudgetRow, type TaskRow } from "../query/queries.ts";
import { budgetStructureChart, indicatorGroupChart, type ChartResult } from "../charts/index.ts";
import { budgetChartRows, reconciliationChecks, type ReconciliationCheck } from "../site/view.ts";
import type { Lang } from "../site/i18n-explore.ts";
import { t } from "../site/messages.ts";

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
      `SELECT (SELECT CAST(count(*) AS INTEGER) FROM units) AS units, (SELECT CAST(count(*) AS INTEGER) FROM indicator_rows) AS indicators,
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
    ? ((await e.query(`WITH indicators AS (SELECT r.* FROM indicator_rows r SEMI JOIN (VALUES ${shown.map((_, i) => `($${2 * i + 1}, CAST($${2 * i + 2} AS INTEGER))`).join(", ")}) AS s(unit_id, fiscal_year) USING (unit_id, fiscal_year))
        ${SQL.level1Counts}`, shown.flatMap((u) => [u.unit_id, u.fiscal_year]))) as unknown as Level1CountRow[])
    : [];
  return { units, selected, figures, level1, findings, totals: totals[0] };
}

export interface UnitDashboard {
  unit: UnitRow;
  budget: BudgetRow[];
  checks: ReconciliationCheck[];
  /** Each chart at 640 (desktop) and 340 (phone) units wide, as the unit page draws them. */
  budgetChart: ChartResult | null;
  budgetChartCompact: ChartResult | null;
  indicatorChart: ChartResult | null;
  indicatorChartCompact: ChartResult | null;
  indicators: IndicatorRow[];
  /** All of the unit year's indicators (the list holds at most SHOW_ROWS). */
  indicatorCount: number;
  tasks: TaskRow[];
  findings: FindingRow[];
  /** Findings read (SHOW_ROWS + 1 when there are more than the list shows). */
  findingCount: number;
}

/** Everything the unit dashboards show for one unit and year, charts rendered by the same functions as the unit page. */
export async function loadUnit(e: QueryEngine, unit: UnitRow, lang: Lang = "zh"): Promise<UnitDashboard> {
  const id = unit.unit_id;
  const year = unit.fiscal_year;
  const [budget, rec, kinds, indicators, tasks, findings] = await Promise.all([
    queries.budget(e, id, year),
    queries.reconciliation(e, id, year),
    queries.indicatorKinds(e, id, year),
    e.query(`${SQL.indicators} LIMIT ${SHOW_ROWS}`, [id, year]) as unknown as Promise<IndicatorRow[]>,
    queries.tasks(e, id, year),
    e.query(`${SQL.findings} LIMIT ${SHOW_ROWS + 1}`, [id, year]) as unknown as Promise<FindingRow[]>,
  ]);
  const sample = unit.data_source === "sample";
  const rows = budgetChartRows(budget, lang);
  const kindRows = kinds.map((k) => ({ level1: k.level1 ?? "", level2: k.level2 ?? "", kind: k.kind, count: k.n }));
  const budgetTitle = t(lang, "explore.budgetChartTitle", unit.unit_name, year);
  const indTitle = t(lang, "explore.indicatorChartTitle", unit.unit_name, year);
  return {
    unit, budget, tasks, indicators, findings: findings.slice(0, SHOW_ROWS),
    checks: reconciliationChecks(rec, lang),
    budgetChart: rows.length ? budgetStructureChart(rows, { id: "x-budget", title: budgetTitle, sample, lang }) : null,
    budgetChartCompact: rows.length ? budgetStructureChart(rows, { id: "x-budget-c", title: budgetTitle, sample, lang, width: 340 }) : null,
    indicatorChart: kindRows.length ? indicatorGroupChart(kindRows, { id: "x-ind", title: indTitle, sample, lang }) : null,
    indicatorChartCompact: kindRows.length ? indicatorGroupChart(kindRows, { id: "x-ind-c", title: indTitle, sample, lang, width: 340 }) : null,
    indicatorCount: kinds.reduce((n, k) => n + k.n, 0),
    findingCount: findings.length,
  };
}
