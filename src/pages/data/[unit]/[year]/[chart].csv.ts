// /data/{unit}/{year}/{chart}.csv — every chart's data as a CSV download:
// budget, indicators, and progress-{period}-{l1|l2|bullet} where progress data exists.
import type { APIRoute } from "astro";
import { siteEngine } from "../../../../site/data.ts";
import { queries, type UnitRow } from "../../../../query/queries.ts";
import { CHARTS, PROGRESS_CHARTS, chartCsv, progressCharts, unitCharts, type ChartName, type ProgressChartName } from "../../../../site/chartData.ts";
import { unitReports } from "../../../../site/progressData.ts";
import type { ProgressReport } from "../../../../core/progress.ts";

export async function getStaticPaths() {
  const db = await siteEngine();
  const units = await queries.units(db);
  const charts = await Promise.all(units.map((u) => unitCharts(db, u, "zh")));
  return units.flatMap((u, i) => {
    const params = { unit: u.unit_id, year: String(u.fiscal_year) };
    const plain = CHARTS.filter((chart) => charts[i][chart]).map((chart) => ({ params: { ...params, chart }, props: { unit: u, chart } }));
    const progress = unitReports(u.unit_id, u.fiscal_year).flatMap((report) =>
      PROGRESS_CHARTS.filter((c) => progressCharts(u.unit_name, report, "zh")[c]).map((c) => ({
        params: { ...params, chart: `progress-${report.period}-${c}` },
        props: { unit: u, report, progressChart: c },
      })),
    );
    return [...plain, ...progress];
  });
}

export const GET: APIRoute = async ({ props }) => {
  const { unit, chart, report, progressChart } = props as { unit: UnitRow; chart?: ChartName; report?: ProgressReport; progressChart?: ProgressChartName };
  const result = report && progressChart
    ? progressCharts(unit.unit_name, report, "zh")[progressChart]!.wide
    : (await unitCharts(await siteEngine(), unit, "zh"))[chart!]!.wide;
  const sample = unit.data_source === "sample" || report?.status === "sample";
  return new Response(chartCsv(result, sample, "zh"), { headers: { "content-type": "text/csv; charset=utf-8" } });
};
