// The reader's one vocabulary: every label variant forms use, mapped to the
// field it names. Keys are compared after label() has normalised them
// (whitespace, width, annotations off), so `年初\n预算数（元）` finds 年初预算数.
// A new template should mostly need a new line here, not new code.

/** Label–value fields of a form's head (a label cell, its value to the right or after a colon). */
export type HeadField =
  | "project" | "unit" | "supervisor" | "implementer" | "year" | "code" | "project_code"
  | "period" | "start" | "end" | "project_type" | "project_attr" | "funding_method" | "contact"
  | "staff_count" | "org_count";

/** Columns of an indicator table. */
export type IndicatorField =
  | "l1" | "l2" | "name" | "target" | "long_target" | "explanation" | "target_op" | "target_dir" | "target_unit"
  | "actual" | "executed_to_date" | "expected_annual" | "likelihood" | "weight" | "score"
  | "deviation" | "corrective_action" | "complete_rate" | "grade" | "remark" | "frame";

/** Columns of a funding block. */
export type FundingField =
  | "budget_initial" | "budget_full_year" | "executed" | "expected_executed" | "weight" | "rate" | "score" | "balance" | "amount"
  | "carryover" | "adjustment" | "balance_rate";

/** Long text fields of a form (goals, conclusions); footers that are not indicators. */
export type TextField = "goal_annual" | "goal_long" | "goal_expected" | "goal_actual" | "goal_overall" | "duties" | "conclusion" | "problems" | "measures" | "review" | "signature" | "note";

const HEAD: Record<HeadField, readonly string[]> = {
  project: ["项目名称", "项目支出名称", "项目全称", "专项名称", "专项资金名称", "项目(专项)名称"],
  unit: ["单位名称", "部门名称", "部门(单位)名称", "单位(部门)名称", "预算单位", "预算单位名称", "部门单位名称", "评价单位", "部门(单位)"],
  supervisor: ["主管部门", "主管单位", "主管部门名称", "主管部门及代码", "主管部门及编码", "业务主管部门", "项目主管部门", "主管部门(单位)"],
  implementer: ["实施单位", "项目执行单位", "项目实施单位", "执行单位", "实施单位名称", "项目单位", "申报单位", "申报单位名称", "项目实施单位名称"],
  year: ["年度", "预算年度", "所属年度", "评价年度", "项目年度"],
  code: ["部门预算编码", "预算编码", "单位编码", "单位代码", "部门编码", "部门代码"],
  project_code: ["项目编码", "项目代码", "项目编号"],
  period: ["实施期", "项目实施期", "项目期限", "实施周期", "项目周期", "项目起止时间", "实施期限"],
  start: ["开始时间", "起始时间", "项目开始时间", "开工时间"],
  end: ["结束时间", "截止时间", "项目结束时间", "完成时间"],
  project_type: ["项目类型", "项目类别"],
  project_attr: ["项目属性", "项目性质"],
  funding_method: ["财政资金拨款方式", "拨款方式"],
  // Whole numbers of a unit's head, often a row of labels over a row of values (年末在职人数 | 内设机构数 over 0 | 0).
  staff_count: ["年末在职人数", "在职人数", "年末实有人数", "实有人数"],
  org_count: ["内设机构数", "内设机构", "内设机构个数"],
  contact: ["项目负责人", "联系人", "联系电话", "负责人", "填报人", "财务负责人", "单位负责人", "经办人", "审核人", "电话", "联系方式", "项目负责人及电话", "联系人及电话", "联络电话", "联络人"],
};

