// The bundled data the build prerenders: real declared data and illustrative
// (示例数据) data, loaded side by side but always told apart (data_source).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolders } from "../query/node.ts";
import { groupedEngine } from "../query/grouped.ts";
import { downloadParquet, isParquetFolder, parquetToCsv } from "../query/parquet.ts";
import type { QueryEngine } from "../query/engine.ts";

export type DataFolder = { dir: string; status: "declared" | "sample" };

const DEFAULT_FOLDERS: DataFolder[] = [
  { dir: "data/canonical", status: "declared" },
  { dir: "data/sample", status: "sample" },
];

/**
 * The folders to build from: the bundled ones, or JIXIAO_DATA="dir:declared,dir:sample"
 * (used by the tests to build a site from hostile data).
 */
export function dataFolders(spec = process.env.JIXIAO_DATA): DataFolder[] {
  return spec
    ? spec.split(",").map((part) => {
        // A URL keeps its own colons (http://host:8080/…:declared); a path is cut at its first.
        const [dir, status] = isUrl(part) ? [part.replace(/:(declared|sample)$/, ""), /:sample$/.test(part) ? "sample" : ""] : part.split(":");
        return { dir, status: status === "sample" ? ("sample" as const) : ("declared" as const) };
      })
    : DEFAULT_FOLDERS;
}

const isUrl = (s: string) => /^https?:\/\//.test(s);

export const DATA_FOLDERS = dataFolders();

/**
 * JIXIAO_DATA with every Parquet folder (docs/scale.md) read into canonical CSV
 * folders in a temporary folder, so the rest of the build reads one format.
 * A URL (http:// or https://) names a published Parquet folder with its manifest.json.
 * Run once before the pages render (astro.config.mjs); CSV folders pass as they are.
 */
export async function resolveParquetData(spec = process.env.JIXIAO_DATA): Promise<{ spec: string | undefined; tmp: string | null }> {
  const folders = dataFolders(spec);
  if (!spec || !folders.some((f) => isUrl(f.dir) || isParquetFolder(f.dir))) return { spec, tmp: null };
  const tmp = mkdtempSync(join(tmpdir(), "jixiao-parquet-csv-"));
  const out: DataFolder[] = [];
  for (const [k, f] of folders.entries()) {
    // A URL is fetched first, by its manifest (plain HTTP has no wildcards), then read as a folder.
    const dir = isUrl(f.dir) ? await downloadParquet(f.dir, join(tmp, `${k}-download`)) : f.dir;
    out.push(...(isParquetFolder(dir) ? await parquetToCsv(dir, join(tmp, String(k)), f.status) : [f]));
  }
  return { spec: out.map((f) => `${f.dir}:${f.status}`).join(","), tmp };
}

let engine: Promise<QueryEngine> | null = null;

/**
 * The build's query engine, opened once per build process. The data does not change while the site is built,
 * so each per-key query is read once for every key and each page is served its keys (src/query/grouped.ts).
 */
export function siteEngine(): Promise<QueryEngine> {
  engine ??= openDataFolders(DATA_FOLDERS).then(groupedEngine);
  return engine;
}
