import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { executionRates, rankBy, rankByBudget, rollup, unitTotals, type ExecutionFigures, type RegionSpec } from "../src/core/rollup.ts";
import type { Dataset } from "../src/core/model.ts";
import { asYear, budgetLine, real } from "./compare.fixtures.ts";

/** Three units under one 街道: the real declaration and two copies with budgets shifted by exact fen. */
function street(): Dataset {
  const a = real();
  const b = asYear(a, 2026, "上海市闵行区江川路街道文化活动中心");
  const c = asYear(a, 2026, "上海市闵行区江川路街道社区事务受理服务中心");
  for (const item of ["部门整体预算总额", "财政拨款", "基本支出"]) budgetLine(b, item).amountFen -= 4_000_000_001n;
  for (const item of ["部门整体预算总额", "其他资金", "项目支出"]) budgetLine(c, item).amountFen += 7n;
  const parts = [a, b, c];
  return {
    units: parts.flatMap((d) => d.units), budget: parts.flatMap((d) => d.budget), tasks: [], indicators: [], findings: [],
  };
}

const data = street();
const units = unitTotals(data, 2026);
const ids = Object.fromEntries(units.map((u) => [u.name.replace("上海市闵行区江川路街道", ""), u.unitId]));

describe("unitTotals(data, year)", () => {
  it("gives each unit's declared total and items, ordered by name", () => {
    expect(units.map((u) => [u.name.replace("上海市闵行区江川路街道", ""), u.totalFen])).toEqual([
      ["文化活动中心", 5_278_733_099n],
      ["社区事务受理服务中心", 9_278_733_107n],
      ["社区党群服务中心", 9_278_733_100n],
    ]);
    expect(units[1].items.map((i) => [i.kind, i.item, i.amountFen])).toEqual([
      ["source", "财政拨款", 9_278_733_100n],
      ["source", "其他资金", 7n],
      ["structure", "基本支出", 5_083_928_487n],
      ["structure", "项目支出", 4_194_804_620n],
    ]);
  });
  it("is empty for a year without data", () => {
    expect(unitTotals(data, 2020)).toEqual([]);
  });
});

describe("rollup(region, units) reconciles to the fen", () => {
  it("sums every unit beneath exactly, total and items", () => {
    const r = rollup({ id: "jcl", name: "江川路街道" }, units);
    expect(r.totalFen).toBe(9_278_733_100n * 3n - 4_000_000_001n + 7n);
    expect(r.totalFen).toBe(units.reduce((s, u) => s + u.totalFen!, 0n));
    expect(r.items.map((i) => [i.item, i.amountFen])).toEqual([
      ["财政拨款", 9_278_733_100n * 3n - 4_000_000_001n],
      ["其他资金", 7n],
      ["基本支出", 5_083_928_487n * 3n - 4_000_000_001n],
      ["项目支出", 4_194_804_613n * 3n + 7n],
    ]);
    // Sources and structure each add up to the total, to the fen.
    const sum = (kind: string) => r.items.filter((i) => i.kind === kind).reduce((s, i) => s + i.amountFen, 0n);
    expect([sum("source"), sum("structure")]).toEqual([r.totalFen, r.totalFen]);
    expect([r.unitCount, r.findings]).toEqual([3, []]);
  });

  it("rolls a nested tree up, each level equal to the levels beneath", () => {
    const spec: RegionSpec = {
      id: "mh", name: "闵行区",
      children: [
        { id: "a", name: "片区一", unitIds: [ids["社区党群服务中心"], ids["文化活动中心"]] },
        { id: "b", name: "片区二", unitIds: [ids["社区事务受理服务中心"]] },
      ],
    };
    const r = rollup(spec, units);
    expect(r.children.map((c) => c.totalFen)).toEqual([9_278_733_100n + 5_278_733_099n, 9_278_733_107n]);
    expect(r.totalFen).toBe(r.children[0].totalFen + r.children[1].totalFen);
    expect([r.unitCount, r.units.length, r.findings]).toEqual([3, 0, []]);
  });

  it.each([
    [23_836_199_306n, []],
    [23_836_199_307n, ["rollup.total_mismatch"]],
    [23_836_199_305n, ["rollup.total_mismatch"]],
  ])("a declared region total of %s fen gives findings %j", (declared, codes) => {
    const r = rollup({ id: "jcl", name: "江川路街道", declaredTotalFen: declared, source: { file: "region.csv", row: 2 } }, units);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
    if (codes.length) {
      expect(r.findings[0]).toMatchObject({ severity: "error", subject: "jcl", location: { file: "region.csv", row: 2 } });
      expect(findingText(r.findings[0], "zh")).toContain(declared > r.totalFen ? "相差 0.01 元" : "相差 -0.01 元");
    }
  });

  it("reports a declared item that differs, a listed unit without data and a unit counted twice", () => {
    const r = rollup(
      {
        id: "jcl", name: "江川路街道", declaredItems: [{ kind: "source", item: "其他资金", amountFen: 8n }],
        children: [
          { id: "a", name: "片区一", unitIds: [ids["社区党群服务中心"], "u00000000"] },
          { id: "b", name: "片区二", unitIds: [ids["社区党群服务中心"], ids["文化活动中心"], ids["社区事务受理服务中心"]] },
        ],
      },
      units,
    );
    expect(r.findings.map((f) => f.code)).toEqual(["rollup.item_mismatch", "rollup.unit_missing", "rollup.unit_repeated"]);
    expect(r.totalFen).toBe(units.reduce((s, u) => s + u.totalFen!, 0n));
  });

  it("counts a unit without a total as 0, with a warning", () => {
    const d = street();
    d.budget = d.budget.filter((b) => !(b.unitId === ids["文化活动中心"] && b.kind === "total"));
    const r = rollup({ id: "jcl", name: "江川路街道" }, unitTotals(d, 2026));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([["rollup.no_total", "warning"]]);
    expect(r.totalFen).toBe(9_278_733_100n + 9_278_733_107n);
  });
});

