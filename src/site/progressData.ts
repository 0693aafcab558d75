// Scoring reports of the bundled data, computed once per build.
import { byPeriod, scoreProgress, type ProgressReport } from "../core/progress.ts";
import { siteDataset } from "./dataset.ts";

let reports: ProgressReport[] | null = null;

export function siteReports(): ProgressReport[] {
  reports ??= scoreProgress(siteDataset()).reports;
  return reports;
}

// The reports of each unit-year (the unit's own) and project-year, in report order, kept once a build:
// every page asks for its own (reportsOf in the core filters every report each time).
let byKey: Map<string, ProgressReport[]> | null = null;
function kept(key: string): ProgressReport[] {
  if (!byKey) {
    byKey = new Map();
    for (const r of siteReports()) {
      const k = r.projectId ? `p|${r.projectId}|${r.year}` : `u|${r.unitId}|${r.year}`;
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
  }
  return [...(byKey.get(key) ?? [])].sort(byPeriod);
}

/** Reports of one unit-year (the unit's own, not its projects'), year-end first (the result leaders ask for), then mid-year. */
export function unitReports(unitId: string, year: number): ProgressReport[] {
  return kept(`u|${unitId}|${year}`);
}

/** Reports of one project-year (a 自评表 or a 监控表), year-end first. */
export function projectReports(projectId: string, year: number): ProgressReport[] {
  return kept(`p|${projectId}|${year}`);
}
