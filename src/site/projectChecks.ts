// The unit's 项目支出 against its projects (budget.projects_exceed / budget.projects_partial), derived
// again at build over everything loaded: the importer checks each file on its own, so a unit's
// declaration and its project forms read from separate files never meet there.
import { checkBudget } from "../core/checks.ts";
import { findingTexts } from "../core/findingText.ts";
import type { FindingRow } from "../query/queries.ts";
import { siteDataset } from "./dataset.ts";

let cached: FindingRow[] | null = null;

export function projectBudgetFindings(): FindingRow[] {
  cached ??= checkBudget(siteDataset())
    .filter((f) => f.code === "budget.projects_exceed" || f.code === "budget.projects_partial")
    .map((f) => ({ severity: f.severity, code: f.code, message: findingTexts(f).zh, message_en: findingTexts(f).en, subject: f.subject ?? null, source_file: f.location.file, source_row: f.location.row ?? null, source_column: f.location.column ?? null }));
  return cached;
}
