// The explore page's DOM-free modules: header mapping, the import worker's
// routes, the database SQL (run here on native DuckDB, the same statements the
// browser runs on DuckDB-wasm), exports and Arrow conversion.
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Papa from "papaparse";
import { importFile } from "../src/core/import.ts";
import { COLUMNS, tableRows, toCsv, toJson, fromJson, type TableName } from "../src/core/canonical.ts";
import { createNodeEngine, openDataFolders } from "../src/query/node.ts";
import { queries } from "../src/query/queries.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { headerMapFrom, headerSignature, needsMapping, suggestMapping, tableOf, type SavedMapping } from "../src/explore/mapping.ts";
import { BULK_MIN_BYTES, bulkPlan, cellText, importRecords, importText, sheetRecords, targetLookupCsv, toLoaded, type Loaded } from "../src/explore/importer.ts";
import { whereText } from "../src/explore/intake.ts";
import { limitedSql, sqlErrorText, csvErrorText } from "../src/explore/consoleSql.ts";
import { bulkInsertSql } from "../src/explore/bulkSql.ts";
import { FINDINGS_DB, finishUploadSql, insertLookupSql, insertTableSql, setupSql, uploadRowSql, deleteUploadSql, TABLES } from "../src/explore/sql.ts";
import { FORMULA, csvChunk, jsonRows, safeFileName, standaloneSvg, svgSize, xlsxCell } from "../src/explore/exports.ts";
import { plainRows, plainValue, unscaledToDecimal, ArrowType } from "../src/query/arrow.ts";
import { encodeGbk } from "./explore.fixtures.ts";
import { generate } from "../scripts/gen-indicators.ts";
import { bulkUnitRows, checkBulk, createLineCounter, finishBulk, typeTargets, UNIT_TARGETS_ONE_BY_ONE } from "../src/explore/bulk.ts";
import { loadOverview } from "../src/explore/dashboard.ts";
import { loadUnitData } from "../src/views/unitData.ts";
import { selfEvalRows } from "./progress.fixtures.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const seedBytes = new Uint8Array(readFileSync(SEED));
const seed = importFile("000_83bc0b582c527eae.txt", seedBytes);
const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-"));

describe("suggestMapping(headers)", () => {
  it.each([
    ["一级指标", "level1", "exact"],
    ["LV1_PERF_IND_NAME", "level1", "exact"],
    ["一级指标名称", "level1", "guess"],
    ["年度指标值（目标）", "target", "guess"],
    ["单位名称(全称)", "unit_name", "guess"],
    ["经办人", "", "none"],
  ])("maps “%s” to %s (%s)", (header, column, confidence) => {
    expect(suggestMapping([header])[0]).toEqual({ header, column, confidence });
  });

  it("suggests each column once, an exact match first", () => {
    const s = suggestMapping(["一级指标名称", "一级指标"]);
    expect(s.map((x) => x.column)).toEqual(["", "level1"]);
  });

  it("headerMapFrom(headers, choice) builds what readCanonical takes, and tableOf tells the table", () => {
    const headers = ["单位", "预算年度", "一级指标名称", "二级", "指标名", "目标", "经办人"];
    const choice = { 单位: "unit_name", 预算年度: "fiscal_year", 一级指标名称: "level1", 二级: "level2", 指标名: "name", 目标: "target", 经办人: "" };
    const m = headerMapFrom(headers, choice)!;
    expect(m.table).toBe("indicators");
    expect(m.index).toEqual({ unit_name: 0, fiscal_year: 1, level1: 2, level2: 3, name: 4, target: 5 });
    expect(m.unknown).toEqual(["经办人"]);
    expect(tableOf(["", "amount"])).toBeNull();
  });

  it("needsMapping is false for canonical headers and true for unknown ones", () => {
    expect(needsMapping([...COLUMNS.indicators])).toBe(false);
    expect(needsMapping(["单位名称", "年度", "一级指标", "三级指标", "指标值", "经办人"])).toBe(true);
    expect(needsMapping(["甲", "乙"])).toBe(true);
    expect(headerSignature([" 一级 指标", "Target"])).toBe(headerSignature(["一级指标", "target"]));
  });
});

