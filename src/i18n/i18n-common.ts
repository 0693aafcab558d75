// Interface text that more than one catalogue shows, written once: the same Chinese term with the
// same English. The catalogues (i18n.ts, i18n-compare.ts, i18n-progress.ts, i18n-explore.ts) keep
// their own keys and take the text from here.
import type { Lang } from "../core/format.ts";

const zh = {
  /** Between the items of a list in running text. */
  listSep: "，",
  colon: "：",
  /** Between the items of a short list inside a clause (2024、2025). */
  innerSep: "、",
  /** The end of a sentence. */
  stop: "。",
  /** Nothing (a filter with none set, a chart row with no segment). */
  nothing: "无",
  /** A filter's option that sets it aside (every row). */
  all: "全部",
  colRank: "名次",
  navExplore: "数据探索",
  navCompare: "比较",
  declared: "已申报",
  /** The one 示例数据 mark (class `badge sample`) and what it says. */
  sample: "示例数据",
  scoreGrade: "得分 / 等级",
  unitCol: "单位",
  total: "预算总额",
  source: "来源",
  toc: "本页目录",
  keyFigures: "关键数字",
  budgetTable: "预算明细（金额精确到分）",
  colKind: "类别",
  colYuan: "金额（元）",
  colShare: "占总额",
  kindTotal: "总额",
  kindStructure: "资金结构",
  recOk: "✓ 相符",
  recBad: "✗ 不符",
  recNone: "— 未核对",
  noFindings: "未发现问题。",
  chartData: "查看图表数据（表格）",
  colLevel2: "二级指标",
  colNote: "说明",
  colType: "类型",
  colRead: "解读",
  noName: "（无三级指标名称）",
  colUnits: "单位数",
  none: "—",
  colItem: "项目",
  colStatus: "状态",
  colGrade: "等级",
  noReport: "无数据",
  /** Grades of the national self-evaluation (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below). */
  grade: { 优: "优", 良: "良", 中: "中", 差: "差" } as Record<"优" | "良" | "中" | "差", string>,
  /** A scored indicator's status (scoring.ts), as the progress and comparison pages name it. */
  scoreStatus: { met: "达成", partly: "部分达成", not_met: "未达成", no_data: "未填报", not_applicable: "不适用" },
};

type Messages = typeof zh;

const en: Messages = {
  listSep: ", ",
  colon: ": ",
  innerSep: ", ",
  stop: ".",
  nothing: "none",
  all: "All",
  colRank: "Rank",
  navExplore: "Explore data",
  navCompare: "Compare",
  declared: "Declared",
  sample: "Illustrative data",
  scoreGrade: "Score / grade",
  unitCol: "Unit",
  total: "Budget total",
  source: "Source",
  toc: "On this page",
  keyFigures: "Key figures",
  budgetTable: "Budget lines (exact to the fen)",
  colKind: "Kind",
  colYuan: "Amount (yuan)",
  colShare: "Share",
  kindTotal: "Total",
  kindStructure: "Structure",
  recOk: "✓ Matches",
  recBad: "✗ Mismatch",
  recNone: "— Not checked",
  noFindings: "No problems found.",
  chartData: "Chart data (table)",
  colLevel2: "Level-2 group",
  colNote: "Note",
  colType: "Kind",
  colRead: "Reading",
  noName: "(no level-3 name)",
  colUnits: "Units",
  none: "—",
  colItem: "Item",
  colStatus: "Status",
  colGrade: "Grade",
  noReport: "no data",
  grade: { 优: "excellent", 良: "good", 中: "fair", 差: "poor" } as Record<"优" | "良" | "中" | "差", string>,
  scoreStatus: { met: "met", partly: "partly met", not_met: "not met", no_data: "no data", not_applicable: "not applicable" },
};

export const COMMON_MESSAGES: Record<Lang, Messages> = { zh, en };
