// The project pages' comparison with an earlier year (projectComparison, src/site/compareView.ts)
// at build: the pairing of two years' projects (compareProjects over both years) is made once
// per pair of years, not once per project page, whose cost grew with the projects of a year.
import { compareProjects, type ProjectComparison } from "../core/compare.ts";
import type { MappingRow } from "../core/mapping.ts";
import type { Dataset } from "../core/model.ts";
import { yearOf } from "./compareView.ts";

type Pairs = Map<string, Map<string, ProjectComparison>>;
const PAIRS = new WeakMap<Dataset, WeakMap<readonly MappingRow[], Pairs>>();
const YEARS = new WeakMap<Dataset, { years: number[]; of: Map<number, Dataset>; ids: Map<number, Set<string>> }>();

function yearsOf(data: Dataset) {
  let y = YEARS.get(data);
  if (!y) YEARS.set(data, (y = { years: [...new Set((data.projects ?? []).map((p) => p.year))].sort((a, b) => b - a), of: new Map(), ids: new Map() }));
  return y;
}

/** The ids of a year's projects. */
function idsOf(data: Dataset, y: number): Set<string> {
  const { ids } = yearsOf(data);
  let s = ids.get(y);
  if (!s) ids.set(y, (s = new Set((year(data, y).projects ?? []).map((p) => p.id))));
  return s;
}

function year(data: Dataset, y: number): Dataset {
  const { of } = yearsOf(data);
  let d = of.get(y);
  if (!d) of.set(y, (d = yearOf(data, y)));
  return d;
}

/** The projects of `neu` paired with those of `old`, by project id (the first pairing of an id, as a search of the list finds it). */
function pairs(data: Dataset, old: number, neu: number, mapping: readonly MappingRow[]): Map<string, ProjectComparison> {
  let byMapping = PAIRS.get(data);
  if (!byMapping) PAIRS.set(data, (byMapping = new WeakMap()));
  let all = byMapping.get(mapping);
  if (!all) byMapping.set(mapping, (all = new Map()));
  let byId = all.get(`${old}|${neu}`);
  if (!byId) {
    byId = new Map();
    for (const p of compareProjects(year(data, old), year(data, neu), { mapping }).projects) if (!byId.has(p.projectId)) byId.set(p.projectId, p);
    all.set(`${old}|${neu}`, byId);
  }
  return byId;
}

/** What projectComparison(data, projectId, y, mapping) gives, from pairings made once a build. */
export function siteProjectComparison(data: Dataset, projectId: string, y: number, mapping: readonly MappingRow[]): ProjectComparison | null {
  const earlier = yearsOf(data).years.filter((x) => x < y);
  if (!earlier.length || !idsOf(data, y).has(projectId)) return null;
  for (const old of earlier) {
    const hit = pairs(data, old, y, mapping).get(projectId);
    if (hit) return hit;
  }
  return null;
}
