// Jixiao charts: each a pure (rows, options) → { svg, summary, table } function.

export type { ChartOptions, ChartResult, ChartTable, Lang } from "./types.ts";
export { budgetStructureChart, type BudgetStructureRow } from "./budgetStructure.ts";
export { indicatorGroupChart, type IndicatorGroupRow } from "./indicatorGroups.ts";
export { bulletChart, type BulletOptions, type BulletRow, type BulletStatus } from "./bullet.ts";
export { completionChart, type CompletionRow } from "./completion.ts";
export { slopeChart, type SlopeRow } from "./slope.ts";