const INDICATOR: Record<IndicatorField, readonly string[]> = {
  l1: ["一级指标", "一级目标", "一级", "评价指标"],
  l2: ["二级指标", "二级目标", "二级"],
  name: ["三级指标", "三级目标", "三级指标名称", "指标名称", "指标内容", "具体指标", "三级", "绩效内容"],
  target: [
    "指标值", "年度指标值", "目标值", "指标目标值", "年度目标值", "绩效目标值", "预期目标值", "计划值", "全年指标值", "年度绩效指标值",
    "年度目标", "本年度指标值", "预期指标值", "指标值(目标值)", "年度指标", "当年指标值", "全年绩效目标",
    // 年初目标值(A) over 实际完成值(B): the 2020 市级 项目自评表 (hold-out form 58).
    "年初目标值",
  ],
  long_target: ["实施期指标值", "中期指标值", "长期指标值", "总体指标值", "实施期目标值", "中长期指标值", "整体指标值"],
  explanation: ["指标解释", "指标说明", "绩效标准", "评(计)分标准", "评分标准", "计分标准", "指标定义", "指标计算方法", "评分规则", "评价标准", "得分计算方法", "指标方向性"],
  target_op: ["指标性质", "运算符号", "符号", "比较符"],
  // 指标方向 (大于等于, 小于等于, 等于) beside 指标性质 (正向/反向): the target's sign when 指标性质 gives none.
  target_dir: ["指标方向"],
  target_unit: ["度量单位", "计量单位", "指标单位"],
  actual: ["实际完成值", "完成值", "实际值", "全年实际完成值", "实际完成情况", "实际完成指标值", "实际完成", "全年完成值", "完成情况", "全年实际值", "实际完成值(b)", "年度实际完成值"],
  executed_to_date: ["半年度指标执行情况", "截至目前执行情况", "目前执行情况", "执行情况", "执行进度", "指标执行情况", "截至6月底完成情况"],
  expected_annual: ["全年预计完成情况", "全年预计完成", "预计全年完成", "预计全年完成情况", "全年预计完成值", "预计完成值", "预计年底完成情况"],
  likelihood: ["完成目标可能性", "完成可能性", "目标完成可能性", "全年完成目标可能性"],
  weight: ["分值", "权重", "指标分值", "权重(分值)", "标准分值"],
  score: ["得分", "自评得分", "评价得分", "实际得分"],
  deviation: [
    "偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "原因说明", "偏差原因说明", "未完成原因分析", "原因分析", "偏差原因分析及改进措施说明",
    "未完成原因和改进措施", "偏差原因及改进措施", "原因分析及改进措施", "未完成原因及拟采取的改进措施", "未完成原因", "未完成原因分析及改进措施",
  ],
  corrective_action: ["纠偏措施", "改进措施", "完成目标采取的措施"],
  complete_rate: ["完成率", "指标完成率"],
  grade: ["完成等级", "达成情况", "评价等级"],
  remark: ["备注", "说明"],
  frame: ["绩效指标", "本年度绩效指标", "年度绩效指标", "绩效目标指标", "序号", "指标", "绩效指标体系", "年度绩效目标"],
};

const FUNDING: Record<FundingField, readonly string[]> = {
  budget_initial: ["年初预算数", "年初预算", "年初预算金额", "年初数", "年初安排数", "年初部门预算安排金额", "年初预算安排金额", "年初部门预算"],
  budget_full_year: ["全年预算数", "调整后预算数", "全年预算", "调整预算数", "年中调整后预算数", "调整后预算", "预算数", "全年预算金额", "小计"],
  executed: ["全年执行数", "执行数", "实际执行数", "预算执行数", "实际支出", "全年实际支出", "实际支出数", "支出数", "执行金额", "年度拨付金额", "拨付金额", "年度拨付", "实际拨付金额"],
  expected_executed: ["全年预计执行数", "预计全年执行数", "全年预计支出数", "预计执行数"],
  weight: ["分值", "权重"],
  rate: ["执行率", "预算执行率", "支出实现率", "资金执行率"],
  score: ["得分"],
  balance: ["结余", "结余数", "结转结余", "本年度结余金额", "结余金额"],
  carryover: ["历年结余结转", "上年结转", "上年结余结转"],
  adjustment: ["年中调整金额", "年中调整", "调整金额", "追加调整"],
  balance_rate: ["资金结余率", "结余率"],
  amount: ["金额", "预算金额", "资金金额", "预算数额"],
};

