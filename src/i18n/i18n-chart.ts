// The charts' own words (src/charts): legends, column heads, the one-line summaries and the
// takeaway sentences, in both languages. Terms other parts of the site name too come from
// i18n-common.ts (the statuses, the list separator). Chinese first; the English is typed as the
// Chinese, so a key left out in English fails the type check.
import type { Lang } from "../core/format.ts";
import { COMMON_MESSAGES as C } from "./i18n-common.ts";

const zh = {
  /** A scored indicator's status, as the bullet and completion charts name it. */
  status: C.zh.scoreStatus,
  /** The kind of an indicator's target, as the indicator chart names it. */
  targetKind: { quantitative: "定量", deadline: "期限", qualitative: "定性", none: "无目标" },
  sample: C.zh.sample,
  samplePrefix: "示例数据：",
  sampleSuffix: "（示例数据）",
  listSep: C.zh.listSep,
  clauseSep: "；",
  stop: C.zh.stop,
  colon: C.zh.colon,
  paren: (s: string) => `（${s}）`,
  total: "合计",
  /** After a name: “基本支出合计”. */
  totalOf: "合计",
  allZero: "金额均为 0",
  noItems: "未列明细",
  colGroup: "分组",
  colItem: C.zh.colItem,
  colYuan: C.zh.colYuan,
  colShare: "占比",
  colRank: C.zh.colRank,
  colName: "名称",
  colNote: "备注",
  colYear: "年度",
  colChange: "较上年变化（元）",
  colChangePct: "较上年变化率",
  colLevel1: "一级指标",
  colLevel2: C.zh.colLevel2,
  colIndicator: "指标",
  colTarget: "目标",
  colActual: "实际",
  colUnit: "单位",
  colStatus: C.zh.colStatus,
  colMetShare: "达成占比",
  // bullet
  actualKey: "实际值",
  targetKey: "目标值",
  actualTarget: (actual: string, target: string) => `实际 ${actual} · 目标 ${target}`,
  bulletSummary: (n: number, counts: [string, number][], notMet: string[] | null) =>
    `共 ${n} 项指标：${counts.map(([s, c]) => `${s} ${c} 项`).join("，")}${notMet ? `；未达成的是${notMet.join("、")}` : ""}。`,
  bulletNotMet: (n: number, notMet: number, names: string[] | null) => `${n} 项中未达成 ${notMet} 项${names ? `：${names.join("、")}` : ""}。`,
  bulletAllMet: (n: number) => `${n} 项全部达成。`,
  bulletNoneNotMet: (n: number, met: number) => `${n} 项中没有未达成的，达成 ${met} 项。`,
  /** A bullet row reached by keyboard: its indicator, values and status. */
  bulletNav: (label: string, values: string, status: string) => `${label}：${values}；${status}`,
  // completion
  count: (n: number) => `${n} 项`,
  indicatorCount: (n: number) => `${n} 项`,
  statusCount: (status: string, n: number, share: string) => `${status} ${n} 项（${share}）`,
  completionExtremes: (best: string, bestShare: string, worst: string, worstShare: string) => `；达成占比最高的是${best}（${bestShare}），最低的是${worst}（${worstShare}）`,
  completionSummary: (n: number, parts: string[], extremes: string) => `共 ${n} 项指标：${parts.join("、")}${extremes}。`,
  lowestMet: (group: string, share: string) => `达成占比最低的是${group}（${share}）。`,
  metOfAll: (n: number, met: number, share: string) => `共 ${n} 项指标，达成 ${met} 项（${share}）。`,
  // indicator groups
  groupNav: (level1: string, n: number, level2: number) => `${level1}：${n} 项指标，${level2} 个二级指标`,
  groupsSummary: (n: number, kinds: [string, number][], level1: number, level2: number, biggest: string, most: number) =>
    `共 ${n} 项指标${kinds.length ? `（${kinds.map(([k, c]) => `${k} ${c} 项`).join("、")}）` : ""}，分属 ${level1} 个一级指标、${level2} 个二级指标，最多的是${biggest}（${most} 项）。`,
  mostIndicators: (biggest: string, most: number) => `指标最多的是${biggest}（${most} 项）。`,
  // rank bars
  noData: "无数据",
  rankedBy: (measure: string) => `${measure}排名：`,
  noDataFor: (names: string[]) => `${names.join("、")}无数据`,
  rankOne: (measure: string, name: string, value: string) => `${measure}：${name} ${value}。`,
  /** A ranking's row reached by keyboard: its rank (— for none), name and figure as the table writes them. */
  rankNav: (rank: string, name: string, value: string) => `${rank === "—" ? "" : `第 ${rank} 名 `}${name}：${value}`,
  rankEnds: (measure: string, first: string, firstValue: string, last: string, lastValue: string) => `按${measure}，排第一的是${first}（${firstValue}），排最后的是${last}（${lastValue}）。`,
  // slope
  noEarlier: (year: number) => `${year} 年无对比`,
  unchanged: "无变化",
  inYear: (year: number) => `（${year} 年）`,
  wanNote: "金额单位：万元",
  amountInYear: (year: number, amount: string) => `${year} 年 ${amount}`,
  sameBoth: (item: string, from: number, to: number, amount: string) => `${item} ${from} 年与 ${to} 年均为 ${amount}（无变化）`,
  moved: (item: string, from: number, old: string, to: number, now: string, change: string, pct: string) => `${item}由 ${from} 年的 ${old}变为 ${to} 年的 ${now}（${change}，${pct}）`,
  /** A year reached by keyboard, then each item's point in it. */
  yearNav: (year: number, items: number, total: string) => `${year} 年：${items} 项，合计 ${total}`,
  pointNav: (item: string, year: number, amount: string, change: string | null) => `${item}，${year} 年 ${amount}${change ? `（较上年 ${change}）` : ""}`,
  // stack
  segmentCount: (label: string, n: number) => `${label} ${n} 项`,
  stackNone: C.zh.nothing,
  stackNav: (label: string, said: string, total: number) => `${label}：${said}；合计 ${total} 项`,
  /** A bar of amounts reached by keyboard (budget structure, structure bars), then each of its parts. */
  amountsNav: (label: string, total: string, items: number) => `${label}：合计 ${total}，${items} 项`,
  partNav: (item: string, amount: string, share: string) => `${item} ${amount}（${share}）`,
  /** A waterfall row reached by keyboard. */
  stepNav: (label: string, figure: string) => `${label}：${figure}`,
  /**
   * Where the arrow keys have taken the reader in a chart (src/site/chartKeys.ts fills {level}, {pos}, {size}), and
   * what they do, said once on entering it: a chart of one list, or one with levels (一级 → 二级, year → item).
   */
  keysWhere: "第 {pos} 项，共 {size} 项",
  keysWhereLevel: "第 {level} 层，第 {pos} 项，共 {size} 项",
  keysEnter: (where: string) => `${where}。方向键逐项移动，Home 与 End 到首项与末项`,
  keysEnterLevels: (where: string) => `${where}。左右方向键在同一层移动，下方向键进入下一层，上方向键回到上一层，Home 与 End 到首项与末项`,
  // structure bars
  shareNote: "每条为该单位合计的 100%；右侧为合计金额（万元）",
  scaleNote: "条形长度按金额，同一标尺；金额单位：万元",
  // waterfall
  increase: "增加",
  decrease: "减少",
  waterfallTotal: "合计",
  waterfallNote: "金额单位：万元；条形从 0 起画",
  waterfallSummary: (start: string, steps: string | null, end: string, change: string) => `${start}${steps ? `，${steps}` : ""}，${end}（变动 ${change}）。`,
  colChangeYuan: "变动（元）",
  colRunning: "累计（元）",
};

