// Shapes scoring reports (src/core/progress.ts) into what the progress
// dashboard shows: completion per group, bullet rows, the list behind target.
import type { ProgressIndicator, ProgressReport } from "../core/progress.ts";
import type { BulletRow, CompletionRow } from "../charts/index.ts";

export type Status = ProgressIndicator["score"]["status"];

/** Completion counts by 一级 and by 一级 › 二级 (declared order), not-applicable items left out. */
export function completionRows(r: ProgressReport, by: "level1" | "level2"): CompletionRow[] {
  const rows = new Map<string, CompletionRow>();
  for (const p of r.indicators) {
    const s = p.score.status;
    if (s === "not_applicable") continue;
    const group = by === "level1" ? p.indicator.level1 : `${p.indicator.level1} › ${p.indicator.level2}`;
    const row = rows.get(group) ?? { group, met: 0, partly: 0, notMet: 0, noData: 0 };
    if (s === "met") row.met++;
    else if (s === "partly") row.partly++;
    else if (s === "not_met") row.notMet++;
    else row.noData++;
    rows.set(group, row);
  }
  return [...rows.values()];
}

/** Bullet rows for quantitative indicators (numbers only for drawing; tables show the exact text). */
export function bulletRows(r: ProgressReport): BulletRow[] {
  const out: BulletRow[] = [];
  for (const p of r.indicators) {
    const t = p.indicator.parsed;
    if (t.kind !== "quantitative" || p.score.status === "not_applicable") continue;
    const actual = p.value.kind === "number" ? Number(p.value.value) : null;
    out.push({
      id: p.indicator.id,
      label: p.indicator.name ?? p.indicator.level2,
      target: Number(t.value),
      actual: p.score.status === "no_data" ? null : actual,
      unit: t.unit,
      direction: t.direction,
      status: p.score.status === "no_data" || actual === null ? "no_data" : p.score.status,
    });
  }
  return out;
}

/** Indicators behind target (partly, not met, no data), worst first, keeping declared order within a status. */
export function behindTarget(r: ProgressReport): ProgressIndicator[] {
  const rank: Record<string, number> = { not_met: 0, no_data: 1, partly: 2 };
  return r.indicators
    .filter((p) => p.score.status in rank || p.alert === "red")
    .sort((a, b) => (rank[a.score.status] ?? 3) - (rank[b.score.status] ?? 3) || a.indicator.order - b.indicator.order);
}

export function alertCounts(r: ProgressReport): Record<"red" | "yellow" | "green", number> {
  const c = { red: 0, yellow: 0, green: 0 };
  for (const p of r.indicators) if (p.alert) c[p.alert]++;
  return c;
}