/**
 * Group labels written in front of a funding block's item (`1、资金来源：(1) 财政拨款`, `2、资金结构：(1) 基本支出`): the
 * kind of the lines in the group, taken off the item's name.
 */
export const FUNDING_GROUPS: Record<string, "source" | "structure"> = {
  资金来源: "source", 收入来源: "source", 资金构成: "source", 收入构成: "source",
  资金结构: "structure", 支出结构: "structure", 支出构成: "structure",
};

/** Column labels over a funding block's item–amount pairs (`内容 | 预算情况`): the block's header, read as nothing. */
export const FUNDING_PAIR_HEADER = ["内容", "项目内容", "预算内容"];

/**
 * The unit-level 自评/监控 column layout (src/core/progress/form.ts) reads the same vocabulary; these are the columns
 * only it has: 偏差原因 as a group over ticked kinds (经费保障 | 制度保障 | …), a column of its own for the kind, and
 * 是否适用.
 */
export const DEVIATION_COLUMNS: Record<string, "deviation_group" | "deviation_kind"> = { 偏差原因: "deviation_group", 偏差原因类型: "deviation_kind" };
export const DEVIATION_KIND_HEADERS: Record<string, "经费" | "制度" | "人员" | "硬件" | "其他"> = {
  经费保障: "经费", 制度保障: "制度", 人员保障: "人员", 硬件条件保障: "硬件", 硬件保障: "硬件", 其他: "其他", 其它: "其他",
};
export const NOT_APPLICABLE_COLUMN = ["是否适用", "不适用"];

/** Columns of a task table (年度重点任务: 任务名称 | 主要内容; 年度履职目标: 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额). */
export const TASK_HEADERS: Record<string, "duty" | "task" | "content" | "item" | "amount"> = {
  部门职能: "duty", 职能: "duty", 主要职能: "duty", 年度目标任务: "task", 目标任务: "task", 重点任务: "task", 主要任务: "task", 任务名称: "task",
  主要内容: "content", "主要内容(重点工作计划)": "content", 任务内容: "content", 工作内容: "content",
  支出项目名称: "item", 对应项目: "item", 项目名称: "item", 预算金额: "amount", 金额: "amount", 预算数: "amount",
};

/** Lone labels that name the block below them (a section title of the form), read as nothing. */
export const BLOCK_TITLES = ["年度重点任务", "重点任务", "预算情况", "绩效指标", "年度绩效指标", "本年度绩效指标"];

/** Labels that open a funding block (the merged cell in front of it). */
export const FUNDING_BLOCK = ["项目资金", "年度预算安排", "资金情况", "预算执行情况", "项目资金情况", "资金投入", "年度资金", "预算资金", "资金安排"];

/** Row labels of a funding block, and which kind of line each is. */
export const FUNDING_ITEMS: readonly { kind: "total" | "source" | "structure"; labels: readonly string[] }[] = [
  {
    kind: "total",
    labels: ["年度资金总额", "资金总额", "合计", "总计", "预算总额", "项目资金总额", "中期资金总额", "年度资金总额合计", "部门整体预算总额", "项目总预算", "当年年度预算", "当年资金总额", "年度预算", "总额", "预算数"],
  },
  {
    kind: "source",
    labels: [
      "财政拨款", "本年财政拨款", "当年财政拨款", "当年一般公共预算拨款", "一般公共预算拨款", "一般公共预算", "财政资金", "上年结转资金", "上年结转",
      "其他资金", "其它资金", "自筹资金", "政府性基金", "政府性基金预算拨款", "国有资本经营预算", "中央资金", "省级资金", "市级资金", "县级资金",
      "财政专户管理资金", "单位资金", "其中:财政拨款", "财政性资金",
    ],
  },
  { kind: "structure", labels: ["基本支出", "项目支出", "人员经费", "公用经费", "人员支出", "公用支出"] },
];

