// Static paths shared by the zh and en routes.
import { siteEngine } from "./data.ts";
import { queries } from "../query/queries.ts";

export async function unitPaths() {
  const units = await queries.units(await siteEngine());
  return units.map((u) => ({ params: { unit: u.unit_id, year: String(u.fiscal_year) }, props: { unit: u } }));
}
