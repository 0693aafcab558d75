// The build reads the data once: the Dataset the progress and comparison pages score
// is read from the same query engine the overview and unit pages query (src/site/dataset.ts
// datasetOf), and it is the Dataset the core's importer reads from the CSV files themselves.
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import type { Dataset } from "../src/core/model.ts";
import { openDataFolders } from "../src/query/node.ts";
import { datasetOf } from "../src/site/dataset.ts";
import type { DataFolder } from "../src/site/data.ts";
import type { QueryEngine } from "../src/query/engine.ts";

const ORDER = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];

/** The data folders as the core's importer reads their files, one by one. */
function imported(folders: readonly DataFolder[]): Dataset {
  const parts: Dataset[] = [];
  for (const { dir, status } of folders) {
    const files = readdirSync(dir).filter((f) => ORDER.includes(f.replace(/\.csv$/, ""))).sort((a, b) => ORDER.indexOf(a.replace(/\.csv$/, "")) - ORDER.indexOf(b.replace(/\.csv$/, "")));
    for (const f of files) parts.push(importFile(join(dir, f), readFileSync(join(dir, f)), { status, checks: false }));
  }
  return mergeDatasets(parts);
}

const engines: QueryEngine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

async function viaEngine(folders: DataFolder[]): Promise<Dataset> {
  const e = await openDataFolders(folders);
  engines.push(e);
  return datasetOf(e, folders);
}

describe("datasetOf(engine, folders): the site's Dataset read through the query engine", () => {
  it("is the Dataset the importer reads from the bundled declared and illustrative folders", async () => {
    const folders: DataFolder[] = [{ dir: "data/canonical", status: "declared" }, { dir: "data/sample", status: "sample" }].filter((f) => existsSync(f.dir)) as DataFolder[];
    const want = imported(folders);
    const got = await viaEngine(folders);
    expect(got.units.length).toBeGreaterThan(0);
    expect(got.actuals?.length).toBeGreaterThan(0);
    for (const k of ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"] as const) expect(got[k] ?? [], k).toEqual(want[k] ?? []);
  });

  it("keeps what text cells hold exactly (quotes, line breaks, commas, leading zeros, exact amounts) and points rows without a source at their table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-dataset-"));
    writeFileSync(join(dir, "units.csv"), 'unit_id,unit_name,fiscal_year,duties\nu0001,"单位,甲",2026,"第一段\n第二段 ""引号"""\n');
    writeFileSync(join(dir, "budget.csv"), "line_id,unit_id,fiscal_year,kind,item,amount\nb1,u0001,2026,total,总额,0012345678901.07\n");
    const folders: DataFolder[] = [{ dir, status: "declared" }];
    const want = imported(folders);
    const got = await viaEngine(folders);
    expect(got.units).toEqual(want.units);
    expect(got.budget).toEqual(want.budget);
    expect(got.units[0].duties).toEqual(["第一段", "第二段 \"引号\""]);
    expect(got.budget[0].amountFen).toBe(1234567890107n);
    expect(got.budget[0].source).toEqual({ file: join(dir, "budget.csv"), row: 2 });
  });
});
