// Scoring of indicator completion by the national self-evaluation rules
// (财预〔2020〕10号《项目支出绩效评价管理办法》) and Jixiao's documented conventions.
// See docs/scoring.md for every case, its formula and its basis.
//
// Pure and DOM-free. Every value is exact: decimals are scaled bigints, every
// score is computed as one exact fraction and rounded once, half-up, to 0.01.

import type { ParsedTarget } from "./model.ts";

// ---------------------------------------------------------------------------
// Types

export type Grade = "达成" | "部分达成" | "未达成";

export type ActualValue =
  | { kind: "number"; value: string }
  | { kind: "date"; date: string /* ISO yyyy-mm-dd */ }
  | { kind: "grade"; grade: Grade; evaluatorScore?: string | null }
  | { kind: "missing" };

export interface ScoreInput {
  indicatorId: string;
  /** 一级指标 as declared (产出指标, 成本指标, 效益指标, 满意度指标, 投入管理指标 …). */
  level1: string;
  target: ParsedTarget;
  actual: ActualValue;
  /** 分值 as declared; null/absent → the default weight of its 一级, spread evenly. */
  weight?: string | null;
  /** 得分 the unit gave itself; compared with the rule's score, never used for the total. */
  declaredScore?: string | null;
  /** The indicator does not apply this year: it drops out and the total is rescaled. */
  notApplicable?: boolean;
}

export type ReverseRule = "linear" | "ratio";

export interface ScoreOptions {
  /** How a lower-is-better (≤ <) indicator above its target is scored. Default "linear". */
  reverseRule?: ReverseRule;
  /**
   * Points the form writes in its 一级 labels (`产出指标(60分)` → {产出指标: "60"}): they replace the
   * default weight of that group for indicators without a 分值 of their own.
   */
  groupWeights?: Record<string, string>;
}

export type ScoreStatus = "met" | "partly" | "not_met" | "no_data" | "not_applicable";

export type PerformanceGrade = "优" | "良" | "中" | "差";

export type ScoreFlag =
  // indicator flags
  | "missing_actual"
  | "actual_kind_mismatch"
  | "invalid_actual"
  | "invalid_target"
  | "invalid_weight"
  | "weight_defaulted"
  | "no_weight"
  | "no_target"
  | "strict_boundary"
  | "impossible_target"
  | "non_positive_target"
  | "score_out_of_band"
  | "invalid_evaluator_score"
  | "declared_score_differs"
  | "invalid_declared_score"
  | "score_from_form"
  // unit flags
  | "execution_rate_not_scored"
  | "execution_rate_undefined"
  | "execution_over_budget"
  | "weights_rescaled"
  | "no_scored_indicators";

export interface IndicatorScore {
  indicatorId: string;
  level1: string;
  status: ScoreStatus;
  /** Points with 2 decimals ("8.33"); null for no_data and not_applicable. */
  score: string | null;
  /** The same as a number, for charts only. */
  scoreValue: number | null;
  /** 分值 used (declared or default share), 2 decimals; "0.00" when not applicable. */
  max: string;
  maxValue: number;
  /** 得分 the unit declared, normalised to 2 decimals (raw text if unparseable); null if none. */
  declaredScore: string | null;
  flags: ScoreFlag[];
}

export interface ExecutionRateResult {
  /** B/A as a percentage with 2 decimals ("95.37"), not capped; null when A ≤ 0. */
  rate: string | null;
  rateValue: number | null;
  /** B/A × 10, capped to 0–10, 2 decimals; null when A ≤ 0. */
  score: string | null;
  scoreValue: number | null;
}

export interface UnitScore {
  indicators: IndicatorScore[];
  executionRate: string | null;
  executionScore: string | null;
  /** "10.00" when the execution rate is part of the total, else null. */
  executionMax: string | null;
  /** Σ score / Σ max × 100, 2 decimals, 0–100. */
  total: string;
  totalValue: number;
  grade: PerformanceGrade;
  flags: ScoreFlag[];
}

/** Default weights (points of 100) of the self-evaluation, 财预〔2020〕10号. */
export const DEFAULT_WEIGHTS = {
  预算执行率: "10",
  产出指标: "50",
  效益指标: "30",
  满意度指标: "10",
} as const;

export type WeightGroup = "产出指标" | "效益指标" | "满意度指标";

