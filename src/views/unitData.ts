// What a unit's dashboard shows for one unit and year, read through the one query
// interface: the same code at build (native DuckDB) and in the workspace
// (DuckDB-wasm). The workspace lists at most `limit` indicators and findings (an
// upload can hold a million rows); the published page lists them all.
import type { QueryEngine } from "../query/engine.ts";
import { queries, SQL, type BudgetRow, type FindingRow, type IndicatorKindRow, type IndicatorRow, type ProjectRow, type TaskRow, type UnitRow } from "../query/queries.ts";
import { unitChartsOf, type ChartName } from "../site/chartData.ts";
import { reconciliationChecks, type ReconciliationCheck } from "../site/view.ts";
import { declaredTotal, projectAmount, projectsAgainstDeclared, type ProjectsAgainst } from "../site/projectView.ts";
import type { Lang } from "../i18n/messages.ts";
import type { ChartPair } from "./chart.ts";
import type { ProgressReport } from "../core/progress.ts";
import { headlineReport, type HeadlineInput } from "../site/headline.ts";
import { fen } from "../site/view.ts";

export interface ProjectEntry {
  project: ProjectRow;
  /** What the project's forms give as its amount (declared, or the year's execution). */
  amount: string | null;
  /** The project's result as its list shows it (score and grade, 未填报, pace), "—" when none is known. */
  result: string;
}

export interface UnitData {
  unit: UnitRow;
  budget: BudgetRow[];
  checks: ReconciliationCheck[];
  /** The indicators listed (all of them on the published page). */
  indicators: IndicatorRow[];
  /** All of the unit year's indicators. */
  indicatorCount: number;
  tasks: TaskRow[];
  findings: FindingRow[];
  /** Whether there are more findings than listed. */
  findingsMore: boolean;
  projects: ProjectEntry[];
  /** The declared 项目支出 against the projects' amounts. */
  against: ProjectsAgainst | null;
  charts: Record<ChartName, ChartPair | null>;
  /** The indicators counted by 一级, 二级 and kind of target: what the indicator chart draws. */
  kinds: IndicatorKindRow[];
  /** What the strip a leader reads first is made of: budget, completion report, last year's budget. */
  headline: HeadlineInput;
}

export interface UnitDataOptions {
  /** At most this many indicators and findings are listed (none: all). */
  limit?: number;
  /** A project's result text; the published site knows the reports, the workspace not yet ("—"). */
  resultOf?: (p: ProjectRow) => string;
  /** Findings derived over everything loaded (the build's 项目支出 against its projects). */
  extraFindings?: readonly FindingRow[];
  /** The unit year's completion report the headline shows (the year-end one when there is one). */
  report?: ProgressReport | null;
}

export async function loadUnitData(e: QueryEngine, unit: UnitRow, lang: Lang, o: UnitDataOptions = {}): Promise<UnitData> {
  const id = unit.unit_id;
  const year = unit.fiscal_year;
  const limited = (sql: string, n: number | undefined) => (n === undefined ? sql : `${sql} LIMIT ${n}`);
  const [budget, rec, kinds, indicators, tasks, findings, mine, previous] = await Promise.all([
    queries.budget(e, id, year),
    queries.reconciliation(e, id, year),
    queries.indicatorKinds(e, id, year),
    e.query(limited(SQL.indicators, o.limit), [id, year]) as unknown as Promise<IndicatorRow[]>,
    queries.tasks(e, id, year),
    e.query(limited(SQL.findings, o.limit === undefined ? undefined : o.limit + 1), [id, year]) as unknown as Promise<FindingRow[]>,
    queries.unitProjects(e, id, year),
    queries.unitYearTotal(e, id, year - 1),
  ]);
  const forms = await Promise.all(mine.map(async (p) => {
    const [pb, pe] = await Promise.all([queries.projectBudget(e, p.project_id, year), queries.projectExecution(e, p.project_id, year)]);
    return { p, pb, pe };
  }));
  const shown = o.limit === undefined ? findings : findings.slice(0, o.limit);
  return {
    unit, budget, tasks, indicators,
    charts: unitChartsOf(unit, budget, kinds, lang),
    kinds,
    checks: reconciliationChecks(rec, lang),
    headline: {
      budgetFen: fen(budget.find((b) => b.kind === "total")?.amount),
      budgetSample: unit.data_source === "sample",
      report: o.report ? headlineReport(o.report) : null,
      previous: previous?.data_source ? { year: year - 1, budgetFen: fen(previous.total), sample: previous.data_source === "sample" } : null,
    },
    indicatorCount: kinds.reduce((n, k) => n + k.n, 0),
    findings: shown,
    findingsMore: findings.length > shown.length,
    projects: forms.map(({ p, pb, pe }) => ({ project: p, amount: projectAmount(pb, pe), result: o.resultOf?.(p) ?? "—" })),
    against: projectsAgainstDeclared(budget, forms.map(({ pb }) => declaredTotal(pb)), [...findings, ...(o.extraFindings ?? [])], lang),
  };
}
