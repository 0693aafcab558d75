// The SQL behind every page and chart, written once and run by either runtime.
// Money leaves DuckDB as VARCHAR (exact DECIMAL text) and counts as INTEGER.
import type { QueryEngine, Value } from "./engine.ts";

// A unit-year read from its declaration and from its progress and project forms has a row from each: one page, the declaration's row.
const ONE_UNIT_ROW = `QUALIFY row_number() OVER (PARTITION BY unit_id, fiscal_year ORDER BY coalesce(form_kind LIKE 'project_%', false),
                        coalesce(form_kind LIKE '%_selfeval' OR form_kind LIKE '%_monitoring', false), source_file, source_row) = 1`;

/** The units list in its order, one row per unit year; `where`, a condition on the units table, narrows it (the explore page's filter). */
export function unitsSql(where = ""): string {
  return `SELECT unit_id, unit_name, fiscal_year, funding_method, duties, goals, staff_count, org_count, data_source, source_file, source_row
          FROM units${where ? ` WHERE ${where}` : ""} ${ONE_UNIT_ROW} ORDER BY data_source, fiscal_year DESC, unit_name`;
}

// A project-year read from its declaration and from its progress forms has a row from each: the declaration's, with
// the 实际完成情况 only a progress form gives (as src/core/restated.ts merges them).
export const PROJECT_COLUMNS = `p.project_id, p.unit_id, p.fiscal_year, p.project_name, p.project_code, p.supervisor, p.implementer, p.implementation_period,
                     p.project_type, p.form_kind, p.goals_long, p.goals_annual,
                     coalesce(NULLIF(p.goals_actual, ''), max(NULLIF(p.goals_actual, '')) OVER (PARTITION BY p.project_id, p.fiscal_year)) AS goals_actual,
                     p.data_source, p.source_file, p.source_row`;
export const ONE_PROJECT_ROW = `QUALIFY row_number() OVER (PARTITION BY p.project_id, p.fiscal_year
                           ORDER BY coalesce(p.form_kind LIKE '%_selfeval' OR p.form_kind LIKE '%_monitoring', false), p.source_file, p.source_row) = 1`;