/** Text fields (goals and footers): a label cell whose text is in the cells beside or below it. */
const TEXT: Record<TextField, readonly string[]> = {
  goal_overall: ["年度总体目标", "总体目标", "年度绩效目标", "整体绩效目标", "绩效目标", "年度目标", "年度总体目标完成情况", "总体绩效目标", "年度履职目标"],
  goal_annual: ["年度目标", "本年度目标", "年度绩效目标"],
  goal_long: ["实施期目标", "中期目标", "长期目标", "实施期总目标", "中长期目标", "总体目标(实施期)"],
  goal_expected: ["预期目标", "年初设定目标", "年度主要目标和成果"],
  goal_actual: ["实际完成情况", "目标实际完成情况", "全年实际完成情况", "年度总体目标完成情况综述", "年度目标完成情况", "总体目标完成情况"],
  duties: ["部门职责", "单位职责", "部门职能", "主要职能", "职能职责概述", "部门职能概述", "职能职责", "主要职能职责"],
  conclusion: ["评价结论", "自评结论", "总体评价", "综合评价结论", "自评结果"],
  problems: ["存在问题", "存在的问题", "问题", "偏差或不能完成目标原因分析", "偏差原因分析", "偏差大或目标未完成原因分析"],
  measures: ["改进措施", "整改措施", "改进建议", "相关建议或举措", "下一步改进措施", "整改意见", "改进措施及结果应用方案"],
  review: ["财政部门审核意见", "主管部门审核意见", "审核意见", "财政部门意见", "主管部门意见", "单位审核意见", "单位主要负责人签批意见"],
  signature: ["项目负责人", "财务负责人", "单位负责人", "填报人", "联系电话", "填报日期", "填表日期", "审核人", "联系人", "日期", "经办人"],
  note: ["注", "说明", "备注", "填表说明", "其他需要说明事项", "其他需要说明的事项", "其他说明事项"],
};

function lookup<F extends string>(table: Record<F, readonly string[]>): Map<string, F> {
  const m = new Map<string, F>();
  for (const [field, names] of Object.entries(table) as [F, readonly string[]][]) for (const n of names) if (!m.has(n)) m.set(n, field);
  return m;
}

const HEAD_BY = lookup(HEAD);
const INDICATOR_BY = lookup(INDICATOR);
const FUNDING_BY = lookup(FUNDING);
const TEXT_BY = lookup(TEXT);
const ITEM_BY = new Map<string, "total" | "source" | "structure">();
for (const { kind, labels } of FUNDING_ITEMS) for (const l of labels) ITEM_BY.set(l, kind);

export const headField = (key: string): HeadField | null => HEAD_BY.get(key) ?? null;
export const textField = (key: string): TextField | null => TEXT_BY.get(key) ?? null;
export const fundingItem = (key: string) =>
  ITEM_BY.get(key) ?? (/资金总额$|^合计$|小计$/.test(key) && key.length <= 14 ? "total" : /(拨款|资金|结转)$/.test(key) && key.length <= 14 ? "source" : null);
/**
 * A funding item's name and kind from its label: a group written in front (`资金来源:(1)财政拨款`) gives the kind and
 * is taken off, with the item's own number (`(1)`); null when the label names no item.
 */
export function fundingItemOf(key: string): { item: string; kind: "total" | "source" | "structure"; grouped: boolean } | null {
  let item = key;
  let group: "source" | "structure" | null = null;
  const m = /^([^:]{2,8}):(.+)$/.exec(item);
  if (m && FUNDING_GROUPS[m[1]]) {
    group = FUNDING_GROUPS[m[1]];
    item = m[2];
  }
  item = item.replace(/^\(\d{1,2}\)/, "");
  const kind = fundingItem(item) ?? group;
  if (!kind) return null;
  return { item, kind: kind === "total" ? "total" : group ?? kind, grouped: group !== null };
}
export const isFundingBlock = (key: string): boolean =>
  !ITEM_BY.has(key) && (FUNDING_BLOCK.some((b) => key.startsWith(b)) || /^(项目|年度)?(资金|预算)(情况|安排)?$/.test(key));

