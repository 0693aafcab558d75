// src/explore/parquetRemote.ts against scripts/serve.ts on 127.0.0.1: one unit of
// the published Parquet tables read by range requests gives exactly the rows a
// whole-file read gives (every cell, amounts to the fen), fetches fewer bytes than
// the files, and a host that ignores ranges is found by the probe and said, with
// nothing read whole.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { district, writeDistrict } from "../bench/district.ts";
import { serve } from "../scripts/serve.ts";
import { COLUMNS, type TableName } from "../src/core/canonical.ts";
import { openDataFolders } from "../src/query/node.ts";
import { writeParquet, type Manifest } from "../src/query/parquet.ts";
import { groupsFor, listUnits, openPublished, probePublished, RangesIgnored, readUnit, readYear, unitCsvFiles } from "../src/explore/parquetRemote.ts";
import { t } from "../src/i18n/messages.ts";
import type { QueryEngine } from "../src/query/engine.ts";

const root = mkdtempSync(join(tmpdir(), "jixiao-remote-"));
const pq = join(root, "data", "parquet");
const servers: Server[] = [];
let url = "";
let ignoring = "";
let manifest: Manifest;
let db: QueryEngine;

beforeAll(async () => {
  // 400 units × 3 years: ~11,600 indicators and ~17,000 actuals a year, so files have 2–3 row groups of 8,192.
  const data = district({ units: 400, projects: 0 });
  writeDistrict(data, join(root, "csv"));
  db = await openDataFolders([{ dir: join(root, "csv"), status: "sample" }]);
  manifest = await writeParquet(db, pq);
  const a = await serve({ root, port: 0 });
  const b = await serve({ root, port: 0, ranges: false });
  servers.push(a.server, b.server);
  url = `${a.url}data/parquet/`;
  ignoring = `${b.url}data/parquet/`;
}, 120_000);
afterAll(async () => {
  for (const s of servers) await new Promise((ok) => s.close(ok));
  await db?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every row of a unit in a table-year, read by native DuckDB from the whole file: every cell as text. */
async function whole(table: TableName, year: number, unitId: string) {
  const f = manifest.files.find((x) => x.table === table && x.fiscal_year === year)!;
  const cols = COLUMNS[table].map((c) => (c === "fiscal_year" ? `'${year}' AS fiscal_year` : `coalesce(CAST(${c} AS VARCHAR), '') AS ${c}`));
  return db.query<Record<string, string>>(`SELECT ${cols.join(", ")} FROM read_parquet('${join(pq, f.path)}') WHERE unit_id = ?`, [unitId]);
}

const fen = (s: string) => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not an amount: ${s}`);
  return (m[1] ? -1n : 1n) * (BigInt(m[2]!) * 100n + BigInt(m[3]!));
};

describe("readUnit over range requests (scripts/serve.ts)", () => {
  it("gives one unit-year's rows exactly as the whole files do, for fewer bytes", async () => {
    const p = await openPublished(url);
    expect(await probePublished(p)).toEqual({ ok: true });
    const units = await listUnits(p, 2026);
    expect(units).toHaveLength(400);
    const unit = units[237]!;
    const before = p.traffic.bytes;
    const read = await readUnit(p, unit.unit_id, 2026);
    const fetched = p.traffic.bytes - before;
    const yearFiles = manifest.files.filter((f) => f.fiscal_year === 2026);
    for (const f of yearFiles) {
      const expected = await whole(f.table, 2026, unit.unit_id);
      expect(expected.length, f.table).toBeGreaterThan(0);
      expect(read.rows[f.table], f.table).toEqual(expected);
    }
    // Totals to the fen (amount is DECIMAL(18,2) in the file; hyparquet alone would give floats).
    const [{ total }] = await db.query<{ total: string }>(
      `SELECT sum(amount)::VARCHAR AS total FROM read_parquet('${join(pq, "budget/fiscal_year=2026/part-0.parquet")}') WHERE unit_id = ?`, [unit.unit_id]);
    expect(read.rows.budget!.reduce((s, r) => s + fen(r.amount!), 0n)).toBe(fen(total));
    // Some row groups skipped, and fewer bytes than the year's files (at this size a file has only 1–3 groups;
    // the city-scale figures are the bench's, `npm run bench:scale -- --units 5000 --projects 0 --parquet-only`).
    expect(read.groups.read).toBeLessThan(read.groups.total);
    const fileBytes = yearFiles.reduce((s, f) => s + f.bytes, 0);
    expect(fetched).toBeGreaterThan(0);
    expect(fetched).toBeLessThan(fileBytes);
    // What the workspace loads: canonical CSV files, one per table with rows.
    const files = unitCsvFiles(read, `2026.${unit.unit_id}`);
    expect(files.map((f) => f.name.split(".")[0]).sort()).toEqual(yearFiles.map((f) => f.table).sort());
    expect(files.find((f) => f.name.startsWith("units."))!.text.split("\r\n")[0]).toBe(COLUMNS.units.join(","));
  });

  it("readYear gives every row of one year's files, as the whole files hold them", async () => {
    const p = await openPublished(url);
    const read = await readYear(p, 2025);
    for (const f of manifest.files.filter((x) => x.fiscal_year === 2025)) {
      const cols = COLUMNS[f.table].map((c) => (c === "fiscal_year" ? `'2025' AS fiscal_year` : `coalesce(CAST(${c} AS VARCHAR), '') AS ${c}`));
      const expected = await db.query<Record<string, string>>(`SELECT ${cols.join(", ")} FROM read_parquet('${join(pq, f.path)}')`);
      expect(read.rows[f.table], f.table).toEqual(expected);
    }
    expect(read.groups.read).toBe(read.groups.total);
    expect(new Set(read.rows.units!.map((u) => u.unit_id)).size).toBe(400);
    expect(read.rows.units!.every((u) => u.fiscal_year === "2025")).toBe(true);
  });

  it("keeps only the row groups whose unit_id range can hold the unit", async () => {
    const p = await openPublished(url);
    const read = await readUnit(p, "u-no-such-unit", 2026);
    expect(read.rows).toEqual({});
    const all = await readUnit(p, "u0000000000000000", null);
    expect(all.files).toBe(manifest.files.length);
    expect(groupsFor({ row_groups: [] } as never, "x")).toEqual([]);
  });

  it("finds a host that ignores ranges, says so in Chinese first, and reads nothing whole", async () => {
    const p = await openPublished(ignoring);
    const probe = await probePublished(p);
    expect(probe).toEqual({ ok: false, status: 200, contentRange: null });
    const before = p.traffic.bytes;
    await expect(readUnit(p, "u0000000000000000", 2026)).rejects.toBeInstanceOf(RangesIgnored);
    expect(p.traffic.bytes).toBe(before);
    expect(t("zh", "explore.remoteNoRanges", String(probe.ok ? "" : probe.status))).toContain("不支持范围请求");
    expect(t("en", "explore.remoteNoRanges", "200")).toContain("does not answer range requests");
  });
});