describe("the import worker's routes", () => {
  it("importText(seed) is exactly the core importer's result", () => {
    const out = importText("000_83bc0b582c527eae.txt", seedBytes, {});
    expect("data" in out && out.data).toEqual(importFile("000_83bc0b582c527eae.txt", seedBytes));
  });

  it("a 自评 form is read by the core's progress parser, also as a workbook sheet", () => {
    const rows = selfEvalRows();
    const bytes = new TextEncoder().encode(rows.map((r) => r.join("\t")).join("\r\n"));
    const out = importText("自评.txt", bytes, {});
    expect("data" in out && out.data).toEqual(importFile("自评.txt", bytes));
    const data = (out as { data: ReturnType<typeof importFile> }).data;
    expect(data.actuals?.length).toBeGreaterThan(0);
    expect(Object.keys(toLoaded(data, ["自评.txt"]).tables)).toContain("actuals");
    const sheet = importRecords("自评.xlsx", sheetRecords(rows), {});
    expect("data" in sheet && sheet.data.actuals?.length).toBe(data.actuals!.length);
  });

  it("a table with unknown headers asks for a mapping, and a saved mapping reads it with row numbers", () => {
    const csv = "单位,预算年度,一级指标名称,二级指标,三级指标,指标值,经办人\r\n某单位,2026,产出指标,数量指标,培训人次,≥200(人次),张三\r\n某单位,20x6,产出指标,数量指标,覆盖率,≥90(%),李四\r\n";
    const bytes = new TextEncoder().encode(csv);
    const first = importText("a.csv", bytes, {});
    expect("mapping" in first).toBe(true);
    const req = (first as { mapping: { signature: string; headers: string[]; suggestions: { column: string }[] } }).mapping;
    expect(req.suggestions.map((s) => s.column)).toEqual(["unit_name", "fiscal_year", "level1", "level2", "name", "target", ""]);
    const saved: Record<string, SavedMapping> = {
      [req.signature]: { signature: req.signature, table: "indicators", columns: Object.fromEntries(req.headers.map((h, i) => [h, req.suggestions[i].column])), savedAt: "2026-11-25" },
    };
    const second = importText("a.csv", bytes, saved);
    expect("data" in second).toBe(true);
    const data = (second as { data: ReturnType<typeof importFile> }).data;
    expect(data.indicators.map((i) => [i.name, i.parsed.kind, i.source.row])).toEqual([["培训人次", "quantitative", 2]]);
    const bad = data.findings.find((f) => f.code === "canonical.bad_year")!;
    expect(bad.location).toEqual({ file: "a.csv", row: 3, column: 2 });
    expect(whereText(bad.location)).toBe("a.csv 第 3 行 第 2 列");
  });

  it("an Excel-style CSV in GBK is read like the UTF-8 seed", () => {
    const gbk = encodeGbk(Papa.unparse(seed.indicators.map((i) => ({ 单位名称: "某单位", 年度: i.year, 一级指标: i.level1, 二级指标: i.level2, 三级指标: i.name ?? "", 指标值: i.target ?? "" }))));
    const out = importText("gbk.csv", gbk, {});
    expect("data" in out).toBe(true);
    const data = (out as { data: ReturnType<typeof importFile> }).data;
    expect(data.indicators.map((i) => i.target)).toEqual(seed.indicators.map((i) => i.target));
    expect(data.findings.some((f) => f.code === "encoding.detected")).toBe(true);
  });

  it("bulkPlan(name, size, head) sends only large UTF-8 canonical indicator CSVs to read_csv", () => {
    const head = new TextEncoder().encode(`${COLUMNS.indicators.join(",")}\r\ni1,u1,2026,1,产出指标,数量指标,x,≥1(个)\r\n`);
    const plan = bulkPlan("big.csv", BULK_MIN_BYTES, head)!;
    expect(plan.index.level1).toBe(4);
    expect(plan.columnCount).toBe(COLUMNS.indicators.length);
    expect(plan.delimiter).toBe(",");
    expect(bulkPlan("big.csv", BULK_MIN_BYTES - 1, head)).toBeNull();
    expect(bulkPlan("big.csv", BULK_MIN_BYTES, seedBytes.subarray(0, 65536))).toBeNull();
    expect(bulkPlan("big.csv", BULK_MIN_BYTES, new TextEncoder().encode("line_id,unit_id,fiscal_year,kind,item,amount\r\n"))).toBeNull();
  });

  it("sheetRecords(rows) turns workbook cells into export text with 1-based rows", () => {
    expect(sheetRecords([["年度", 2026, null], [new Date(Date.UTC(2026, 9, 31)), 41948046.13, true]])).toEqual([
      { cells: ["年度", "2026", ""], row: 1 },
      { cells: ["2026-10-31", "41948046.13", "true"], row: 2 },
    ]);
    expect(cellText(Number.NaN)).toBe("");
  });

  it("an .xlsx written by write-excel-file is read back by read-excel-file into the same indicators", async () => {
    const { default: writeXlsxFile } = await import("write-excel-file/universal");
    const { default: readXlsxFile } = await import("read-excel-file/universal");
    const rows = [["单位名称", "年度", "一级指标", "二级指标", "三级指标", "指标值"], ...seed.indicators.map((i) => ["某单位", i.year, i.level1, i.level2, i.name ?? "", i.target ?? ""])];
    const blob = await writeXlsxFile(rows as never).toBlob();
    const sheets = (await readXlsxFile(await blob.arrayBuffer())) as { sheet: string; data: unknown[][] }[];
    const out = importRecords("book.xlsx", sheetRecords(sheets[0].data), {});
    expect("data" in out).toBe(true);
    const data = (out as { data: ReturnType<typeof importFile> }).data;
    expect(data.indicators.map((i) => [i.level2, i.name, i.target])).toEqual(seed.indicators.map((i) => [i.level2, i.name ?? null, i.target]));
  });

  it("targetLookupCsv(items) parses each distinct (target, year) once", () => {
    const { csv, rows } = targetLookupCsv([["≥200.00(个)", 2026], ["≥200.00(个)", 2026], ["10月底前", 2026], ["提升", 2026]]);
    expect(rows).toBe(3);
    expect(Papa.parse<string[]>(csv.trim()).data).toEqual([
      ["target", "fiscal_year", "target_kind", "op", "value", "measure_unit", "direction", "deadline", "recognised"],
      ["≥200.00(个)", "2026", "quantitative", ">=", "200.00", "个", "higher", "", ""],
      ["10月底前", "2026", "deadline", "", "", "", "", "2026-10-31", ""],
      ["提升", "2026", "qualitative", "", "", "", "", "", "true"],
    ]);
  });
});

