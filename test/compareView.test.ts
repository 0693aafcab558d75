// The comparison pages' shaping helpers (src/site/compareView.ts) and their URL
// state (src/site/compareState.ts): what can be compared, a unit's budget
// across years (exactly as compareBudget pairs it), the waterfall plan that adds
// up to the fen, score trends, the cross-unit year view and its roll-up checks,
// the text diff, and state that survives a round trip through the URL.
import { describe, expect, it } from "vitest";
import { compareBudget, unitYears } from "../src/core/compare.ts";
import { mergeDatasets } from "../src/core/import.ts";
import type { Dataset } from "../src/core/model.ts";
import { scoreProgress } from "../src/core/progress.ts";
import { rollup, unitTotals } from "../src/core/rollup.ts";
import { siteDataset } from "../src/site/dataset.ts";
import {
  budgetHistory,
  compareIndex,
  compareModel,
  completionRows,
  decimalChange,
  defaultPair,
  hundredthsOf,
  indicatorCounts,
  pctText,
  regionOf,
  scoreTrend,
  slopeRowsOf,
  structureRows,
  textDiff,
  unitComparePaths,
  unitPair,
  waterfallPlan,
  yearPairs,
  yearView,
} from "../src/site/compareView.ts";
import { EMPTY_STATE, pairSlug, parsePairSlug, readState, stateQuery } from "../src/site/compareState.ts";
import { addBudget, asYear, budgetLine, real, UNIT_NAME } from "./compare.fixtures.ts";

const site = siteDataset();
const model = compareModel(site);
const REAL_ID = site.units.find((u) => u.status === "declared")!.id;

describe("what can be compared (bundled data)", () => {
  it("lists the five units with 2024–2026 and the three years with five units each", () => {
    const { units, years } = compareIndex(model);
    expect(units).toHaveLength(5);
    for (const u of units) expect(u.years).toEqual([2024, 2025, 2026]);
    const realUnit = units.find((u) => u.unitId === REAL_ID)!;
    expect(realUnit.name).toBe(UNIT_NAME);
    expect(realUnit.sampleYears).toEqual([2024, 2025]);
    expect(units.filter((u) => u.unitId !== REAL_ID).every((u) => u.sampleYears.length === 3)).toBe(true);
    expect(years).toEqual([
      { year: 2026, units: 5, sampleUnits: 4 },
      { year: 2025, units: 5, sampleUnits: 5 },
      { year: 2024, units: 5, sampleUnits: 5 },
    ]);
  });

  it("pairs every two years (consecutive first) and opens on the latest two", () => {
    expect(yearPairs([2026, 2024, 2025])).toEqual([[2024, 2025], [2025, 2026], [2024, 2026]]);
    expect(yearPairs([2026])).toEqual([]);
    expect(defaultPair([2024, 2026, 2025])).toEqual([2025, 2026]);
    expect(defaultPair([2026])).toBeNull();
    const paths = unitComparePaths(model);
    expect(paths).toHaveLength(5 * 4);
    expect(paths.filter((p) => p.unitId === REAL_ID).map((p) => p.slug)).toEqual([null, "2024-2025", "2025-2026", "2024-2026"]);
  });

  it("a unit with one year has nothing to compare", () => {
    const one = compareModel(real());
    expect(compareIndex(one)).toEqual({ units: [], years: [] });
  });
});

