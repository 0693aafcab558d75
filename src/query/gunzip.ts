// The gzip copy of the engine (duckdb-eh.wasm.gz; a Blob, or a stream as it downloads) as a Blob of type
// application/wasm: one function for the inflate worker (src/workers/inflate.ts)
// and for the page where no worker can start (src/query/browser.ts).
export async function gunzipWasm(gz: Blob | ReadableStream<Uint8Array>): Promise<Blob> {
  const wasm = await new Response((gz instanceof Blob ? gz.stream() : gz).pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)).blob();
  return new Blob([wasm], { type: "application/wasm" });
}
