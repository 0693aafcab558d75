// What the workspace draws its dashboards with — the shared views, the charts, the scoring and the comparison —
// in one module the page (ui.ts) imports when there is something to draw: a first visit's view is the intake
// alone (the page's first view stays light), and these come with the first file or the files kept from before.
export { loadUnitData } from "../views/unitData.ts";
export { unitChartName, unitView } from "../views/unit.ts";
export { CHARTS, unitChartsOf } from "../site/chartData.ts";
export { chartFigure } from "../views/chart.ts";
export { headlineStrip } from "../views/headline.ts";
export { queryChart } from "../views/queryChart.ts";
export { headline, headlineReport } from "../site/headline.ts";
export { filterResults, loadProject, loadResults, loadYear, MAX_YEAR_UNITS } from "./results.ts";
export { loadProjectData } from "../views/projectData.ts";
export { projectHead, projectView } from "../views/project.ts";
export { resultsNodes } from "./resultsView.ts";