// ---- The explore database, on native DuckDB ----

let db: QueryEngine;
let build: QueryEngine;
let n = 0;

async function load(engine: QueryEngine, loaded: Loaded, uploadId: number) {
  for (const [t, { csv }] of Object.entries(loaded.tables) as [TableName, { csv: string }][]) {
    const path = join(dir, `u${uploadId}-${t}-${n++}.csv`);
    writeFileSync(path, csv);
    await engine.query(insertTableSql(t, path, uploadId));
  }
  const lookup = join(dir, `u${uploadId}-lookup-${n++}.csv`);
  writeFileSync(lookup, loaded.lookup.csv);
  await engine.query(insertLookupSql(lookup));
  for (const s of finishUploadSql(uploadId)) await engine.query(s);
  await engine.query(uploadRowSql({ id: uploadId, name: loaded.parts[0], parts: loaded.parts, loadedAt: "2026-11-25T10:00:00", route: "importer", bytes: 1 }));
}

/** The bulk route's target parsing, as the page runs it (bulk.ts typeTargets): shapes filled in SQL, the rest parsed one by one. */
function bulkTargets(engine: QueryEngine, uploadId: number, unitId?: string): Promise<{ rules: number; oneByOne: number }> {
  const text = async (t: string, body: string) => {
    const p = join(dir, `${n++}-${t}`);
    writeFileSync(p, body);
    return p;
  };
  return typeTargets({ run: (s) => engine.query(s), query: (s) => engine.query(s) as never, text }, uploadId, unitId);
}

beforeAll(async () => {
  db = await createNodeEngine();
  for (const s of setupSql()) await db.query(s);
  await load(db, toLoaded(seed, ["000_83bc0b582c527eae.txt"]), 1);
  // The build's engine over the same importer output, for comparison.
  const canonical = mkdtempSync(join(tmpdir(), "jixiao-explore-canonical-"));
  const rows = tableRows(seed);
  for (const t of Object.keys(COLUMNS) as TableName[]) writeFileSync(join(canonical, `${t}.csv`), toCsv(t, rows[t]));
  build = await openDataFolders([{ dir: canonical, status: "declared" }]);
});

afterAll(async () => {
  await db?.close();
  await build?.close();
});

