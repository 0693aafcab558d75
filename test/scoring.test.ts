import { describe, expect, it } from "vitest";
import type { Operator, ParsedTarget } from "../src/core/model.ts";
import {
  executionRate,
  gradeOf,
  scoreUnit,
  weightGroupOf,
  type ActualValue,
  type Grade,
  type ScoreInput,
  type ScoreOptions,
} from "../src/core/scoring.ts";

const DIRECTION = { ">=": "higher", ">": "higher", "=": "equal", "<=": "lower", "<": "lower" } as const;

function quant(op: Operator, value: string): ParsedTarget {
  return { kind: "quantitative", op, value, unit: null, direction: DIRECTION[op] };
}
const num = (value: string): ActualValue => ({ kind: "number", value });
const grade = (g: Grade, evaluatorScore?: string): ActualValue => ({ kind: "grade", grade: g, evaluatorScore });
const QUAL: ParsedTarget = { kind: "qualitative", text: "提升", recognised: true };

function input(over: Partial<ScoreInput> & Pick<ScoreInput, "target" | "actual">): ScoreInput {
  return { indicatorId: "i1", level1: "产出指标", weight: "10", ...over };
}

/** Scores one indicator with a declared 分值 and returns its result. */
function one(target: ParsedTarget, actual: ActualValue, weight = "10", options?: ScoreOptions) {
  return scoreUnit([input({ target, actual, weight })], null, options).indicators[0];
}

describe("scoreUnit on a quantitative indicator", () => {
  it.each([
    // op, target, actual, 分值, score, status, flags
    [">=", "200.00", "187.5", "10", "9.38", "partly", []],
    [">=", "200.00", "200", "10", "10.00", "met", []],
    [">=", "200.00", "250", "10", "10.00", "met", []],
    [">=", "3", "1", "10", "3.33", "partly", []],
    [">=", "3", "2", "10", "6.67", "partly", []],
    [">=", "100", "10.05", "10", "1.01", "partly", []],
    [">=", "0.3", "0.1", "30", "10.00", "partly", []],
    [">=", "10", "-5", "10", "0.00", "not_met", []],
    [">=", "-1.5", "-3", "10", "0.00", "not_met", ["non_positive_target"]],
    [">", "200", "201", "10", "10.00", "met", []],
    [">", "200", "200", "10", "9.99", "partly", ["strict_boundary"]],
    [">", "200", "100", "10", "5.00", "partly", []],
    [">", "0", "0", "10", "0.00", "not_met", []],
    [">", "0", "3", "10", "10.00", "met", []],
    ["=", "100", "100", "10", "10.00", "met", []],
    ["=", "100", "98", "10", "9.80", "partly", []],
    ["=", "100", "102", "10", "10.00", "met", []],
    ["=", "0", "0", "10", "10.00", "met", []],
    ["=", "0", "0.00", "10", "10.00", "met", []],
    ["=", "0", "1", "10", "0.00", "not_met", []],
    ["<=", "0", "0", "10", "10.00", "met", []],
    ["<=", "0", "1", "10", "0.00", "not_met", []],
    ["<", "0.00", "0", "10", "10.00", "met", ["impossible_target"]],
    ["<", "0.00", "2", "10", "0.00", "not_met", ["impossible_target"]],
    ["<=", "10", "8", "10", "10.00", "met", []],
    ["<=", "10", "10", "10", "10.00", "met", []],
    ["<=", "10", "12", "10", "8.00", "partly", []],
    ["<=", "10", "15", "10", "5.00", "partly", []],
    ["<=", "10", "20", "10", "0.00", "not_met", []],
    ["<=", "10", "25", "10", "0.00", "not_met", []],
    ["<=", "3", "4", "10", "6.67", "partly", []],
    ["<", "10", "10", "10", "9.99", "partly", ["strict_boundary"]],
    ["<", "10", "9", "10", "10.00", "met", []],
  ] as const)("gives %s %s with actual %s out of %s the score %s (%s)", (op, target, actual, weight, score, status, flags) => {
    const r = one(quant(op, target), num(actual), weight);
    expect(r.score).toBe(score);
    expect(r.scoreValue).toBe(Number(score));
    expect(r.status).toBe(status);
    expect(r.flags).toEqual(flags);
  });

  it.each([
    ["10", "8", "10.00", "met"],
    ["10", "10", "10.00", "met"],
    ["10", "15", "6.67", "partly"],
    ["10", "20", "5.00", "partly"],
    ["10", "40", "2.50", "partly"],
    ["0", "1", "0.00", "not_met"],
  ] as const)("with reverseRule ratio gives ≤%s with actual %s the score %s (target/actual × 分值)", (target, actual, score, status) => {
    const r = one(quant("<=", target), num(actual), "10", { reverseRule: "ratio" });
    expect(r.score).toBe(score);
    expect(r.status).toBe(status);
  });

  it.each([
    ["a date", { kind: "date", date: "2026-10-31" } as ActualValue, "actual_kind_mismatch"],
    ["a grade", grade("达成"), "actual_kind_mismatch"],
    ["text that is no number", num("约90"), "invalid_actual"],
  ])("marks %s as actual no_data, not zero", (_, actual, flag) => {
    const r = one(quant(">=", "90"), actual);
    expect(r.status).toBe("no_data");
    expect(r.score).toBeNull();
    expect(r.flags).toContain(flag);
  });
});

