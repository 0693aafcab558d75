// The data behind each prerendered chart, computed once for the page and for
// its CSV download (so the file and the figure can never disagree).
import Papa from "papaparse";
import type { QueryEngine } from "../query/engine.ts";
import { queries, type BudgetRow, type IndicatorKindRow, type UnitRow } from "../query/queries.ts";
import { budgetStructureChart, bulletChart, completionChart, indicatorGroupChart } from "../charts/index.ts";
import type { ProgressReport } from "../core/progress.ts";
import { bulletRows, completionRows } from "./progressView.ts";
import type { ChartResult } from "../charts/types.ts";
import { budgetChartRows } from "./view.ts";
import { t, type Lang } from "../i18n/messages.ts";

export const CHARTS = ["budget", "indicators"] as const;
export type ChartName = (typeof CHARTS)[number];

/** The unit page's charts; a chart is null when the unit has no rows for it (a unit known only from its project forms). */
export async function unitCharts(db: QueryEngine, unit: UnitRow, lang: Lang): Promise<UnitCharts> {
  const [budget, kinds] = await Promise.all([queries.budget(db, unit.unit_id, unit.fiscal_year), queries.indicatorKinds(db, unit.unit_id, unit.fiscal_year)]);
  return unitChartsOf(unit, budget, kinds, lang);
}

export type UnitCharts = Record<ChartName, { wide: ChartResult; compact: ChartResult } | null>;

/** The unit page's charts from its budget lines and indicator counts. */
export function unitChartsOf(unit: UnitRow, budget: readonly BudgetRow[], kinds: readonly IndicatorKindRow[], lang: Lang): UnitCharts {
  const year = unit.fiscal_year;
  const sample = unit.data_source === "sample";
  const budgetRows = budgetChartRows(budget, lang);
  const budgetTitle = `${unit.unit_name} ${t(lang, "site.yearLabel", year)} ${t(lang, "site.budgetH")}`;
  const kindRows = kinds.map((k) => ({ level1: k.level1, level2: k.level2, kind: k.kind, count: k.n }));
  const indTitle = `${unit.unit_name} ${t(lang, "site.yearLabel", year)} ${t(lang, "site.indicatorsH")}`;
  return {
    budget: budgetRows.length
      ? {
          wide: budgetStructureChart(budgetRows, { id: "budget", title: budgetTitle, sample, sampleBadge: false, lang }),
          compact: budgetStructureChart(budgetRows, { id: "budget-c", title: budgetTitle, sample, sampleBadge: false, lang, width: 340 }),
        }
      : null,
    indicators: kindRows.length
      ? {
          wide: indicatorGroupChart(kindRows, { id: "ind", title: indTitle, sample, sampleBadge: false, lang }),
          compact: indicatorGroupChart(kindRows, { id: "ind-c", title: indTitle, sample, sampleBadge: false, lang, width: 340 }),
        }
      : null,
  };
}

/**
 * A chart's table as CSV for spreadsheet users: UTF-8 with BOM (so Excel reads
 * Chinese), CRLF, cells starting with = + - @ neutralised against formula injection.
 * Illustrative data says so in its first line.
 */
export function chartCsv(chart: ChartResult, sample: boolean, lang: Lang): string {
  const note = sample ? [[lang === "zh" ? "示例数据（非真实申报数据）" : "示例数据 — illustrative data, not declared"]] : [];
  const body = Papa.unparse([...note, [chart.table.caption], chart.table.head, ...chart.table.rows], { newline: "\r\n", escapeFormulae: true });
  return "\uFEFF" + body + "\r\n";
}

export const PROGRESS_CHARTS = ["l1", "l2", "bullet"] as const;
export type ProgressChartName = (typeof PROGRESS_CHARTS)[number];

/** The charts of one progress report (period): completion by 一级 and 二级, and the bullets (null when no quantitative indicator). */
export function progressCharts(unitName: string, r: ProgressReport, lang: Lang): Record<ProgressChartName, { wide: ChartResult; compact: ChartResult } | null> {
  // The page (or the workspace's unit header) says 示例数据 once; the charts draw no badge of their own.
  const common = { sample: r.status === "sample", sampleBadge: false, lang };
  const title = (what: string) => `${unitName} ${t(lang, "site.yearLabel", r.year)} ${t(lang, "progress.period")[r.period]}${t(lang, "site.colon")}${what}`;
  const id = r.period;
  const pair = <T,>(rows: T[], chart: (rows: T[], o: { id: string; title: string; width?: number } & typeof common) => ChartResult, key: string, what: string) => ({
    wide: chart(rows, { ...common, id: `${id}-${key}`, title: title(what) }),
    compact: chart(rows, { ...common, id: `${id}-${key}c`, title: title(what), width: 340 }),
  });
  const bullets = bulletRows(r);
  return {
    l1: pair(completionRows(r, "level1"), completionChart, "l1", t(lang, "progress.byLevel1")),
    l2: pair(completionRows(r, "level2"), completionChart, "l2", t(lang, "progress.byLevel2")),
    bullet: bullets.length ? pair(bullets, bulletChart, "b", t(lang, "progress.bullet")) : null,
  };
}
