// The explore page's completion and year-over-year dashboards (src/explore/results.ts):
// the bundled data dropped file by file into the explore database (native DuckDB,
// the statements the browser runs) must score and compare exactly as the
// prerendered progress and comparison pages do from the same files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { createNodeEngine } from "../src/query/node.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { queries, type UnitRow } from "../src/query/queries.ts";
import type { TableName } from "../src/core/canonical.ts";
import { reportsOf, scoreProgress, type ProgressReport } from "../src/core/progress.ts";
import { importFile } from "../src/core/import.ts";
import { UNIT_ID, UNIT_NAME, selfEvalRows } from "./progress.fixtures.ts";
import { siteDataset } from "../src/site/dataset.ts";
import { compareModel, indicatorCounts, unitPair } from "../src/site/compareView.ts";
import { importText, toLoaded } from "../src/explore/importer.ts";
import { examples } from "../src/explore/consoleSql.ts";
import { NO_FILTERS } from "../src/explore/filters.ts";
import { finishUploadSql, insertLookupSql, insertTableSql, setupSql, uploadRowSql } from "../src/explore/sql.ts";
import { filterResults, loadResults, loadYear, otherYear, unitDataset, MAX_UNIT_INDICATORS } from "../src/explore/results.ts";
import { yearCharts, type YearCharts } from "../src/site/compareCharts.ts";
import { loadProjectRanking, PROJECT_KEYS, type ProjectRanking } from "../src/site/projectRank.ts";
import { openDataFolders } from "../src/query/node.ts";
import { district, readFolder, TABLES, writeDistrict } from "../bench/district.ts";

const dir = mkdtempSync(join(tmpdir(), "jixiao-results-"));
let db: QueryEngine;
let units: UnitRow[];

/** Drops one file into the explore database as the page does (the importer's canonical CSVs, one upload each). */
async function drop(path: string, id: number, e: QueryEngine = db) {
  const name = path.split("/").pop()!;
  const out = importText(name, new Uint8Array(readFileSync(path)), {});
  if (!("data" in out)) throw new Error(`${name} asked for a mapping`);
  const loaded = toLoaded(out.data, [name]);
  for (const [t, { csv }] of Object.entries(loaded.tables) as [TableName, { csv: string }][]) {
    const file = join(dir, `u${id}-${t}.csv`);
    writeFileSync(file, csv);
    await e.query(insertTableSql(t, file, id));
  }
  const lookup = join(dir, `u${id}-lookup.csv`);
  writeFileSync(lookup, loaded.lookup.csv);
  await e.query(insertLookupSql(lookup));
  for (const s of finishUploadSql(id)) await e.query(s);
  await e.query(uploadRowSql({ id, name, parts: [name], loadedAt: "2026-11-25 10:00:00", route: "importer", bytes: 1 }));
}

// The order an analyst would drop them in: the declaration, then the canonical tables of the sample folder.
const FILES = [
  "data/canonical/units.csv", "data/canonical/budget.csv", "data/canonical/tasks.csv", "data/canonical/indicators.csv",
  ...["units", "budget", "tasks", "indicators", "actuals", "execution"].map((t) => `data/sample/${t}.csv`),
];

