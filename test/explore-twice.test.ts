// Nothing doubled, nothing lost on the explore page (DOM-free parts): the console
// tells reads from changes; a workbook's repeated sheet counts once; a later
// upload's rows that repeat or contradict an earlier one's are left out with a
// finding naming both files (overlapSql, run here on native DuckDB).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { importFile } from "../src/core/import.ts";
import { conflictingRowsFinding, duplicateRowsFinding } from "../src/core/dedupe.ts";
import type { TableName } from "../src/core/canonical.ts";
import { createNodeEngine } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { importRecords, mergeSheets, sheetRecords, toLoaded, type Loaded } from "../src/explore/importer.ts";
import { finishUploadSql, insertTableSql, overlapFindingsSql, overlapSql, OVERLAP_SUMMARY_SQL, repeatedFindingsSql, setupSql } from "../src/explore/sql.ts";
import { consoleKind, isReadOnlyRefusal, splitStatements, statementKind } from "../src/explore/statements.ts";
import { gbkIndicatorCsv, workbookSheets } from "./explore.fixtures.ts";
import { SEED_BYTES, gbk, seedAsExcelCsv } from "./fixtures/variants.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-twice-"));
const seed = importFile("a.txt", SEED_BYTES);

describe("splitStatements(text) and statementKind(statement)", () => {
  it("splits at semicolons outside quotes and comments", () => {
    expect(splitStatements("SELECT ';' AS a; -- DELETE FROM units;\nSELECT \"x;y\" FROM t /* ; */;;")).toEqual(["SELECT ';' AS a", 'SELECT "x;y" FROM t']);
  });

  it.each([
    ["SELECT 1", "read"], ["  with x AS (SELECT 1) SELECT * FROM x", "read"], ["FROM units", "read"], ["EXPLAIN SELECT 1", "read"],
    ["DESCRIBE units", "read"], ["SHOW TABLES", "read"], ["SUMMARIZE budget", "read"], ["PRAGMA table_info('units')", "read"], ["(SELECT 1)", "read"],
    ["DELETE FROM units", "change"], ["update budget SET amount = 0", "change"], ["INSERT INTO units SELECT * FROM units", "change"],
    ["CREATE TABLE mine AS SELECT 1", "change"], ["DROP TABLE units", "change"], ["ALTER TABLE units ADD COLUMN x INT", "change"], ["TRUNCATE budget", "change"],
    ["EXPLAIN ANALYZE DELETE FROM units", "change"], ["EXPLAIN ANALYZE SELECT 1", "read"],
    ["BEGIN", "refused"], ["COMMIT", "refused"], ["ROLLBACK", "refused"], ["SET search_path = 'x'", "refused"], ["ATTACH ':memory:' AS x", "refused"],
    ["DETACH jixiao_findings", "refused"], ["INSTALL httpfs", "refused"], ["LOAD httpfs", "refused"], ["USE x", "refused"], ["PRAGMA threads = 1", "refused"],
    ["PRAGMA enable_profiling", "refused"], ["CHECKPOINT", "refused"],
  ])("%s → %s", (sql, kind) => {
    expect(statementKind(sql)).toBe(kind);
  });

  it("consoleKind(text): a change anywhere makes the text a change, a refused statement refuses it whole", () => {
    expect(consoleKind("SELECT 1; DELETE FROM units")).toEqual({ kind: "change", first: "DELETE", statements: 2 });
    expect(consoleKind("DELETE FROM units; COMMIT")).toEqual({ kind: "refused", first: "COMMIT", statements: 2 });
    expect(consoleKind("-- only a comment\nSELECT 1")).toEqual({ kind: "read", first: "SELECT", statements: 1 });
  });

  it("isReadOnlyRefusal tells DuckDB's refusal of a write in a read-only transaction", () => {
    expect(isReadOnlyRefusal('TransactionContext Error: Cannot write to database "memory" - transaction is launched in read-only mode')).toBe(true);
    expect(isReadOnlyRefusal("Binder Error: column x")).toBe(false);
  });
});

describe("a read-only transaction (as the console runs a read)", () => {
  it("refuses a write that a CTE hides, and changes nothing", async () => {
    const e = await createNodeEngine();
    await e.query("CREATE TABLE t AS SELECT 1 AS a");
    await e.query("BEGIN TRANSACTION READ ONLY");
    const err = await e.query("WITH x AS (SELECT 1 AS a) DELETE FROM t WHERE a IN (SELECT a FROM x)").then(() => "", (x: Error) => x.message);
    await e.query("ROLLBACK");
    expect(isReadOnlyRefusal(err)).toBe(true);
    expect(await e.query("SELECT CAST(count(*) AS INTEGER) AS n FROM t")).toEqual([{ n: 1 }]);
    await e.close();
  });
});

