// Interface text of 数据与方法 (/about/): where figures come from, how they are computed, the
// checks and the scoring rules, for a reader — the rules in full, with their bases and every
// case, are the project's scoring document; this page says what a reader needs to trust a figure.
import type { Lang } from "../core/format.ts";

const zh = {
  title: "数据与方法",
  sourcesH: "数据来源",
  declaredTerm: "已申报数据",
  declaredText: "单位从预算管理系统导出的绩效目标申报表，按收到的样子保存，由导入程序转为规范表。页面上的每个金额、指标都注明来源文件和行号。",
  sampleText: "用带固定随机种子的程序生成的演示数据（如执行进度、往年数据、兄弟单位），与申报数据分开保存，在每个页面和下载文件中以这一标记标出（整页或整节为示例数据时只标一次），绝不与申报数据混同。",
  missingText: "缺少的数据显示为“—”或“未填报”，从不以推算数字填补。",
  figuresH: "数字如何计算",
  figures: [
    "金额以“分”为单位的整数读入，求和与核对精确到分，从不经过浮点数。",
    "页面上的数字在构建网站时由同一套查询算出；在“数据探索”中上传数据时，浏览器里执行的是同样的查询。",
    "“万元”为元数四舍五入到 0.01 万元；占比四舍五入到 0.1%，不为零的部分不显示为 0.0%（显示“<0.1%”），不足全部的部分不显示为 100.0%（显示“>99.9%”）。每个图表都可查看或下载其数据表。",
  ],
  checksH: "数据质量检查",
  checksLede: "导入时按财政部门审核的思路自动检查，结果分为错误、警告和提示，只指出问题，从不改动申报数据。",
  checks: [
    "资金来源或资金结构合计与预算总额不符（显示两个数字及差额）。",
    "金额为负，或超过一千亿元。",
    "年末在职人数为 0 而基本支出大于 0；内设机构数为 0。",
    "指标值既不是定量、期限，也不是可识别的定性表述。",
    "按自身运算符和单位不可能达到的目标（如 <0 次、≥101%）。",
    "期限不在申报年度内。",
    "计量单位与指标名称不符（如满意度用“次”）；以“率”作计量单位。",
    "数量、成本指标未设定量目标；时效指标只写“及时”。",
    "成本控制数超过单位预算总额。",
    "重复的三级指标、没有指标的二级指标、缺少产出、效益或满意度一级指标。",
    "导入时所作的修复：错位单元格按内容归位、跨页续行合并、单元格中的网页标记转为纯文本（均为提示，可追溯到行列）。",
    "无法解码的字节（不会静默显示乱码）。",
  ],
  downloadsH: "下载",
  downloadsText: "规范数据表（CSV，UTF-8）：",
  scoringH: "评分规则",
  scoringLede: "完成情况按财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）的自评规则打分；规则未作规定之处由 Jixiao 自定口径，并在规则文档中逐条说明。",
  scoring: [
    ["权重", "指标申报了分值的照用；未申报的按默认权重：预算执行率 10 分、产出指标 50 分、效益指标 30 分、满意度指标 10 分，同一一级指标下各项均分。投入管理等无目标的项目不计分。缺少某个一级指标时，总分按比例换算到 100 分。"],
    ["定量指标", "完成指标值记满分，超额不加分；未完成的按完成值与指标值的比例记分（如目标 ≥200、完成 187.5、分值 10 → 9.38）。反向指标（≤）超出目标时按偏离度线性扣分，超出一倍记 0 分。"],
    ["定性指标", "达成、部分达成、未达成分别对应分值的 80–100%、60–80%、0–60%；没有评价人给分时取 100%、60%、0%。"],
    ["期限指标", "在期限当日或之前完成记满分，逾期记 0 分，不设宽限期。"],
    ["预算执行率", "全年执行数 ÷ 全年预算数，保留两位小数，不封顶；得分为执行率 × 10 分，最高 10 分。"],
    ["未填报与不适用", "没有填报完成值的指标标为“未填报”，分值保留在分母中、得 0 分（剔除后再换算等于奖励不报数）；从不显示为达成。不适用的指标不计入。"],
    ["总分与等级", "总分 = 各项得分之和 ÷ 各项分值之和 × 100，四舍五入到 0.01 分；每个得分都由精确分数一次舍入。90 分及以上为优，80–90 分为良，60–80 分为中，60 分以下为差。单位自报的得分只作对照，不计入总分。"],
  ] as [string, string][],
};