beforeAll(async () => {
  db = await createNodeEngine();
  for (const s of setupSql()) await db.query(s);
  for (const [i, f] of FILES.entries()) await drop(f, i + 1);
  units = await queries.units(db);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

/** A second, empty explore database for one test. */
async function withFreshDb(run: (e: QueryEngine) => Promise<void>) {
  const e = await createNodeEngine();
  try {
    for (const st of setupSql()) await e.query(st);
    await run(e);
  } finally {
    await e.close();
  }
}

/** What a report says, without where each row came from. */
const gist = (r: ProgressReport) => ({
  unitId: r.unitId, year: r.year, period: r.period, status: r.status, asOf: r.asOf, total: r.result.total, grade: r.result.grade,
  rate: r.execution?.rate ?? null, alert: r.execution?.alert ?? null,
  indicators: r.indicators.map((x) => [x.indicator.id, x.score.status, x.score.score, x.score.max, x.valueText, x.alert]),
});

describe("loadResults(engine, unit): completion and comparison from the loaded files", () => {
  it("the bundled files are all in: every unit year of the site", () => {
    const site = siteDataset();
    expect(units.map((u) => `${u.unit_id}|${u.fiscal_year}`).sort()).toEqual(site.units.map((u) => `${u.id}|${u.year}`).sort());
  });

  it("unitDataset(unit) reads back the unit's rows of every year as the core has them", async () => {
    const site = siteDataset();
    const id = site.units[0].id;
    const data = await unitDataset(db, id);
    const mine = <T extends { unitId: string }>(xs: readonly T[]) => xs.filter((x) => x.unitId === id);
    expect(data.indicators.map((i) => [i.id, i.year, i.target, i.parsed])).toEqual(mine(site.indicators).map((i) => [i.id, i.year, i.target, i.parsed]));
    expect(data.budget.map((b) => [b.year, b.kind, b.item, b.amountFen])).toEqual(mine(site.budget).map((b) => [b.year, b.kind, b.item, b.amountFen]));
    expect(data.actuals).toEqual(mine(site.actuals ?? []));
    expect(data.execution).toEqual(mine(site.execution ?? []));
    expect(data.findings.filter((f) => f.code === "json.bad_entry")).toEqual([]);
  });

  it("scores every unit year exactly as the prerendered progress pages do", async () => {
    const expected = scoreProgress(siteDataset()).reports;
    let compared = 0;
    for (const u of units) {
      const r = await loadResults(db, u);
      const want = expected.filter((x) => x.unitId === u.unit_id && x.year === u.fiscal_year).sort((a, b) => (a.period === b.period ? 0 : a.period === "yearend" ? -1 : 1));
      expect(r.reports.map((v) => gist(v.report))).toEqual(want.map(gist));
      compared += want.length;
      for (const v of r.reports) {
        expect(v.charts.l1?.wide.svg).toContain('role="graphics-document"'); // walked by keyboard, groups → rows
        expect(v.charts.l1?.wide.table.rows.length).toBeGreaterThan(0);
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it("compares a unit year with the year before, as the comparison pages do (older → newer)", async () => {
    const model = compareModel(siteDataset());
    const u = units.find((x) => x.fiscal_year === 2026 && x.data_source === "declared")!;
    const r = await loadResults(db, u);
    expect(r.years).toEqual([2024, 2025, 2026]);
    expect(r.compare?.from).toBe(2025);
    expect(r.compare?.to).toBe(2026);
    const want = unitPair(model, u.unit_id, 2025, 2026)!;
    expect(indicatorCounts(r.compare!.comparison.indicators)).toEqual(indicatorCounts(want.indicators));
    expect(r.compare!.comparison.budget).toEqual(want.budget);
    expect(r.compare!.charts.waterfall?.wide.svg).toContain("<svg");
    expect(r.compare!.charts.slope?.wide.table.rows.length).toBeGreaterThan(0);
    expect(r.compare!.trend.map((t) => [t.year, t.score])).toEqual([2024, 2025, 2026].map((y) => [y, model.yearEnd.get(`${u.unit_id}|${y}`)?.result.total ?? null]));
    // Another year asked for: the pair is still older → newer.
    const r2 = await loadResults(db, u, "en", 2024);
    expect([r2.compare?.from, r2.compare?.to]).toEqual([2024, 2026]);
    expect(r2.compare!.charts.waterfall?.wide.svg).toContain("2024");
  });

  it("loadYear(year) ranks the year's units as the prerendered cross-unit page does", async () => {
    const want = yearCharts(compareModel(siteDataset()), 2026, "zh");
    const got = await loadYear(db, 2026);
    expect(got?.tooLarge).toBe(false);
    expect(got!.units).toBe(want.view.units.length);
    const rows = (c: YearCharts) => c.ranks.map((r) => [r.key, r.figure.wide.table.rows]);
    expect(rows(got!.charts!)).toEqual(rows(want));
    expect(got!.charts!.ranks.map((r) => r.key)).toEqual(["budget", "rate", "score"]);
    expect(got!.charts!.structure.abs.map((s) => s.figure.wide.table.rows)).toEqual(want.structure.abs.map((s) => s.figure.wide.table.rows));
    expect(got!.charts!.view.sample).toBe(true);
  });

  it("a 自评 form dropped without its declaration is a unit year of its own, scored on the targets it repeats", async () => {
    await withFreshDb(async (e2) => {
      const file = join(dir, "自评.txt");
      writeFileSync(file, selfEvalRows().map((r) => r.join("\t")).join("\r\n"));
      await drop(file, 1, e2);
      const [u, ...rest] = await queries.units(e2);
      expect(rest).toEqual([]);
      expect(u).toMatchObject({ unit_id: UNIT_ID, unit_name: UNIT_NAME, fiscal_year: 2026, data_source: "declared" });
      const r = await loadResults(e2, u);
      const want = scoreProgress(importFile(file, readFileSync(file))).reports;
      expect(r.reports.map((v) => [v.report.period, v.report.undeclared, v.report.result.total])).toEqual(want.map((x) => [x.period, true, x.result.total]));
      // The declaration, dropped after it, replaces the placeholder and is scored against.
      await drop("data/raw/000_83bc0b582c527eae.txt", 2, e2);
      const units2 = await queries.units(e2);
      expect(units2).toHaveLength(1);
      const r2 = await loadResults(e2, units2[0]);
      expect(r2.reports.map((v) => v.report.undeclared)).toEqual([false]);
    });
  });

  it("every example query of the SQL console runs on the loaded files, the progress ones with rows", async () => {
    for (const lang of ["zh", "en"] as const) {
      for (const ex of examples(lang)) expect(ex.label).toBeTruthy();
      const rows = await Promise.all(examples(lang).map((ex) => db.query(ex.sql)));
      expect(rows.slice(-2).map((r) => r.length > 0)).toEqual([true, true]);
    }
  });

  it("a manual indicator mapping file is read as one (not as data) and applied to the year-over-year matching", async () => {
    const csv = "old_indicator_id,new_indicator_id,decision\r\ni6d048ce2a8f5f20e,i97836243d9a7d9ff,confirmed\r\ni0865cd9fa607a4d9,i97836243d9a7d9ff,maybe\r\n";
    const out = importText("指标对应.csv", new TextEncoder().encode(csv), {});
    expect("indicatorMap" in out).toBe(true);
    const map = (out as Extract<typeof out, { indicatorMap: unknown }>).indicatorMap;
    expect(map.rows).toHaveLength(1);
    expect(map.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(map.problems[0]).toMatchObject({ code: "map.bad_decision", file: "指标对应.csv", row: 3 });
    const u = units.find((x) => x.fiscal_year === 2026 && x.data_source === "declared")!;
    const r = await loadResults(db, u, "zh", null, map.rows);
    const want = unitPair(compareModel(siteDataset(), map.rows), u.unit_id, 2025, 2026)!;
    expect(indicatorCounts(r.compare!.comparison.indicators)).toEqual(indicatorCounts(want.indicators));
    expect(indicatorCounts(r.compare!.comparison.indicators).method.manual).toBe(1);
    const plain = (await loadResults(db, u)).compare!;
    expect(r.compare!.comparison.indicators.length).toBe(plain.comparison.indicators.length - 1);
  });

  it("otherYear: the year asked for, else the latest before, else the earliest after", () => {
    expect(otherYear([2024, 2025, 2026], 2026)).toBe(2025);
    expect(otherYear([2024, 2025, 2026], 2024)).toBe(2025);
    expect(otherYear([2024, 2025, 2026], 2026, 2024)).toBe(2024);
    expect(otherYear([2024, 2025, 2026], 2026, 2023)).toBe(2025);
    expect(otherYear([2026], 2026)).toBeNull();
  });

  it("a unit with one year and no progress rows has nothing to score or compare (and reads nothing more)", async () => {
    await withFreshDb(async (e2) => {
      await drop("data/raw/000_83bc0b582c527eae.txt", 1, e2);
      const [u] = await queries.units(e2);
      const r = await loadResults(e2, u);
      expect(r).toMatchObject({ reports: [], compare: null, tooLarge: false, years: [2026] });
      expect(await loadYear(e2, 2026)).toBeNull();
    });
    expect(MAX_UNIT_INDICATORS).toBeGreaterThan(1000);
  });

  it("a unit with more indicator rows than MAX_UNIT_INDICATORS (in two years) is not scored or compared: tooLarge", async () => {
    await withFreshDb(async (e2) => {
      await e2.query(`INSERT INTO units (unit_id, unit_name, fiscal_year, data_source, upload_id) VALUES ('ubig', '大单位', 2025, 'declared', 1), ('ubig', '大单位', 2026, 'declared', 1)`);
      const rows = (n: number, year: number) => e2.query(`INSERT INTO indicator_rows (indicator_id, unit_id, fiscal_year, ord, level1, level2, name, target, source_file, source_row, data_source, upload_id)
        SELECT 'i' || i, 'ubig', ${year}, CAST(i AS INTEGER), '产出指标', '数量指标', '指标' || i, '≥1个', 'big.csv', CAST(i AS INTEGER), 'declared', 1 FROM range(${n}) r(i)`);
      await rows(MAX_UNIT_INDICATORS / 2, 2025);
      await rows(MAX_UNIT_INDICATORS / 2, 2026);
      const [u] = (await queries.units(e2)).filter((x) => x.fiscal_year === 2026);
      // At the limit: compared.
      expect(await loadResults(e2, u)).toMatchObject({ tooLarge: false, years: [2025, 2026] });
      await rows(1, 2026);
      expect(await loadResults(e2, u)).toMatchObject({ tooLarge: true, compare: null, reports: [] });
    });
  });
});

describe("the year's projects ranked across units in the workspace", () => {
  it("loadYear(year).projects ranks every project as the published /compare/year/{year}/projects/ pages do", async () => {
    const folder = join(dir, "district");
    const data = district({ units: 3, projects: 2 });
    writeDistrict(data, folder);
    const site = await openDataFolders([{ dir: folder, status: "sample" }]);
    const scored = scoreProgress(readFolder(folder, "sample")).reports;
    await withFreshDb(async (e2) => {
      for (const [i, t] of TABLES.entries()) await drop(join(folder, `${t}.csv`), i + 1, e2);
      for (const year of [...new Set(data.projects!.map((p) => p.year))]) {
        const want = await loadProjectRanking(site, year, (p) => reportsOf(scored, { projectId: p.project_id, year }));
        const got = (await loadYear(e2, year))!.projects!;
        const gist = (r: ProjectRanking) => PROJECT_KEYS.map((k) => r.ranks[k].map(({ rank, item: p }) => [rank, p.project.project_id, p.project.unit_name, p.amountFen, p.rate, p.completion, p.score, p.grade, p.sample]));
        expect(got.projects).toHaveLength(6);
        expect(got.units).toBe(3);
        expect(gist(got)).toEqual(gist(want));
        // Graded ones among them: the score ranking is not all unranked.
        expect(got.ranks.score.some((x) => x.rank !== null)).toBe(true);
      }
    });
    await site.close();
  });

  it("a year of one unit with projects has its projects ranking but no units' charts; with none, nothing", async () => {
    await withFreshDb(async (e2) => {
      for (const [i, t] of ["units", "projects", "budget", "indicators", "actuals", "execution"].entries()) await drop(`test/fixtures/site-projects/${t}.csv`, i + 1, e2);
      const got = await loadYear(e2, 2022);
      expect(got).toMatchObject({ units: 1, tooLarge: false, charts: null });
      expect(got!.projects!.projects.map((p) => p.project.project_name)).toEqual(["委托业务项目"]);
      expect(await loadYear(e2, 2021)).toBeNull();
    });
  });
});

describe("filterResults(results, filters, lang): the filter bar over the completion and the year over year", () => {
  const declared = () => units.find((x) => x.fiscal_year === 2026 && x.data_source === "declared")!;

  it("with no filter set, gives the results back as they are", async () => {
    const r = await loadResults(db, declared());
    expect(filterResults(r, NO_FILTERS, "zh")).toBe(r);
  });

  it("one 一级: every period, its chart, its behind-target list and the indicator pairs keep that 一级 only; the total stays the whole report's", async () => {
    const r = await loadResults(db, declared());
    const f = filterResults(r, { level1: "产出指标", status: null }, "zh");
    expect(f.reports).toHaveLength(r.reports.length);
    f.reports.forEach((v, i) => {
      const all = r.reports[i];
      expect(v.report.indicators.length).toBe(all.report.indicators.filter((p) => p.indicator.level1 === "产出指标").length);
      expect(v.report.indicators.length).toBeGreaterThan(0);
      expect(new Set(v.report.indicators.map((p) => p.indicator.level1))).toEqual(new Set(["产出指标"]));
      expect(v.behind.every((p) => p.indicator.level1 === "产出指标")).toBe(true);
      expect(v.charts.l1!.wide.table.rows.map((row) => row[0])).toEqual(["产出指标", "合计"]);
      expect([v.report.result.total, v.report.result.grade, v.report.execution?.rate]).toEqual([all.report.result.total, all.report.result.grade, all.report.execution?.rate]);
    });
    const pairs = f.compare!.comparison.indicators;
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.length).toBeLessThan(r.compare!.comparison.indicators.length);
    expect(pairs.every((m) => (m.new ?? m.old)!.level1 === "产出指标")).toBe(true);
    expect(f.compare!.comparison.budget).toEqual(r.compare!.comparison.budget);
  });

  it("one status: the indicators the year-end report scored so, in every period and in the pairs of the year shown", async () => {
    const r = await loadResults(db, declared());
    const yearEnd = r.reports.find((v) => v.report.period === "yearend")!.report;
    const want = yearEnd.indicators.filter((p) => p.score.status === "not_met").map((p) => p.indicator.id);
    expect(want.length).toBeGreaterThan(0);
    const f = filterResults(r, { level1: null, status: "not_met" }, "en");
    for (const v of f.reports) expect(v.report.indicators.map((p) => p.indicator.id).every((id) => want.includes(id))).toBe(true);
    expect(f.reports.find((v) => v.report.period === "yearend")!.report.indicators.map((p) => p.indicator.id)).toEqual(want);
    expect(f.compare!.comparison.indicators.map((m) => m.new!.id).sort()).toEqual(r.compare!.comparison.indicators.filter((m) => m.new && want.includes(m.new.id)).map((m) => m.new!.id).sort());
    expect(f.findings.every((x) => x.subject && want.includes(x.subject))).toBe(true);
  });
});
