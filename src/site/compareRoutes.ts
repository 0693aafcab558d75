// Static paths of the comparison pages, shared by the zh and en routes.
import { siteDataset, siteMapping } from "./dataset.ts";
import { compareIndex, compareModel, unitComparePaths } from "./compareView.ts";

/** /compare/unit/{unit}/: the latest pair of each unit with more than one year. */
export function unitDefaultPaths() {
  return unitComparePaths(compareModel(siteDataset(), siteMapping()))
    .filter((p) => p.slug === null)
    .map((p) => ({ params: { unit: p.unitId }, props: { unitId: p.unitId, pair: p.pair, slug: null } }));
}

/** /compare/unit/{unit}/{from}-{to}/: every pair of years of each unit. */
export function unitPairPaths() {
  return unitComparePaths(compareModel(siteDataset(), siteMapping()))
    .filter((p) => p.slug !== null)
    .map((p) => ({ params: { unit: p.unitId, pair: p.slug! }, props: { unitId: p.unitId, pair: p.pair, slug: p.slug } }));
}

/** /compare/year/{year}/: each year with more than one unit. */
export function yearPaths() {
  return compareIndex(compareModel(siteDataset(), siteMapping())).years.map((y) => ({ params: { year: String(y.year) }, props: { year: y.year } }));
}
