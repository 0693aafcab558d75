// groupedEngine (src/query/grouped.ts), the build's engine: every per-key query it
// answers from its GROUPED form gives, key by key, what the per-key SQL gives —
// rows, columns, their order — on the bundled data, the project fixtures and a
// small generated district; keys with no rows included (a unit's year before its
// first, a project without findings, keys that exist nowhere).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { district, writeDistrict } from "../bench/district.ts";
import { GROUPED, ONCE, groupedEngine } from "../src/query/grouped.ts";
import { openDataFolders } from "../src/query/node.ts";
import { SQL } from "../src/query/queries.ts";
import type { Value } from "../src/query/engine.ts";

const tmp = mkdtempSync(join(tmpdir(), "jixiao-grouped-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small = () => {
  const dir = join(tmp, "district");
  writeDistrict(district({ units: 4, projects: 3, seed: 7 }), dir);
  return dir;
};

const FOLDERS: [string, () => { dir: string; status: "declared" | "sample" }[]][] = [
  ["the bundled data", () => [{ dir: "data/canonical", status: "declared" }, { dir: "data/sample", status: "sample" }]],
  ["the project fixtures", () => [{ dir: "test/fixtures/site-projects", status: "declared" }, { dir: "test/fixtures/site-projects-unit", status: "sample" }]],
  ["a generated district", () => [{ dir: small(), status: "sample" }]],
];

const UNIT_KEYED = [SQL.budget, SQL.reconciliation, SQL.indicatorKinds, SQL.indicators, SQL.tasks, SQL.findings, SQL.unitProjects, SQL.unitYearTotal];
const PROJECT_KEYED = [SQL.projectBudget, SQL.projectExecution, SQL.projectIndicators];

describe.each(FOLDERS)("groupedEngine(engine) on %s", (_, folders) => {
  it("answers every per-key query, key by key, as the per-key SQL does", async () => {
    const e = await openDataFolders(folders());
    const g = groupedEngine(e);
    try {
      const units = await e.query<{ unit_id: string; fiscal_year: number }>("SELECT DISTINCT unit_id, fiscal_year FROM units ORDER BY ALL");
      const projects = await e.query<{ project_id: string; fiscal_year: number; source_file: string | null }>("SELECT DISTINCT project_id, fiscal_year, source_file FROM projects ORDER BY ALL");
      const findings = await e.query<{ source_file: string; fiscal_year: number }>("SELECT DISTINCT source_file, fiscal_year FROM findings WHERE source_file IS NOT NULL ORDER BY ALL");
      expect(units.length).toBeGreaterThan(0);
      const unitKeys: Value[][] = [...units.flatMap((u) => [[u.unit_id, u.fiscal_year], [u.unit_id, u.fiscal_year - 1]]), ["nowhere", 2026]];
      const projectKeys: Value[][] = [...projects.map((p) => [p.project_id, p.fiscal_year]), ["nowhere", 2026]];
      const fileKeys: Value[][] = [...projects.filter((p) => p.source_file).map((p) => [p.source_file, p.fiscal_year]), ...findings.map((f) => [f.source_file, f.fiscal_year]), ["nowhere.csv", 2026]];
      const cases: [string, Value[][]][] = [...UNIT_KEYED.map((s) => [s, unitKeys] as [string, Value[][]]), ...PROJECT_KEYED.map((s) => [s, projectKeys] as [string, Value[][]]), [SQL.projectFindings, fileKeys]];
      expect(cases.map(([s]) => s).sort()).toEqual(Object.keys(GROUPED).sort());
      let rows = 0;
      for (const [sql, keys] of cases) {
        for (const key of keys) {
          const want = await e.query(sql, key);
          // Twice: a caller that changes what it was given does not change the next answer.
          const got = await g.query(sql, key);
          expect(JSON.stringify(got), `${sql.slice(0, 60)} … ${JSON.stringify(key)}`).toBe(JSON.stringify(want));
          for (const r of got) for (const c of Object.keys(r)) r[c] = "changed";
          expect(JSON.stringify(await g.query(sql, key))).toBe(JSON.stringify(want));
          rows += want.length;
        }
      }
      expect(rows).toBeGreaterThan(0);
      for (const sql of ONCE) expect(JSON.stringify(await g.query(sql))).toBe(JSON.stringify(await e.query(sql)));
    } finally {
      await e.close();
    }
  });
});

describe("groupedEngine(engine)", () => {
  it("passes any other statement to the engine", async () => {
    const e = await openDataFolders([{ dir: "test/fixtures/site-projects", status: "declared" }]);
    const g = groupedEngine(e);
    try {
      expect(await g.query("SELECT CAST(count(*) AS INTEGER) AS n FROM units WHERE fiscal_year = $1", [2026])).toEqual(await e.query("SELECT CAST(count(*) AS INTEGER) AS n FROM units WHERE fiscal_year = $1", [2026]));
      // The per-key SQL with a limit (the workspace's) is not the grouped query's: it runs as it is.
      const [u] = await e.query<{ unit_id: string; fiscal_year: number }>("SELECT unit_id, fiscal_year FROM units LIMIT 1");
      expect(await g.query(`${SQL.indicators} LIMIT 2`, [u.unit_id, u.fiscal_year])).toEqual(await e.query(`${SQL.indicators} LIMIT 2`, [u.unit_id, u.fiscal_year]));
    } finally {
      await e.close();
    }
  });
});
