// /compare/unit/{unit}/{from}-{to}/{chart}.csv — the data of each chart on a
// year-over-year page (slope, waterfall, trend), the same figures as the page.
import type { APIRoute } from "astro";
import { siteDataset, siteMapping } from "../../../../../site/dataset.ts";
import { compareModel, unitComparePaths } from "../../../../../site/compareView.ts";
import { chartCsv } from "../../../../../site/chartData.ts";
import { UNIT_CHARTS, unitCharts, type Figure } from "../../../../../site/compareCharts.ts";

export function getStaticPaths() {
  const model = compareModel(siteDataset(), siteMapping());
  return unitComparePaths(model)
    .filter((p) => p.slug !== null)
    .flatMap((p) => {
      const charts = unitCharts(model, p.unitId, p.pair[0], p.pair[1], "zh");
      return UNIT_CHARTS.filter((name) => charts[name]).map((chart) => ({ params: { unit: p.unitId, pair: p.slug!, chart }, props: { figure: charts[chart]! } }));
    });
}

export const GET: APIRoute = ({ props }) => {
  const { figure } = props as { figure: Figure };
  return new Response(chartCsv(figure.wide, figure.sample, "zh"), { headers: { "content-type": "text/csv; charset=utf-8" } });
};
