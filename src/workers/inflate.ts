// Decompresses the gzip copy of the engine (duckdb-eh.wasm.gz) into a Blob of
// type application/wasm, off the page's thread. The 34 MB of chunks the
// DecompressionStream makes are garbage once the Blob exists; made here, they
// go with this worker when the page terminates it, instead of lingering in the
// page's heap until a collection (a peak of memory the page would carry on).
self.onmessage = async (e: MessageEvent<Blob>) => {
  try {
    const wasm = await new Response(e.data.stream().pipeThrough(new DecompressionStream("gzip"))).blob();
    self.postMessage({ ok: true, blob: new Blob([wasm], { type: "application/wasm" }) });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err) });
  }
};
