// The words of the progress forms: periods (年中/年终 and their variants), 完成目标可能性,
// 偏差原因 kinds, the 自评表's grade tiers, and what a ticked or an empty cell looks like.
import type { ActualGrade, DeviationKind, Likelihood, Period } from "../model.ts";

export const PERIODS: readonly Period[] = ["midyear", "yearend"];


const PERIOD_WORDS: Record<string, Period> = {
  midyear: "midyear", "mid-year": "midyear", mid: "midyear", h1: "midyear", 中期: "midyear", 年中: "midyear", 半年: "midyear",
  上半年: "midyear", 运行监控: "midyear", 监控: "midyear", 执行监控: "midyear", 绩效监控: "midyear", 年中监控: "midyear",
  yearend: "yearend", "year-end": "yearend", annual: "yearend", final: "yearend", 年终: "yearend", 年末: "yearend",
  全年: "yearend", 年度: "yearend", 自评: "yearend", 绩效自评: "yearend", 年终自评: "yearend", 决算: "yearend",
};

/** midyear / yearend from the words a file may use (中期, 运行监控, 年终, 自评 …); null when none fits. */
export function readPeriod(text: string): Period | null {
  return PERIOD_WORDS[text.replace(/\s/g, "").toLowerCase()] ?? null;
}

export const LIKELIHOODS: readonly Likelihood[] = ["确定能", "有可能", "完全不可能"];

/** 完成目标可能性 as written (确定能 / 能 / 有可能 / 不可能 …) → the form's three values; null when none fits. */
export function readLikelihood(text: string): Likelihood | null {
  const s = text.replace(/[\s。.]/g, "");
  if (s === "") return null;
  if (/^(完全不可能|不可能|无法完成|不能|不能完成|难以完成)$/.test(s)) return "完全不可能";
  if (/^(有可能|可能|基本能|基本可以|较大可能|有可能完成|可能完成|不确定)$/.test(s)) return "有可能";
  if (/^(确定能|确定|能|能够|确定能完成|能完成|能够完成|可以|可以完成|肯定能)$/.test(s)) return "确定能";
  return null;
}

export const DEVIATION_KINDS: readonly DeviationKind[] = ["经费", "制度", "人员", "硬件", "其他"];

const DEVIATION_LABELS: Record<string, DeviationKind> = {
  经费: "经费", 经费保障: "经费", 资金: "经费", 资金保障: "经费",
  制度: "制度", 制度保障: "制度",
  人员: "人员", 人员保障: "人员",
  硬件: "硬件", 硬件条件: "硬件", 硬件条件保障: "硬件", 硬件保障: "硬件",
  其他: "其他", 其它: "其他",
};

/** 偏差原因 kinds from text such as “经费保障、人员保障”; null when any part is not a kind. */
export function readDeviationKinds(text: string): DeviationKind[] | null {
  const parts = text.split(/[、,，;；|/\s]+/).filter(Boolean);
  if (!parts.length) return [];
  const kinds: DeviationKind[] = [];
  for (const p of parts) {
    const k = DEVIATION_LABELS[p];
    if (!k) return null;
    if (!kinds.includes(k)) kinds.push(k);
  }
  return kinds;
}

/** 达成 / 部分达成 / 未达成 from the words used in 自评 forms; null when none fits. */
export function readGrade(text: string): ActualGrade | null {
  const s = text.replace(/[\s。.！!]/g, "");
  if (s === "") return null;
  // The 自评表's three tiers (财预〔2020〕10号) in their 年度指标 and 预期指标 wordings, and the short forms.
  if (/^(未达成|未完成|未达到|没有达成|未实现|未达标|不达标)$/.test(s) || /^未达成(年度|预期)指标(且效果较差)?$/.test(s)) return "未达成";
  if (/^(部分达成|基本达成|部分完成|基本完成|部分实现|基本实现|部分达到|基本达到)$/.test(s) || /^部分达成(年度|预期)指标(并具有一定效果)?$/.test(s)) return "部分达成";
  if (/^(达成|已达成|完成|已完成|全部完成|全部达成|实现|已实现|达到|已达到|达标|全面完成|按计划完成)$/.test(s) || /^(已|全部)?达成(年度|预期)(指标|目标)$/.test(s)) return "达成";
  return null;
}

export const CHECKED = /^(√|✓|✔|☑|■|是|y|yes|true|1)$/i;
export const YES = /^(是|y|yes|true|1|不适用|n\/a|na)$/i;
export const NO = /^(否|n|no|false|0|适用)$/i;
/** A cell holding only dashes or slashes means “nothing”. */
export const PLACEHOLDER = /^[-—–/\\]+$/;

export const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === "" || PLACEHOLDER.test(s.trim());
export const orNull = (s: string): string | null => (blank(s) ? null : s);