describe("the explore database (setupSql, insertTableSql, the indicators view)", () => {
  const u = seed.units[0];
  it.each([
    ["units", (e: QueryEngine) => queries.units(e)],
    ["budget", (e: QueryEngine) => queries.budget(e, u.id, u.year)],
    ["reconciliation", (e: QueryEngine) => queries.reconciliation(e, u.id, u.year)],
    ["keyFigures", (e: QueryEngine) => queries.keyFigures(e)],
    ["level1Counts", (e: QueryEngine) => queries.level1Counts(e)],
    ["indicatorKinds", (e: QueryEngine) => queries.indicatorKinds(e, u.id, u.year)],
    ["indicators", (e: QueryEngine) => queries.indicators(e, u.id, u.year)],
    ["tasks", (e: QueryEngine) => queries.tasks(e, u.id, u.year)],
    ["findings", (e: QueryEngine) => queries.findings(e, u.id, u.year)],
  ])("queries.%s gives the same rows as the build's engine", async (_name, run) => {
    expect(await run(db)).toEqual(await run(build));
  });

  it("loadOverview lists the first unit years and gives the one asked for even when it is not listed", async () => {
    const e = await createNodeEngine();
    for (const s of setupSql()) await e.query(s);
    for (const [id, name, year] of [["ua", "甲单位", 2026], ["ub", "乙单位", 2025], ["uc", "丙单位", 2024]] as const) {
      await e.query(`INSERT INTO units (unit_id, unit_name, fiscal_year, data_source, upload_id) VALUES ('${id}', '${name}', ${year}, 'declared', 1)`);
    }
    const first = await loadOverview(e, null, 2);
    expect(first.units.map((u) => u.unit_id)).toEqual(["ua", "ub"]); // the list's order: latest year first
    expect(first.totals.units).toBe(3);
    expect(first.selected?.unit_id).toBe("ua");
    const unlisted = await loadOverview(e, { unit_id: "uc", fiscal_year: 2024 }, 2);
    expect(unlisted.units.map((u) => u.unit_id)).toEqual(["ua", "ub"]);
    expect(unlisted.selected).toMatchObject({ unit_id: "uc", unit_name: "丙单位", fiscal_year: 2024 });
    expect((await loadOverview(e, { unit_id: "ub", fiscal_year: 2025 }, 2)).selected?.unit_id).toBe("ub");
    // A unit year no longer loaded (removed with its file) gives way to the first listed.
    expect((await loadOverview(e, { unit_id: "ux", fiscal_year: 2024 }, 2)).selected?.unit_id).toBe("ua");
    expect(first.totals.matched).toBeNull();
    // None listed (while a large file is checked): still the unit year asked for, or else the first.
    expect(await loadOverview(e, { unit_id: "ub", fiscal_year: 2025 }, 0)).toMatchObject({ units: [], selected: { unit_id: "ub" }, totals: { units: 3 } });
    // Its figures are for the table of the units listed: none is read then.
    await e.query("INSERT INTO budget (unit_id, fiscal_year, line_id, kind, item, amount, upload_id) VALUES ('ua', 2026, 'b1', 'total', '合计', 100, 1)");
    expect((await loadOverview(e, null, 2)).figures).toHaveLength(1);
    expect(await loadOverview(e, null, 0)).toMatchObject({ figures: [], findings: [], level1: [] });
    expect((await loadOverview(e, null, 0)).selected?.unit_id).toBe("ua");
    await e.close();
  });

  it("loadOverview narrows the list to unit years whose name or id holds the filter, in any case, quotes and wildcards as text", async () => {
    const e = await createNodeEngine();
    for (const s of setupSql()) await e.query(s);
    for (const [id, name, year] of [["UA-1", "甲单位", 2026], ["ub", "乙单位（100%）", 2025], ["uc", "丙单位_o'k", 2024], ["ud", "甲单位", 2025]] as const) {
      await e.query(`INSERT INTO units (unit_id, unit_name, fiscal_year, data_source, upload_id) VALUES ('${id}', '${name.replace(/'/g, "''")}', ${year}, 'declared', 1)`);
    }
    const ids = async (filter: string, want: { unit_id: string; fiscal_year: number } | null = null) => {
      const o = await loadOverview(e, want, 10, filter);
      return { ids: o.units.map((u) => u.unit_id), matched: o.totals.matched, units: o.totals.units, selected: o.selected?.unit_id };
    };
    expect(await ids("甲")).toEqual({ ids: ["UA-1", "ud"], matched: 2, units: 4, selected: "UA-1" });
    expect(await ids("ua-")).toEqual({ ids: ["UA-1"], matched: 1, units: 4, selected: "UA-1" });
    expect(await ids("%")).toEqual({ ids: ["ub"], matched: 1, units: 4, selected: "ub" });
    expect(await ids("_o'k")).toEqual({ ids: ["uc"], matched: 1, units: 4, selected: "uc" });
    expect(await ids("  乙单位 ")).toEqual({ ids: ["ub"], matched: 1, units: 4, selected: "ub" });
    // Nothing matches: the list is empty, the unit shown stays.
    expect(await ids("丁", { unit_id: "ub", fiscal_year: 2025 })).toEqual({ ids: [], matched: 0, units: 4, selected: "ub" });
    expect(await ids("")).toMatchObject({ ids: ["UA-1", "ub", "ud", "uc"], matched: null });
    await e.close();
  });

  it("loadOverview and loadUnitData give the unit page's rows and charts", async () => {
    const o = await loadOverview(db);
    expect(o.level1).toEqual(await queries.level1Counts(build));
    expect(o.totals).toEqual({ units: 1, indicators: seed.indicators.length, budget: seed.budget.length, findings: seed.findings.length, matched: null });
    const d = await loadUnitData(db, o.units[0], "zh", { limit: 300 });
    expect(d.indicatorCount).toBe(seed.indicators.length);
    expect(d.checks.map((c) => c.state)).toEqual(["ok", "ok"]);
    expect(d.charts.budget?.wide.svg).toContain('role="graphics-document"'); // walked by keyboard, group → segment
    expect(d.charts.indicators?.compact?.svg).toContain('viewBox="0 0 340');
  });

  it("a bulk CSV read by read_csv gives the same indicators as the importer, bad years as findings", async () => {
    const header = ["indicator_id", "unit_id", "unit_name", "fiscal_year", "ord", "level1", "level2", "name", "target", "note"];
    const lines = [header.join(",")];
    seed.indicators.forEach((i, k) => lines.push(Papa.unparse([[`x${k}`, "ubulk", "大文件单位", k === 5 ? "20x6" : "2025", String(k + 1), i.level1, i.level2, i.name ?? "", i.target ?? "", i.note ?? ""]])));
    const csv = lines.join("\r\n") + "\r\n";
    const path = join(dir, "bulk.csv");
    writeFileSync(path, csv);
    const plan = bulkPlan("bulk.csv", BULK_MIN_BYTES, new TextEncoder().encode(csv))!;
    expect(plan).not.toBeNull();
    await db.query(bulkInsertSql(plan, path, 2, "bulk.csv"));
    const counter = createLineCounter(plan.delimiter);
    counter.push(new TextEncoder().encode(csv));
    const scan = counter.end();
    const text = async (t: string, body: string) => {
      const p = join(dir, `bulk-${n++}-${t}`);
      writeFileSync(p, body);
      return p;
    };
    const bulkDb = { run: (s: string) => db.query(s), query: (s: string) => db.query(s) as never, text };
    await finishBulk(bulkDb, plan, path, "bulk.csv", 2, scan);
    await bulkUnitRows(bulkDb, 2);
    await checkBulk(bulkDb, "bulk.csv", 2);
    const placeholder = "SELECT unit_id, unit_name, fiscal_year, placeholder FROM units WHERE unit_id = 'ubulk'";
    expect(await db.query(placeholder)).toEqual([{ unit_id: "ubulk", unit_name: "大文件单位", fiscal_year: 2025, placeholder: true }]);
    // The same file through the core importer, loaded as upload 3.
    const viaCore = importFile("bulk.csv", new TextEncoder().encode(csv));
    await load(db, toLoaded(viaCore, ["bulk.csv"]), 3);
    const cols = "indicator_id, unit_id, fiscal_year, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_row";
    const a = await db.query(`SELECT ${cols} FROM indicators WHERE upload_id = 2 ORDER BY ord`);
    const b = await db.query(`SELECT ${cols} FROM indicators WHERE upload_id = 3 ORDER BY ord`);
    expect(a.length).toBe(seed.indicators.length - 1);
    expect(a).toEqual(b);
    const f = await db.query("SELECT code, source_file, source_row FROM findings WHERE upload_id = 2 AND code LIKE 'canonical.%'");
    expect(f).toEqual([{ code: "canonical.bad_year", source_file: "bulk.csv", source_row: 7 }]);
    // The importer's file names the unit: its real unit row replaces the placeholder.
    expect(await db.query(placeholder)).toEqual([{ unit_id: "ubulk", unit_name: "大文件单位", fiscal_year: 2025, placeholder: false }]);
  });

  it("filling targets by shape gives exactly what parsing every distinct target gives (20,000 generated rows)", async () => {
    const path = join(dir, "gen.csv");
    generate(20_000, path);
    const head = readFileSync(path).subarray(0, 65536);
    const plan = bulkPlan("gen.csv", BULK_MIN_BYTES, head)!;
    const e = await createNodeEngine();
    for (const s of setupSql()) await e.query(s);
    await e.query(bulkInsertSql(plan, path, 1, "gen.csv"));
    const { rules, oneByOne } = await bulkTargets(e, 1);
    const all = await e.query<{ target: string; fiscal_year: number }>("SELECT DISTINCT target, fiscal_year FROM indicator_rows WHERE target IS NOT NULL");
    expect(rules).toBeGreaterThan(5);
    expect(oneByOne).toBeLessThan(all.length / 10);
    const expected = Papa.parse<string[]>(targetLookupCsv(all.map((r) => [r.target, r.fiscal_year] as const)).csv.trim()).data.slice(1)
      .map((r) => r.map((c) => (c === "" ? null : c))).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    const got = (await e.query<Record<string, string | number | boolean | null>>("SELECT target, CAST(fiscal_year AS VARCHAR) AS y, target_kind, op, value, measure_unit, direction, deadline, CAST(recognised AS VARCHAR) AS r FROM target_lookup"))
      .map((r) => Object.values(r)).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    expect(got).toEqual(expected);
    // The view agrees with the generator, which wrote each row's parsed columns with the core's parseTarget.
    const disagree = await e.query(`SELECT CAST(count(*) AS INTEGER) AS n FROM indicators i JOIN read_csv('${path}', all_varchar = true) g ON g.indicator_id = i.indicator_id
      WHERE i.target_kind IS DISTINCT FROM g.target_kind OR i.op IS DISTINCT FROM g.op OR i.value IS DISTINCT FROM g.value OR i.measure_unit IS DISTINCT FROM g.measure_unit OR i.deadline IS DISTINCT FROM g.deadline`);
    expect(disagree).toEqual([{ n: 0 }]);
    await e.close();
  });

  it("one unit's targets (the unit the dashboards open on) are parsed one by one when they are few, by shape when they are many, to the same lookup", async () => {
    const e = await createNodeEngine();
    for (const s of setupSql()) await e.query(s);
    // Unit ua: 12 targets; unit ub: more distinct targets than are parsed one by one (a number each, a few shapes).
    const targets = (n: number) => `SELECT CASE WHEN i % 50 = 7 THEN (i % 12 + 1) || '月底前' WHEN i % 2 = 0 THEN '≥' || i || '.00(个)' ELSE '≤' || i || '%' END AS target FROM range(${n}) r(i)`;
    for (const [u, n] of [["ua", 12], ["ub", UNIT_TARGETS_ONE_BY_ONE + 500]] as const) {
      await e.query(`INSERT INTO indicator_rows (indicator_id, unit_id, fiscal_year, target, upload_id) SELECT 'i' || row_number() OVER (), '${u}', 2026, target, 1 FROM (${targets(n)})`);
    }
    expect(await bulkTargets(e, 1, "ua")).toEqual({ rules: 0, oneByOne: 12 });
    const many = await bulkTargets(e, 1, "ub");
    expect(many.rules).toBeGreaterThan(0);
    expect(many.oneByOne).toBeLessThan(UNIT_TARGETS_ONE_BY_ONE);
    // Either way, what parsing every target by the core's grammar gives.
    const all = await e.query<{ target: string; fiscal_year: number }>("SELECT DISTINCT target, fiscal_year FROM indicator_rows");
    expect(all.length).toBeGreaterThan(UNIT_TARGETS_ONE_BY_ONE + 400);
    const expected = Papa.parse<string[]>(targetLookupCsv(all.map((r) => [r.target, r.fiscal_year] as const)).csv.trim()).data.slice(1)
      .map((r) => r.map((c) => (c === "" ? null : c))).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    const got = (await e.query<Record<string, string | number | boolean | null>>("SELECT target, CAST(fiscal_year AS VARCHAR) AS y, target_kind, op, value, measure_unit, direction, deadline, CAST(recognised AS VARCHAR) AS r FROM target_lookup"))
      .map((r) => Object.values(r)).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));
    expect(got).toEqual(expected);
    await e.close();
  });

  it("deleteUploadSql(id) removes exactly that upload's rows", async () => {
    for (const s of deleteUploadSql(2)) await db.query(s);
    for (const s of deleteUploadSql(3)) await db.query(s);
    for (const t of TABLES) {
      const table = t === "indicators" ? "indicator_rows" : t;
      expect(await db.query(`SELECT DISTINCT upload_id FROM ${table}`)).toEqual(((seed as unknown as Record<string, unknown[]>)[t] ?? []).length ? [{ upload_id: 1 }] : []);
    }
  });

  it("setupSql({ findingsDb }) puts the findings in the page's compressed database, found by name through the search path", async () => {
    const e = await createNodeEngine();
    await e.query(`ATTACH ':memory:' AS ${FINDINGS_DB} (COMPRESS)`);
    await e.query(`SET search_path = 'memory.main,${FINDINGS_DB}.main'`);
    for (const s of setupSql({ findingsDb: FINDINGS_DB })) await e.query(s);
    expect(await e.query("SELECT table_catalog, table_name FROM information_schema.tables WHERE table_name IN ('findings', 'units') ORDER BY table_name"))
      .toEqual([{ table_catalog: FINDINGS_DB, table_name: "findings" }, { table_catalog: "memory", table_name: "units" }]);
    // As the page loads a file: the tables in one transaction, the findings just after it.
    const loaded = toLoaded(seed, ["seed.txt"]);
    await e.query("BEGIN TRANSACTION");
    for (const [t, { csv }] of Object.entries(loaded.tables) as [TableName, { csv: string }][]) {
      if (t === "findings") continue;
      const path = join(dir, `db-${t}-${n++}.csv`);
      writeFileSync(path, csv);
      await e.query(insertTableSql(t, path, 1));
    }
    // One transaction writes to one database: a finding inside it is refused.
    await expect(e.query("INSERT INTO findings (severity, code, message) VALUES ('info', 'x', 'y')")).rejects.toThrow(/single attached database/);
    await e.query("ROLLBACK");
    expect(await e.query("SELECT count(*)::INTEGER AS n FROM units")).toEqual([{ n: 0 }]);
    const path = join(dir, `db-findings-${n++}.csv`);
    writeFileSync(path, loaded.tables.findings!.csv);
    await e.query(insertTableSql("findings", path, 1));
    expect(await e.query("SELECT count(*)::INTEGER AS n FROM findings WHERE upload_id = 1")).toEqual([{ n: seed.findings.length }]);
    const u = seed.units[0];
    expect((await queries.findings(e, u.id, u.year)).length).toBeGreaterThan(0);
    for (const s of deleteUploadSql(1)) await e.query(s);
    expect(await e.query("SELECT count(*)::INTEGER AS n FROM findings")).toEqual([{ n: 0 }]);
    await e.close();
  });

  it("limitedSql(sql, n) wraps a query in a LIMIT and leaves other statements alone", () => {
    expect(limitedSql("SELECT 1;", 1001)).toEqual({ sql: "SELECT * FROM (SELECT 1\n) AS console_query LIMIT 1001", limited: true });
    expect(limitedSql("create view v as select 1", 1001)).toEqual({ sql: "create view v as select 1", limited: false });
    expect(limitedSql("select 1; select 2", 1001).limited).toBe(false);
    expect(sqlErrorText("Error: Catalog Error: Table with name x does not exist!\nDid you mean \"units\"?")).toBe('找不到表、列或函数：Catalog Error: Table with name x does not exist! Did you mean "units"?');
  });

  it("csvErrorText(message) says where and why in Chinese", () => {
    expect(csvErrorText("Invalid Input Error: CSV Error on Line: 3\nOriginal Line: 3,4,5\nExpected Number of Columns: 2 Found: 3")).toEqual({ row: 3, reason: "列数不对（应为 2 列，实际 3 列）" });
    expect(csvErrorText("Catalog Error: x")).toBeNull();
  });
});