describe("scoreUnit on a missing actual", () => {
  it("returns no_data with a null score and the flag missing_actual", () => {
    const r = one(quant(">=", "90"), { kind: "missing" });
    expect(r).toMatchObject({ status: "no_data", score: null, scoreValue: null, max: "10.00" });
    expect(r.flags).toEqual(["missing_actual"]);
  });

  it("keeps the missing indicator's 分值 in the denominator so not reporting is not rewarded", () => {
    const inputs: ScoreInput[] = [
      { indicatorId: "a", level1: "产出指标", target: quant(">=", "1"), actual: num("1") },
      { indicatorId: "b", level1: "产出指标", target: quant(">=", "1"), actual: { kind: "missing" } },
      { indicatorId: "c", level1: "效益指标", target: QUAL, actual: grade("达成") },
      { indicatorId: "d", level1: "满意度指标", target: quant(">=", "90"), actual: num("95") },
    ];
    const u = scoreUnit(inputs, { fullYearFen: 100_00n, executedFen: 100_00n });
    expect(u.indicators.map((i) => [i.indicatorId, i.status, i.score, i.max])).toEqual([
      ["a", "met", "25.00", "25.00"],
      ["b", "no_data", null, "25.00"],
      ["c", "met", "30.00", "30.00"],
      ["d", "met", "10.00", "10.00"],
    ]);
    expect(u.total).toBe("75.00");
    expect(u.grade).toBe("中");
    expect(u.flags).toEqual([]);
  });
});

describe("scoreUnit on a qualitative indicator", () => {
  it.each([
    // grade, evaluator score, score, status, flags
    ["达成", undefined, "10.00", "met", []],
    ["部分达成", undefined, "6.00", "partly", []],
    ["未达成", undefined, "0.00", "not_met", []],
    ["达成", "8.5", "8.50", "met", []],
    ["达成", "8", "8.00", "met", []],
    ["达成", "7.9", "7.90", "met", ["score_out_of_band"]],
    ["达成", "12", "10.00", "met", ["score_out_of_band"]],
    ["部分达成", "6", "6.00", "partly", []],
    ["部分达成", "7.99", "7.99", "partly", []],
    ["部分达成", "8", "8.00", "partly", ["score_out_of_band"]],
    ["部分达成", "5.99", "5.99", "partly", ["score_out_of_band"]],
    ["未达成", "5.99", "5.99", "not_met", []],
    ["未达成", "6", "6.00", "not_met", ["score_out_of_band"]],
    ["未达成", "-1", "0.00", "not_met", ["score_out_of_band"]],
    ["达成", "好", "10.00", "met", ["invalid_evaluator_score"]],
  ] as const)("gives %s with evaluator score %s the score %s (%s)", (g, evaluator, score, status, flags) => {
    const r = one(QUAL, grade(g, evaluator));
    expect(r.score).toBe(score);
    expect(r.status).toBe(status);
    expect(r.flags).toEqual(flags);
  });

  it("takes the band as a share of the 分值, so 部分达成 out of 16.67 defaults to 10.00", () => {
    expect(one(QUAL, grade("部分达成"), "16.67").score).toBe("10.00");
  });

  it("marks a number actual against a qualitative target as no_data", () => {
    expect(one(QUAL, num("1")).status).toBe("no_data");
  });
});

