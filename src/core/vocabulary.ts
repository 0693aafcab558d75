// The indicator framework's labels (一级 → 二级), as used in Shanghai's
// 整体支出 and 项目支出 forms (沪财绩〔2022〕13号) and the national
// 财预〔2020〕10号 framework. Used to place cells by content, not by position.

export const LEVEL2_BY_LEVEL1: Record<string, readonly string[]> = {
  投入管理指标: ["预算编审管理", "预算执行管理", "预算绩效管理", "资产管理", "预算透明度", "内部控制管理", "预算信息化", "财务管理"],
  产出指标: ["数量指标", "质量指标", "时效指标", "成本指标"],
  成本指标: ["经济成本指标", "社会成本指标", "生态环境成本指标"],
  效益指标: ["经济效益指标", "社会效益指标", "生态效益指标", "环境效益指标", "可持续影响指标"],
  满意度指标: ["服务对象满意度指标"],
  决策指标: ["项目立项", "绩效目标", "资金投入"],
  过程指标: ["资金管理", "组织实施"],
};

export const LEVEL1_LABELS = new Set(Object.keys(LEVEL2_BY_LEVEL1));

const LEVEL2_LABELS = new Set(Object.values(LEVEL2_BY_LEVEL1).flat());

/** 一级 groups whose 二级 rows are themselves the items (no 三级 name, no target). */
export const ITEM_LEVEL1 = new Set(["投入管理指标"]);

export function isLevel1Label(s: string): boolean {
  return LEVEL1_LABELS.has(s);
}

export function isKnownLevel2(s: string): boolean {
  return LEVEL2_LABELS.has(s);
}

/** Could be a 二级 label: a known one, or a short text ending in 指标 that is not a 一级 label. */
export function looksLikeLevel2(s: string): boolean {
  return LEVEL2_LABELS.has(s) || (s.length <= 12 && s.endsWith("指标") && !LEVEL1_LABELS.has(s));
}

/** True when `level2` is a known child of `level1`. */
export function admits(level1: string, level2: string): boolean {
  return LEVEL2_BY_LEVEL1[level1]?.includes(level2) ?? false;
}

/** The 一级 that a known 二级 label belongs to, when exactly one does. */
export function parentOf(level2: string): string | null {
  const parents = Object.entries(LEVEL2_BY_LEVEL1).filter(([, children]) => children.includes(level2));
  return parents.length === 1 ? parents[0][0] : null;
}