describe("exports", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", true],
    ["+1+2", true],
    ["-2+3", true],
    ["@SUM(A1)", true],
    ["=1\n2", true],
    ["\tx", true],
    ["-0.05", false],
    ["92787331.00", false],
    ["产出指标", false],
  ])("FORMULA neutralises %j: %s", (cell, yes) => {
    expect(FORMULA.test(cell)).toBe(yes);
    expect(csvChunk(["a"], [[cell]]).split("\r\n")[1].replace(/^"/, "").startsWith("'")).toBe(yes);
  });

  it("csvChunk writes RFC 4180 with CRLF, nulls empty, header only on the first chunk", () => {
    expect(csvChunk(["a", "b"], [["x,y", null], [1, 'q"']])).toBe('a,b\r\n"x,y",\r\n1,"q"""\r\n');
    expect(csvChunk(["a"], [["z"]], false)).toBe("z\r\n");
  });

  it("the canonical JSON of the explore database reads back into the same dataset", async () => {
    const parts: string[] = [];
    for (const t of ["units", "budget", "tasks", "indicators", "findings"] as const) {
      const sql = t === "indicators"
        ? "SELECT i.*, l.recognised FROM indicators i LEFT JOIN target_lookup l USING (target, fiscal_year) WHERE upload_id = 1 ORDER BY ord"
        : `SELECT * EXCLUDE (upload_id) , ${t === "budget" ? "CAST(amount AS VARCHAR) AS amount" : "NULL AS _x"} FROM ${t} WHERE upload_id = 1`;
      parts.push(`${JSON.stringify(t)}:[${jsonRows(t, await db.query(sql.replace("SELECT * EXCLUDE (upload_id) , CAST(amount AS VARCHAR) AS amount", "SELECT * EXCLUDE (upload_id, amount), CAST(amount AS VARCHAR) AS amount")))}]`);
    }
    const json = JSON.parse(`{${parts.join(",")}}`);
    // Canonical tables keep a source's file and row, not its column.
    const expected = JSON.parse(JSON.stringify(toJson(seed), (k, v) => (k === "column" && typeof v === "number" ? undefined : v)));
    expect(json.indicators).toEqual(expected.indicators);
    expect(json.budget).toEqual(expected.budget);
    expect(json.units).toEqual(expected.units);
    expect(json.tasks).toEqual(expected.tasks);
    const back = fromJson(json, "export.json");
    expect(back.indicators.map((i) => i.parsed)).toEqual(seed.indicators.map((i) => i.parsed));
  });

  it("the canonical JSON keeps a unit's code and form kind, its projects and which project each row belongs to", () => {
    const json = JSON.parse(`{"units":[${jsonRows("units", [{ unit_id: "u1", unit_name: "甲单位", fiscal_year: 2023, unit_code: "219001", form_kind: "unit_declaration", data_source: "declared", source_file: "a.csv", source_row: 2 }])}],`
      + `"projects":[${jsonRows("projects", [{ project_id: "p1", unit_id: "u1", fiscal_year: 2023, project_name: "乙项目", project_code: "P-9", form_kind: "project_selfeval", goals_annual: "目标一\n目标二", level1_weights: '{"产出指标":"50"}', data_source: "declared", source_file: "b.csv", source_row: 3 }])}],`
      + `"budget":[${jsonRows("budget", [{ line_id: "b1", unit_id: "u1", fiscal_year: 2023, kind: "total", item: "资金总额", amount: "100.00", project_id: "p1", source_file: "b.csv", source_row: 6 }])}]}`);
    const back = fromJson(json, "export.json");
    expect(back.units[0]).toMatchObject({ code: "219001", formKind: "unit_declaration" });
    expect(back.projects?.[0]).toMatchObject({ id: "p1", name: "乙项目", code: "P-9", formKind: "project_selfeval", goals: { annual: ["目标一", "目标二"] }, level1Weights: { 产出指标: "50" } });
    expect(back.budget[0]).toMatchObject({ projectId: "p1", amountFen: 10000n });
  });

  it("xlsxCell writes exact decimals as numbers and everything else as text", () => {
    expect(xlsxCell("92787331.00", "DECIMAL(18,2)")).toEqual({ value: 92787331, type: Number, format: "#,##0.00" });
    expect(xlsxCell("=1+1", "VARCHAR")).toEqual({ value: "=1+1", type: String });
    expect(xlsxCell(null, "VARCHAR")).toBeNull();
  });

  it("chart files: standaloneSvg adds the XML declaration, svgSize reads the viewBox, safeFileName keeps Chinese", () => {
    expect(standaloneSvg('<svg viewBox="0 0 640 300"></svg>')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300"></svg>');
    const chart = standaloneSvg('<svg xmlns="http://www.w3.org/2000/svg" class="jx-chart" viewBox="0 0 640 300" width="100%" font-family="inherit"><text>x</text></svg>');
    expect(chart).toContain('viewBox="0 0 640 300" width="640" height="300"');
    expect(chart).toContain("font-family=\"system-ui, 'Noto Sans CJK SC'");
    expect(svgSize('<svg viewBox="0 0 640 312.5">')).toEqual({ width: 640, height: 312.5 });
    expect(safeFileName("预算/结构:2026", "svg")).toBe("预算_结构_2026.svg");
  });
});

describe("plainValue(v, type): Arrow values as exact JSON", () => {
  it.each([
    ["DECIMAL(18,2)", { toString: () => "-5" }, { typeId: ArrowType.Decimal, scale: 2 }, "-0.05"],
    ["DECIMAL(18,2) large", { toString: () => "9278733100" }, { typeId: ArrowType.Decimal, scale: 2 }, "92787331.00"],
    ["BIGINT", 12n, { typeId: ArrowType.Int }, 12],
    ["BIGINT beyond 2^53", 9007199254740993n, { typeId: ArrowType.Int }, "9007199254740993"],
    ["DATE", Date.UTC(2026, 9, 31), { typeId: ArrowType.Date }, "2026-10-31"],
    ["TIMESTAMP", Date.UTC(2026, 0, 2, 3, 4, 5), { typeId: ArrowType.Timestamp }, "2026-01-02 03:04:05"],
    ["NULL", null, { typeId: ArrowType.Utf8 }, null],
  ])("%s", (_label, v, type, expected) => {
    expect(plainValue(v, type)).toEqual(expected);
  });

  it("unscaledToDecimal and plainRows", () => {
    expect(unscaledToDecimal("7", 3)).toBe("0.007");
    const table = { schema: { fields: [{ name: "a", type: { typeId: ArrowType.Utf8 } }] }, numRows: 2, getChildAt: () => ({ get: (i: number) => ["x", "y"][i] }) };
    expect(plainRows(table)).toEqual([{ a: "x" }, { a: "y" }]);
  });
});
