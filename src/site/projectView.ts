// What the project pages and the unit page's list of projects show, shaped from
// query rows and scoring reports (kept out of .astro files so it can be tested).
import { formatYuan, type Lang } from "../core/format.ts";
import { sumFen } from "../core/money.ts";
import type { ProgressReport } from "../core/progress.ts";
import type { BudgetRow, ExecutionRow, FindingRow, ProjectRow } from "../query/queries.ts";
import { fen, gradeName, shareText } from "./view.ts";
import { t } from "../i18n/messages.ts";
import { href } from "./paths.ts";

export const projectPath = (p: Pick<ProjectRow, "unit_id" | "fiscal_year" | "project_id">) => `unit/${p.unit_id}/${p.fiscal_year}/project/${p.project_id}/`;
export const projectHref = (p: Pick<ProjectRow, "unit_id" | "fiscal_year" | "project_id">, lang: Lang = "zh") => href(projectPath(p), lang);

/** The execution block's total line: 总额/合计/总计, else the first (as the scoring takes it). */
export function executionTotal(rows: readonly ExecutionRow[]): ExecutionRow | null {
  return rows.find((l) => /总额|合计|总计/.test(l.item)) ?? rows[0] ?? null;
}

/** A line's execution rate, 执行数 over 全年预算数 (else 年初预算数), as formatShare writes it; — when there is no budget. */
export function lineRate(l: ExecutionRow, lang: Lang = "zh"): string {
  const a = fen(l.budget_full_year) ?? fen(l.budget_initial);
  if (a === null || a <= 0n || fen(l.executed) === null) return "—";
  return shareText(l.executed, l.budget_full_year ?? l.budget_initial, lang);
}

/**
 * The project's amount as a DECIMAL text: its declared total (the first total line of a 申报表), else
 * the execution block's 全年预算数, else its 年初预算数; null when the form gives none.
 */
export function projectAmount(budget: readonly BudgetRow[], execution: readonly ExecutionRow[]): string | null {
  const declared = budget.find((b) => b.kind === "total");
  if (declared) return declared.amount;
  const total = executionTotal(execution);
  return total?.budget_full_year ?? total?.budget_initial ?? null;
}

/** A 申报表's declared total (its first total line), the amount the core reconciles against 项目支出. */
export const declaredTotal = (budget: readonly BudgetRow[]): string | null => budget.find((b) => b.kind === "total")?.amount ?? null;

export type Completion = "graded" | "unfilled" | "monitoring";

/** How a report is shown: a year-end report with results is graded; one without is 未填报; a mid-year one is never graded. */
export function completionOf(r: Pick<ProgressReport, "period" | "filled">): Completion {
  if (r.period === "midyear") return "monitoring";
  return r.filled ? "graded" : "unfilled";
}

/** The short result of a project in the unit's list: score and grade, 未填报, or the pace of a monitoring form. */
export function resultText(reports: readonly ProgressReport[], lang: Lang = "zh"): string {
  const r = reports[0];
  if (!r) return "—";
  const c = completionOf(r);
  if (c === "graded") return `${r.result.total}${t(lang, "site.paren", gradeName(r.result.grade, lang))}`;
  if (c === "unfilled") return t(lang, "project.notFilledH");
  const e = r.execution;
  return e?.rate && e.timeProgress ? t(lang, "project.pace", `${e.rate}%`, `${e.timeProgress}%`) : "—";
}

export interface ProjectsAgainst {
  state: "ok" | "exceed" | "partial";
  text: string;
}

/**
 * The unit's declared 项目支出 against the projects loaded (their declared totals summed to the fen, as the
 * core's check sums them: `declaredTotal` of each); the state is
 * the core's finding (budget.projects_exceed, budget.projects_partial). Null when the unit declares no 项目支出
 * or no project has an amount.
 */
export function projectsAgainstDeclared(unitBudget: readonly BudgetRow[], amounts: readonly (string | null)[], findings: readonly FindingRow[], lang: Lang = "zh"): ProjectsAgainst | null {
  const declared = unitBudget.find((b) => b.kind === "structure" && b.item === "项目支出");
  const parts = amounts.map(fen).filter((x): x is bigint => x !== null);
  if (!declared || !parts.length) return null;
  const sum = formatYuan(sumFen(parts), lang);
  const whole = formatYuan(fen(declared.amount)!, lang);
  const about = findings.filter((f) => f.subject === declared.line_id);
  if (about.some((f) => f.code === "budget.projects_exceed")) return { state: "exceed", text: t(lang, "project.againstExceed", sum, whole) };
  if (about.some((f) => f.code === "budget.projects_partial")) return { state: "partial", text: t(lang, "project.againstPartial", sum, whole) };
  return { state: "ok", text: t(lang, "project.againstOk", sum, whole) };
}
