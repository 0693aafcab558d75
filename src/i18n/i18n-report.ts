// Interface text of the printed report (the A4 PDF beside each unit and project page, and
// what the browser prints): zh first, en beside.
import type { Lang } from "../core/format.ts";
import { COMMON_MESSAGES as C } from "./i18n-common.ts";

const zh = {
  stop: C.zh.stop,
  completion: (period: string) => `完成情况（${period}）`,
  completionLine: (score: string, grade: string) => `综合得分 ${score}，等级${grade}。`,
  notScored: "没有可评分的完成值（未填报），不给出得分和等级。",
  counts: (met: number, partly: number, notMet: number, noData: number) => `达成 ${met} 项，部分达成 ${partly} 项，未达成 ${notMet} 项，未填报 ${noData} 项。`,
  noReport: "暂无年中运行监控或年终自评数据：本报告只含申报内容。",
  behind: (n: number) => `未达目标与未填报的指标（${n} 项）`,
  reason: "偏差原因",
  budget: "预算（金额精确到分）",
  indicators: (n: number) => `全部绩效指标（${n} 项）`,
  level: "一级 › 二级",
  quality: "数据质量",
  qualityLine: (e: number, w: number, i: number) => `自动检查：错误 ${e} 项，警告 ${w} 项，提示 ${i} 项；逐条见网页版。`,
  sources: "来源",
  declaration: "申报表",
  results: "完成值",
  web: "网页版",
  webLine: (path: string) => `${path}（含全部检查结果、图表数据与 CSV 下载）`,
};

type M = typeof zh;

const en: M = {
  stop: C.en.stop,
  completion: (period: string) => `Completion (${period})`,
  completionLine: (score: string, grade: string) => `Total score ${score}, grade ${grade}.`,
  notScored: "No result that could be scored was reported (no data): no score or grade is given.",
  counts: (met: number, partly: number, notMet: number, noData: number) => `${met} met, ${partly} partly met, ${notMet} not met, ${noData} with no data.`,
  noReport: "No mid-year monitoring or year-end self-evaluation yet: this report holds the declaration only.",
  behind: (n: number) => `Indicators behind target or not reported (${n})`,
  reason: "Reason",
  budget: "Budget (exact to the fen)",
  indicators: (n: number) => `All performance indicators (${n})`,
  level: "Level 1 › level 2",
  quality: "Data quality",
  qualityLine: (e: number, w: number, i: number) => `Automatic checks: ${e} errors, ${w} warnings, ${i} notes; each is listed on the web page.`,
  sources: "Sources",
  declaration: "Declaration",
  results: "Results",
  web: "Web page",
  webLine: (path: string) => `${path} (every check, the charts' data and CSV downloads)`,
};

export const REPORT_MESSAGES: Record<Lang, M> = { zh, en };
