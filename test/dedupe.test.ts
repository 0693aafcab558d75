// Loading the same content twice is told and counted once, never summed:
// dedupeLoads (src/core/dedupe.ts) and `jixiao import a copy-of-a`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { findingText } from "../src/core/findingText.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main.ts";
import { dedupeFindings, dedupeLoads } from "../src/core/dedupe.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { sumFen } from "../src/core/money.ts";
import type { Finding } from "../src/core/model.ts";
import { asYear, real } from "./compare.fixtures.ts";
import { SEED_BYTES, SEED_NAME, SEED_TEXT, concat, gbk, seedAsExcelCsv, utf8 } from "./fixtures/variants.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-dedupe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

async function importJson(...paths: string[]) {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(["import", ...paths, "--json"], io);
  return { code, err, json: JSON.parse(out) as { units: unknown[]; budget: { kind: string; amount: string }[]; indicators: unknown[]; tasks: unknown[]; findings: Finding[] } };
}

const total = (budget: { kind: string; amount: string }[]) => budget.filter((b) => b.kind === "total").map((b) => b.amount);

describe("jixiao import a.csv copy-of-a.csv", () => {
  const A = file("a.txt", SEED_BYTES);
  const COPY = file("copy-of-a.txt", SEED_BYTES);

  it("the same bytes twice: one load.duplicate_file at the copy, the data once", async () => {
    const { code, json } = await importJson(A, COPY);
    expect(code).toBe(0);
    expect(json.units).toHaveLength(1);
    expect(json.indicators).toHaveLength(60);
    expect(total(json.budget)).toEqual(["92787331.00"]);
    const dup = json.findings.filter((f) => f.code.startsWith("load."));
    expect(dup).toEqual([expect.objectContaining({ code: "load.duplicate_file", location: { file: COPY } })]);
    expect(findingText(dup[0], "zh")).toMatch(/^文件与 .*a\.txt 内容完全相同，只计入一次$/);
    expect(findingText(dup[0], "en")).toContain("a.txt");
    expect(json.findings.filter((f) => f.location.file === COPY)).toEqual(dup);
  });

  it("the same rows in other bytes (re-saved as GBK CSV): one load.duplicate_rows naming both files, the data once", async () => {
    const RESAVED = file("a.gbk.csv", gbk(seedAsExcelCsv()));
    const { json } = await importJson(A, RESAVED);
    expect(json.units).toHaveLength(1);
    expect(json.tasks).toHaveLength(10);
    expect(json.indicators).toHaveLength(60);
    expect(total(json.budget)).toEqual(["92787331.00"]);
    const dup = json.findings.filter((f) => f.code.startsWith("load."));
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ code: "load.duplicate_rows", location: { file: RESAVED } });
    expect(dup[0].location.row).toBeGreaterThan(0);
    expect(findingText(dup[0], "zh")).toMatch(/^\d+ 行与 .*a\.txt 中的行相同/);
    // Only what is said of the file itself (its encoding) stays beside the note; the copy's rows' findings went with them.
    expect(json.findings.filter((f) => f.location.file === RESAVED).map((f) => f.code).sort()).toEqual(["encoding.detected", "load.duplicate_rows"]);
  });

  it("a form and the canonical tables made from it: the data once, the findings once", async () => {
    const alone = await importJson("data/raw");
    const both = await importJson("data/raw", "data/canonical");
    expect(both.json.indicators).toHaveLength(60);
    expect(total(both.json.budget)).toEqual(["92787331.00"]);
    const notes = both.json.findings.filter((f) => f.code.startsWith("load."));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((f) => f.location.file.startsWith("data/canonical/"))).toBe(true);
    expect(both.json.findings.filter((f) => !f.code.startsWith("load."))).toEqual(alone.json.findings);
  });
});

