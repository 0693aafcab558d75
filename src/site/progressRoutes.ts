// Static paths of the progress dashboards: every unit-year with progress data.
import { siteEngine } from "./data.ts";
import { queries } from "../query/queries.ts";
import { siteReports } from "./progressData.ts";

export async function progressPaths() {
  const reports = siteReports();
  const units = await queries.units(await siteEngine());
  return units
    .filter((u) => reports.some((r) => r.unitId === u.unit_id && r.year === u.fiscal_year && !r.projectId))
    .map((u) => ({ params: { unit: u.unit_id, year: String(u.fiscal_year) }, props: { unit: u } }));
}