describe("budgetHistory(years)", () => {
  const years = model.byUnit.get(REAL_ID)!;
  const history = budgetHistory(years);

  it("gives each year's amounts and the change on the year before exactly as compareBudget does", () => {
    expect(history.map((r) => [r.kind, r.item])).toEqual([
      ["total", "部门整体预算总额"],
      ["source", "财政拨款"],
      ["source", "其他资金"],
      ["structure", "基本支出"],
      ["structure", "项目支出"],
    ]);
    for (let i = 1; i < years.length; i++) {
      const deltas = compareBudget(years[i - 1].budget, years[i].budget);
      for (const d of deltas) {
        const row = history.find((r) => r.kind === d.kind && (d.kind === "total" || r.item === d.item))!;
        expect(row.cells[i]).toEqual({ year: years[i].year, amountFen: d.newFen, changeFen: d.changeFen, changePct: d.changePct, status: d.status });
        expect(row.cells[i - 1].amountFen).toBe(d.oldFen);
      }
    }
    const total = history[0];
    expect(total.cells.map((c) => c.amountFen)).toEqual([8_129_145_556n, 8_548_914_348n, 9_278_733_100n]);
    expect(total.cells[2].changeFen).toBe(729_818_752n);
    expect(total.cells[2].changePct).toBe("8.54");
    expect(total.cells[0].changeFen).toBeNull();
  });

  it("lists an item declared in one year only, with the missing side counting 0", () => {
    const a = asYear(real(), 2025);
    const b = real();
    addBudget(a, "source", "上年结转", 100_00n);
    addBudget(b, "structure", "其他支出", 5_00n);
    const h = budgetHistory(unitYears(mergeDatasets([a, b])));
    const carried = h.find((r) => r.item === "上年结转")!;
    expect(carried.cells.map((c) => [c.amountFen, c.changeFen, c.status])).toEqual([[100_00n, null, null], [null, -100_00n, "removed"]]);
    const other = h.find((r) => r.item === "其他支出")!;
    expect(other.cells.map((c) => [c.amountFen, c.changeFen, c.changePct, c.status])).toEqual([[null, null, null, null], [5_00n, 5_00n, null, "added"]]);
  });

  it("gives the slope chart the total and the structure items", () => {
    const rows = slopeRowsOf(history, "预算总额");
    expect(rows.map((r) => r.item)).toEqual(["预算总额", "基本支出", "项目支出"]);
    expect(rows[0].values).toEqual([
      { year: 2024, amountFen: 8_129_145_556n },
      { year: 2025, amountFen: 8_548_914_348n },
      { year: 2026, amountFen: 9_278_733_100n },
    ]);
  });
});

describe("waterfallPlan(deltas)", () => {
  it("explains the change of the total by the structure items, to the fen", () => {
    const cmp = unitPair(model, REAL_ID, 2025, 2026)!;
    const plan = waterfallPlan(cmp.budget)!;
    expect(plan).toEqual({
      basis: "structure",
      startFen: 8_548_914_348n,
      endFen: 9_278_733_100n,
      steps: [
        { item: "基本支出", changeFen: 495_931_330n, status: "changed" },
        { item: "项目支出", changeFen: 233_887_422n, status: "changed" },
      ],
      residualFen: 0n,
    });
  });

  it("keeps what the items do not explain as a residual, so the steps always add up", () => {
    const a = asYear(real(), 2025);
    const b = real();
    budgetLine(b, "部门整体预算总额").amountFen += 7n; // the structure no longer reconciles
    budgetLine(b, "基本支出").amountFen -= 100n;
    const plan = waterfallPlan(compareBudget(a.budget, b.budget))!;
    expect(plan.steps.map((s) => s.changeFen)).toEqual([-100n, 0n]);
    expect(plan.residualFen).toBe(107n);
    expect(plan.startFen + plan.steps.reduce((s, x) => s + x.changeFen, 0n) + plan.residualFen).toBe(plan.endFen);
  });

  it("uses the sources without a structure, and gives up without a total", () => {
    const a = asYear(real(), 2025);
    const b = real();
    for (const d of [a, b]) d.budget = d.budget.filter((x) => x.kind !== "structure");
    expect(waterfallPlan(compareBudget(a.budget, b.budget))!.basis).toBe("source");
    b.budget = b.budget.filter((x) => x.kind !== "total");
    expect(waterfallPlan(compareBudget(a.budget, b.budget))).toBeNull();
  });
});

describe("money and change as text", () => {
  it("pctText(pct, none) signs compareBudget's change percentage", () => {
    expect(pctText("8.54", "新增")).toBe("+8.54%");
    expect(pctText("-100.00", "新增")).toBe("-100.00%");
    expect(pctText("0.00", "新增")).toBe("0.00%");
    expect(pctText(null, "新增")).toBe("新增");
  });

  it("subtracts exact decimals", () => {
    expect(hundredthsOf("95.5")).toBe(9550n);
    expect(hundredthsOf("-0.05")).toBe(-5n);
    expect(hundredthsOf("1.234")).toBeNull();
    expect(decimalChange("81.10", "91.40")).toBe("+10.30");
    expect(decimalChange("91.40", "88.67")).toBe("-2.73");
    expect(decimalChange("90", "90.00")).toBe("0.00");
    expect(decimalChange(null, "1")).toBeNull();
  });
});

