// Example rows for the chart tests and previews. Budget figures and indicator counts are the
// real declaration in data/raw; actual values and earlier years are illustrative (sample: true).

import type { BudgetStructureRow, BulletRow, CompletionRow, IndicatorGroupRow, SlopeRow } from "../src/charts/index.ts";

export const budgetRows: BudgetStructureRow[] = [
  { group: "资金来源", item: "财政拨款", amountFen: 9_278_733_100n },
  { group: "资金来源", item: "其他资金", amountFen: 0n },
  { group: "资金结构", item: "基本支出", amountFen: 5_083_928_487n },
  { group: "资金结构", item: "项目支出", amountFen: 4_194_804_613n },
];

const counts: [string, string, IndicatorGroupRow["kind"], number][] = [
  ["产出指标", "数量指标", "quantitative", 11],
  ["产出指标", "质量指标", "quantitative", 9],
  ["产出指标", "质量指标", "qualitative", 1],
  ["产出指标", "时效指标", "quantitative", 1],
  ["产出指标", "时效指标", "deadline", 3],
  ["产出指标", "时效指标", "qualitative", 6],
  ["产出指标", "成本指标", "quantitative", 4],
  ["效益指标", "社会效益指标", "quantitative", 3],
  ["效益指标", "社会效益指标", "qualitative", 8],
  ["效益指标", "可持续影响指标", "qualitative", 3],
  ["满意度指标", "服务对象满意度指标", "quantitative", 4],
  ["投入管理指标", "预算编审管理", "none", 1],
];
export const indicatorRows: IndicatorGroupRow[] = counts.map(([level1, level2, kind, count]) => ({ level1, level2, kind, count }));

export const bulletRows: BulletRow[] = [
  { id: "qty-equipment", label: "器材购置更新完成数", target: 200, actual: 212, unit: "个", direction: "higher", status: "met" },
  { id: "qty-books", label: "书籍购置完成量", target: 15000, actual: 14200, unit: "本", direction: "higher", status: "partly" },
  { id: "cost-culture-centre", label: "文化馆成本预算控制数", target: 685.74, actual: 702.3, unit: "万元", direction: "lower", status: "not_met" },
  { id: "quality-facilities", label: "设施设备完好率", target: 95, actual: null, unit: "%", direction: "higher", status: "no_data" },
  { id: "training-completion", label: "社区党校完成培训工作（含党群服务中心 5 类课程）", target: 100, actual: 96, unit: "%", direction: "equal", status: "partly" },
  { id: "safety-incidents", label: "安全事故发生数", target: 0, actual: 0, unit: "次", direction: "lower", status: "met" },
  { id: "reader-satisfaction", label: "读者满意度", target: 90, actual: 93.5, unit: "%", direction: "higher", status: "met" },
];

export const completionRows: CompletionRow[] = [
  { group: "产出指标", met: 26, partly: 4, notMet: 3, noData: 2 },
  { group: "效益指标", met: 9, partly: 2, notMet: 0, noData: 3 },
  { group: "满意度指标", met: 3, partly: 0, notMet: 1, noData: 0 },
];

export const slopeRows: SlopeRow[] = [
  { item: "基本支出", values: [{ year: 2025, amountFen: 4_821_045_012n }, { year: 2026, amountFen: 5_083_928_487n }] },
  { item: "项目支出", values: [{ year: 2025, amountFen: 4_530_000_000n }, { year: 2026, amountFen: 4_194_804_613n }] },
  { item: "其他资金", values: [{ year: 2025, amountFen: 0n }, { year: 2026, amountFen: 0n }] },
];
