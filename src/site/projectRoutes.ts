// Static paths of the project pages: every project of every unit-year.
import { siteEngine } from "./data.ts";
import { queries } from "../query/queries.ts";

export async function projectPaths() {
  const projects = await queries.projects(await siteEngine());
  return projects.map((p) => ({ params: { unit: p.unit_id, year: String(p.fiscal_year), project: p.project_id }, props: { project: p } }));
}
