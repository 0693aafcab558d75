// The unit pages the benchmark opens (one per unit and year in the bundled data).
import { siteEngine } from "../src/site/data.ts";
import { queries } from "../src/query/queries.ts";

export async function units(): Promise<string[]> {
  const rows = await queries.units(await siteEngine());
  return rows.slice(0, 3).map((u) => `unit/${u.unit_id}/${u.fiscal_year}/`);
}
