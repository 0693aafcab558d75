// Scoring reports of the bundled data, computed once per build.
import { reportsOf, scoreProgress, type ProgressReport } from "../core/progress.ts";
import { siteDataset } from "./dataset.ts";

let reports: ProgressReport[] | null = null;

export function siteReports(): ProgressReport[] {
  reports ??= scoreProgress(siteDataset()).reports;
  return reports;
}

/** Reports of one unit-year (the unit's own, not its projects'), year-end first (the result leaders ask for), then mid-year. */
export function unitReports(unitId: string, year: number): ProgressReport[] {
  return reportsOf(siteReports(), { unitId, year });
}

/** Reports of one project-year (a 自评表 or a 监控表), year-end first. */
export function projectReports(projectId: string, year: number): ProgressReport[] {
  return reportsOf(siteReports(), { projectId, year });
}
