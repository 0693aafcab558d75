// Fetches and decompresses the engine's file off the page (src/query/engineFile.ts),
// then stays until the compressed copy is in Cache Storage: the page ends this
// worker on "cached", and every buffer the download and the decompression made
// goes with it.
import { EngineFileError, loadEngineFile } from "../query/engineFile.ts";
import type { EngineFileReply, EngineFileRequest } from "../query/engineFile.ts";

const post = (m: EngineFileReply) => self.postMessage(m);

self.onmessage = async (e: MessageEvent<EngineFileRequest>) => {
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
