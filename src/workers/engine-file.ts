// Fetches and decompresses the engine's file off the page (src/query/engineFile.ts),
// once it has found that it may compile WebAssembly, then stays until the
// engine is kept in Cache Storage: the page ends this worker on "cached", and
// every buffer the download and the decompression made goes with it.
import { EngineFileError, loadEngineFile } from "../query/engineFile.ts";
import type { EngineFileReply, EngineFileRequest } from "../query/engineFile.ts";

const post = (m: EngineFileReply) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<EngineFileRequest>) => {
  // A worker's policy comes with its script, not the page: one that forbids wasm here forbids it in DuckDB's worker,
  // whose start would then wait for its timeout. An empty module says so at once.
  try {
    await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  } catch (err) {
    post({ kind: "failed", stage: "policy", detail: String((err as Error).message ?? err) });
    return;
  }
  try {
    const { wasm, cached } = await loadEngineFile(e.data.url, e.data.cacheName, (progress) => post({ kind: "progress", progress }));
    post({ kind: "wasm", wasm });
    await cached;
    post({ kind: "cached" });
  } catch (err) {
    const known = err instanceof EngineFileError ? err : null;
    post({ kind: "failed", stage: known?.stage ?? "download", status: known?.status, contentType: known?.contentType, detail: String((err as Error).message ?? err) });
  }
};
