// The explore page's completion (自评 / 运行监控 scoring) and year-over-year
// dashboards, over what is loaded. One unit's rows of every loaded year are read
// back from the database into the core's Dataset — through the canonical JSON
// form the exports write (src/explore/exports.ts jsonEntry → core fromJson) —
// then scored and compared by the core (scoreProgress, compareUnit) and drawn by
// the chart functions of the prerendered progress and comparison pages. DOM-free:
// tested in Node on native DuckDB.
import type { ReportData } from "../views/progress.ts";
import type { QueryEngine, Row } from "../query/engine.ts";
import type { UnitRow } from "../query/queries.ts";
import { fromJson, type TableName } from "../core/canonical.ts";
import { reportsOf, scoreProgress, type ProgressReport } from "../core/progress.ts";
import type { Dataset, Finding } from "../core/model.ts";
import type { MappingRow } from "../core/mapping.ts";
import { compareModel, projectComparison } from "../site/compareView.ts";
import type { ProjectComparison } from "../core/compare.ts";
import { compareUnitData, type CompareUnitData } from "../views/compareData.ts";
import { alertCounts, behindTarget } from "../site/progressView.ts";
import { progressCharts } from "../site/chartData.ts";
import { yearCharts, type YearCharts } from "../site/compareCharts.ts";
import { loadProjectRanking, type ProjectRanking } from "../site/projectRank.ts";
import type { Lang } from "../core/format.ts";
import { jsonEntry } from "./exports.ts";
import { isFiltered, type Filters } from "./filters.ts";
import type { Indicator } from "../core/model.ts";
import { storedAs } from "./sql.ts";

/** A unit with more indicator rows than this (all years) is not scored or compared on the page: SQL and exports still have it. */
export const MAX_UNIT_INDICATORS = 20_000;

const UNIT_TABLES = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"] as const satisfies readonly TableName[];

/** One unit's rows of a table, every year (or one year's rows of every unit), in file order; amounts as exact text. */
export function unitRowsSql(t: (typeof UNIT_TABLES)[number], by: "unit_id" | "fiscal_year" = "unit_id"): string {
  const cols = t === "budget" ? "* EXCLUDE (amount), CAST(amount AS VARCHAR) AS amount" : "*";
  const order = t === "indicators" ? "fiscal_year, ord" : "fiscal_year, source_file, source_row";
  return `SELECT ${cols} FROM ${storedAs(t)} WHERE ${by} = $1 ORDER BY upload_id, ${order}`;
}

/** What is loaded for one unit: decides whether there is anything to score or compare (small tables: no pass over the indicators). */
export const UNIT_EXTENT_SQL = `SELECT
    (SELECT CAST(count(*) AS INTEGER) FROM actuals WHERE unit_id = $1) AS actuals,
    (SELECT CAST(count(*) AS INTEGER) FROM execution WHERE unit_id = $1) AS execution,
    (SELECT CAST(count(DISTINCT fiscal_year) AS INTEGER) FROM units WHERE unit_id = $1) AS years`;

/** One unit's Dataset (every loaded year, its progress rows) as the core reads the canonical JSON; at most `maxIndicators` of its indicator rows (and one more, to tell). */
export async function unitDataset(e: QueryEngine, unitId: string, maxIndicators?: number): Promise<Dataset> {
  return datasetWhere(e, "unit_id", unitId, maxIndicators);
}

async function datasetWhere(e: QueryEngine, column: "unit_id" | "fiscal_year", value: string | number, maxIndicators?: number): Promise<Dataset> {
  // Asked together: the browser's engine runs them back to back.
  const limit = (t: string) => (t === "indicators" && maxIndicators !== undefined ? ` LIMIT ${maxIndicators + 1}` : "");
  const rows = await Promise.all(UNIT_TABLES.map((t) => e.query(unitRowsSql(t, column) + limit(t), [value])));
  const json: Record<string, unknown[]> = {};
  UNIT_TABLES.forEach((t, i) => (json[t] = rows[i].map((r: Row) => jsonEntry[t](r))));
  return fromJson(json, "explore");
}

/** Units of one year shown side by side: more than this and the ranking is for SQL, not for a chart. */
export const MAX_YEAR_UNITS = 200;

