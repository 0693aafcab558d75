// /data/{unit}/{year}/{chart}.csv — every chart's data as a CSV download:
// budget, indicators, and progress-{period}-{l1|l2|bullet} where progress data exists.
import type { APIRoute } from "astro";
import { siteEngine } from "../../../../site/data.ts";
import { queries, type UnitRow } from "../../../../query/queries.ts";
import { CHARTS, PROGRESS_CHARTS, chartCsv, progressCharts, unitCharts, type ChartName, type ProgressChartName } from "../../../../site/chartData.ts";
import { unitReports } from "../../../../site/progressData.ts";
import type { ProgressReport } from "../../../../core/progress.ts";
import type { ChartResult } from "../../../../charts/index.ts";

export async function getStaticPaths() {
  const db = await siteEngine();
  const units = await queries.units(db);
  const charts = await Promise.all(units.map((u) => unitCharts(db, u, "zh")));
  return units.flatMap((u, i) => {
    const params = { unit: u.unit_id, year: String(u.fiscal_year) };
    const plain = CHARTS.filter((chart) => charts[i][chart]).map((chart) => ({ params: { ...params, chart }, props: { unit: u, chart } }));
    const progress = unitReports(u.unit_id, u.fiscal_year).flatMap((report) => {
      const drawn = progressCharts(u.unit_name, report, "zh");
      return PROGRESS_CHARTS.filter((c) => drawn[c]).map((c) => ({
        params: { ...params, chart: `progress-${report.period}-${c}` },
        props: { unit: u, report, progressChart: c },
      }));
    });
    return [...plain, ...progress];
  });
}

// A unit-year's files come one after another: its charts are drawn once for all of them, not once per file.
let last: { key: unknown; charts: Promise<Record<string, { wide: ChartResult } | null>> } | null = null;
function drawn(key: unknown, draw: () => Promise<Record<string, { wide: ChartResult } | null>> | Record<string, { wide: ChartResult } | null>) {
  if (last?.key !== key) last = { key, charts: Promise.resolve(draw()) };
  return last!.charts;
}

export const GET: APIRoute = async ({ props }) => {
  const { unit, chart, report, progressChart } = props as { unit: UnitRow; chart?: ChartName; report?: ProgressReport; progressChart?: ProgressChartName };
  const result = report && progressChart
    ? (await drawn(report, () => progressCharts(unit.unit_name, report, "zh")))[progressChart]!.wide
    : (await drawn(`${unit.unit_id}|${unit.fiscal_year}`, async () => unitCharts(await siteEngine(), unit, "zh")))[chart!]!.wide;
  const sample = unit.data_source === "sample" || report?.status === "sample";
  return new Response(chartCsv(result, sample, "zh"), { headers: { "content-type": "text/csv; charset=utf-8" } });
};
