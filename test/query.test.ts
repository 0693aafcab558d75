// The query layer on the build runtime (native DuckDB): the SQL behind the pages
// gives exact figures. Cases are data, so the browser runtime can run the same table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openDataFolders } from "../src/query/node.ts";
import { SQL, queries } from "../src/query/queries.ts";
import type { QueryEngine, Row, Value } from "../src/query/engine.ts";
import { inlineParams } from "../src/query/inline.ts";

let bundled: QueryEngine;
let floats: QueryEngine;
const UNIT = "ue5033044165152b9";

beforeAll(async () => {
  bundled = await openDataFolders([{ dir: "data/canonical", status: "declared" }]);
  // Amounts whose float sum is wrong (0.1 + 0.2 ≠ 0.3), in a hand-made file with only some columns.
  const dir = mkdtempSync(join(tmpdir(), "jixiao-query-"));
  writeFileSync(join(dir, "budget.csv"), "unit_id,fiscal_year,kind,item,amount\r\nu1,2026,total,总额,0.30\r\nu1,2026,source,甲,0.10\r\nu1,2026,source,乙,0.20\r\nu1,2026,structure,丙,99999999999999.99\r\n");
  floats = await openDataFolders([{ dir, status: "sample" }]);
});
afterAll(async () => {
  await bundled?.close();
  await floats?.close();
});

const CASES: { name: string; db: () => QueryEngine; sql: string; params: Value[]; expected: Row[] }[] = [
  { name: "reconciliation of the bundled unit adds up to the fen", db: () => bundled, sql: SQL.reconciliation, params: [UNIT, 2026],
    expected: [{ total: "92787331.00", sources: "92787331.00", structure: "92787331.00", source_lines: 2, structure_lines: 2 }] },
  { name: "key figures carry 基本 and 项目 exactly", db: () => bundled, sql: SQL.keyFigures, params: [],
    expected: [{ unit_id: UNIT, fiscal_year: 2026, total: "92787331.00", basic: "50839284.87", project: "41948046.13" }] },
  { name: "DECIMAL sums never go through floats", db: () => floats, sql: SQL.reconciliation, params: ["u1", 2026],
    expected: [{ total: "0.30", sources: "0.30", structure: "99999999999999.99", source_lines: 2, structure_lines: 1 }] },
];

describe("query(sql, params) on the build runtime", () => {
  it.each(CASES)("$name", async ({ db, sql, params, expected }) => {
    expect(await db().query(sql, params)).toEqual(expected);
  });

  it("indicatorKinds counts all 60 indicators of the declaration, 53 with a 三级 name", async () => {
    const kinds = await queries.indicatorKinds(bundled, UNIT, 2026);
    expect(kinds.reduce((s, k) => s + k.n, 0)).toBe(60);
    const level1 = await queries.level1Counts(bundled);
    expect(level1.map((l) => [l.level1, l.n, l.named])).toEqual([
      ["投入管理指标", 7, 0], ["产出指标", 35, 35], ["效益指标", 14, 14], ["满意度指标", 4, 4],
    ]);
  });

  it("a hand-made table with missing columns loads them as NULL", async () => {
    const rows = await queries.budget(floats, "u1", 2026);
    expect(rows.map((r) => [r.kind, r.item, r.amount, r.source_row])).toEqual([
      ["total", "总额", "0.30", null], ["source", "甲", "0.10", null], ["source", "乙", "0.20", null], ["structure", "丙", "99999999999999.99", null],
    ]);
  });

  it("the canonical files in data/ are what `npm run data` makes of data/raw/", async () => {
    const { readFileSync, mkdtempSync: tmp } = await import("node:fs");
    const { main } = await import("../src/cli/main.ts");
    const out = tmp(join(tmpdir(), "jixiao-data-"));
    expect(await main(["import", "data/raw", "--out", out], { out: () => {}, err: () => {} })).toBe(0);
    for (const t of ["units", "budget", "tasks", "indicators", "findings"]) {
      expect(readFileSync(join(out, `${t}.csv`), "utf8"), `${t}.csv is stale: run npm run data`).toBe(readFileSync(`data/canonical/${t}.csv`, "utf8"));
    }
  });
});

describe("inlineParams: a statement's parameters written in as literals (the browser runs it in one message)", () => {
  it("writes strings, integers, booleans and NULL; leaves quoted text and $10 vs $1 right", () => {
    const params: Value[] = ["it's", 2026, true, null, "a", "b", "c", "d", "e", "ten"];
    expect(inlineParams("SELECT $1, $2, $3, $4, '$1 stays', \"$2col\", $10 FROM t WHERE x = $1", params))
      .toBe("SELECT 'it''s', 2026, TRUE, NULL, '$1 stays', \"$2col\", 'ten' FROM t WHERE x = 'it''s'");
    expect(inlineParams("SELECT 'a''$1' || $1", ["x"])).toBe("SELECT 'a''$1' || 'x'");
  });

  it("gives null where a value has no exact literal or a placeholder no value (the statement is then prepared)", () => {
    expect(inlineParams("SELECT $1", [1.5])).toBeNull();
    expect(inlineParams("SELECT $1", [Number.NaN])).toBeNull();
    expect(inlineParams("SELECT $1", [2 ** 60])).toBeNull();
    expect(inlineParams("SELECT $1", ["a\0b"])).toBeNull();
    expect(inlineParams("SELECT $2", ["a"])).toBeNull();
    expect(inlineParams("SELECT $0", ["a"])).toBeNull();
  });

  it.each([
    ["indicatorKinds", SQL.indicatorKinds, [UNIT, 2026]],
    ["indicators", SQL.indicators, [UNIT, 2026]],
    ["reconciliation", SQL.reconciliation, [UNIT, 2026]],
    ["budget", SQL.budget, [UNIT, 2026]],
    ["a hostile string", "SELECT count(*) AS n FROM indicators WHERE unit_id = $1 OR name = $2", ["x' OR '1'='1", "'; DROP TABLE indicators; --"]],
    ["strings as they are (backslashes, quotes, CJK, emoji)", "SELECT $1 AS a, $2 AS b, length($1) AS n", ["C:\\目录\\x'\\n", "“引号” 😀 \t"]],
  ] as [string, string, Value[]][])("%s gives the same rows inlined as prepared", async (_name, sql, params) => {
    const inlined = inlineParams(sql, params);
    expect(inlined).not.toBeNull();
    expect(await bundled.query(inlined!)).toEqual(await bundled.query(sql, params));
  });
});
