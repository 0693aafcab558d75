// What a project's dashboard needs: the project, its declared funding lines or its
// execution block, its indicators and findings — read through the one query
// interface (native DuckDB at build, DuckDB-wasm in the workspace) — and its
// completion reports, scored by the core and handed in by the host (the build's
// model, or the workspace's scoring of what is loaded).
import { byPeriod, type ProgressReport } from "../core/progress.ts";
import type { ProjectComparison } from "../core/compare.ts";
import type { Lang } from "../core/format.ts";
import type { QueryEngine } from "../query/engine.ts";
import { queries, type BudgetRow, type ExecutionRow, type FindingRow, type IndicatorRow, type ProjectRow } from "../query/queries.ts";
import { progressCharts } from "../site/chartData.ts";
import { completionOf, type Completion } from "../site/projectView.ts";
import type { ChartPair } from "./chart.ts";

export interface ProjectReportView {
  report: ProgressReport;
  completion: Completion;
  /** The completion by 一级 of a graded year-end report. */
  chart: ChartPair | null;
}

export interface ProjectData {
  project: ProjectRow;
  budget: BudgetRow[];
  execution: ExecutionRow[];
  indicators: IndicatorRow[];
  findings: FindingRow[];
  /** Year-end first, then mid-year. */
  reports: ProjectReportView[];
  /** Against the project in the latest earlier year that holds it (src/site/compareView.ts projectComparison). */
  comparison: ProjectComparison | null;
}

export async function loadProjectData(e: QueryEngine, project: ProjectRow, reports: readonly ProgressReport[], lang: Lang, comparison: ProjectComparison | null = null): Promise<ProjectData> {
  const { project_id: id, fiscal_year: year } = project;
  const [budget, execution, indicators, findings] = await Promise.all([
    queries.projectBudget(e, id, year),
    queries.projectExecution(e, id, year),
    queries.projectIndicators(e, id, year),
    project.source_file ? queries.projectFindings(e, project.source_file, year) : Promise.resolve([]),
  ]);
  const sorted = [...reports].sort(byPeriod);
  return {
    project, budget, execution, indicators, findings, comparison,
    reports: sorted.map((report) => ({
      report,
      completion: completionOf(report),
      chart: report.filled && report.period === "yearend" ? progressCharts(project.project_name, report, lang).l1 : null,
    })),
  };
}
