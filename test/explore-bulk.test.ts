// The bulk route (read_csv + src/explore/bulk.ts) against the core importer, the
// reference: the same file with hostile and edge content loaded both ways on
// native DuckDB must give the same indicator rows and the same findings.
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { importFile } from "../src/core/import.ts";
import { parseDelimited } from "../src/core/table.ts";
import type { TableName } from "../src/core/canonical.ts";
import { createNodeEngine } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { BULK_MIN_BYTES, bulkPlan, toLoaded, type BulkPlan, type Loaded } from "../src/explore/importer.ts";
import { mapHeader } from "../src/core/canonical.ts";
import { bulkInsertSql } from "../src/explore/bulkSql.ts";
import { finishUploadSql, insertLookupSql, insertTableSql, setupSql, uploadRowSql } from "../src/explore/sql.ts";
import { bulkUnitRows, checkBulk, createLineCounter, finishBulk, recordLines } from "../src/explore/bulk.ts";
import { CHECK_CODES } from "../src/core/findingText.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const seed = importFile("000_83bc0b582c527eae.txt", new Uint8Array(readFileSync(SEED)));
const dir = mkdtempSync(join(tmpdir(), "jixiao-bulk-"));
let n = 0;
let db: QueryEngine;

beforeAll(async () => {
  db = await createNodeEngine();
  for (const s of setupSql()) await db.query(s);
});
afterAll(async () => db?.close());

async function viaImporter(engine: QueryEngine, name: string, bytes: Uint8Array, id: number) {
  const loaded: Loaded = toLoaded(importFile(name, bytes), [name]);
  for (const [t, { csv }] of Object.entries(loaded.tables) as [TableName, { csv: string }][]) {
    const path = join(dir, `i${id}-${t}-${n++}.csv`);
    writeFileSync(path, csv);
    await engine.query(insertTableSql(t, path, id));
  }
  const lookup = join(dir, `i${id}-lookup-${n++}.csv`);
  writeFileSync(lookup, loaded.lookup.csv);
  await engine.query(insertLookupSql(lookup));
  for (const s of finishUploadSql(id)) await engine.query(s);
}

/** The bulk route as the page runs it (session.loadBulk, its unit rows in the transaction, then its checks), the line counter fed in two chunks. */
async function viaBulk(engine: QueryEngine, name: string, bytes: Uint8Array, id: number, given?: BulkPlan, firstPartOnly = false) {
  const plan = given ?? bulkPlan(name, BULK_MIN_BYTES, bytes.subarray(0, 65536));
  expect(plan).not.toBeNull();
  const path = join(dir, `b${id}-${n++}-${name}`);
  writeFileSync(path, bytes);
  await engine.query("BEGIN TRANSACTION");
  await engine.query(bulkInsertSql(plan!, path, id, name));
  const counter = createLineCounter(plan!.delimiter);
  const cut = Math.floor(bytes.length / 2);
  counter.push(bytes.subarray(0, cut));
  counter.push(bytes.subarray(cut));
  const text = async (t: string, body: string) => {
    const p = join(dir, `b${id}-${n++}-${t}`);
    writeFileSync(p, body);
    return p;
  };
  const bulkDb = { run: (s: string) => engine.query(s), query: (s: string) => engine.query(s) as never, text };
  const out = await finishBulk(bulkDb, plan!, path, name, id, counter.end());
  await engine.query(uploadRowSql({ id, name, parts: [name], loadedAt: "2026-11-26 10:00:00", route: "bulk", bytes: bytes.length, rows: out.rows }));
  if (firstPartOnly) return { ...out, keys: 0 };
  await bulkUnitRows(bulkDb, id);
  await engine.query("COMMIT");
  // Key findings in batches of 7 rows here (the page's are 32,768), so that the batching is exercised.
  return { ...out, ...(await checkBulk(bulkDb, name, id, 7)) };
}