describe("mergeSheets(sheets): a workbook whose sheet is repeated", () => {
  it("counts the repeated sheet's rows once, with load.duplicate_rows naming both sheets", () => {
    const [ind, budget] = workbookSheets(seed, "工作簿单位");
    const read = (part: string, data: (string | number)[][]) => {
      const out = importRecords(part, sheetRecords(data), {});
      if (!("data" in out)) throw new Error("mapping asked");
      return { file: part, data: out.data };
    };
    const once = mergeSheets([read("w.xlsx!绩效指标", ind.data), read("w.xlsx!预算", budget.data)]);
    const twice = mergeSheets([read("w.xlsx!绩效指标", ind.data), read("w.xlsx!预算", budget.data), read("w.xlsx!预算 (2)", budget.data)]);
    expect(twice.budget.map((b) => [b.kind, b.item, b.amountFen])).toEqual(once.budget.map((b) => [b.kind, b.item, b.amountFen]));
    expect(twice.indicators).toHaveLength(once.indicators.length);
    const notes = twice.findings.filter((f) => f.code.startsWith("load."));
    // Each sheet that names the unit makes its unit row: the core's rule tells those too (one row each).
    expect(notes).toContainEqual(duplicateRowsFinding(seed.budget.length, "w.xlsx!预算", { file: "w.xlsx!预算 (2)", row: 2 }));
    expect(notes.filter((f) => f.location.file === "w.xlsx!预算 (2)").map((f) => findingText(f, "zh"))).toEqual([expect.stringMatching(/^1 行与 w\.xlsx!绩效指标 /), expect.stringMatching(/^5 行与 w\.xlsx!预算 /)]);
  });
});

