// /compare/year/{year}/{chart}.csv — the data of each chart on a cross-unit
// page: the rankings, the structure and sources, and each unit's completion.
import type { APIRoute } from "astro";
import { siteDataset, siteMapping } from "../../../../site/dataset.ts";
import { compareIndex, compareModel } from "../../../../site/compareView.ts";
import { chartCsv } from "../../../../site/chartData.ts";
import { yearCharts, yearCsvChart, yearCsvNames } from "../../../../site/compareCharts.ts";
import type { ChartResult } from "../../../../charts/types.ts";

export function getStaticPaths() {
  const model = compareModel(siteDataset(), siteMapping());
  return compareIndex(model).years.flatMap(({ year }) => {
    const charts = yearCharts(model, year, "zh");
    return yearCsvNames(charts).map((chart) => ({ params: { year: String(year), chart }, props: yearCsvChart(charts, chart)! }));
  });
}

export const GET: APIRoute = ({ props }) => {
  const { chart, sample } = props as { chart: ChartResult; sample: boolean };
  return new Response(chartCsv(chart, sample, "zh"), { headers: { "content-type": "text/csv; charset=utf-8" } });
};