/**
 * The default-weight group of a 一级 name: 产出 and 成本 share 产出指标's 50,
 * 效益 → 30, anything with 满意度 → 10; null for every other 一级 (投入管理, 决策, 过程 …).
 */
export function weightGroupOf(level1: string): WeightGroup | null {
  const s = level1.trim();
  if (s.startsWith("产出") || s.startsWith("成本")) return "产出指标";
  if (s.startsWith("效益")) return "效益指标";
  if (s.includes("满意度")) return "满意度指标";
  return null;
}

// ---------------------------------------------------------------------------
// Exact decimals: bigint scaled to 1e-6; points in hundredths (1n = 0.01 point).

const SCALE = 1_000_000n;
const HUNDREDTHS_PER_UNIT = SCALE / 100n;

/** "187.5" → 187500000n. More than 6 decimals round half-up (away from zero). Null if not a plain decimal. */
function parseDec(text: string): bigint | null {
  const m = /^([+-]?)(\d+)?(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return null;
  const frac = m[3] ?? "";
  let v = BigInt(m[2] ?? "0") * SCALE + BigInt((frac + "000000").slice(0, 6));
  if (frac.length > 6 && frac.charCodeAt(6) >= 53 /* '5' */) v += 1n;
  return m[1] === "-" ? -v : v;
}

/** num/den rounded half-up (half away from zero); den > 0. */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** Scaled decimal → hundredths, half-up. */
function toHundredths(v: bigint): bigint {
  return divRound(v, HUNDREDTHS_PER_UNIT);
}

/** Hundredths → "8.33", "-0.50". */
function fmt2(h: bigint): string {
  const neg = h < 0n;
  const a = neg ? -h : h;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

/**
 * An item of an evaluation framework the body scored itself: no target, no actual value, its 得分 written. Scored from
 * the form (score_from_form, scoreSlot); the reader and the linking do not ask it for an actual (one rule, used by all three).
 */
export function scoredByBody(target: ParsedTarget, hasActual: boolean, declaredScore: string | null | undefined): boolean {
  return target.kind === "none" && !hasActual && present(declaredScore);
}

function present(s: string | null | undefined): s is string {
  return s !== null && s !== undefined && s.trim() !== "";
}

// ---------------------------------------------------------------------------
// Grade and execution rate

/** 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60 (财预〔2020〕10号). Throws on a non-decimal. */
export function gradeOf(total: string): PerformanceGrade {
  const v = parseDec(total);
  if (v === null) throw new RangeError(`gradeOf: not a decimal: ${total}`);
  if (v >= 90n * SCALE) return "优";
  if (v >= 80n * SCALE) return "良";
  if (v >= 60n * SCALE) return "中";
  return "差";
}

/**
 * 预算执行率 = B/A (全年执行数 / 全年预算数) as a percentage, and its score
 * B/A × 10 capped at 10 (and at 0 below). Both are rounded once from the exact
 * ratio, so the score is not a rounding of the rounded rate. Null when A ≤ 0.
 */
export function executionRate(budgetFullYearFen: bigint, executedFen: bigint): ExecutionRateResult {
  if (budgetFullYearFen <= 0n) return { rate: null, rateValue: null, score: null, scoreValue: null };
  const rateH = divRound(executedFen * 10_000n, budgetFullYearFen);
  let scoreH = divRound(executedFen * 1_000n, budgetFullYearFen);
  if (scoreH > 1_000n) scoreH = 1_000n;
  if (scoreH < 0n) scoreH = 0n;
  const rate = fmt2(rateH);
  const score = fmt2(scoreH);
  return { rate, rateValue: Number(rate), score, scoreValue: Number(score) };
}

// ---------------------------------------------------------------------------
// One indicator against its target

type Outcome =
  /** A share num/den (0…1) of the 分值; status follows the share. */
  | { kind: "share"; num: bigint; den: bigint }
  /** Exactly at a strict (> <) boundary: not met, one hundredth below the 分值. */
  | { kind: "boundary" }
  /** Points already decided (qualitative), with the status of the grade. */
  | { kind: "points"; h: bigint; status: "met" | "partly" | "not_met" }
  | { kind: "no_data" };

const FULL: Outcome = { kind: "share", num: 1n, den: 1n };
const ZERO: Outcome = { kind: "share", num: 0n, den: 1n };

function share(num: bigint, den: bigint): Outcome {
  return { kind: "share", num, den };
}

/** Higher is better (≥ >, and = with a positive target). a, t scaled decimals. */
function higher(t: bigint, a: bigint, strict: boolean, flags: ScoreFlag[]): Outcome {
  if (a > t) return FULL;
  if (a === t) {
    if (!strict) return FULL;
    if (t === 0n) return ZERO; // ">0" with 0 achieved nothing
    flags.push("strict_boundary");
    return { kind: "boundary" };
  }
  if (t <= 0n) {
    if (t < 0n) flags.push("non_positive_target");
    return ZERO;
  }
  if (a <= 0n) return ZERO;
  return share(a, t);
}

/** Lower is better (≤ <). */
function lower(t: bigint, a: bigint, strict: boolean, rule: ReverseRule, flags: ScoreFlag[]): Outcome {
  if (strict && t === 0n) {
    // "<0(次)": cannot be met literally by a count; 0 is treated as met.
    flags.push("impossible_target");
    return a <= 0n ? FULL : ZERO;
  }
  if (a < t) return FULL;
  if (a === t) {
    if (!strict) return FULL;
    flags.push("strict_boundary");
    return { kind: "boundary" };
  }
  if (t <= 0n) {
    if (t < 0n) flags.push("non_positive_target");
    return ZERO;
  }
  if (rule === "ratio") return share(t, a);
  if (a >= 2n * t) return ZERO;
  return share(2n * t - a, t); // 1 − (a − t)/t
}

function quantitative(
  target: Extract<ParsedTarget, { kind: "quantitative" }>,
  actual: ActualValue,
  rule: ReverseRule,
  flags: ScoreFlag[],
): Outcome {
  if (actual.kind !== "number") {
    flags.push("actual_kind_mismatch");
    return { kind: "no_data" };
  }
  const t = parseDec(target.value);
  if (t === null) {
    flags.push("invalid_target");
    return { kind: "no_data" };
  }
  const a = parseDec(actual.value);
  if (a === null) {
    flags.push("invalid_actual");
    return { kind: "no_data" };
  }
  switch (target.op) {
    case ">=":
      return higher(t, a, false, flags);
    case ">":
      return higher(t, a, true, flags);
    case "=":
      if (t <= 0n) {
        if (t < 0n) flags.push("non_positive_target");
        return a === t ? FULL : ZERO;
      }
      return higher(t, a, false, flags);
    case "<=":
      return lower(t, a, false, rule, flags);
    case "<":
      return lower(t, a, true, rule, flags);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function deadline(targetDate: string, actual: ActualValue, flags: ScoreFlag[]): Outcome {
  if (actual.kind !== "date") {
    flags.push("actual_kind_mismatch");
    return { kind: "no_data" };
  }
  if (!ISO_DATE.test(targetDate)) {
    flags.push("invalid_target");
    return { kind: "no_data" };
  }
  if (!ISO_DATE.test(actual.date)) {
    flags.push("invalid_actual");
    return { kind: "no_data" };
  }
  return actual.date <= targetDate ? FULL : ZERO;
}

/** Band of each grade in percent of the 分值: [low, high], high inclusive only for 达成. */
const BANDS: Record<Grade, { low: bigint; high: bigint; highInclusive: boolean; defaultPct: bigint }> = {
  达成: { low: 80n, high: 100n, highInclusive: true, defaultPct: 100n },
  部分达成: { low: 60n, high: 80n, highInclusive: false, defaultPct: 60n },
  未达成: { low: 0n, high: 60n, highInclusive: false, defaultPct: 0n },
};

const GRADE_STATUS: Record<Grade, "met" | "partly" | "not_met"> = {
  达成: "met",
  部分达成: "partly",
  未达成: "not_met",
};

function qualitative(actual: ActualValue, maxH: bigint, flags: ScoreFlag[]): Outcome {
  if (actual.kind !== "grade") {
    flags.push("actual_kind_mismatch");
    return { kind: "no_data" };
  }
  const band = BANDS[actual.grade];
  const status = GRADE_STATUS[actual.grade];
  if (present(actual.evaluatorScore)) {
    const v = parseDec(actual.evaluatorScore);
    if (v !== null) {
      let h = toHundredths(v);
      // Band test on exact hundredths: low% ≤ h/max (≤ or <) high%.
      const pct100 = h * 100n;
      const inBand =
        pct100 >= band.low * maxH && (band.highInclusive ? pct100 <= band.high * maxH : pct100 < band.high * maxH);
      if (!inBand) flags.push("score_out_of_band");
      if (h < 0n) h = 0n;
      if (h > maxH) h = maxH;
      return { kind: "points", h, status };
    }
    flags.push("invalid_evaluator_score");
  }
  return { kind: "points", h: divRound(band.defaultPct * maxH, 100n), status };
}

function outcomeOf(input: ScoreInput, maxH: bigint, rule: ReverseRule, flags: ScoreFlag[]): Outcome {
  if (input.actual.kind === "missing") {
    flags.push("missing_actual");
    return { kind: "no_data" };
  }
  const target = input.target;
  switch (target.kind) {
    case "quantitative":
      return quantitative(target, input.actual, rule, flags);
    case "deadline":
      return deadline(target.date, input.actual, flags);
    case "qualitative":
      return qualitative(input.actual, maxH, flags);
    case "none":
      // Only reached when the item carries a 分值: it can be judged by grade.
      if (input.actual.kind === "grade") return qualitative(input.actual, maxH, flags);
      flags.push("no_target");
      return { kind: "no_data" };
  }
}

// ---------------------------------------------------------------------------
// Weights

interface Slot {
  input: ScoreInput;
  flags: ScoreFlag[];
  /** Hundredths of a point; null = not applicable. */
  maxH: bigint | null;
}

/** Spreads total hundredths over n slots; the first (total mod n) get one hundredth more. */
function spread(totalH: bigint, n: number): bigint[] {
  const count = BigInt(n);
  const base = totalH / count;
  const rest = Number(totalH % count);
  return Array.from({ length: n }, (_, i) => (i < rest ? base + 1n : base));
}

function assignWeights(inputs: ScoreInput[], groupWeights: Record<string, string> = {}): Slot[] {
  const declaredPoints = new Map<WeightGroup, bigint>();
  for (const [level1, points] of Object.entries(groupWeights)) {
    const group = weightGroupOf(level1);
    const v = parseDec(points);
    if (group && v !== null && v >= 0n && !declaredPoints.has(group)) declaredPoints.set(group, toHundredths(v));
  }
  const slots: Slot[] = inputs.map((input) => ({ input, flags: [], maxH: null }));
  const pending = new Map<WeightGroup, Slot[]>();
  const declaredInGroup = new Map<WeightGroup, bigint>();
  for (const slot of slots) {
    const { input } = slot;
    if (input.notApplicable) continue;
    const group = weightGroupOf(input.level1);
    let declared: bigint | null = null;
    if (present(input.weight)) {
      const v = parseDec(input.weight);
      if (v === null || v < 0n) slot.flags.push("invalid_weight");
      else declared = toHundredths(v);
    }
    if (declared !== null) {
      slot.maxH = declared;
      if (group) declaredInGroup.set(group, (declaredInGroup.get(group) ?? 0n) + declared);
    } else if (input.target.kind === "none") {
      slot.flags.push("no_target");
    } else if (group === null) {
      slot.flags.push("no_weight");
    } else {
      const list = pending.get(group) ?? [];
      list.push(slot);
      pending.set(group, list);
    }
  }
  for (const [group, list] of pending) {
    const defaultH = declaredPoints.get(group) ?? toHundredths(parseDec(DEFAULT_WEIGHTS[group]) ?? 0n);
    let remaining = defaultH - (declaredInGroup.get(group) ?? 0n);
    if (remaining < 0n) remaining = 0n;
    const shares = spread(remaining, list.length);
    list.forEach((slot, i) => {
      slot.maxH = shares[i];
      slot.flags.push("weight_defaulted");
    });
  }
  return slots;
}

// ---------------------------------------------------------------------------
// Unit

function scoreSlot(slot: Slot, rule: ReverseRule): { result: IndicatorScore; earnedH: bigint; maxH: bigint } {
  const { input, flags } = slot;
  let declaredScore: string | null = null;
  let declaredH: bigint | null = null;
  if (present(input.declaredScore)) {
    const v = parseDec(input.declaredScore);
    if (v === null) declaredScore = input.declaredScore.trim();
    else {
      declaredH = toHundredths(v);
      declaredScore = fmt2(declaredH);
    }
  }
  const base = { indicatorId: input.indicatorId, level1: input.level1, declaredScore };
  if (slot.maxH === null) {
    return {
      result: { ...base, status: "not_applicable", score: null, scoreValue: null, max: "0.00", maxValue: 0, flags },
      earnedH: 0n,
      maxH: 0n,
    };
  }
  const maxH = slot.maxH;
  const outcome = outcomeOf(input, maxH, rule, flags);
  let status: ScoreStatus;
  let scoreH: bigint | null;
  switch (outcome.kind) {
    case "no_data":
      status = "no_data";
      scoreH = null;
      break;
    case "boundary":
      status = "partly";
      scoreH = maxH > 0n ? maxH - 1n : 0n;
      break;
    case "points":
      status = outcome.status;
      scoreH = outcome.h;
      break;
    case "share":
      status = outcome.num === 0n ? "not_met" : outcome.num >= outcome.den ? "met" : "partly";
      scoreH = divRound(outcome.num * maxH, outcome.den);
      break;
  }
  // An item of an evaluation framework (目标内容, 决策依据 …: a 分值, no target, no actual value) that the body scored
  // itself: its 得分 is the only figure there is, taken as written when it lies within the 分值 (flag score_from_form).
  if (outcome.kind === "no_data" && scoredByBody(input.target, input.actual.kind !== "missing", input.declaredScore) && declaredH !== null && maxH > 0n) {
    if (declaredH >= 0n && declaredH <= maxH) {
      scoreH = declaredH;
      status = declaredH === maxH ? "met" : declaredH === 0n ? "not_met" : "partly";
      flags.push("score_from_form");
    } else flags.push("invalid_declared_score");
  }
  if (declaredScore !== null) {
    if (declaredH === null) flags.push("invalid_declared_score");
    else if (declaredH !== (scoreH ?? 0n) || scoreH === null) flags.push("declared_score_differs");
  }
  const max = fmt2(maxH);
  const score = scoreH === null ? null : fmt2(scoreH);
  return {
    result: {
      ...base,
      status,
      score,
      scoreValue: score === null ? null : Number(score),
      max,
      maxValue: Number(max),
      flags,
    },
    earnedH: scoreH ?? 0n,
    maxH,
  };
}

/**
 * Scores a unit's indicators and its 预算执行率, and totals them on 100:
 * total = Σ score / Σ max × 100 over everything applicable (no_data counts 0
 * but keeps its 分值; not_applicable drops out). Without a budget the execution
 * rate is not scored (flag execution_rate_not_scored) and the rest is rescaled.
 */
export function scoreUnit(
  inputs: ScoreInput[],
  budget?: { fullYearFen: bigint; executedFen: bigint } | null,
  options?: ScoreOptions,
): UnitScore {
  const rule = options?.reverseRule ?? "linear";
  const flags: ScoreFlag[] = [];
  const indicators: IndicatorScore[] = [];
  let earnedH = 0n;
  let possibleH = 0n;
  for (const slot of assignWeights(inputs, options?.groupWeights)) {
    const s = scoreSlot(slot, rule);
    indicators.push(s.result);
    earnedH += s.earnedH;
    possibleH += s.maxH;
  }

  let rate: string | null = null;
  let executionScore: string | null = null;
  let executionMax: string | null = null;
  if (!budget) flags.push("execution_rate_not_scored");
  else {
    const ex = executionRate(budget.fullYearFen, budget.executedFen);
    if (ex.rate === null || ex.score === null) flags.push("execution_rate_undefined", "execution_rate_not_scored");
    else {
      rate = ex.rate;
      executionScore = ex.score;
      const maxH = toHundredths(parseDec(DEFAULT_WEIGHTS.预算执行率) ?? 0n);
      executionMax = fmt2(maxH);
      earnedH += toHundredths(parseDec(ex.score) ?? 0n);
      possibleH += maxH;
      if (budget.executedFen > budget.fullYearFen) flags.push("execution_over_budget");
    }
  }

  let totalH = 0n;
  if (possibleH === 0n) flags.push("no_scored_indicators");
  else {
    if (possibleH !== 10_000n) flags.push("weights_rescaled");
    totalH = divRound(earnedH * 10_000n, possibleH);
  }
  const total = fmt2(totalH);
  return {
    indicators,
    executionRate: rate,
    executionScore,
    executionMax,
    total,
    totalValue: Number(total),
    grade: gradeOf(total),
    flags,
  };
}
