// Round trips are identities: every fixture read by `jixiao import`, written as
// canonical CSV (`--out`) or JSON (`--json`) and read back gives the same model
// and the same findings (as a multiset), and a second trip changes nothing —
// findings.csv does not grow.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { findingTexts } from "../src/core/findingText.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importData, jsonText, writeCanonical, type Io } from "../src/cli/io.ts";
import { toJson } from "../src/core/canonical.ts";
import type { Dataset, Finding } from "../src/core/model.ts";
import { SEED_BYTES, SEED_NAME, gbk, seedAsExcelCsv, utf16le, utf8, withUtf8Bom } from "./fixtures/variants.ts";
import { csv, monitorRows, selfEvalRows, tsv } from "./progress.fixtures.ts";

const tmp = mkdtempSync(join(tmpdir(), "jixiao-roundtrip-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The real published forms kept in the repo (test/fixtures/real, its hold-out set included): every CSV of them.
const REAL_FORMS = join(import.meta.dirname, "fixtures/real");
const realForms = [REAL_FORMS, join(REAL_FORMS, "holdout")].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".csv")).sort().map((f) => join(dir, f)));

let n = 0;
/** Writes generated fixture files into a fresh folder; returns their paths. */
function written(files: Record<string, Uint8Array | string>): string[] {
  const dir = join(tmp, `f${n++}`);
  mkdirSync(dir);
  return Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  });
}

/** [name, paths, whether today's reader reads it] — the real forms the reader cannot read yet still round-trip (as nothing). */
const FIXTURES: [string, () => string[], boolean?][] = [
  ["data/raw", () => ["data/raw"]],
  ["data/canonical", () => ["data/canonical"]],
  ["data/sample", () => ["data/sample"]],
  ["data/raw with data/sample", () => ["data/raw", "data/sample"]],
  ["the seed as Excel CSV, UTF-8 with BOM", () => written({ "seed.csv": withUtf8Bom(utf8(seedAsExcelCsv())) })],
  ["the seed as GBK CSV", () => written({ "seed.gbk.csv": gbk(seedAsExcelCsv()) })],
  ["the seed as UTF-16LE text", () => written({ "seed.txt": utf16le(new TextDecoder().decode(SEED_BYTES)) })],
  ["a 自评表 and a 运行监控表 with their declaration", () => [SEED_NAME, ...written({ "self.tsv": tsv(selfEvalRows()), "monitor.csv": csv(monitorRows()) })]],
  ...realForms.map((f): [string, () => string[], boolean] => [f.slice(REAL_FORMS.length + 1), () => [f], false]),
];

const quiet: Io = { out: () => {}, err: () => {} };

async function load(paths: string[]): Promise<Dataset> {
  return (await importData(paths, quiet)).data;
}

/** The canonical tables keep a row's file and row, not its column, and not the unit name a progress row repeats. */
function model(d: Dataset): unknown {
  const strip = (x: object) => {
    const { source, unitName: _u, ...rest } = x as Record<string, unknown> & { source: { file: string; row?: number } };
    return { ...rest, source: { file: source.file, row: source.row } };
  };
  return {
    units: d.units.map(strip), budget: d.budget.map(strip), tasks: d.tasks.map(strip), indicators: d.indicators.map(strip),
    actuals: (d.actuals ?? []).map(strip), execution: (d.execution ?? []).map(strip),
  };
}

const multiset = (fs: readonly Finding[]) =>
  fs.map((f) => JSON.stringify([f.severity, f.code, f.subject ?? null, f.location.file, f.location.row ?? null, f.location.column ?? null, findingTexts(f).zh, findingTexts(f).en, f.params])).sort();

async function viaCsv(d: Dataset): Promise<{ data: Dataset; dir: string }> {
  const dir = join(tmp, `c${n++}`);
  writeCanonical(d, dir);
  return { data: await load([dir]), dir };
}

describe.each(FIXTURES)("round trips of %s", (_name, paths, readable = true) => {
  let first: Dataset;
  beforeAll(async () => {
    first = await load(paths());
  });

  it.runIf(readable)("reads something", () => {
    expect(first.units.length + first.indicators.length + (first.actuals?.length ?? 0) + (first.execution?.length ?? 0)).toBeGreaterThan(0);
  });

  it("form → canonical CSV → import gives the same model and the same findings", async () => {
    const back = (await viaCsv(first)).data;
    expect(model(back)).toEqual(model(first));
    expect(multiset(back.findings)).toEqual(multiset(first.findings));
  });

  it("a second trip through the canonical CSV changes no byte of the tables (findings.csv does not grow)", async () => {
    const once = await viaCsv(first);
    const twice = await viaCsv(once.data);
    for (const f of readdirSync(once.dir)) expect(readFileSync(join(twice.dir, f), "utf8"), f).toBe(readFileSync(join(once.dir, f), "utf8"));
    expect(readdirSync(twice.dir)).toEqual(readdirSync(once.dir));
  });

  it("canonical JSON (import --json) → import gives the same model and the same findings", async () => {
    const [file] = written({ "data.json": jsonText(toJson(first)) });
    const back = await load([file]);
    expect(model(back)).toEqual(model(first));
    expect(multiset(back.findings)).toEqual(multiset(first.findings));
  });
});
