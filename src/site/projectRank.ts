// What a year's projects ranked across units need: every project of the year with
// its amount (declared total, else 全年/年初预算数), its 预算执行率 where its execution
// block has one, and its score and grade where a year-end report is graded (未填报
// and monitoring forms never are) — read through the one query interface (native
// DuckDB at build, DuckDB-wasm in the workspace); the reports are the host's.
import type { ProgressReport } from "../core/progress.ts";
import { rankBy, type Ranked } from "../core/rollup.ts";
import { executionRate } from "../core/scoring.ts";
import type { QueryEngine } from "../query/engine.ts";
import { queries, type ProjectRow } from "../query/queries.ts";
import { completionOf, executionTotal, projectAmount, type Completion } from "./projectView.ts";
import { fen } from "./view.ts";

export const PROJECT_KEYS = ["budget", "rate", "score"] as const;
export type ProjectKey = (typeof PROJECT_KEYS)[number];
/** Projects a ranking page lists (as the unit rankings list units). */
export const PAGE_PROJECTS = 50;

export interface YearProject {
  project: ProjectRow;
  /** Declared total, else the execution block's 全年预算数 (else 年初); null when the form gives none. */
  amountFen: bigint | null;
  /** 预算执行率, exact to 2 decimals ("95.37"); null when there is no execution or no budget — missing, not 0. */
  rate: string | null;
  /** The first report's standing: graded, 未填报, a monitoring form; null with none. */
  completion: Completion | null;
  /** Only when graded. */
  score: string | null;
  grade: string | null;
  sample: boolean;
}

export interface ProjectRanking {
  year: number;
  projects: YearProject[];
  ranks: Record<ProjectKey, Ranked<YearProject>[]>;
  /** How many distinct units the projects belong to. */
  units: number;
}

/** One project's figures from its funding rows and reports (year-end first). */
export function yearProject(project: ProjectRow, budget: Parameters<typeof projectAmount>[0], execution: Parameters<typeof projectAmount>[1], reports: readonly ProgressReport[]): YearProject {
  const total = executionTotal(execution);
  const a = total ? fen(total.budget_full_year) ?? fen(total.budget_initial) : null;
  const x = total ? fen(total.executed) : null;
  const rate = a !== null && x !== null && a > 0n ? executionRate(a, x).rate : null;
  const r = reports[0] ?? null;
  const completion = r ? completionOf(r) : null;
  return {
    project, amountFen: fen(projectAmount(budget, execution)), rate, completion,
    score: completion === "graded" ? r!.result.total : null,
    grade: completion === "graded" ? r!.result.grade : null,
    sample: project.data_source === "sample",
  };
}

/** The three rankings, largest first; ties share a rank; a project without the value comes last, unranked. */
export function rankProjects(year: number, projects: readonly YearProject[]): ProjectRanking {
  // A stable order before ranking, so that ties read the same on every build: unit, then name, then id.
  const sorted = [...projects].sort((p, q) => cmp(p.project.unit_name, q.project.unit_name) || cmp(p.project.project_name, q.project.project_name) || cmp(p.project.project_id, q.project.project_id));
  return {
    year,
    projects: sorted,
    ranks: {
      budget: rankBy(sorted, (p) => p.amountFen),
      rate: rankBy(sorted, (p) => p.rate),
      score: rankBy(sorted, (p) => p.score),
    },
    units: new Set(sorted.map((p) => p.project.unit_id)).size,
  };
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every project of a year through the query layer; reportsOf gives a project's reports (year-end first). */
export async function loadProjectRanking(e: QueryEngine, year: number, reportsOf: (p: ProjectRow) => readonly ProgressReport[]): Promise<ProjectRanking> {
  const rows = (await queries.projects(e)).filter((p) => p.fiscal_year === year);
  const list = await Promise.all(rows.map(async (p) => {
    const [b, x] = await Promise.all([queries.projectBudget(e, p.project_id, year), queries.projectExecution(e, p.project_id, year)]);
    return yearProject(p, b, x, reportsOf(p));
  }));
  return rankProjects(year, list);
}

/** The years that have projects, latest first. */
export async function projectYears(e: QueryEngine): Promise<number[]> {
  return [...new Set((await queries.projects(e)).map((p) => p.fiscal_year))].sort((a, b) => b - a);
}

export const projectPages = (r: ProjectRanking) => Math.max(1, Math.ceil(r.projects.length / PAGE_PROJECTS));
export const projectPage = (r: ProjectRanking, key: ProjectKey, n: number) => r.ranks[key].slice((n - 1) * PAGE_PROJECTS, n * PAGE_PROJECTS);