export const SQL = {
  units: `${unitsSql()}`,
  budget: `SELECT line_id, kind, item, CAST(amount AS VARCHAR) AS amount, source_file, source_row
           FROM budget WHERE unit_id = $1 AND fiscal_year = $2 AND project_id IS NULL
           ORDER BY CASE kind WHEN 'total' THEN 0 WHEN 'source' THEN 1 ELSE 2 END, line_id`,
  reconciliation: `SELECT CAST(sum(amount) FILTER (WHERE kind = 'total') AS VARCHAR) AS total,
                          CAST(sum(amount) FILTER (WHERE kind = 'source') AS VARCHAR) AS sources,
                          CAST(sum(amount) FILTER (WHERE kind = 'structure') AS VARCHAR) AS structure,
                          CAST(count(*) FILTER (WHERE kind = 'source') AS INTEGER) AS source_lines,
                          CAST(count(*) FILTER (WHERE kind = 'structure') AS INTEGER) AS structure_lines
                   FROM budget WHERE unit_id = $1 AND fiscal_year = $2 AND project_id IS NULL`,
  keyFigures: `SELECT unit_id, fiscal_year,
                      CAST(sum(amount) FILTER (WHERE kind = 'total') AS VARCHAR) AS total,
                      CAST(sum(amount) FILTER (WHERE kind = 'structure' AND item = '基本支出') AS VARCHAR) AS basic,
                      CAST(sum(amount) FILTER (WHERE kind = 'structure' AND item = '项目支出') AS VARCHAR) AS project
               FROM budget WHERE project_id IS NULL GROUP BY unit_id, fiscal_year`,
  level1Counts: `SELECT unit_id, fiscal_year, level1, CAST(count(*) AS INTEGER) AS n, CAST(count(name) AS INTEGER) AS named
                 FROM indicators WHERE project_id IS NULL GROUP BY unit_id, fiscal_year, level1 ORDER BY unit_id, fiscal_year, min(ord)`,
  // A declared unit-year's findings are its declaration's: those of illustrative (示例数据) progress about its
  // indicators (actual.missing from the sample's 自评/监控) belong to the progress page, which shows them as 未填报.
  findingCounts: `SELECT f.unit_id, f.fiscal_year, f.severity, CAST(count(*) AS INTEGER) AS n
                  FROM findings f
                  WHERE f.data_source IS DISTINCT FROM 'sample'
                     OR EXISTS (SELECT 1 FROM units u WHERE u.unit_id = f.unit_id AND u.fiscal_year = f.fiscal_year AND u.data_source = 'sample')
                  GROUP BY f.unit_id, f.fiscal_year, f.severity`,
  indicatorKinds: `SELECT level1, level2, target_kind AS kind, CAST(count(*) AS INTEGER) AS n
                   FROM indicators WHERE unit_id = $1 AND fiscal_year = $2 AND project_id IS NULL
                   GROUP BY level1, level2, target_kind ORDER BY min(ord), target_kind`,
  indicators: `SELECT indicator_id, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_file, source_row
               FROM indicators WHERE unit_id = $1 AND fiscal_year = $2 AND project_id IS NULL ORDER BY ord`,
  tasks: `SELECT task_id, task_order, task_name, task_content, source_file, source_row
          FROM tasks WHERE unit_id = $1 AND fiscal_year = $2 ORDER BY task_order`,
  findings: `SELECT severity, code, message, message_en, subject, source_file, source_row, source_column
             FROM findings WHERE unit_id = $1 AND fiscal_year = $2
               AND (data_source IS DISTINCT FROM 'sample' OR EXISTS (SELECT 1 FROM units WHERE unit_id = $1 AND fiscal_year = $2 AND data_source = 'sample'))
             ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, source_row NULLS FIRST`,
  projects: `SELECT ${PROJECT_COLUMNS}, u.unit_name
              FROM projects p JOIN (SELECT unit_id, fiscal_year, min(unit_name) AS unit_name FROM units GROUP BY unit_id, fiscal_year) u
                ON u.unit_id = p.unit_id AND u.fiscal_year = p.fiscal_year
              ${ONE_PROJECT_ROW}
              ORDER BY p.unit_id, p.fiscal_year DESC, p.source_file, p.source_row, p.project_id`,
  unitProjects: `SELECT ${PROJECT_COLUMNS}, u.unit_name
                  FROM projects p JOIN (SELECT unit_id, fiscal_year, min(unit_name) AS unit_name FROM units WHERE unit_id = $1 AND fiscal_year = $2 GROUP BY unit_id, fiscal_year) u
                    ON u.unit_id = p.unit_id AND u.fiscal_year = p.fiscal_year
                  ${ONE_PROJECT_ROW}
                  ORDER BY p.source_file, p.source_row, p.project_id`,
  // One unit year's declared total and whether it is illustrative (the headline's change against last year).
  unitYearTotal: `SELECT CAST((SELECT sum(amount) FROM budget WHERE unit_id = $1 AND fiscal_year = $2 AND kind = 'total' AND project_id IS NULL) AS VARCHAR) AS total,
                         (SELECT min(data_source) FROM units WHERE unit_id = $1 AND fiscal_year = $2) AS data_source`,
  projectBudget: `SELECT line_id, kind, item, CAST(amount AS VARCHAR) AS amount, source_file, source_row
                  FROM budget WHERE project_id = $1 AND fiscal_year = $2
                  ORDER BY CASE kind WHEN 'total' THEN 0 WHEN 'source' THEN 1 ELSE 2 END, source_row, line_id`,
  projectExecution: `SELECT period, as_of, item, CAST(budget_initial AS VARCHAR) AS budget_initial, CAST(budget_full_year AS VARCHAR) AS budget_full_year,
                            CAST(executed AS VARCHAR) AS executed, declared_rate, source_file, source_row
                     FROM execution WHERE project_id = $1 AND fiscal_year = $2 ORDER BY source_file, source_row`,
  projectIndicators: `SELECT indicator_id, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_file, source_row
                      FROM indicators WHERE project_id = $1 AND fiscal_year = $2 ORDER BY ord`,
  // A project form is its own file: the findings read from it are the project's.
  projectFindings: `SELECT severity, code, message, message_en, subject, source_file, source_row, source_column
                    FROM findings WHERE source_file = $1 AND fiscal_year = $2
                    ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, source_row NULLS FIRST`,
} as const;

