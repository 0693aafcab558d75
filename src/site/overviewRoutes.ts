// Static paths of the unit list pages (/units/{n}/), shared by the zh and en routes.
import { siteEngine } from "./data.ts";
import { overviewCards, unitPages } from "./overview.ts";

export async function unitListPaths() {
  const n = unitPages((await overviewCards(await siteEngine())).length);
  return Array.from({ length: n }, (_, i) => ({ params: { page: String(i + 1) }, props: { page: i + 1 } }));
}