export interface YearResults {
  year: number;
  units: number;
  /** More units or indicators in the year than the page compares (MAX_YEAR_UNITS, MAX_UNIT_INDICATORS × 5). */
  tooLarge: boolean;
  /** Rankings (budget; execution rate and score when year-end data is loaded) and the structure of each unit; null with one unit. */
  charts: YearCharts | null;
  /** The year's projects ranked across units, as /compare/year/{year}/projects/ ranks them; null when the year has none. */
  projects: ProjectRanking | null;
}

/**
 * The units of one year side by side, as the prerendered /compare/year/{year}/
 * page shows them (yearCharts), and the year's projects ranked as its
 * /projects/ pages rank them: null when one unit of the year is loaded and it has no projects.
 */
export async function loadYear(e: QueryEngine, year: number, lang: Lang = "zh"): Promise<YearResults | null> {
  const [x] = await e.query<{ units: number; indicators: number; projects: number }>(
    `SELECT (SELECT CAST(count(DISTINCT unit_id) AS INTEGER) FROM units WHERE fiscal_year = $1) AS units,
            (SELECT CAST(count(*) AS INTEGER) FROM indicator_rows WHERE fiscal_year = $1) AS indicators,
            (SELECT CAST(count(*) AS INTEGER) FROM projects WHERE fiscal_year = $1) AS projects`, [year]);
  if (x.units < 2 && x.projects === 0) return null;
  if (x.units > MAX_YEAR_UNITS || x.indicators > MAX_UNIT_INDICATORS * 5) return { year, units: x.units, tooLarge: true, charts: null, projects: null };
  const data = await datasetWhere(e, "fiscal_year", year);
  const charts = x.units >= 2 ? yearCharts(compareModel(data), year, lang) : null;
  let projects: ProjectRanking | null = null;
  if (x.projects > 0) {
    // Each project's reports as the site scores them (src/site/progressData.ts projectReports).
    const reports = data.actuals?.length || data.execution?.length ? scoreProgress(data).reports : [];
    projects = await loadProjectRanking(e, year, (p) => reportsOf(reports, { projectId: p.project_id, year }));
  }
  return { year, units: x.units, tooLarge: false, charts, projects };
}

/** One period's completion as the progress page's view draws it. */
export type ReportView = ReportData;

/** Year over year of the unit: what the comparison page's view draws (src/views/compareData.ts). */
export type CompareView = CompareUnitData;

export interface Results {
  unit: UnitRow;
  /** The unit's loaded years, oldest first. */
  years: number[];
  /** Progress reports of the selected year: year-end first, then mid-year. */
  reports: ReportView[];
  /** Scoring findings of the selected year (progress rows that match no declared indicator, targets that differ …). */
  findings: Finding[];
  /** Null when only one year of the unit is loaded. */
  compare: CompareView | null;
  /** The unit has more indicator rows than MAX_UNIT_INDICATORS: nothing was scored or compared. */
  tooLarge: boolean;
}

/**
 * One project year's completion reports, scored by the core over the unit's loaded rows, and the project
 * against itself in the latest earlier year loaded (as the project page shows them).
 */
export async function loadProject(e: QueryEngine, unitId: string, projectId: string, year: number, mapping: readonly MappingRow[] = []): Promise<{ reports: ProgressReport[]; comparison: ProjectComparison | null }> {
  const data = await unitDataset(e, unitId, MAX_UNIT_INDICATORS);
  if (data.indicators.length > MAX_UNIT_INDICATORS) return { reports: [], comparison: null };
  const reports = data.actuals?.length || data.execution?.length ? scoreProgress(data).reports.filter((r) => r.projectId === projectId && r.year === year) : [];
  return { reports, comparison: projectComparison(data, projectId, year, mapping) };
}

/** One period's completion as the progress page draws it: its charts, 预警 counts and what is behind target. */
function reportView(unitName: string, report: ProgressReport, lang: Lang): ReportView {
  return { report, charts: progressCharts(unitName, report, lang), alerts: alertCounts(report), behind: behindTarget(report) };
}

/**
 * The completion, scoring notes and year over year of `r` narrowed as the filter bar narrows the unit dashboard:
 * the indicators of one 一级 and/or one status (the year-end report's, else the mid-year's, of the year shown) —
 * each period's chart, table and behind-target list drawn from the kept indicators; its total, grade and
 * execution rate stay the whole report's (a filter never rescores).
 */
