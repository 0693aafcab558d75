// The bundled data as one Dataset, for the pages whose figures come from core rules
// rather than plain SQL: scoring (progress dashboards) and comparison (matching
// indicators across years and units). It is read from the build's query engine
// (src/site/data.ts siteEngine: native DuckDB over the data folders), the tables the
// overview, unit and project pages query, and handed row by row to the core's reader
// of canonical tables — so the build reads the data once, through one path.
import { join } from "node:path";
import { mergeDatasets } from "../core/import.ts";
import { COLUMNS, mapHeader, readCanonical, type TableName } from "../core/canonical.ts";
import type { Dataset } from "../core/model.ts";
import type { QueryEngine } from "../query/engine.ts";
import { DATA_FOLDERS, siteEngine, type DataFolder } from "./data.ts";
import { readMapping, type MappingRow } from "../core/mapping.ts";
import { existsSync, readFileSync } from "node:fs";

// Order matters: units before the tables that refer to them. Stored findings are not re-read (checks run again).
const ORDER: readonly TableName[] = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];

/** One status's rows of every table as the core reads canonical CSV: each cell as text ("" for none), in table order. */
export async function datasetOf(engine: QueryEngine, folders: readonly DataFolder[]): Promise<Dataset> {
  const parts: Dataset[] = [];
  for (const status of ["declared", "sample"] as const) {
    const dirs = folders.filter((f) => f.status === status).map((f) => f.dir);
    if (!dirs.length) continue;
    for (const table of ORDER) {
      const cols = COLUMNS[table];
      const rows = await engine.query(`SELECT ${cols.map((c) => `CAST(${c} AS VARCHAR) AS ${c}`).join(", ")} FROM ${table} WHERE data_source = $1`, [status]);
      if (!rows.length) continue;
      // Where a row gives no source of its own, it points at its table (a row number is the record's within the status's rows).
      const file = dirs.length === 1 ? join(dirs[0], `${table}.csv`) : `${table}.csv`;
      const records = rows.map((r, i) => ({ cells: cols.map((c) => (r[c] === null || r[c] === undefined ? "" : String(r[c]))), row: i + 2 }));
      parts.push(readCanonical(mapHeader([...cols])!, records, file, status));
    }
  }
  return mergeDatasets(parts);
}

// Read once per build, before any page renders (a module-level await: every page module that imports this waits for it).
const DATASET: Dataset = await datasetOf(await siteEngine(), DATA_FOLDERS);

/** Every canonical table of the data folders, as the query engine holds them. */
export function siteDataset(): Dataset {
  return DATASET;
}

/**
 * The manual indicator mapping for comparisons (docs/compare.md, section 4):
 * data/mapping.csv when it exists (or JIXIAO_MAPPING=path), else none.
 */
export function siteMapping(): MappingRow[] {
  // Read once per file: the comparison model is cached per dataset and mapping (compareModel).
  const file = process.env.JIXIAO_MAPPING ?? "data/mapping.csv";
  let rows = mappings.get(file);
  if (!rows) mappings.set(file, (rows = existsSync(file) ? readMapping(file, readFileSync(file)).rows : []));
  return rows;
}

const mappings = new Map<string, MappingRow[]>();
