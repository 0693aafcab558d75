// The prebuilt search index: units, projects, tasks and indicators with the link to each
// (a permalink on its unit page). Built at build time; searched in the browser
// by substring, which suits Chinese text (no word segmentation needed).
import type { QueryEngine } from "../query/engine.ts";
import { queries } from "../query/queries.ts";
import { projectPath } from "./projectView.ts";

export interface SearchEntry {
  /** u = unit, p = project, t = task, i = indicator. */
  k: "u" | "p" | "t" | "i";
  /** Title shown in results. */
  t: string;
  /** Extra text that is searched and shown (group, target, content). */
  x: string;
  /** Unit name and year, for context. */
  c: string;
  /** Path inside the site, without language prefix. */
  p: string;
  /** Illustrative data. */
  s: boolean;
}

export async function buildSearchIndex(db: QueryEngine): Promise<SearchEntry[]> {
  const out: SearchEntry[] = [];
  for (const u of await queries.units(db)) {
    const path = `unit/${u.unit_id}/${u.fiscal_year}/`;
    const c = `${u.unit_name} · ${u.fiscal_year}`;
    const s = u.data_source === "sample";
    out.push({ k: "u", t: u.unit_name, x: `${u.fiscal_year} ${u.funding_method ?? ""}`, c, p: path, s });
    for (const task of await queries.tasks(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "t", t: task.task_name, x: (task.task_content ?? "").slice(0, 160), c, p: `${path}#${task.task_id}`, s });
    }
    for (const ind of await queries.indicators(db, u.unit_id, u.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s });
    }
  }
  for (const p of await queries.projects(db)) {
    const path = projectPath(p);
    const c = `${p.unit_name} · ${p.fiscal_year}`;
    const s = p.data_source === "sample";
    out.push({ k: "p", t: p.project_name, x: [p.project_code, p.supervisor, p.project_type].filter(Boolean).join(" "), c, p: path, s });
    for (const ind of await queries.projectIndicators(db, p.project_id, p.fiscal_year)) {
      out.push({ k: "i", t: ind.name ?? ind.level2, x: `${p.project_name} · ${ind.level1} › ${ind.level2}${ind.target ? ` · ${ind.target}` : ""}`, c, p: `${path}#ind-${ind.indicator_id}`, s });
    }
  }
  return out;
}

/** Entries whose title, text or context contain every space-separated term (case-insensitive). */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 50): SearchEntry[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!terms.length) return [];
  const hits: SearchEntry[] = [];
  for (const e of entries) {
    const hay = `${e.t} ${e.x} ${e.c}`.toLowerCase();
    if (terms.every((term) => hay.includes(term))) hits.push(e);
    if (hits.length >= limit) break;
  }
  return hits;
}