describe("scoreUnit on a deadline indicator", () => {
  const target: ParsedTarget = { kind: "deadline", date: "2026-10-31", explicitYear: null };
  it.each([
    ["2026-09-15", "10.00", "met"],
    ["2026-10-31", "10.00", "met"],
    ["2026-11-01", "0.00", "not_met"],
  ])("gives a 2026-10-31 deadline done on %s the score %s", (date, score, status) => {
    const r = one(target, { kind: "date", date });
    expect(r.score).toBe(score);
    expect(r.status).toBe(status);
  });
});

describe("scoreUnit with not-applicable indicators", () => {
  it("drops a not-applicable indicator and rescales the total to 100", () => {
    const inputs: ScoreInput[] = [
      { indicatorId: "a", level1: "产出指标", weight: "40", target: quant(">=", "1"), actual: num("1") },
      { indicatorId: "b", level1: "产出指标", weight: "40", target: quant(">=", "1"), actual: num("0"), notApplicable: true },
      { indicatorId: "c", level1: "效益指标", weight: "10", target: quant(">=", "2"), actual: num("1") },
    ];
    const u = scoreUnit(inputs, { fullYearFen: 1_000n, executedFen: 1_000n });
    expect(u.indicators[1]).toMatchObject({ status: "not_applicable", score: null, max: "0.00" });
    // (40 + 5 + 10) / (40 + 10 + 10) × 100 = 91.666… → 91.67
    expect(u.total).toBe("91.67");
    expect(u.grade).toBe("优");
    expect(u.flags).toEqual(["weights_rescaled"]);
  });

  it("spreads a 一级's default weight over the indicators that still apply", () => {
    const inputs: ScoreInput[] = ["a", "b", "c"].map((id) => ({
      indicatorId: id,
      level1: "产出指标",
      target: quant(">=", "1"),
      actual: num("1"),
      notApplicable: id === "b",
    }));
    const u = scoreUnit(inputs, null);
    expect(u.indicators.map((i) => i.max)).toEqual(["25.00", "0.00", "25.00"]);
  });

  it.each([
    ["an 投入管理 item without 分值", "投入管理指标", { kind: "none" } as ParsedTarget, null, "no_target"],
    ["an item of an unknown 一级 without 分值", "过程指标", quant(">=", "1"), null, "no_weight"],
  ])("does not score %s", (_, level1, target, weight, flag) => {
    const u = scoreUnit([input({ level1, target, actual: num("1"), weight })], null);
    expect(u.indicators[0].status).toBe("not_applicable");
    expect(u.indicators[0].flags).toEqual([flag]);
    expect(u.total).toBe("0.00");
    expect(u.flags).toContain("no_scored_indicators");
  });

  it("scores an 投入管理 item that carries a 分值 by its grade", () => {
    const r = scoreUnit(
      [input({ level1: "投入管理指标", target: { kind: "none" }, actual: grade("部分达成", "3.5"), weight: "5" })],
      null,
    ).indicators[0];
    expect(r).toMatchObject({ status: "partly", score: "3.50", max: "5.00", flags: [] });
  });
});

