// Property-based fuzzing of importFile (seeded and bounded: 20,000 cases here,
// longer campaigns with `npm run fuzz`). The cases and the invariants are in
// bench/fuzz-cases.ts: mutations of the real forms; only ImportError escapes,
// findings are located in the file, amounts are bigint fen, cell text renders
// escaped, nothing is summed twice. Failing cases the fuzzer found are kept,
// shrunk, under test/fixtures/fuzz/ with a test each.
import { readFileSync } from "node:fs";
import { findingText } from "../src/core/findingText.ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArbitrary, caseBytes, checkImport, encode, encodeGbk, loadSeeds, runCase, type Case } from "../bench/fuzz-cases.ts";
import { importFile } from "../src/core/import.ts";
import { sumFen } from "../src/core/money.ts";

const SEEDS = loadSeeds();
const ARB = caseArbitrary(SEEDS);
/** 4 runs × 5,000 cases = 20,000, each run from its own seed (~10 s each on the 2-core machine). */
const RUNS = [1, 2, 3, 4].map((seed) => ({ seed, numRuns: 5_000 }));

describe("fuzz: importFile over mutated real forms", () => {
  it("has the bundled declaration, its canonical tables and the real forms to mutate", () => {
    expect(SEEDS.map((s) => s.name)).toContain("data/raw/000_83bc0b582c527eae.txt");
    expect(SEEDS.filter((s) => s.name.startsWith("data/canonical/")).length).toBeGreaterThanOrEqual(5);
  });

  it.each(RUNS)("keeps every invariant over $numRuns cases from seed $seed", ({ seed, numRuns }) => {
    fc.assert(
      fc.property(ARB, (c: Case) => {
        const problem = runCase(SEEDS, c);
        if (problem) throw new Error(problem);
      }),
      { seed, numRuns },
    );
  }, 120_000);

  it("reads two copies of a form in one file without summing an amount twice, in every encoding", () => {
    const seed = SEEDS.findIndex((s) => s.name.startsWith("data/raw/"));
    fc.assert(
      fc.property(fc.constantFrom("utf-8", "utf-8-bom", "gbk", "utf-16le", "utf-16be-bom" as const), fc.constantFrom("\n", "\r\n" as const), (encoding, eol) => {
        const c: Case = { seed, mutations: [], delimiter: "same", quoting: "none", eol, encoding, truncate: null, flips: [], twice: true };
        const { file, bytes } = caseBytes(SEEDS, c);
        checkImport(file, bytes);
        const d = importFile(file, bytes);
        expect(d.budget.filter((b) => b.kind === "total").map((b) => b.amountFen)).toEqual([9278733100n]);
        expect(sumFen(d.budget.filter((b) => b.kind === "structure").map((b) => b.amountFen))).toBe(9278733100n);
        expect(d.findings.some((f) => f.code === "load.duplicate_rows")).toBe(true);
      }),
      { seed: 5, numRuns: 10 },
    );
  });

  it("encodeGbk(text) is the inverse of TextDecoder('gbk') on the seed, and null for what GBK lacks", () => {
    const text = SEEDS[0].text;
    expect(new TextDecoder("gbk").decode(encodeGbk(text)!)).toBe(text);
    expect(encodeGbk("😀")).toBeNull();
    expect(new TextDecoder("utf-16be").decode(encode("中文", "utf-16be"))).toBe("中文");
  });
});

// Found by the fuzzer, shrunk (fast-check, then cut by hand to the rows that matter).
const fixture = (name: string) => ({ file: `test/fixtures/fuzz/${name}`, bytes: new Uint8Array(readFileSync(new URL(`./fixtures/fuzz/${name}`, import.meta.url))) });

describe("fuzz regressions (test/fixtures/fuzz/)", () => {
  it("findings-header-broken.csv: a findings table whose header broke over two lines gives no finding without code or message", () => {
    const { file, bytes } = fixture("findings-header-broken.csv");
    checkImport(file, bytes);
    const d = importFile(file, bytes);
    expect(d.findings.every((f) => f.code !== "" && findingText(f, "zh") !== "")).toBe(true);
    expect(d.findings.map((f) => f.code)).toContain("canonical.bad_finding");
  });

  it("indicators-order-1e400.csv: an order or source row of 1e400, -3, 1.5 or 0 is not taken as a number (was Infinity)", () => {
    const { file, bytes } = fixture("indicators-order-1e400.csv");
    checkImport(file, bytes);
    const d = importFile(file, bytes);
    expect(d.indicators.map((i) => i.order)).toEqual([1, 2, 3, 4, 5]);
    expect(d.indicators.map((i) => i.source.row)).toEqual([35, 36, 37, 5, 6]);
  });

  it("indicators-merged-levels.csv: a blank 一级/二级 under a merged cell takes the row above's, told; with no row above the row is skipped, told", () => {
    const { file, bytes } = fixture("indicators-merged-levels.csv");
    checkImport(file, bytes);
    const d = importFile(file, bytes);
    expect(d.indicators).toHaveLength(11);
    expect(d.indicators.every((i) => i.level1 !== "" && i.level2 !== "")).toBe(true);
    expect(d.indicators.slice(1, 4).map((i) => i.level1)).toEqual(["投入管理指标", "投入管理指标", "投入管理指标"]);
    expect(d.indicators.slice(8, 10).map((i) => i.level2)).toEqual(["数量指标", "数量指标"]);
    expect(d.findings.filter((f) => f.code === "canonical.filled_down")).toHaveLength(5);
    expect(d.findings.filter((f) => f.code === "canonical.no_level")).toEqual([expect.objectContaining({ severity: "error", location: { file, row: 2, column: 5 } })]);
  });

  it("budget-merged-item.csv: a budget line without its item is skipped with a finding, not drawn as a nameless bar", () => {
    const { file, bytes } = fixture("budget-merged-item.csv");
    checkImport(file, bytes);
    const d = importFile(file, bytes);
    expect(d.budget.map((b) => b.item)).toEqual(["部门整体预算总额", "财政拨款", "其他资金"]);
    expect(d.findings.filter((f) => f.code === "canonical.no_item").map((f) => f.location.row)).toEqual([5, 6]);
  });
});
