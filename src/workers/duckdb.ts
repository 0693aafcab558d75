// DuckDB-wasm's own worker script (duckdb-browser-eh.worker.js), run as it ships,
// after duckdb-streaming.ts (imported first, so it runs first): compiled from
// fetch()'s response, the engine served by public/sw.js is compiled once and its
// code kept. The script is loaded, not bundled: its package declares no side
// effects, so a bundler would drop it.
import "./duckdb-streaming.ts";
import script from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";

(self as unknown as { importScripts(url: string): void }).importScripts(new URL(script, self.location.href).href);