describe("rankBy(items, value) keeps ties stable", () => {
  it("ranks by budget, largest first", () => {
    expect(rankByBudget(units).map((r) => [r.rank, r.item.name.slice(-6)])).toEqual([
      [1, "受理服务中心"],
      [2, "党群服务中心"],
      [3, "文化活动中心"],
    ]);
  });

  it.each([
    ["desc", [1, 1, 3, 3, null]],
    ["asc", [1, 1, 3, 3, null]],
  ] as const)("equal values share a rank and keep their input order (%s)", (order, ranks) => {
    const rows = [
      { k: "a", v: "95.5" },
      { k: "b", v: null },
      { k: "c", v: "100.00" },
      { k: "d", v: "95.50" },
      { k: "e", v: "100" },
    ];
    const ranked = rankBy(rows, (r) => r.v, { order });
    expect(ranked.map((r) => r.rank)).toEqual(ranks);
    expect(ranked.map((r) => r.item.k)).toEqual(order === "desc" ? ["c", "e", "a", "d", "b"] : ["a", "d", "c", "e", "b"]);
  });

  it("compares decimal strings exactly, signs and all", () => {
    const ranked = rankBy(["-0.5", "0", "10.01", "9.999", "-0.49", "0.00"], (v) => v, { order: "asc" });
    expect(ranked.map((r) => [r.item, r.rank])).toEqual([["-0.5", 1], ["-0.49", 2], ["0", 3], ["0.00", 3], ["9.999", 5], ["10.01", 6]]);
  });

  it("compares fen exactly beyond 2^53", () => {
    const ranked = rankBy([9_007_199_254_740_993n, 9_007_199_254_740_992n], (v) => v);
    expect(ranked.map((r) => r.item)).toEqual([9_007_199_254_740_993n, 9_007_199_254_740_992n]);
  });
});

describe("executionRates(lines, year, period)", () => {
  const line = (unitId: string, item: string, a: bigint | null, b: bigint | null): ExecutionFigures => ({ unitId, year: 2026, period: "yearend", item, budgetFullYearFen: a, executedFen: b });
  it("takes B/A of each unit's total line, exact to 0.01", () => {
    const rates = executionRates([
      line("u1", "年度资金总额", 9_278_733_100n, 8_812_345_678n),
      line("u1", "财政拨款", 9_278_733_100n, 1n),
      line("u2", "年度资金总额", 0n, 0n),
      line("u3", "合计", 300n, 200n),
    ], 2026);
    expect(Object.fromEntries(rates)).toEqual({ u1: "94.97", u2: null, u3: "66.67" });
  });
});
