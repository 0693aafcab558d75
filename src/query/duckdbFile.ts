// Which DuckDB-wasm engine file the site serves: its version (the installed
// package's) and the name of its gzip copy. Build-time only (node:fs): the
// explore page writes both into its markup, scripts/prepare-duckdb.ts writes
// the file under that name.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** duckdb-eh.wasm in the installed package. */
export const DUCKDB_WASM_SOURCE = require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");

export const DUCKDB_VERSION: string = JSON.parse(readFileSync(join(dirname(DUCKDB_WASM_SOURCE), "..", "package.json"), "utf8")).version;

/** The served file name of the compressed engine (the page builds the same name). */
export const wasmGzName = (version = DUCKDB_VERSION) => `duckdb-eh-${version}.wasm.gz`;
