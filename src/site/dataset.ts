// The bundled data as one Dataset (through the core importer), for the pages
// whose figures come from core rules rather than plain SQL: scoring (progress
// dashboards) and comparison (matching indicators across years and units).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { importFile, mergeDatasets } from "../core/import.ts";
import type { Dataset } from "../core/model.ts";
import { DATA_FOLDERS } from "./data.ts";
import { readMapping, type MappingRow } from "../core/mapping.ts";

// Order matters: units before the tables that refer to them.
const ORDER = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];

let cached: Dataset | null = null;

/** Every canonical table in the data folders, read once per build; stored findings are not re-read (checks run again). */
export function siteDataset(): Dataset {
  if (cached) return cached;
  const parts: Dataset[] = [];
  for (const { dir, status } of DATA_FOLDERS) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => ORDER.includes(f.replace(/\.csv$/, ""))).sort((a, b) => ORDER.indexOf(a.replace(/\.csv$/, "")) - ORDER.indexOf(b.replace(/\.csv$/, "")));
    for (const f of files) parts.push(importFile(join(dir, f), readFileSync(join(dir, f)), { status, checks: false }));
  }
  cached = mergeDatasets(parts);
  return cached;
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
