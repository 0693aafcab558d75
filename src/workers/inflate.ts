// Decompresses the gzip copy of the engine (duckdb-eh.wasm.gz: a Blob, or the
// download's stream as it arrives) into a Blob of type application/wasm, off
// the page's thread. The 34 MB of chunks the DecompressionStream makes are
// garbage once the Blob exists; made here, they go with this worker when the
// page terminates it, instead of lingering in the page's heap until a
// collection (a peak of memory the page would carry on).
import { gunzipWasm } from "../query/gunzip.ts";

self.onmessage = async (e: MessageEvent<Blob | ReadableStream<Uint8Array>>) => {
  try {
    self.postMessage({ ok: true, blob: await gunzipWasm(e.data) });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err) });
  }
};
