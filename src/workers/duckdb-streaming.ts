// Runs before DuckDB-wasm's own worker script (src/workers/duckdb.ts). That script
// wraps the engine's response in a TransformStream to count its bytes, and a
// Response made from a stream has no URL: Chromium then neither keeps nor finds
// the engine's compiled code in its code cache. Without TransformStream it hands
// fetch()'s own response to WebAssembly.instantiateStreaming, which can. Nothing
// else in that script uses TransformStream; the page counts the engine's bytes itself.
Reflect.deleteProperty(globalThis, "TransformStream");