describe("indicators and trends", () => {
  it("counts matches by status, target direction, strictness and method", () => {
    const cmp = unitPair(model, REAL_ID, 2025, 2026)!;
    const c = indicatorCounts(cmp.indicators);
    expect(c.status.added + c.status.removed + c.status.changed + c.status.unchanged).toBe(cmp.indicators.length);
    expect(c.status).toEqual({
      added: cmp.indicators.filter((m) => m.status === "added").length,
      removed: cmp.indicators.filter((m) => m.status === "removed").length,
      changed: cmp.indicators.filter((m) => m.status === "changed").length,
      unchanged: cmp.indicators.filter((m) => m.status === "unchanged").length,
    });
    expect(c.method.id + c.method.name + c.method.fuzzy + c.method.manual).toBe(c.status.changed + c.status.unchanged);
    expect(c.direction.raised).toBe(cmp.indicators.filter((m) => m.old && m.new && m.old.target !== m.new.target && m.direction === "raised").length);
  });

  it("takes score, grade and execution rate of each year from the year-end reports", () => {
    const trend = scoreTrend(model, REAL_ID, [2024, 2025, 2026]);
    const reports = scoreProgress(site).reports.filter((r) => r.unitId === REAL_ID && r.period === "yearend");
    expect(trend.map((t) => t.score)).toEqual(reports.map((r) => r.result.total));
    expect(trend.map((t) => t.grade)).toEqual(reports.map((r) => r.result.grade));
    expect(trend.map((t) => t.rate)).toEqual(reports.map((r) => r.execution!.rate));
    expect(trend[0].scoreChange).toBeNull();
    expect(trend[1].scoreChange).toBe(decimalChange(trend[0].score, trend[1].score));
    const r = reports[2];
    const counted = trend[2].counts;
    expect(counted.met + counted.partly + counted.notMet + counted.noData + counted.notApplicable).toBe(r.indicators.length);
  });

  it("leaves not-applicable items (投入管理) out of the completion rows and counts them apart", () => {
    const r = scoreProgress(site).reports.find((x) => x.unitId === REAL_ID && x.year === 2026 && x.period === "yearend")!;
    const { rows, notApplicable } = completionRows(r.indicators);
    expect(rows.map((x) => x.group)).toEqual(["产出指标", "效益指标", "满意度指标"]);
    expect(notApplicable).toBe(r.indicators.filter((i) => i.score.status === "not_applicable").length);
    expect(notApplicable).toBeGreaterThan(0);
  });
});

