// The illustrative data generator: deterministic, traceable, always labelled
// sample, never written into data/canonical, and its output reads back cleanly.
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SEED, ROOT, SAMPLE_TABLES, generateSample, readReal, rng, writeSample } from "../scripts/gen-sample.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { scoreProgress, withLinkedProgress } from "../src/core/progress.ts";
import type { Dataset, ExecutionLine } from "../src/core/model.ts";

const real = readReal();
const a = generateSample(DEFAULT_SEED, real);
const b = generateSample(DEFAULT_SEED, real);
const other = generateSample(DEFAULT_SEED + 1, real);
const SRC = `scripts/gen-sample.ts (seed ${DEFAULT_SEED})`;

/** The sample files read back the way `jixiao import data/sample` reads them. */
function readBack(files: Record<string, string>, dir = "data/sample"): Dataset {
  return mergeDatasets(Object.entries(files).map(([name, text]) => importFile(`${dir}/${name}`, new TextEncoder().encode(text))));
}

describe("scripts/gen-sample.ts", () => {
  it("the same seed gives the same bytes; another seed other data", () => {
    expect(Object.keys(a.files)).toEqual(SAMPLE_TABLES.map((t) => `${t}.csv`));
    expect(b.files).toEqual(a.files);
    expect(other.files["actuals.csv"]).not.toEqual(a.files["actuals.csv"]);
    const r1 = rng(5);
    const r2 = rng(5);
    expect(Array.from({ length: 5 }, r1.next)).toEqual(Array.from({ length: 5 }, r2.next));
  });

  it("the committed data/sample is the generator's output for the default seed", () => {
    for (const [name, text] of Object.entries(a.files)) expect(readFileSync(join(ROOT, "data/sample", name), "utf8"), name).toBe(text);
    expect(readdirSync(join(ROOT, "data/sample")).filter((f) => f.endsWith(".csv")).sort()).toEqual(Object.keys(a.files).sort());
  });

  it("reads back without import errors, with every unit, actual and execution row labelled sample", () => {
    const data = readBack(a.files);
    expect(data.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(data.units.length).toBeGreaterThan(0);
    expect(data.units.every((u) => u.status === "sample")).toBe(true);
    expect(data.actuals!.length).toBeGreaterThan(500);
    expect(data.actuals!.every((x) => x.status === "sample")).toBe(true);
    expect(data.execution!.every((x) => x.status === "sample")).toBe(true);
    for (const rows of [data.units, data.budget, data.tasks, data.indicators, data.actuals!, data.execution!]) {
      expect(rows.every((x) => x.source.file === SRC)).toBe(true);
      // source_row is the row in the written file (header = row 1).
      expect(rows.map((x) => x.source.row)).toEqual(rows.map((_, i) => i + 2));
    }
  });

  it("does not duplicate the real unit's 2026 entry; siblings are named 示例", () => {
    const data = a.data;
    const realUnit = real.units[0];
    expect(data.units.some((u) => u.id === realUnit.id && u.year === realUnit.year)).toBe(false);
    expect(data.indicators.some((i) => i.unitId === realUnit.id && i.year === realUnit.year)).toBe(false);
    expect(data.budget.some((x) => x.unitId === realUnit.id && x.year === realUnit.year)).toBe(false);
    expect(data.units.filter((u) => u.id === realUnit.id).map((u) => u.year)).toEqual([2024, 2025]);
    const siblings = data.units.filter((u) => u.id !== realUnit.id);
    expect(new Set(siblings.map((u) => u.name)).size).toBe(4);
    expect(siblings.every((u) => u.name.startsWith("示例·"))).toBe(true);
    expect(new Set(siblings.map((u) => u.year))).toEqual(new Set([2024, 2025, 2026]));
  });

  it("progress for the real 2026 indicators refers to them by their real ids, mid-year and year-end", () => {
    const realIds = new Set(real.indicators.map((i) => i.id));
    const on2026 = a.data.actuals!.filter((x) => x.unitId === real.units[0].id && x.year === 2026);
    expect(new Set(on2026.map((x) => x.period))).toEqual(new Set(["midyear", "yearend"]));
    expect(on2026.every((x) => x.indicatorId !== null && realIds.has(x.indicatorId))).toBe(true);
    // Together with the real declaration every row matches; the few left out are 未填报.
    const linked = withLinkedProgress(mergeDatasets([real, readBack(a.files)]));
    expect(linked.findings.filter((f) => f.code === "actual.unmatched" || f.code === "actual.duplicate" || f.code === "actual.id_mismatch")).toEqual([]);
    const missing = linked.findings.filter((f) => f.code === "actual.missing");
    expect(missing.length).toBeGreaterThan(0);
  });

  it("is plausible and varied: met, short, missing, graded, deadlines on time and late, all three likelihoods", () => {
    const { reports } = scoreProgress(mergeDatasets([real, a.data]));
    const r2026 = reports.filter((r) => r.unitId === real.units[0].id && r.year === 2026);
    expect(r2026.map((r) => r.period)).toEqual(["midyear", "yearend"]);
    const all = reports.flatMap((r) => r.indicators);
    const statuses = new Set(all.map((i) => i.score.status));
    for (const s of ["met", "partly", "not_met", "no_data", "not_applicable"]) expect(statuses).toContain(s);
    const end = reports.filter((r) => r.period === "yearend").flatMap((r) => r.indicators);
    expect(end.some((i) => i.value.kind === "grade")).toBe(true);
    const deadlines = end.filter((i) => i.indicator.parsed.kind === "deadline" && i.value.kind === "date");
    expect(deadlines.some((i) => i.score.status === "met")).toBe(true);
    expect(deadlines.some((i) => i.score.status === "not_met")).toBe(true);
    const likelihoods = new Set(a.data.actuals!.map((x) => x.likelihood).filter(Boolean));
    expect(likelihoods).toEqual(new Set(["确定能", "有可能", "完全不可能"]));
    for (const r of reports) {
      expect(Number(r.result.total)).toBeGreaterThan(50);
      expect(r.status).toBe("sample");
    }
    // Year-end totals mostly met: between 60 % and 95 % of scored indicators met.
    const scored = end.filter((i) => i.score.status !== "not_applicable");
    const met = scored.filter((i) => i.score.status === "met").length / scored.length;
    expect(met).toBeGreaterThan(0.6);
    expect(met).toBeLessThan(0.95);
  });

  it("budgets reconcile to the fen and execution parts add up to the total line", () => {
    const d = a.data;
    for (const u of d.units) {
      const lines = d.budget.filter((x) => x.unitId === u.id && x.year === u.year);
      const total = lines.find((x) => x.kind === "total")!.amountFen;
      for (const kind of ["source", "structure"] as const) expect(lines.filter((x) => x.kind === kind).reduce((s, x) => s + x.amountFen, 0n)).toBe(total);
    }
    const groups = new Map<string, ExecutionLine[]>();
    for (const e of d.execution!) groups.set(`${e.unitId}|${e.year}|${e.period}`, [...(groups.get(`${e.unitId}|${e.year}|${e.period}`) ?? []), e]);
    for (const [, [total, ...parts]] of groups) {
      expect(total.item).toBe("年度资金总额");
      expect(parts.reduce((s, x) => s + x.executedFen!, 0n)).toBe(total.executedFen);
      expect(parts.reduce((s, x) => s + x.budgetFullYearFen!, 0n)).toBe(total.budgetFullYearFen);
    }
  });

  it("earlier years change plausibly: indicators added, dropped, renamed and retargeted", () => {
    const realUnit = real.units[0];
    const names = (year: number) => new Set(a.data.indicators.filter((i) => i.unitId === realUnit.id && i.year === year).map((i) => i.name));
    const n2026 = new Set(real.indicators.map((i) => i.name));
    const n2025 = names(2025);
    expect([...n2025].some((n) => !n2026.has(n))).toBe(true); // added or renamed
    expect([...n2026].some((n) => !n2025.has(n))).toBe(true); // dropped or renamed
    const target = (year: number, name: string) => a.data.indicators.find((i) => i.unitId === realUnit.id && i.year === year && i.name === name)?.target;
    const retargeted = real.indicators.filter((i) => i.parsed.kind === "quantitative" && target(2025, i.name!) !== undefined && target(2025, i.name!) !== i.target);
    expect(retargeted.length).toBeGreaterThan(0);
    const totals = [2024, 2025].map((y) => a.data.budget.find((x) => x.unitId === realUnit.id && x.year === y && x.kind === "total")!.amountFen);
    expect(totals[0]).toBeLessThan(totals[1]);
  });

  it("refuses to write into data/canonical", () => {
    expect(() => writeSample(a, join(ROOT, "data/canonical"))).toThrow(/real data only/);
    expect(() => writeSample(a, join(ROOT, "data/canonical/sub"))).toThrow(/real data only/);
    const dir = mkdtempSync(join(tmpdir(), "jixiao-sample-"));
    const written = writeSample(a, dir);
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(Object.keys(a.files));
    expect(existsSync(join(dir, "actuals.csv"))).toBe(true);
  });
});