export function filterResults(r: Results, f: Filters, lang: Lang): Results {
  if (!isFiltered(f)) return r;
  // Reports are year-end first (reportsOf): the first is the one the unit dashboard's status filter reads.
  const status = new Map((r.reports[0]?.report.indicators ?? []).map((p) => [p.indicator.id, p.score.status]));
  // The same indicators in every period: those the unit dashboard keeps (its status is the first report's).
  const keep = (i: Indicator) => (f.level1 === null || i.level1 === f.level1) && (f.status === null || status.get(i.id) === f.status);
  const reports = r.reports.map(({ report }) => reportView(r.unit.unit_name, { ...report, indicators: report.indicators.filter((p) => keep(p.indicator)) }, lang));
  const kept = new Set(reports.flatMap((v) => v.report.indicators.map((p) => p.indicator.id)));
  const findings = r.findings.filter((x) => x.subject != null && kept.has(x.subject));
  let compare = r.compare;
  if (compare) {
    // The side of the year shown carries the status; the other side is kept by its 一级 where the shown one is absent.
    const shown = compare.to === r.unit.fiscal_year ? "new" : "old";
    const other = shown === "new" ? "old" : "new";
    const indicators = compare.comparison.indicators.filter((m) => (m[shown] ? keep(m[shown]!) : f.status === null && m[other] !== null && keep(m[other]!)));
    compare = { ...compare, comparison: { ...compare.comparison, indicators } };
  }
  return { ...r, reports, findings, compare };
}

/** The year compared with: the one asked for when loaded, else the latest loaded year before, else the earliest after. */
export function otherYear(years: readonly number[], year: number, wanted?: number | null): number | null {
  if (wanted !== undefined && wanted !== null && wanted !== year && years.includes(wanted)) return wanted;
  const before = years.filter((y) => y < year);
  if (before.length) return Math.max(...before);
  const after = years.filter((y) => y > year);
  return after.length ? Math.min(...after) : null;
}

/**
 * Completion and year-over-year comparison of one unit year. `compareWith` picks
 * the other year (see otherYear); the pair is always older → newer. `mapping`:
 * the rows of the manual indicator mapping files loaded (as data/mapping.csv is
 * for the prerendered comparison pages).
 */
export async function loadResults(e: QueryEngine, unit: UnitRow, lang: Lang = "zh", compareWith?: number | null, mapping: readonly MappingRow[] = []): Promise<Results> {
  const id = unit.unit_id;
  const year = unit.fiscal_year;
  const [extent] = await e.query<{ actuals: number; execution: number; years: number }>(UNIT_EXTENT_SQL, [id]);
  const empty: Results = { unit, years: [year], reports: [], findings: [], compare: null, tooLarge: false };
  if (extent.actuals + extent.execution === 0 && extent.years < 2) return empty;

  // The unit's rows are read once: a unit with too many indicator rows is told by one row more than the limit.
  const data = await unitDataset(e, id, MAX_UNIT_INDICATORS);
  if (data.indicators.length > MAX_UNIT_INDICATORS) return { ...empty, tooLarge: true };
  const model = compareModel(data, mapping);
  const years = (model.byUnit.get(id) ?? []).filter((u) => u.unit).map((u) => u.year);

  const scored = extent.actuals + extent.execution > 0 ? scoreProgress(data) : { reports: [], findings: [] };
  const reports = reportsOf(scored.reports, { unitId: id, year })
    .map((report) => reportView(unit.unit_name, report, lang));
  const yearAt = new Map([...(data.actuals ?? []), ...(data.execution ?? [])].map((x) => [`${x.source.file}|${x.source.row}`, x.year]));
  const findings = scored.findings.filter((f) => yearAt.get(`${f.location.file}|${f.location.row}`) === year);

  const other = otherYear(years, year, compareWith);
  let compare: CompareView | null = null;
  if (other !== null) {
    const [from, to] = other < year ? [other, year] : [year, other];
    compare = compareUnitData(model, id, from, to, lang);
  }
  return { unit, years: years.length ? years : [year], reports, findings, compare, tooLarge: false };
}

