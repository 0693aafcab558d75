// The published unit page's data-quality findings are its declaration's: with the
// bundled illustrative (示例数据) progress loaded beside the real declaration, the
// real unit-year's findings and counts are exactly what `jixiao import data/raw`
// finds (2 errors, 7 warnings), not the three 未填报 warnings of the illustrative
// actuals, which sit at the declaration's rows but belong to the progress page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { openDataFolders } from "../src/query/node.ts";
import { queries } from "../src/query/queries.ts";
import { importFile } from "../src/core/import.ts";
import type { QueryEngine } from "../src/query/engine.ts";

const RAW = "data/raw/000_83bc0b582c527eae.txt";
const cli = importFile(RAW, readFileSync(RAW)).findings;
const key = (f: { severity: string; code: string; source_row?: number | null; row?: number }) => `${f.severity} ${f.code} ${f.source_row ?? f.row ?? ""}`;
let site: QueryEngine;

beforeAll(async () => {
  site = await openDataFolders([{ dir: "data/canonical", status: "declared" }, { dir: "data/sample", status: "sample" }]);
});
afterAll(() => site?.close());

describe("queries.findings(unit, year) with illustrative progress beside the declaration", () => {
  it("gives the declaration's findings, as the CLI reads them from the raw form", async () => {
    const unit = importFile(RAW, readFileSync(RAW)).units[0];
    const rows = await queries.findings(site, unit.id, unit.year);
    expect(rows.map(key).sort()).toEqual(cli.map((f) => key({ severity: f.severity, code: f.code, row: f.location.row })).sort());
    expect(rows.filter((r) => r.severity === "warning")).toHaveLength(7);
    expect(rows.some((r) => r.code === "actual.missing")).toBe(false);
  });

  it("counts the same on the overview; an illustrative unit-year keeps its own findings", async () => {
    const counts = await queries.findingCounts(site);
    const real = Object.fromEntries(counts.filter((c) => c.unit_id === "ue5033044165152b9" && c.fiscal_year === 2026).map((c) => [c.severity, c.n]));
    expect(real).toEqual({ error: 2, warning: 7, info: cli.filter((f) => f.severity === "info").length });
    const sample = counts.filter((c) => c.fiscal_year === 2025 && c.unit_id === "ue5033044165152b9");
    expect(sample.reduce((n, c) => n + c.n, 0)).toBeGreaterThan(0);
    expect((await queries.findings(site, "ue5033044165152b9", 2025)).some((r) => r.code === "actual.missing" || r.code.startsWith("target."))).toBe(true);
  });
});
