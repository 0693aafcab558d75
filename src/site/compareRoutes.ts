// Static paths of the comparison pages, shared by the zh and en routes.
import { siteDataset, siteMapping } from "./dataset.ts";
import { acrossShown, compareIndex, compareModel, compareUnitPages, ENDS, rankKeys, rankPages, unitComparePaths, yearView } from "./compareView.ts";

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

/** /compare/year/{year}/rank/{key}/{n}/: the full rankings of each year summarised on its page (more than 2 × ENDS units). */
export function rankPaths() {
  const model = compareModel(siteDataset(), siteMapping());
  return compareIndex(model).years.flatMap(({ year }) => {
    const v = yearView(model, year);
    if (!acrossShown(v, ENDS).summary) return [];
    return rankKeys(v).flatMap((key) => Array.from({ length: rankPages(v) }, (_, i) => ({
      params: { year: String(year), key, page: String(i + 1) },
      props: { year, key, page: i + 1 },
    })));
  });
}

/** /compare/units/{n}/: the units with more than one year, paged when /compare/ cannot list them all. */
export function compareUnitsPaths() {
  const n = compareUnitPages(compareIndex(compareModel(siteDataset(), siteMapping())).units.length);
  return Array.from({ length: n }, (_, i) => ({ params: { page: String(i + 1) }, props: { page: i + 1 } }));
}