/** 1-N月执行数 / 1-N月执行情况 → month N. */
export function monthOf(key: string): number | null {
  if (!"1一半上".includes(key[0] ?? " ")) return null;
  const m = /^(?:1|一)[-~至到—－]+(\d{1,2})月/.exec(key);
  if (!m) return /^(半年|上半年)/.test(key) ? 6 : null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? n : null;
}

export function indicatorField(key: string): IndicatorField | null {
  const f = INDICATOR_BY.get(key);
  if (f) return f;
  if (monthOf(key) !== null && /(执行情况|完成情况|完成值|执行数)$/.test(key)) return "executed_to_date";
  if (/^完成目标可能性/.test(key)) return "likelihood";
  if (/^偏差原因/.test(key)) return "deviation";
  return null;
}

export function fundingField(key: string): FundingField | null {
  const f = FUNDING_BY.get(key);
  if (f) return f;
  if (monthOf(key) !== null && /(执行数|支出数|执行情况)$/.test(key)) return "executed";
  if (/^全年预计执行/.test(key)) return "expected_executed";
  return null;
}

// ---- 一级 and 二级 labels: the variants forms use for the framework's names ----

const LEVEL1: Record<string, readonly string[]> = {
  产出指标: ["产出指标", "产出目标", "产出"],
  效益指标: ["效益指标", "效益目标", "效益", "效果指标"],
  满意度指标: ["满意度指标", "满意度目标", "满意度", "服务对象满意度"],
  成本指标: ["成本指标"],
  投入管理指标: ["投入管理指标", "投入管理"],
  投入指标: ["投入指标", "投入目标", "投入"],
  决策指标: ["决策指标", "决策"],
  过程指标: ["过程指标", "过程"],
  履职效能: ["履职效能"],
  管理效率: ["管理效率"],
  运行成本: ["运行成本"],
  社会效应: ["社会效应"],
};

const LEVEL2: Record<string, readonly string[]> = {
  数量指标: ["数量指标", "数量目标", "数量"],
  质量指标: ["质量指标", "质量目标", "质量"],
  时效指标: ["时效指标", "时效目标", "时效", "进度指标", "时间指标"],
  成本指标: ["成本指标", "成本目标", "成本"],
  经济成本指标: ["经济成本指标"],
  社会成本指标: ["社会成本指标"],
  生态环境成本指标: ["生态环境成本指标"],
  经济效益指标: ["经济效益指标", "经济效益目标", "经济效益"],
  社会效益指标: ["社会效益指标", "社会效益目标", "社会效益"],
  生态效益指标: ["生态效益指标", "生态效益目标", "生态效益", "环境效益指标", "环境效益"],
  可持续影响指标: ["可持续影响指标", "可持续影响目标", "可持续影响", "可持续发展指标"],
  服务对象满意度指标: ["服务对象满意度指标", "服务对象满意度", "满意度指标", "社会公众满意度", "社会公众或服务对象满意度"],
};

const L1_BY = new Map<string, string>();
for (const [canon, names] of Object.entries(LEVEL1)) for (const n of names) L1_BY.set(n, canon);
const L2_BY = new Map<string, string>();
for (const [canon, names] of Object.entries(LEVEL2)) for (const n of names) L2_BY.set(n, canon);

/** The framework's 一级 name for a label variant (产出目标 → 产出指标); null when it is none. */
export const level1Of = (key: string): string | null => L1_BY.get(key) ?? null;
/** The framework's 二级 name for a label variant (质量 → 质量指标); null when it is none. */
export const level2Of = (key: string): string | null => L2_BY.get(key) ?? null;