const ROWS = `indicator_id, unit_id, fiscal_year, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_file, source_row`;
const rows = (id: number) => db.query(`SELECT ${ROWS} FROM indicators WHERE upload_id = ${id} ORDER BY source_row, ord, indicator_id`);
const findings = (id: number) => db.query(`SELECT severity, code, message, message_en, params, source_file, source_row, source_column, subject FROM findings WHERE upload_id = ${id}
  ORDER BY source_row NULLS FIRST, code, message, subject`);

const q = (s: string) => (/[",\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const line = (cells: string[]) => cells.map(q).join(",");

/** A canonical file with everything the importer cleans, numbers, suffixes and checks. */
function hostile(withIds: boolean): string {
  const header = [...(withIds ? ["indicator_id", "unit_id"] : []), "unit_name", "fiscal_year", ...(withIds ? ["ord"] : []), "level1", "level2", "name", "target", "note", ...(withIds ? ["source_row"] : [])];
  const out: string[] = [line(header)];
  const seedRows = seed.indicators.slice(0, 40);
  let k = 0;
  const push = (r: Record<string, string>) => {
    k++;
    const cells = header.map((h) => r[h] ?? "");
    out.push(line(cells));
  };
  for (const [u, [uid, unit]] of [["ua", "甲  单位"], ["", "<b>乙</b>单位\u3000"]].entries()) {
    for (const year of ["2025", "2026"]) {
      seedRows.forEach((i, j) => {
        // 乙 2026 covers no 满意度指标 (missing group); some rows change.
        if (u === 1 && year === "2026" && i.level1 === "满意度指标") return;
        const r: Record<string, string> = {
          indicator_id: j % 7 === 3 ? "" : j % 11 === 5 ? "dup-id" : `x${j}`, unit_id: uid && j !== 4 ? uid : "",
          unit_name: unit, fiscal_year: year, ord: j === 2 ? "abc" : j === 6 ? "0" : j === 8 ? "" : String(j + 1),
          level1: i.level1, level2: i.level2, name: i.name ?? "", target: i.target ?? "", note: i.note ?? "", source_row: j === 9 ? "" : j === 10 ? "7x" : String(1000 + k),
        };
        if (j === 0) r.name = ` <p>${r.name}</p>  `;
        if (j === 1) r.target = "  ≥  95%";
        if (j === 3) r.note = "第一行\r\n第二行\r\n第三行";
        if (j === 5) r.target = "<0个";
        if (j === 7) r.target = "≥120%";
        if (j === 12) r.target = "2030年12月31日前";
        if (j === 13) r.name = "=SUM(A1:A3)";
        if (j === 14) r.target = "+1+1";
        if (j === 15) r.target = "≥12345678901234567个";
        if (j === 16) r.target = "及时";
        if (j === 17) r.target = "";
        if (j === 18) r.name = seedRows[19].name ?? "";
        if (j === 20) r.fiscal_year = u === 0 ? "20x6" : ` ${year} `;
        if (j === 21) r.note = "a\tb\u00a0c";
        if (j === 22) r.note = "<script>alert(1)</script>&amp; 说明";
        if (j === 23) r.level2 = "数量指标";
        if (j === 23) r.target = "好";
        if (j === 27) r.name = `${r.name}\u2003`;
        if (j === 28) r.target = `${r.target}\u00a0`;
        if (j === 29) r.note = "说明</i>";
        if (j === 30) r.note = "a\ufeffb c";
        if (j === 31) r.note = '"引号" 前后 ';
        push(r);
        if (j === 24) push({ ...r, ord: String(j + 1) }); // a repeated row: same key, same id → -2
        if (j === 25) out.push(line(header.map(() => ""))); // a row of empty cells
        if (j === 26) out.push(""); // an empty line
      });
    }
  }
  return out.join("\r\n") + "\r\n";
}

describe("the bulk route gives what the core importer gives", () => {
  it.each([["with ids, ord and source_row", true], ["names only (ids, ord and rows derived)", false]])("for a hostile canonical file %s", async (_label, withIds) => {
    const name = `hostile-${withIds ? "ids" : "names"}.csv`;
    const bytes = new TextEncoder().encode(hostile(withIds));
    const base = withIds ? 10 : 20;
    await viaImporter(db, name, bytes, base + 1);
    const out = await viaBulk(db, name, bytes, base + 2);
    expect(out.pending).toBeGreaterThan(5);
    expect(out.dropped).toBeGreaterThan(0);
    const a = await rows(base + 1);
    const b = await rows(base + 2);
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    const fa = await findings(base + 1);
    const fb = await findings(base + 2);
    const codes = new Set(fa.map((f) => f.code));
    for (const c of ["canonical.bad_year", "indicator.duplicate_name", "indicator.missing_level1", "target.impossible", "target.deadline_outside_year", "cell.formula_like",
      "target.implausible_number", "target.not_quantified", "unit.no_duties"]) expect(codes).toContain(c);
    expect(fb).toEqual(fa);
    // A finding about a unit or an indicator belongs to that unit year in both routes, though ids repeat across years.
    const owners = (id: number) => db.query(`SELECT subject, source_row, code, unit_id, fiscal_year FROM findings WHERE upload_id = ${id} AND coalesce(subject, '') <> ''
      ORDER BY source_row, code, subject`);
    const oa = await owners(base + 1);
    expect(new Set(oa.map((o) => o.fiscal_year)).size).toBeGreaterThan(1);
    expect(await owners(base + 2)).toEqual(oa);
    // Cleaned text, suffixed ids and real lines, as asserted against the importer above, spelled out once.
    const ids = (await db.query<{ indicator_id: string }>(`SELECT indicator_id FROM indicator_rows WHERE upload_id = ${base + 2}`)).map((r) => r.indicator_id);
    expect(ids.some((i) => /-2$/.test(i))).toBe(true);
    expect(await db.query(`SELECT count(*)::INTEGER AS n FROM indicator_rows WHERE upload_id = ${base + 2} AND (name LIKE '%<%' OR note LIKE '%  %' OR note LIKE '%\t%')`)).toEqual([{ n: 0 }]);
  });

  it("the first part alone (what the page shows before the checks): the importer's rows but for -2 suffixes, the first unit's targets parsed, no checks yet", async () => {
    const name = "hostile-first.csv";
    const bytes = new TextEncoder().encode(hostile(false));
    await viaImporter(db, name, bytes, 41);
    const out = await viaBulk(db, name, bytes, 42, undefined, true);
    expect(out.first).not.toBeNull();
    const cols = "regexp_replace(indicator_id, '-[0-9]+$', '') AS id, unit_id, fiscal_year, ord, level1, level2, name, target, note, source_file, source_row";
    const plain = (id: number) => db.query(`SELECT ${cols} FROM indicator_rows WHERE upload_id = ${id} ORDER BY source_row, ord, id`);
    expect(await plain(42)).toEqual(await plain(41));
    // The unit it opens on has every target parsed, in every year; units are there; no findings yet (the reading's come with the checks).
    const unparsed = (where: string) => db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM indicator_rows r ANTI JOIN target_lookup l USING (target, fiscal_year) WHERE r.upload_id = 42 AND r.target IS NOT NULL AND ${where}`);
    expect(await unparsed(`r.unit_id = '${out.first!.unitId}'`)).toEqual([{ n: 0 }]);
    expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM units WHERE unit_id = '${out.first!.unitId}' AND fiscal_year = ${out.first!.year}`))[0].n).toBeGreaterThan(0);
    expect(await db.query("SELECT count(*)::INTEGER AS n FROM findings WHERE upload_id = 42")).toEqual([{ n: 0 }]);
    expect(await db.query("SELECT DISTINCT split_part(code, '.', 1) AS c FROM bulk_fix_findings")).toEqual([{ c: "canonical" }]);
    // The checks then make it the importer's, findings and all.
    const text = async (t: string, body: string) => {
      const p = join(dir, `b42-${n++}-${t}`);
      writeFileSync(p, body);
      return p;
    };
    // Between the two parts only the working tables the rest reads are left; the unit rows (in the transaction) take bulk_base's place by bulk_units.
    const temp = async () => (await db.query<{ t: string }>("SELECT table_name AS t FROM duckdb_tables() WHERE temporary ORDER BY t")).map((r) => r.t);
    expect(await temp()).toEqual(["bulk_base", "bulk_fix_findings", "bulk_lines"]);
    const bulkDb = { run: (s: string) => db.query(s), query: (s: string) => db.query(s) as never, text };
    await bulkUnitRows(bulkDb, 42);
    await db.query("COMMIT");
    expect(await temp()).toEqual(["bulk_fix_findings", "bulk_lines", "bulk_units"]);
    await checkBulk(bulkDb, name, 42);
    expect(await temp()).toEqual([]);
    expect(await unparsed("true")).toEqual([{ n: 0 }]);
    expect(await rows(42)).toEqual(await rows(41));
    expect(await findings(42)).toEqual(await findings(41));
  });

  it("the first part makes the unit rows of the file's first unit (every year; the dashboards open on its latest), the rest come before the commit", async () => {
    const header = "unit_name,fiscal_year,level1,level2,name,target";
    const body = [["丙检验单位", "2025"], ["丙检验单位", "2026"], ["甲检验单位", "2026"], ["乙检验单位", "2025"], ["丙检验单位", "2026"]]
      .map(([u, y], i) => `${u},${y},产出指标,数量指标,指标${i},≥${i + 1}个`);
    const bytes = new TextEncoder().encode([header, ...body].join("\r\n") + "\r\n");
    const out = await viaBulk(db, "first-unit.csv", bytes, 61, undefined, true);
    const units = () => db.query<{ unit_name: string; fiscal_year: number }>("SELECT unit_name, fiscal_year FROM units WHERE upload_id = 61 ORDER BY unit_name, fiscal_year");
    // The first row's unit, not the first by name; in its latest year.
    const [unit] = await db.query<{ unit_id: string }>("SELECT unit_id FROM units WHERE upload_id = 61 AND unit_name = '丙检验单位' LIMIT 1");
    expect(out.first).toEqual({ unitId: unit.unit_id, year: 2026 });
    expect(out.rows).toBe(5);
    expect(await units()).toEqual([{ unit_name: "丙检验单位", fiscal_year: 2025 }, { unit_name: "丙检验单位", fiscal_year: 2026 }]);
    expect(await db.query("SELECT CAST(rows_loaded AS INTEGER) AS n FROM uploads WHERE upload_id = 61")).toEqual([{ n: 5 }]);
    const text = async (t: string, content: string) => {
      const p = join(dir, `b61-${n++}-${t}`);
      writeFileSync(p, content);
      return p;
    };
    await bulkUnitRows({ run: (s) => db.query(s), query: (s) => db.query(s) as never, text }, 61);
    await db.query("COMMIT");
    expect(await units()).toEqual([
      { unit_name: "丙检验单位", fiscal_year: 2025 }, { unit_name: "丙检验单位", fiscal_year: 2026 }, { unit_name: "乙检验单位", fiscal_year: 2025 }, { unit_name: "甲检验单位", fiscal_year: 2026 },
    ]);
    await checkBulk({ run: (s) => db.query(s), query: (s) => db.query(s) as never, text }, "first-unit.csv", 61);
    expect(await units()).toHaveLength(4);
  });

  it("a clean file, with no row for the core to read again, loads as the importer loads it", async () => {
    const text = "unit_name,fiscal_year,level1,level2,name,target\r\n甲,2026,产出指标,数量指标,培训人数,≥10人\r\n甲,2026,效益指标,社会效益指标,满意度,≥90%\r\n";
    const bytes = new TextEncoder().encode(text);
    await viaImporter(db, "clean.csv", bytes, 51);
    const out = await viaBulk(db, "clean.csv", bytes, 52);
    expect(out.pending).toBe(0);
    expect(await rows(52)).toEqual(await rows(51));
    expect(await findings(52)).toEqual(await findings(51));
  });

  it("a column the header does not map: a row blank but for it is an unreadable year, a blank one is skipped (as the importer does)", async () => {
    const text = "unit_name,fiscal_year,level1,level2,name,target,备注列\r\n甲,2026,产出指标,数量指标,培训人数,≥10人,x\r\n,,,,,,有内容\r\n,,,,,, \r\n甲,2026,效益指标,社会效益指标,满意度,≥90%,\r\n";
    const header = mapHeader(text.split("\r\n")[0].split(","))!;
    expect(header.unknown).toEqual(["备注列"]);
    const plan: BulkPlan = { delimiter: ",", index: header.index, columnCount: 7, unknown: header.unknown, headerRow: 1 };
    const bytes = new TextEncoder().encode(text);
    await viaImporter(db, "other.csv", bytes, 31);
    await viaBulk(db, "other.csv", bytes, 32, plan);
    expect(await rows(32)).toEqual(await rows(31));
    const f = await findings(32);
    expect(f).toEqual(await findings(31));
    expect(f.filter((x) => String(x.code).startsWith("canonical."))).toMatchObject([
      { code: "canonical.unknown_columns", source_row: 1 }, { code: "canonical.bad_year", source_row: 3, source_column: 2 },
    ]);
  });

  describe("for every finding code the reviewer's checks can raise (findingText.ts CHECK_CODES)", () => {
    // Rows (level1, level2, name, target) that raise the code on an indicators file, beside a unit's other groups; or why
    // an indicators file cannot raise it (it has no budget, tasks, staff or departments).
    const NOT_HERE = "needs budget lines, tasks or a unit's head, which an indicators file does not have";
    const CASES: Record<(typeof CHECK_CODES)[number], string[][] | string> = {
      "budget.projects_exceed": NOT_HERE, "budget.projects_partial": NOT_HERE, "budget.no_total": NOT_HERE, "budget.no_source": NOT_HERE,
      "budget.no_structure": NOT_HERE, "budget.source_mismatch": NOT_HERE, "budget.structure_mismatch": NOT_HERE, "budget.negative": NOT_HERE,
      "budget.implausible": NOT_HERE, "unit.zero_staff": NOT_HERE, "unit.zero_orgs": NOT_HERE, "target.exceeds_budget": NOT_HERE, "task.no_content": NOT_HERE,
      "unit.no_duties": [["产出指标", "数量指标", "培训人数", "≥10人"]],
      "unit.no_goals": [["产出指标", "数量指标", "培训人数", "≥10人"]],
      "indicator.duplicate_name": [["产出指标", "数量指标", "培训人数", "≥10人"], ["产出指标", "数量指标", "培训人数", "≥12人"], ["产出指标", "数量指标", "培训人数", "≥12人"]],
      "indicator.missing_level1": [["产出指标", "数量指标", "培训人数", "≥10人"]],
      "cell.formula_like": [["产出指标", "数量指标", "=SUM(A1:A3)", "≥1个"], ["产出指标", "数量指标", "培训次数", "+1+1"]],
      "indicator.no_target": [["产出指标", "数量指标", "培训次数", ""]],
      "target.unparsed": [["产出指标", "质量指标", "培训质量", "见附件三"]],
      "target.not_quantified": [["产出指标", "数量指标", "培训次数", "好"]],
      "target.vague_deadline": [["产出指标", "时效指标", "培训及时性", "及时"]],
      "target.deadline_outside_year": [["产出指标", "时效指标", "培训完成时间", "2030年12月31日前"]],
      "target.impossible": [["产出指标", "数量指标", "事故数", "<0个"], ["产出指标", "数量指标", "事故次数", "=-1个"], ["产出指标", "质量指标", "合格率", "≥120%"], ["产出指标", "质量指标", "达标率", "=101%"]],
      "target.count_in_quality": [["产出指标", "质量指标", "培训人数", "≥10人"]],
      "target.unit_nonstandard": [["产出指标", "质量指标", "完成率", "≥95率"]],
      "target.unit_mismatch": [["满意度指标", "服务对象满意度指标", "群众满意度", "≥90个"], ["产出指标", "成本指标", "培训经费", "≤10个"]],
      "target.implausible_number": [["产出指标", "数量指标", "培训人数", "≥12345678901234567个"], ["产出指标", "数量指标", "培训场次", "≥1.1234567场"]],
    };

    it("the cases cover exactly the codes the catalogue lists for the checks", () => {
      expect(Object.keys(CASES).sort()).toEqual([...CHECK_CODES].sort());
    });

    let k = 0;
    it.each(Object.entries(CASES).filter(([, c]) => typeof c !== "string") as [string, string[][]][])("%s: the same code, params, severity, place, subject and text both ways", async (code, cases) => {
      const others = [["效益指标", "社会效益指标", "群众知晓度", "≥90%"], ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"]];
      const body = [...cases, ...(code === "indicator.missing_level1" ? [others[0]] : others)];
      const csv = ["unit_name,fiscal_year,level1,level2,name,target", ...body.map((r) => line(["检验单位", "2026", ...r]))].join("\r\n") + "\r\n";
      const bytes = new TextEncoder().encode(csv);
      const base = 200 + 2 * k++;
      await viaImporter(db, `codes-${code}.csv`, bytes, base);
      await viaBulk(db, `codes-${code}.csv`, bytes, base + 1);
      const fa = await findings(base);
      expect(fa.filter((f) => f.code === code).length).toBeGreaterThanOrEqual(code === "indicator.duplicate_name" ? 2 : 1);
      expect(await findings(base + 1)).toEqual(fa);
      expect(await rows(base + 1)).toEqual(await rows(base));
    });
  });

  it("createLineCounter counts the lines records start on as the core's tokenizer does", () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,z\n3,"p\rq"\r4,w\n\n,\n"5",""""\n';
    const records = parseDelimited(text, ",").records.filter((r) => r.cells.join("") !== "" || r.cells.length > 1);
    const counter = createLineCounter(",");
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 3) counter.push(bytes.subarray(i, i + 3));
    const { changes } = counter.end();
    const lineOf = (k: number) => {
      const c = changes.filter(([ck]) => ck <= k).at(-1)!;
      return c[1] + (k - c[0]);
    };
    expect(records.map((_, k) => lineOf(k))).toEqual(records.map((r) => r.row));
    // Records 1 (line break in a quoted cell), 3 (a CR in one) and 6 (a quoted empty cell) are read again by the core; 2 and 4 are not.
    expect(counter.end().odd).toEqual([1, 3, 6]);
  });

  it("recordLines reads a file in chunks as one push of its whole bytes reads it: no row marked odd at a chunk's edge", async () => {
    // 3 MB of rows whose text looks odd only with its next bytes: single inner spaces, “<” before a digit, CJK and
    // other 3-byte sequences whose lead is one the scan looks at (“、” E3, “–” E2, “ｘ” EF), a CR LF at every line's end;
    // and a few rows really odd (a double space, a no-break space).
    const cells = ["a b", "x<1", "部门、单位", "10–20", "ｘ全角", "甲 乙 丙", "<2", "“引”"];
    const lines = ["a,b,c"];
    for (let k = 0, length = 0; length < 3_000_000; k++) {
      const odd = k % 9973 === 5 ? "a  b" : k % 7919 === 11 ? "a\u00a0b" : "";
      lines.push([cells[k % cells.length], odd || cells[(k * 7) % cells.length], String(k)].join(","));
      length += lines[lines.length - 1].length + 2;
    }
    const bytes = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
    const whole = createLineCounter(",");
    whole.push(bytes);
    const expected = whole.end();
    expect(expected.odd.length).toBeGreaterThan(3);
    expect(expected.odd.every((r) => (r - 1) % 9973 === 5 || (r - 1) % 7919 === 11)).toBe(true); // record 0 is the header
    expect(await recordLines(new Blob([bytes]), ",", 1 << 20)).toEqual(expected);
    // Where the stream has no BYOB reader: its own chunks (here 64 KB), copied after the bytes carried over.
    const chunked = { stream: () => new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.slice(i, i + 65536));
        c.close();
      },
    }) } as unknown as Blob;
    expect(await recordLines(chunked, ",")).toEqual(expected);
    // Fed in 3-byte pieces with no lookahead, the counter errs on the side of “odd” at the edges.
    const pieces = createLineCounter(",");
    for (let i = 0; i < bytes.length; i += 3) pieces.push(bytes.subarray(i, i + 3));
    expect(pieces.end().odd.length).toBeGreaterThan(expected.odd.length);
  });
});
