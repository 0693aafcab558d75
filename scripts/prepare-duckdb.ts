// Puts DuckDB-wasm's engine where the site serves it: only a gzip copy of
// duckdb-eh.wasm (34 MB raw would break static hosts' 25 MB per-file limit;
// 7.6 MB gzip does not), named by the package version so a browser's cache can
// keep it. The page decompresses it itself (DecompressionStream), so it works on
// hosts that do not send Content-Encoding. Generated, never committed
// (public/duckdb/ is in .gitignore); astro.config.mjs runs this on every build.
//   node scripts/prepare-duckdb.ts [outDir]   (default public/duckdb)
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";
import { DUCKDB_VERSION, DUCKDB_WASM_SOURCE as SOURCE, wasmGzName } from "../src/query/duckdbFile.ts";

export { DUCKDB_VERSION, wasmGzName };

export async function prepareDuckdb(outDir = "public/duckdb"): Promise<{ file: string; bytes: number; reused: boolean }> {
  const source = SOURCE;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, wasmGzName());
  // Older versions' copies would be served forever otherwise.
  for (const f of readdirSync(outDir)) if (f !== wasmGzName() && /^duckdb-eh-.*\.wasm\.gz$/.test(f)) rmSync(join(outDir, f));
  if (existsSync(file) && statSync(file).mtimeMs >= statSync(source).mtimeMs) return { file, bytes: statSync(file).size, reused: true };
  const tmp = `${file}.tmp`;
  await pipeline(createReadStream(source), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(tmp));
  renameSync(tmp, file);
  return { file, bytes: statSync(file).size, reused: false };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await prepareDuckdb(process.argv[2]);
  console.log(`${r.file}: ${(r.bytes / 1e6).toFixed(1)} MB${r.reused ? " (up to date)" : ""}`);
}
