// /data/{unit}/{year}/{chart}.csv — every chart's data as a CSV download.
import type { APIRoute } from "astro";
import { siteEngine } from "../../../../site/data.ts";
import { queries, type UnitRow } from "../../../../query/queries.ts";
import { CHARTS, chartCsv, unitCharts, type ChartName } from "../../../../site/chartData.ts";

export async function getStaticPaths() {
  const units = await queries.units(await siteEngine());
  return units.flatMap((u) => CHARTS.map((chart) => ({ params: { unit: u.unit_id, year: String(u.fiscal_year), chart }, props: { unit: u, chart } })));
}

export const GET: APIRoute = async ({ props }) => {
  const { unit, chart } = props as { unit: UnitRow; chart: ChartName };
  const charts = await unitCharts(await siteEngine(), unit, "zh");
  return new Response(chartCsv(charts[chart].wide, unit.data_source === "sample", "zh"), { headers: { "content-type": "text/csv; charset=utf-8" } });
};
