// Static paths of the project pages: every project of every unit-year.
import { siteEngine } from "./data.ts";
import { queries } from "../query/queries.ts";
import { projectReports } from "./progressData.ts";
import { loadProjectRanking, PROJECT_KEYS, projectPages, projectYears, type ProjectKey, type ProjectRanking } from "./projectRank.ts";

export async function projectPaths() {
  const projects = await queries.projects(await siteEngine());
  return projects.map((p) => ({ params: { unit: p.unit_id, year: String(p.fiscal_year), project: p.project_id }, props: { project: p } }));
}

// A year's projects ranked across units (/compare/year/{year}/projects/…): read once a build per year.
const rankings = new Map<number, Promise<ProjectRanking>>();
export function siteProjectRanking(year: number): Promise<ProjectRanking> {
  let r = rankings.get(year);
  if (!r) rankings.set(year, (r = siteEngine().then((e) => loadProjectRanking(e, year, (p) => projectReports(p.project_id, year)))));
  return r;
}

/** /compare/year/{year}/projects/: page 1 by budget of each year that has projects. */
export async function projectRankIndexPaths() {
  return (await projectYears(await siteEngine())).map((year) => ({ params: { year: String(year) }, props: { year, key: "budget" as ProjectKey, page: 1 } }));
}

/** /compare/year/{year}/projects/{key}/{n}/: every page of each key. */
export async function projectRankPaths() {
  const years = await projectYears(await siteEngine());
  const out = [];
  for (const year of years) {
    const r = await siteProjectRanking(year);
    for (const key of PROJECT_KEYS) for (let i = 1; i <= projectPages(r); i++) out.push({ params: { year: String(year), key, page: String(i) }, props: { year, key, page: i } });
  }
  return out;
}