export interface UnitRow { unit_id: string; unit_name: string; fiscal_year: number; funding_method: string | null; duties: string | null; goals: string | null; staff_count: number | null; org_count: number | null; data_source: "declared" | "sample"; source_file: string | null; source_row: number | null }
export interface BudgetRow { line_id: string; kind: "total" | "source" | "structure"; item: string; amount: string; source_file: string | null; source_row: number | null }
export interface ReconciliationRow { total: string | null; sources: string | null; structure: string | null; source_lines: number; structure_lines: number }
export interface KeyFiguresRow { unit_id: string; fiscal_year: number; total: string | null; basic: string | null; project: string | null }
export interface Level1CountRow { unit_id: string; fiscal_year: number; level1: string; n: number; named: number }
export interface FindingCountRow { unit_id: string; fiscal_year: number; severity: "error" | "warning" | "info"; n: number }
export interface IndicatorKindRow { level1: string; level2: string; kind: "quantitative" | "deadline" | "qualitative" | "none"; n: number }
export interface IndicatorRow { indicator_id: string; ord: number; level1: string; level2: string; name: string | null; target: string | null; target_kind: IndicatorKindRow["kind"]; op: string | null; value: string | null; measure_unit: string | null; direction: string | null; deadline: string | null; note: string | null; source_file: string | null; source_row: number | null }
export interface TaskRow { task_id: string; task_order: number; task_name: string; task_content: string | null; source_file: string | null; source_row: number | null }
export interface FindingRow { severity: "error" | "warning" | "info"; code: string; message: string; message_en: string | null; subject: string | null; source_file: string | null; source_row: number | null; source_column: number | null }

export interface ProjectRow { project_id: string; unit_id: string; fiscal_year: number; project_name: string; project_code: string | null; supervisor: string | null; implementer: string | null; implementation_period: string | null; project_type: string | null; form_kind: "project_declaration" | "project_selfeval" | "project_monitoring"; goals_long: string | null; goals_annual: string | null; goals_actual: string | null; data_source: "declared" | "sample"; source_file: string | null; source_row: number | null; unit_name: string }
export interface ExecutionRow { period: "midyear" | "yearend"; as_of: string | null; item: string; budget_initial: string | null; budget_full_year: string | null; executed: string | null; declared_rate: string | null; source_file: string | null; source_row: number | null }

const run = <T>(engine: QueryEngine, sql: string, params?: Value[]) => engine.query(sql, params) as unknown as Promise<T[]>;

/** Typed wrappers: one per query, each the same in both runtimes. */
export const queries = {
  units: (e: QueryEngine) => run<UnitRow>(e, SQL.units),
  budget: (e: QueryEngine, unitId: string, year: number) => run<BudgetRow>(e, SQL.budget, [unitId, year]),
  reconciliation: async (e: QueryEngine, unitId: string, year: number) => (await run<ReconciliationRow>(e, SQL.reconciliation, [unitId, year]))[0],
  keyFigures: (e: QueryEngine) => run<KeyFiguresRow>(e, SQL.keyFigures),
  level1Counts: (e: QueryEngine) => run<Level1CountRow>(e, SQL.level1Counts),
  findingCounts: (e: QueryEngine) => run<FindingCountRow>(e, SQL.findingCounts),
  indicatorKinds: (e: QueryEngine, unitId: string, year: number) => run<IndicatorKindRow>(e, SQL.indicatorKinds, [unitId, year]),
  indicators: (e: QueryEngine, unitId: string, year: number) => run<IndicatorRow>(e, SQL.indicators, [unitId, year]),
  tasks: (e: QueryEngine, unitId: string, year: number) => run<TaskRow>(e, SQL.tasks, [unitId, year]),
  findings: (e: QueryEngine, unitId: string, year: number) => run<FindingRow>(e, SQL.findings, [unitId, year]),
  projects: (e: QueryEngine) => run<ProjectRow>(e, SQL.projects),
  unitProjects: (e: QueryEngine, unitId: string, year: number) => run<ProjectRow>(e, SQL.unitProjects, [unitId, year]),
  unitYearTotal: async (e: QueryEngine, unitId: string, year: number) => (await run<{ total: string | null; data_source: "declared" | "sample" | null }>(e, SQL.unitYearTotal, [unitId, year]))[0],
  projectBudget: (e: QueryEngine, projectId: string, year: number) => run<BudgetRow>(e, SQL.projectBudget, [projectId, year]),
  projectExecution: (e: QueryEngine, projectId: string, year: number) => run<ExecutionRow>(e, SQL.projectExecution, [projectId, year]),
  projectIndicators: (e: QueryEngine, projectId: string, year: number) => run<IndicatorRow>(e, SQL.projectIndicators, [projectId, year]),
  projectFindings: (e: QueryEngine, sourceFile: string, year: number) => run<FindingRow>(e, SQL.projectFindings, [sourceFile, year]),
};