type Messages = typeof zh;

const en: Messages = {
  title: "Data and methods",
  sourcesH: "Where the data comes from",
  declaredTerm: "Declared data",
  declaredText: "The unit's performance-target declaration as exported by the budget system, kept as received and turned into canonical tables by the importer. Every amount and indicator on a page names its source file and row.",
  sampleText: "Made by a seeded generator (progress, earlier years, sibling units) and kept apart from declared data. It carries this mark on every page and download (once for a page or section that is all illustrative) and is never mixed with declared data.",
  missingText: "Missing figures show as “—” or “not reported”; a gap is never filled with an estimate.",
  figuresH: "How figures are computed",
  figures: [
    "Amounts are read as whole fen; sums and reconciliations are exact to the fen and never pass through floating point.",
    "Page figures come from one set of queries, run when the site is built and, after an upload to Explore data, in the browser.",
    "Amounts read ¥92,787,331.00 exactly, or ¥92.79M in millions of yuan rounded half-up to ¥0.01M (the Chinese pages use ten-thousand yuan); shares round to 0.1%, and a part that is not zero never shows as 0.0% (it shows “<0.1%”), nor a part short of the whole as 100.0% (“>99.9%”). Every chart offers its data as a table and as CSV.",
  ],
  checksH: "Data-quality checks",
  checksLede: "Checks a finance-bureau reviewer would make, run on import. They are errors, warnings or notes; they point out problems and never change the declared data.",
  checks: [
    "Sources or structure do not add up to the total (both figures and the difference shown).",
    "Negative amounts, or amounts over 100 billion yuan.",
    "No staff declared although basic expenditure is above zero; no departments.",
    "A target that is neither quantitative, a deadline nor a known qualitative wording.",
    "A target impossible by its own operator and unit (e.g. fewer than 0 times, at least 101%).",
    "A deadline outside the declared year.",
    "A unit that does not fit the indicator (satisfaction counted in times); a rate used as a unit.",
    "Quantity or cost indicators without a number; timeliness without a date.",
    "A cost ceiling above the unit's whole budget.",
    "Repeated level-3 names, level-2 groups with no indicator, a missing output, outcome or satisfaction group.",
    "Repairs made while reading: misplaced cells placed by content, page-break continuations joined, web markup in cells turned into text (notes, each with its row and column).",
    "Bytes that cannot be decoded (never shown as silent mojibake).",
  ],
  downloadsH: "Downloads",
  downloadsText: "Canonical tables (CSV, UTF-8): ",
  scoringH: "Scoring rules",
  scoringLede: "Completion is scored by the self-evaluation rules of the Ministry of Finance's Measures for Performance Evaluation of Project Expenditure (2020, No. 10). Where they are silent, Jixiao's own convention applies, each stated in the scoring document.",
  scoring: [
    ["Weights", "Points declared with an indicator are used as declared. Otherwise the default weights apply: budget execution 10, outputs 50, outcomes 30, satisfaction 10, spread evenly within a level-1 group. Input-management items without targets are not scored. When a whole level-1 group is absent, the total is rescaled to 100."],
    ["Quantitative targets", "A target met earns full points, with no bonus for exceeding it; short of it, points in proportion (at least 200, 187.5 done, 10 points → 9.38). For a ceiling (at most), points fall linearly with the overrun, to 0 at twice the ceiling."],
    ["Qualitative targets", "Met, partly met and not met earn 80–100%, 60–80% and 0–60% of the points; without an evaluator's score, 100%, 60% and 0%."],
    ["Deadlines", "Done on or before the deadline earns full points; late earns 0, with no grace period."],
    ["Budget execution", "Executed ÷ full-year budget, two decimals, not capped; its score is the rate × 10 points, at most 10."],
    ["Not reported and not applicable", "An indicator with no reported result shows “not reported”: it keeps its weight and earns 0 (dropping it would reward not reporting), and never shows as met. Indicators that do not apply are left out."],
    ["Total and grade", "Total = sum of scores ÷ sum of points × 100, rounded half-up to 0.01; each score is rounded once from an exact fraction. 90 and above is excellent, 80–90 good, 60–80 fair, below 60 poor. A score the unit reported itself is shown beside it, never used in the total."],
  ],
};

export const ABOUT_MESSAGES: Record<Lang, Messages> = { zh, en };