describe("dedupeLoads(files)", () => {
  it("keeps two years of one unit, and two units, with no finding", () => {
    const y25 = asYear(real(), 2025);
    const y26 = real();
    const other = asYear(real(), 2026, "另一个单位");
    const { parts, findings } = dedupeLoads([{ file: "2025.txt", data: y25 }, { file: "2026.txt", data: y26 }, { file: "other.txt", data: other }]);
    expect(findings).toEqual([]);
    const merged = mergeDatasets(parts);
    expect(merged.indicators).toHaveLength(180);
    expect(merged.units).toHaveLength(3);
  });

  it("leaves out a later file's rows that repeat an earlier file's, and nothing else", () => {
    const a = importFile(SEED_NAME, SEED_BYTES);
    const b = importFile("b.txt", SEED_BYTES);
    b.budget[0] = { ...b.budget[0], amountFen: b.budget[0].amountFen + 1n }; // a changed total is not a copy
    const { parts, findings } = dedupeLoads([{ file: SEED_NAME, data: a }, { file: "b.txt", data: b }]);
    const merged = mergeDatasets(parts);
    expect(merged.budget.filter((l) => l.kind === "total").map((l) => l.amountFen)).toEqual([9278733100n, 9278733101n]);
    expect(merged.indicators).toHaveLength(60);
    expect(sumFen(merged.budget.filter((l) => l.kind === "source").map((l) => l.amountFen))).toBe(9278733100n);
    expect(findings).toEqual([expect.objectContaining({ severity: "warning", code: "load.duplicate_rows", location: expect.objectContaining({ file: "b.txt" }) })]);
  });

  it("keeps rows repeated within one file (that is the checks' business)", () => {
    const a = importFile(SEED_NAME, SEED_BYTES);
    a.tasks.push({ ...a.tasks[0] });
    const { parts, findings } = dedupeLoads([{ file: SEED_NAME, data: a }]);
    expect(parts[0].tasks).toHaveLength(11);
    expect(findings).toEqual([]);
  });
});

describe("importFile(file, bytes) of a form pasted twice into one file", () => {
  it("counts each budget line once, with load.duplicate_rows at the repeat", () => {
    const d = importFile("twice.txt", concat(SEED_BYTES, utf8("\n"), SEED_BYTES));
    expect(d.budget.filter((b) => b.kind === "total").map((b) => b.amountFen)).toEqual([9278733100n]);
    expect(sumFen(d.budget.filter((b) => b.kind === "source").map((b) => b.amountFen))).toBe(9278733100n);
    const dups = d.findings.filter((f) => f.code === "load.duplicate_rows");
    expect(dups).toHaveLength(5);
    expect(findingText(dups[0], "zh")).toMatch(/^预算行“部门整体预算总额”与第 25 行相同/);
    expect(dups[0].location.row).toBeGreaterThan(25);
    expect(d.findings.some((f) => f.code === "budget.source_mismatch")).toBe(false);
  });

  it("keeps the same item with another amount, with budget.repeated_item", () => {
    const lines = SEED_TEXT.split("\n");
    const second = lines.map((l) => l.replace("92,787,331.00", "92,787,332.00")).join("\n");
    const d = importFile("twice.txt", utf8(`${SEED_TEXT}\n${second}`));
    expect(d.budget.filter((b) => b.kind === "total").map((b) => b.amountFen)).toEqual([9278733100n, 9278733200n]);
    expect(d.findings.filter((f) => f.code === "budget.repeated_item").map((f) => f.severity)).toContain("error");
  });
});

describe("dedupeFindings(findings)", () => {
  const f = (row: number | undefined, column: number | undefined, message = "m"): Finding => ({
    severity: "warning", code: "c", params: {}, text: { zh: message, en: "e" }, location: { file: "x", ...(row ? { row } : {}), ...(column ? { column } : {}) }, subject: "s",
  });

  it("keeps one of identical findings, the one with the column where only one has it, at the first's place", () => {
    expect(dedupeFindings([f(3, undefined), f(4, 1), f(3, 2), f(3, 2)])).toEqual([f(3, 2), f(4, 1)]);
  });

  it("keeps findings that differ in column, row or message", () => {
    const all = [f(3, 1), f(3, 2), f(4, 1), f(3, 1, "n")];
    expect(dedupeFindings(all)).toEqual(all);
  });
});