describe("scoreUnit spreading default weights", () => {
  function maxes(levels: string[]) {
    const inputs = levels.map((level1, i) => ({
      indicatorId: `i${i}`,
      level1,
      target: quant(">=", "1"),
      actual: num("1"),
    }));
    return scoreUnit(inputs, null).indicators.map((i) => i.max);
  }

  it.each([
    [["产出指标", "产出指标", "产出指标"], ["16.67", "16.67", "16.66"]],
    [["产出指标", "产出指标", "成本指标"], ["16.67", "16.67", "16.66"]],
    [Array(7).fill("效益指标"), ["4.29", "4.29", "4.29", "4.29", "4.28", "4.28", "4.28"]],
    [["满意度指标", "满意度指标", "满意度指标"], ["3.34", "3.33", "3.33"]],
    [["产出指标", "效益指标", "服务对象满意度指标"], ["50.00", "30.00", "10.00"]],
  ])("spreads %j as %j, summing exactly to the 一级 weight", (levels, expected) => {
    expect(maxes(levels)).toEqual(expected);
  });

  it("gives what declared 分值 leave of a 一级 to the undeclared indicators", () => {
    const inputs: ScoreInput[] = [
      { indicatorId: "a", level1: "产出指标", weight: "20", target: quant(">=", "1"), actual: num("1") },
      { indicatorId: "b", level1: "产出指标", target: quant(">=", "1"), actual: num("1") },
      { indicatorId: "c", level1: "产出指标", target: quant(">=", "1"), actual: num("1") },
    ];
    const u = scoreUnit(inputs, null);
    expect(u.indicators.map((i) => [i.max, i.flags])).toEqual([
      ["20.00", []],
      ["15.00", ["weight_defaulted"]],
      ["15.00", ["weight_defaulted"]],
    ]);
  });

  it("totals 100.00 when every default-weighted indicator and the budget are met", () => {
    const levels = ["产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "效益指标", "满意度指标"];
    const inputs = levels.map((level1, i) => ({ indicatorId: `i${i}`, level1, target: quant(">=", "1"), actual: num("2") }));
    const u = scoreUnit(inputs, { fullYearFen: 500n, executedFen: 500n });
    expect(u).toMatchObject({ total: "100.00", totalValue: 100, grade: "优", executionScore: "10.00", flags: [] });
  });

  it("rescales over the indicators when no budget is given and says so", () => {
    const inputs = [
      { indicatorId: "a", level1: "产出指标", target: quant(">=", "2"), actual: num("1") },
      { indicatorId: "b", level1: "效益指标", target: quant(">=", "1"), actual: num("1") },
      { indicatorId: "c", level1: "满意度指标", target: quant(">=", "1"), actual: num("1") },
    ];
    const u = scoreUnit(inputs, null);
    // (25 + 30 + 10) / 90 × 100 = 72.22…
    expect(u.total).toBe("72.22");
    expect(u.executionRate).toBeNull();
    expect(u.flags).toEqual(["execution_rate_not_scored", "weights_rescaled"]);
  });

  it("takes the points a form writes in its 一级 labels as the group weights (groupWeights)", () => {
    const inputs = ["产出指标", "产出指标", "产出指标", "效益指标"].map((level1, i) => ({ indicatorId: `i${i}`, level1, target: quant(">=", "1"), actual: num("1") }));
    const u = scoreUnit(inputs, null, { groupWeights: { 产出指标: "60", 效益指标: "20" } });
    expect(u.indicators.map((i) => i.max)).toEqual(["20.00", "20.00", "20.00", "20.00"]);
  });

  it("flags an invalid 分值 and falls back to the default share", () => {
    const r = one(quant(">=", "1"), num("1"), "十");
    expect(r.max).toBe("50.00");
    expect(r.flags).toEqual(["invalid_weight", "weight_defaulted"]);
  });
});

describe("scoreUnit with a declared score", () => {
  it.each([
    ["9", "9.00", ["declared_score_differs"]],
    ["9.38", "9.38", []],
    ["9.375", "9.38", []],
    ["满分", "满分", ["invalid_declared_score"]],
  ] as const)("keeps the declared %s as %s beside the rule's 9.38", (declared, kept, flags) => {
    const r = scoreUnit(
      [input({ target: quant(">=", "200.00"), actual: num("187.5"), declaredScore: declared })],
      null,
    ).indicators[0];
    expect(r.score).toBe("9.38");
    expect(r.declaredScore).toBe(kept);
    expect(r.flags).toEqual(flags);
  });

  it("flags a declared score given for an indicator without data", () => {
    const r = scoreUnit([input({ target: quant(">=", "1"), actual: { kind: "missing" }, declaredScore: "10" })], null)
      .indicators[0];
    expect(r.flags).toEqual(["missing_actual", "declared_score_differs"]);
  });
});

describe("executionRate", () => {
  it.each([
    [1_000_000n, 953_700n, "95.37", "9.54"],
    [300n, 100n, "33.33", "3.33"],
    [300n, 200n, "66.67", "6.67"],
    [9_278_733_100n, 9_278_733_099n, "100.00", "10.00"],
    [2_000_000n, 2_100_000n, "105.00", "10.00"],
    [1_000n, 0n, "0.00", "0.00"],
    [8n, 7n, "87.50", "8.75"],
    [16n, 1n, "6.25", "0.63"],
  ])("gives A=%s fen and B=%s fen the rate %s%% and the score %s", (a, b, rate, score) => {
    expect(executionRate(a, b)).toEqual({ rate, rateValue: Number(rate), score, scoreValue: Number(score) });
  });

  it("returns nulls when the full-year budget is 0", () => {
    expect(executionRate(0n, 5n)).toEqual({ rate: null, rateValue: null, score: null, scoreValue: null });
  });

  it("is counted in scoreUnit with 10 points and capped there", () => {
    const u = scoreUnit([], { fullYearFen: 100n, executedFen: 120n });
    expect(u).toMatchObject({ executionRate: "120.00", executionScore: "10.00", executionMax: "10.00", total: "100.00" });
    expect(u.flags).toEqual(["execution_over_budget", "weights_rescaled"]);
  });

  it("is left out of scoreUnit, with flags, when the full-year budget is 0", () => {
    const u = scoreUnit([], { fullYearFen: 0n, executedFen: 0n });
    expect(u.executionScore).toBeNull();
    expect(u.flags).toEqual(["execution_rate_undefined", "execution_rate_not_scored", "no_scored_indicators"]);
  });
});

describe("gradeOf", () => {
  it.each([
    ["100.00", "优"],
    ["90.00", "优"],
    ["89.99", "良"],
    ["80.00", "良"],
    ["79.99", "中"],
    ["60.00", "中"],
    ["59.99", "差"],
    ["0.00", "差"],
  ] as const)("grades %s as %s", (total, g) => {
    expect(gradeOf(total)).toBe(g);
  });

  it("throws on text that is no decimal", () => {
    expect(() => gradeOf("九十")).toThrow(RangeError);
  });
});

describe("weightGroupOf", () => {
  it.each([
    ["产出指标", "产出指标"],
    ["成本指标", "产出指标"],
    ["效益指标", "效益指标"],
    ["满意度指标", "满意度指标"],
    ["服务对象满意度指标", "满意度指标"],
    ["投入管理指标", null],
    ["决策指标", null],
  ])("puts %s in %s", (level1, group) => {
    expect(weightGroupOf(level1)).toBe(group);
  });
});

describe("scoreUnit on an item the body scored itself (an evaluation framework: 分值 and 得分, no target, no actual)", () => {
  const NONE: ParsedTarget = { kind: "none" };
  const scored = (declaredScore: string, weight = "5") =>
    scoreUnit([input({ level1: "项目决策", target: NONE, actual: { kind: "missing" }, weight, declaredScore })], null).indicators[0];

  it.each([
    ["5", "5.00", "met"],
    ["3.5", "3.50", "partly"],
    ["0", "0.00", "not_met"],
  ] as const)("takes 得分 %s of 分值 5 as written: %s, %s, flagged score_from_form", (declared, score, status) => {
    const s = scored(declared);
    expect([s.score, s.max, s.status]).toEqual([score, "5.00", status]);
    expect(s.flags).toContain("score_from_form");
    expect(s.flags).not.toContain("declared_score_differs");
  });

  it("does not take a 得分 above the 分值 or below 0: no data, and the score said to be invalid", () => {
    for (const declared of ["6", "-1"]) {
      const s = scored(declared);
      expect([s.score, s.status]).toEqual([null, "no_data"]);
      expect(s.flags).toEqual(expect.arrayContaining(["invalid_declared_score"]));
      expect(s.flags).not.toContain("score_from_form");
    }
  });

  it("never takes the form's 得分 where there is a target to score against (an actual left out stays no data)", () => {
    const s = scoreUnit([input({ target: quant(">=", "200"), actual: { kind: "missing" }, weight: "10", declaredScore: "10" })], null).indicators[0];
    expect([s.score, s.status]).toEqual([null, "no_data"]);
    expect(s.flags).toEqual(expect.arrayContaining(["missing_actual", "declared_score_differs"]));
  });

  it("totals such items with the rest: 4 + 3 of 5 + 5 → 70.00", () => {
    const r = scoreUnit([
      input({ indicatorId: "a", level1: "项目决策", target: NONE, actual: { kind: "missing" }, weight: "5", declaredScore: "4" }),
      input({ indicatorId: "b", level1: "项目决策", target: NONE, actual: { kind: "missing" }, weight: "5", declaredScore: "3" }),
    ], null);
    expect(r.total).toBe("70.00");
  });
});