describe("yearView(model, year)", () => {
  const v = yearView(model, 2026);

  it("rolls the units up to the fen, region by region, and every check holds", () => {
    const totals = unitTotals(site, 2026);
    const sum = totals.reduce((s, u) => s + (u.totalFen ?? 0n), 0n);
    expect(v.rollup.totalFen).toBe(sum);
    expect(v.rollup.totalFen).toBe(rollup({ id: "all", name: "all" }, totals).totalFen);
    expect(v.regions.map((r) => r.name)).toEqual(["江川路街道"]);
    expect(v.regions[0].rollup.totalFen).toBe(sum);
    expect(v.checks).toHaveLength(6);
    expect(v.checks.every((c) => c.state === "ok")).toBe(true);
    expect(v.budget).toEqual({ count: 5, sumFen: sum, minFen: totals.reduce((a, u) => (u.totalFen! < a ? u.totalFen! : a), totals[0].totalFen!), maxFen: 9_278_733_100n });
  });

  it("a unit whose items do not add up makes its region's check a mismatch, with the difference", () => {
    const d: Dataset = structuredClone(site);
    const line = d.budget.find((b) => b.unitId === REAL_ID && b.year === 2026 && b.item === "基本支出")!;
    line.amountFen += 1n;
    const w = yearView(compareModel(d), 2026);
    const bad = w.checks.filter((c) => c.state === "mismatch");
    expect(bad.map((c) => [c.region, c.kind, c.sumFen - c.totalFen])).toEqual([[null, "structure", 1n], ["江川路街道", "structure", 1n]]);
  });

  it("ranks by budget, rate and score with ties sharing a rank, and bands every unit once", () => {
    expect(v.ranks.budget[0].item.unitId).toBe(REAL_ID);
    expect(v.ranks.budget.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const key of ["rate", "score"] as const) {
      const values = v.ranks[key].map((r) => hundredthsOf(r.value as string)!);
      expect([...values].sort((a, b) => (b > a ? 1 : b < a ? -1 : 0))).toEqual(values);
    }
    expect(v.rateBands.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(v.grades.reduce((s, b) => s + b.count, 0)).toBe(5);
    expect(v.scored).toBe(5);
    // Two units with the same total share a rank and keep their name order.
    const d: Dataset = structuredClone(site);
    const [a, b] = v.units.slice(1, 3);
    for (const line of d.budget) if (line.unitId === b.unitId && line.year === 2026 && line.kind === "total") line.amountFen = a.totals.totalFen!;
    const tied = yearView(compareModel(d), 2026).ranks.budget.filter((r) => r.item.totals.totalFen === a.totals.totalFen);
    expect(tied.map((r) => [r.item.name, r.rank])).toEqual([[a.name, tied[0].rank], [b.name, tied[0].rank]]);
  });

  it("drills down from region to unit to 一级 to each declared indicator, with its year-end status", () => {
    const unit = v.units.find((u) => u.unitId === REAL_ID)!;
    expect(unit.groups.map((g) => g.level1)).toEqual(["投入管理指标", "产出指标", "效益指标", "满意度指标"]);
    expect(unit.groups.reduce((s, g) => s + g.indicators.length, 0)).toBe(site.indicators.filter((i) => i.unitId === REAL_ID && i.year === 2026).length);
    expect(unit.groups[0].indicators.every((i) => i.status === "not_applicable")).toBe(true);
    expect(structureRows(v.units, "structure").find((r) => r.label === UNIT_NAME)!.items).toEqual([
      { item: "基本支出", amountFen: 5_083_928_487n },
      { item: "项目支出", amountFen: 4_194_804_613n },
    ]);
  });

  it("reads the 街道 or 镇 from a unit's name", () => {
    expect(regionOf("上海市闵行区江川路街道社区党群服务中心")).toBe("江川路街道");
    expect(regionOf("示例·江川路街道文化活动中心")).toBe("江川路街道");
    expect(regionOf("上海市闵行区马桥镇社区事务受理服务中心")).toBe("马桥镇");
    expect(regionOf("上海市闵行区文化旅游局")).toBeNull();
  });
});

describe("textDiff(a, b)", () => {
  it("marks the changed words and gives back both texts", () => {
    const a = "2025年全面开展社区大规模体育场地普查工作。";
    const b = "2026年全面开展社区体育场地普查及维护工作。";
    const runs = textDiff(a, b);
    expect(runs.filter((r) => r.op !== "ins").map((r) => r.text).join("")).toBe(a);
    expect(runs.filter((r) => r.op !== "del").map((r) => r.text).join("")).toBe(b);
    expect(runs.slice(0, 3)).toEqual([{ op: "del", text: "2025" }, { op: "ins", text: "2026" }, { op: "same", text: "年全面开展社区" }]);
    expect(runs).toContainEqual({ op: "del", text: "大规模" });
    expect(runs).toContainEqual({ op: "ins", text: "及维护" });
  });

  it("is all kept for equal texts, and gives up on detail for very long ones", () => {
    expect(textDiff("相同", "相同")).toEqual([{ op: "same", text: "相同" }]);
    const long = "甲".repeat(600);
    expect(textDiff(long, `${long}乙`)).toEqual([{ op: "same", text: long }, { op: "ins", text: "乙" }]);
    const x = "甲乙".repeat(400);
    const y = "丙丁".repeat(400);
    expect(textDiff(x, y)).toEqual([{ op: "del", text: x }, { op: "ins", text: y }]);
  });
});

describe("URL state", () => {
  it("reads years, filters, view, order and drill-down, ignoring anything malformed", () => {
    expect(readState("?from=2024&to=2025&status=changed,added&l1=产出指标&view=share&sort=rate&region=江川路街道&unit=u1")).toEqual({
      from: 2024, to: 2025, status: ["added", "changed"], l1: "产出指标", view: "share", sort: "rate", region: "江川路街道", unit: "u1",
    });
    expect(readState("?from=24&to=x&status=bogus&view=pie&sort=<script>")).toEqual(EMPTY_STATE);
    expect(readState("?status=added,removed,changed,unchanged").status).toEqual([]);
    expect(readState("")).toEqual(EMPTY_STATE);
  });

  it("writes defaults away and round-trips", () => {
    expect(stateQuery(EMPTY_STATE)).toBe("");
    expect(stateQuery({ ...EMPTY_STATE, view: "abs", sort: "budget" })).toBe("");
    const s = { ...EMPTY_STATE, status: ["changed" as const, "added" as const], l1: "效益指标", view: "share" as const, unit: "u1" };
    const q = stateQuery(s);
    expect(q).toBe(`?status=added%2Cchanged&unit=u1&l1=${encodeURIComponent("效益指标")}&view=share`);
    expect(readState(q)).toEqual({ ...s, status: ["added", "changed"] });
  });

  it("names a pair of years in a path", () => {
    expect(pairSlug(2024, 2025)).toBe("2024-2025");
    expect(parsePairSlug("2024-2026")).toEqual([2024, 2026]);
    expect(parsePairSlug("2026-2024")).toBeNull();
    expect(parsePairSlug("2024-25")).toBeNull();
  });
});