type Messages = typeof zh;

const en: Messages = {
  status: C.en.scoreStatus,
  targetKind: { quantitative: "quantitative", deadline: "deadline", qualitative: "qualitative", none: "no target" },
  sample: C.en.sample,
  samplePrefix: "Illustrative data: ",
  sampleSuffix: " (illustrative data)",
  listSep: C.en.listSep,
  clauseSep: "; ",
  stop: C.en.stop,
  colon: C.en.colon,
  paren: (s) => ` (${s})`,
  total: "Total",
  totalOf: " total",
  allZero: "All amounts are 0",
  noItems: "no items declared",
  colGroup: "Group",
  colItem: C.en.colItem,
  colYuan: C.en.colYuan,
  colShare: "Share",
  colRank: C.en.colRank,
  colName: "Name",
  colNote: "Note",
  colYear: "Year",
  colChange: "Change on previous year (yuan)",
  colChangePct: "Change (%)",
  colLevel1: "Level 1",
  colLevel2: "Level 2",
  colIndicator: "Indicator",
  colTarget: "Target",
  colActual: "Actual",
  colUnit: "Unit",
  colStatus: C.en.colStatus,
  colMetShare: "Met share",
  actualKey: "actual",
  targetKey: "target",
  actualTarget: (actual, target) => `actual ${actual} · target ${target}`,
  bulletSummary: (n, counts, notMet) => `${plural(n, "indicator")}: ${counts.map(([s, c]) => `${c} ${s}`).join(", ")}${notMet ? `; not met: ${notMet.join(", ")}` : ""}.`,
  bulletNotMet: (n, notMet, names) => `${notMet} of ${n} not met${names ? `: ${names.join(", ")}` : ""}.`,
  bulletAllMet: (n) => `All ${n} met.`,
  bulletNoneNotMet: (n, met) => `None of ${n} not met; ${met} met.`,
  bulletNav: (label, values, status) => `${label}: ${values}; ${status}`,
  count: (n) => String(n),
  indicatorCount: (n) => plural(n, "indicator"),
  statusCount: (status, n, share) => `${n} ${status} (${share})`,
  completionExtremes: (best, bestShare, worst, worstShare) => `; the highest met share is ${best} (${bestShare}), the lowest ${worst} (${worstShare})`,
  completionSummary: (n, parts, extremes) => `${plural(n, "indicator")}: ${parts.join(", ")}${extremes}.`,
  lowestMet: (group, share) => `Lowest met share: ${group} (${share}).`,
  metOfAll: (n, met, share) => `${plural(n, "indicator")}, ${met} met (${share}).`,
  groupNav: (level1, n, level2) => `${level1}: ${plural(n, "indicator")} in ${level2} second-level groups`,
  groupsSummary: (n, kinds, level1, level2, biggest, most) =>
    `${plural(n, "indicator")}${kinds.length ? ` (${kinds.map(([k, c]) => `${c} ${k}`).join(", ")})` : ""} in ${level1} first-level and ${level2} second-level groups; the largest is ${biggest} (${most}).`,
  mostIndicators: (biggest, most) => `Most indicators: ${biggest} (${most}).`,
  noData: "no data",
  rankedBy: (measure) => `ranked by ${measure.toLowerCase()}: `,
  noDataFor: (names) => `no data for ${names.join(", ")}`,
  rankOne: (measure, name, value) => `${measure}: ${name} ${value}.`,
  rankNav: (rank, name, value) => `${rank === "—" ? "" : `${rank}. `}${name}: ${value}`,
  rankEnds: (measure, first, firstValue, last, lastValue) => `By ${measure.toLowerCase()}, first: ${first} (${firstValue}); last: ${last} (${lastValue}).`,
  noEarlier: (year) => `no ${year} value`,
  unchanged: "unchanged",
  inYear: (year) => ` (${year})`,
  wanNote: "Amounts in millions of yuan (¥M)",
  amountInYear: (year, amount) => `${amount} in ${year}`,
  sameBoth: (item, from, to, amount) => `${item} was ${amount} in both ${from} and ${to} (unchanged)`,
  moved: (item, from, old, to, now, change, pct) => `${item} went from ${old} in ${from} to ${now} in ${to} (${change}, ${pct})`,
  yearNav: (year, items, total) => `${year}: ${plural(items, "item")}, ${total} in all`,
  pointNav: (item, year, amount, change) => `${item}, ${year}: ${amount}${change ? ` (${change} on the previous year)` : ""}`,
  segmentCount: (label, n) => `${label} ${n}`,
  stackNone: C.en.nothing,
  stackNav: (label, said, total) => `${label}: ${said}; ${total} in all`,
  amountsNav: (label, total, items) => `${label}: ${total} in all, ${plural(items, "item")}`,
  partNav: (item, amount, share) => `${item} ${amount} (${share})`,
  stepNav: (label, figure) => `${label}: ${figure}`,
  keysWhere: "{pos} of {size}",
  keysWhereLevel: "level {level}, {pos} of {size}",
  keysEnter: (where) => `${where}. Arrow keys move from part to part; Home and End go to the first and the last`,
  keysEnterLevels: (where) => `${where}. Left and right arrows move along a level, down arrow goes into a part, up arrow back out; Home and End go to the first and the last`,
  shareNote: "Each bar is 100% of its row; totals at the right",
  scaleNote: "Bar length by amount, one scale",
  increase: "increase",
  decrease: "decrease",
  waterfallTotal: "total",
  waterfallNote: "Amounts in millions of yuan (¥M); bars start at 0",
  waterfallSummary: (start, steps, end, change) => `${start}${steps ? `; ${steps}` : ""}; ${end} (change ${change}).`,
  colChangeYuan: "Change (yuan)",
  colRunning: "Running total (yuan)",
};

/** “1 indicator”, “3 indicators”. */
function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export const CHART_MESSAGES: Record<Lang, Messages> = { zh, en };
