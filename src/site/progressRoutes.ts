// Static paths of the progress dashboards: every unit-year with progress data.
import { siteEngine } from "./data.ts";
import { queries } from "../query/queries.ts";
import { unitReports } from "./progressData.ts";

export async function progressPaths() {
  const units = await queries.units(await siteEngine());
  return units
    .filter((u) => unitReports(u.unit_id, u.fiscal_year).length > 0)
    .map((u) => ({ params: { unit: u.unit_id, year: String(u.fiscal_year) }, props: { unit: u } }));
}
