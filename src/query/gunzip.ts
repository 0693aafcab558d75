// The gzip copy of the engine (duckdb-eh.wasm.gz) as a Blob of type
// application/wasm: one function for the inflate worker (src/workers/inflate.ts)
// and for the page where no worker can start (src/query/browser.ts).
export async function gunzipWasm(gz: Blob): Promise<Blob> {
  const wasm = await new Response(gz.stream().pipeThrough(new DecompressionStream("gzip"))).blob();
  return new Blob([wasm], { type: "application/wasm" });
}
