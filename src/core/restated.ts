// A self-evaluation (自评表) or monitoring form (监控表) prints the indicators it
// reports on, and the reader keeps them: alone, they are the only targets there
// are. Beside the declaration of the same unit or project and year they restate
// it, and counting both would list every indicator twice (and, where the form
// reworded one, as a second indicator). So the declaration holds: the restated
// indicators give way, with one finding per form, and the form's results are
// matched to the declared indicators (progress/link.ts), where a reworded one is
// told as unmatched and a changed target as actual.target_differs. A project's
// row read from the progress form gives way too, its 实际完成情况 kept on the
// declaration's row. DOM-free; used by mergeDatasets.
import type { Dataset, Finding, FormKind, Indicator, Location, Project } from "./model.ts";
import { finding } from "./findingText.ts";

/** Forms that report on indicators declared elsewhere. */
export const isProgressKind = (k: FormKind | undefined | null): boolean => !!k && /_(selfeval|monitoring)$/.test(k);

const scopeYear = (x: { unitId: string; projectId?: string | null; id?: string; year: number }, project = false) =>
  `${project ? x.id : x.projectId ?? x.unitId}|${x.year}|${project || x.projectId ? "p" : "u"}`;

/** The scope-years (a unit's own, or a project's) whose indicators this part restates: its row for the scope was read from a progress form. */
function restating(part: Dataset): Set<string> {
  const out = new Set<string>();
  for (const p of part.projects ?? []) if (isProgressKind(p.formKind)) out.add(scopeYear(p, true));
  for (const u of part.units) if (isProgressKind(u.formKind)) out.add(`${u.id}|${u.year}|u`);
  return out;
}

/** The note at a form's first restated indicator: `count` of them give way to what `declared` loaded (also the explore page's). */
export const restatedFinding = (count: number, declared: string, at: Location): Finding =>
  finding("info", "load.restated_indicators", { count, declared }, at);

/**
 * The parts with every restated indicator (and project row) of a scope-year another part holds left out, and
 * the findings that say so (`load.restated_indicators`, at the first indicator left out). A scope-year is held
 * by its first declaration, else, when none was loaded, by the first progress form that restates it (a
 * monitoring form and the self-evaluation of the same project print the same indicators).
 */
export function yieldRestated(parts: readonly Dataset[]): { parts: Dataset[]; findings: Finding[] } {
  const restates = parts.map(restating);
  if (restates.every((r) => r.size === 0)) return { parts: [...parts], findings: [] };
  // Per scope-year, the part whose indicators hold: its first declaration, else (no declaration loaded) the first form that restates it.
  const holder = new Map<string, { part: number; file: string }>();
  const declaredProject = new Map<string, Project>();
  for (const declared of [true, false]) {
    parts.forEach((part, i) => {
      for (const ind of part.indicators) {
        const k = scopeYear(ind);
        if (restates[i].has(k) !== declared && !holder.has(k)) holder.set(k, { part: i, file: ind.source.file });
      }
      for (const p of part.projects ?? []) {
        const k = scopeYear(p, true);
        if (isProgressKind(p.formKind) !== declared && holder.get(k)?.part === i && !declaredProject.has(k)) declaredProject.set(k, p);
      }
    });
  }
  const findings: Finding[] = [];
  const actuals = new Map<Project, string[]>(); // a declaration's project row → 实际完成情况 from its progress forms
  const out = parts.map((part, i) => {
    const gives = (k: string) => restates[i].has(k) && holder.has(k) && holder.get(k)!.part !== i;
    if (![...restates[i]].some(gives)) return part;
    const leftOut = new Map<string, Indicator[]>();
    const indicators = part.indicators.filter((ind) => {
      const k = scopeYear(ind);
      if (!gives(k)) return true;
      leftOut.set(k, [...(leftOut.get(k) ?? []), ind]);
      return false;
    });
    for (const [k, inds] of leftOut) {
      const first = inds[0].source;
      const note = restatedFinding(inds.length, holder.get(k)!.file, { file: first.file, ...(first.row !== undefined ? { row: first.row } : {}) });
      findings.push({ ...note, owner: { unitId: inds[0].unitId, year: inds[0].year } });
    }
    const projects = part.projects?.filter((p) => {
      const k = scopeYear(p, true);
      if (!gives(k)) return true;
      const decl = declaredProject.get(k);
      if (!decl) return true;
      if (p.goals.actual.length) actuals.set(decl, [...(actuals.get(decl) ?? []), ...p.goals.actual]);
      return false;
    });
    return { ...part, indicators, ...(projects ? { projects } : {}) };
  });
  if (!actuals.size) return { parts: out, findings };
  const withActual = (p: Project): Project => {
    const more = actuals.get(p);
    return more && !p.goals.actual.length ? { ...p, goals: { ...p.goals, actual: more } } : p;
  };
  return { parts: out.map((part) => (part.projects ? { ...part, projects: part.projects.map(withActual) } : part)), findings };
}