describe("overlapSql(upload): a later upload's rows that repeat or contradict an earlier one's", () => {
  let db: QueryEngine;
  let n = 0;
  async function load(loaded: Loaded, id: number) {
    await db.query("BEGIN TRANSACTION");
    for (const [t, { csv }] of Object.entries(loaded.tables) as [TableName, { csv: string }][]) {
      if (t === "findings") continue;
      const path = join(dir, `u${id}-${t}-${n++}.csv`);
      writeFileSync(path, csv);
      await db.query(insertTableSql(t, path, id));
    }
    for (const s of overlapSql(id)) await db.query(s);
    const summary = await db.query<{ unit_id: string; fiscal_year: number; earlier: string; same: boolean; n: number; file: string; row: number }>(OVERLAP_SUMMARY_SQL);
    for (const s of finishUploadSql(id)) await db.query(s);
    await db.query("COMMIT");
    if (loaded.tables.findings) {
      const path = join(dir, `u${id}-findings-${n++}.csv`);
      writeFileSync(path, loaded.tables.findings.csv);
      await db.query(insertTableSql("findings", path, id));
    }
    const notes = summary.map((s) => ({ unitId: s.unit_id, year: s.fiscal_year, finding: (s.same ? duplicateRowsFinding : conflictingRowsFinding)(s.n, s.earlier, { file: s.file, row: s.row }) }));
    for (const s of overlapFindingsSql(id, notes)) await db.query(s);
    return summary;
  }
  const total = async () => (await db.query<{ amount: string }>("SELECT CAST(sum(amount) AS VARCHAR) AS amount FROM budget WHERE kind = 'total'")).map((r) => r.amount);
  const count = async (t: string) => (await db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${t}`))[0].n;

  beforeAll(async () => {
    db = await createNodeEngine();
    for (const s of setupSql()) await db.query(s);
  });
  afterAll(() => db?.close());

  it("the first upload has nothing to overlap", async () => {
    expect(await load(toLoaded(seed, ["a.txt"]), 1)).toEqual([]);
    expect(await total()).toEqual(["92787331.00"]);
  });

  it("canonical tables of other years, one file at a time, overlap nothing", async () => {
    for (const [i, t] of ["units", "budget", "tasks", "indicators", "actuals", "execution"].entries()) {
      const path = `data/sample/${t}.csv`;
      const data = importFile(path, new Uint8Array(readFileSync(path)));
      expect(await load(toLoaded(data, [path]), 100 + i), path).toEqual([]);
    }
    await db.query("DELETE FROM units WHERE upload_id >= 100");
    for (const t of ["budget", "tasks", "indicator_rows", "actuals", "execution", "findings", "uploads"]) await db.query(`DELETE FROM ${t} WHERE upload_id >= 100`);
  });

  it("the same rows re-saved as GBK CSV: left out, one load.duplicate_rows naming both files, the total once", async () => {
    const findingsBefore = await count("findings");
    const resaved = importFile("a.gbk.csv", gbk(seedAsExcelCsv()));
    const summary = await load(toLoaded(resaved, ["a.gbk.csv"]), 2);
    expect(summary).toEqual([expect.objectContaining({ earlier: "a.txt", same: true, file: "a.gbk.csv" })]);
    expect(summary[0].n).toBe(1 + seed.budget.length + seed.tasks.length + seed.indicators.length);
    expect(await total()).toEqual(["92787331.00"]);
    expect(await count("units")).toBe(1);
    expect(await count("indicator_rows")).toBe(seed.indicators.length);
    const notes = await db.query<{ code: string; message: string; source_file: string; unit_id: string }>("SELECT code, message, source_file, unit_id FROM findings WHERE upload_id = 2 ORDER BY code");
    expect(notes.map((f) => f.code)).toEqual(["encoding.detected", "load.duplicate_rows"]);
    expect(notes[1].message).toMatch(/^\d+ 行与 a\.txt 中的行相同/);
    expect(notes[1].unit_id).toBe(seed.units[0].id);
    expect(await count("findings")).toBe(findingsBefore + 2);
  });

  it("an indicators CSV of the same unit (its unit row the name alone, no 备注 column): it repeats the declaration, nothing contradicts", async () => {
    const csv = importFile("指标.csv", gbkIndicatorCsv(seed, seed.units[0].name));
    const summary = await load(toLoaded(csv, ["指标.csv"]), 4);
    expect(summary.map((s) => [s.earlier, s.same])).toEqual([["a.txt", true]]);
    expect(await count("units")).toBe(1);
    expect(await count("indicator_rows")).toBe(seed.indicators.length);
  });

  it("the same unit year with another amount: the earlier load holds, load.conflicting_rows names both files", async () => {
    const edited = importFile("b.txt", SEED_BYTES);
    edited.budget = edited.budget.map((b) => (b.kind === "total" ? { ...b, amountFen: b.amountFen + 100n } : b));
    const summary = await load(toLoaded(edited, ["b.txt"]), 3);
    expect(summary.map((s) => [s.earlier, s.same, s.n])).toEqual([["a.txt", true, summary[0].n], ["a.txt", false, 1]].filter((x) => x[2]));
    expect(await total()).toEqual(["92787331.00"]);
    const f = await db.query<{ severity: string; message: string; message_en: string }>("SELECT severity, message, message_en FROM findings WHERE upload_id = 3 AND code = 'load.conflicting_rows'");
    expect(f).toEqual([{ severity: "error", message: expect.stringContaining("以先载入的 a.txt 为准"), message_en: expect.stringContaining("a.txt holds") }]);
  });
});

describe("repeatedFindingsSql(uploadId): a finding an earlier upload holds counts once", () => {
  it("drops the new upload's repeats, keeps what is new, and gives the earlier finding the column only the new one names", async () => {
    const e = await createNodeEngine();
    for (const sql of setupSql()) await e.query(sql);
    const row = (upload: number, code: string, column: number | null) =>
      `('u1', 2026, 'warning', '${code}', '说明 ${code}', 'text ${code}', 'i1', 'a.txt', 7, ${column ?? "NULL"}, 'declared', ${upload})`;
    await e.query(`INSERT INTO findings (unit_id, fiscal_year, severity, code, message, message_en, subject, source_file, source_row, source_column, data_source, upload_id) VALUES
      ${[row(1, "x.same", null), row(1, "x.first", null), row(2, "x.same", 3), row(2, "x.new", null)].join(", ")}`);
    for (const sql of repeatedFindingsSql(2)) await e.query(sql);
    expect(await e.query("SELECT code, CAST(upload_id AS INTEGER) AS u, CAST(source_column AS INTEGER) AS c FROM findings ORDER BY code")).toEqual([
      { code: "x.first", u: 1, c: null }, { code: "x.new", u: 2, c: null }, { code: "x.same", u: 1, c: 3 },
    ]);
    await e.close();
  });
});
