// What the year-over-year view of one unit needs, from the comparison model
// (src/site/compareView.ts compareModel): the pair compared, the budget of every
// year, the indicators matched, the charts and the score trend. The comparison
// page builds it from the published data at build, the workspace from what is
// loaded (src/explore/results.ts): the same function, so the same figures.
import type { UnitComparison } from "../core/compare.ts";
import type { Lang } from "../core/format.ts";
import { budgetHistory, scoreTrend, unitPair, type CompareModel, type HistoryRow, type TrendPoint } from "../site/compareView.ts";
import { unitCharts, type UnitCharts } from "../site/compareCharts.ts";

export interface CompareUnitData {
  unitId: string;
  /** The unit's name in its latest year. */
  name: string;
  /** The unit's years, oldest first. */
  years: number[];
  from: number;
  to: number;
  comparison: UnitComparison;
  history: HistoryRow[];
  /** The unit's years whose declaration is illustrative (示例数据). */
  sampleYears: number[];
  charts: UnitCharts;
  trend: TrendPoint[];
}

/** Null when the unit has not both years. */
export function compareUnitData(model: CompareModel, unitId: string, from: number, to: number, lang: Lang): CompareUnitData | null {
  const entries = model.byUnit.get(unitId) ?? [];
  const comparison = unitPair(model, unitId, from, to);
  if (!comparison || !entries.length) return null;
  const years = entries.map((u) => u.year);
  return {
    unitId,
    name: entries[entries.length - 1].name,
    years,
    from,
    to,
    comparison,
    history: budgetHistory(entries),
    sampleYears: entries.filter((u) => u.unit?.status === "sample").map((u) => u.year),
    charts: unitCharts(model, unitId, from, to, lang),
    trend: scoreTrend(model, unitId, years),
  };
}
