// The engine's file: the gzip copy of duckdb-eh.wasm from the site, decompressed
// into a Blob of type application/wasm and kept, decompressed, in Cache Storage
// under the engine's own name (the URL without .gz: engineUrl), where the next
// visit finds it — and public/sw.js serves it to DuckDB as a real response, which
// Chromium compiles as it streams and whose compiled code it keeps. It runs in a short-lived
// worker (src/workers/engine-file.ts): the download's chunks, its copy for the
// cache and the decompressed stream's buffers all go with that worker when it
// ends, instead of lingering in the page's heap (~17 MB) until a collection.
// Where no worker can start, the page runs it itself. Uses fetch, Cache Storage
// and DecompressionStream only (no DOM), so it runs the same in both places.

export interface EngineFileProgress {
  phase: "download" | "decompress";
  /** Bytes of the compressed engine read so far, and in all (when known). */
  loaded?: number;
  total?: number;
  fromCache?: boolean;
}

/** The file could not be had: `stage` says whether the download or the decompression failed; `status` is the HTTP status. */
export class EngineFileError extends Error {
  /** type: what came is neither gzip nor the engine (a host's page for a missing file, say); `contentType` is what the host called it. */
  readonly stage: EngineFileStage;
  readonly status?: number;
  readonly contentType?: string;
  constructor(stage: EngineFileStage, message: string, status?: number, contentType?: string) {
    super(message);
    this.name = "EngineFileError";
    this.stage = stage;
    this.status = status;
    this.contentType = contentType;
  }
}

/** policy: the worker's own Content-Security-Policy (sent with its script) forbids compiling WebAssembly. */
export type EngineFileStage = "download" | "decompress" | "type" | "policy";

const GZIP_MAGIC = [0x1f, 0x8b];
const WASM_MAGIC = [0, 0x61, 0x73, 0x6d];
const startsWith = (bytes: Uint8Array | undefined, magic: number[]) => !!bytes && magic.every((b, i) => bytes[i] === b);

export interface EngineFile {
  wasm: Blob;
  /** Settles once the engine is kept in Cache Storage for the next visit (or could not be: a full quota only means the next visit downloads again). */
  cached: Promise<void>;
}

/** gzip bytes (a Blob, or a stream as it downloads) → a Blob of type application/wasm. */
export async function gunzipWasm(gz: Blob | ReadableStream<Uint8Array>): Promise<Blob> {
  const wasm = await new Response((gz instanceof Blob ? gz.stream() : gz).pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)).blob();
  return new Blob([wasm], { type: "application/wasm" });
}

/** Where the decompressed engine is kept in Cache Storage (and served from by public/sw.js): its gzip copy's URL without .gz. */
export const engineUrl = (gzUrl: string) => gzUrl.replace(/\.gz$/, "");

/** A Response of the decompressed engine, as Cache Storage keeps it. */
const wasmResponse = (wasm: Blob) => new Response(wasm, { headers: { "content-type": "application/wasm", "content-length": String(wasm.size) } });

/** Takes the engine from the cache, else fetches and decompresses it (decompressing as the download's first bytes arrive) and keeps it. */
export async function loadEngineFile(url: string, cacheName: string, onProgress?: (p: EngineFileProgress) => void): Promise<EngineFile> {
  const cache = typeof caches !== "undefined" ? await caches.open(cacheName).catch(() => null) : null;
  const hit = await cache?.match(engineUrl(url)).catch(() => undefined);
  if (hit) {
    const wasm = await hit.blob();
    onProgress?.({ phase: "download", loaded: wasm.size, total: wasm.size, fromCache: true });
    return { wasm: new Blob([wasm], { type: "application/wasm" }), cached: Promise.resolve() };
  }
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new EngineFileError("download", `GET ${url}: ${String(e)}`);
  }
  if (!res.ok || !res.body) throw new EngineFileError("download", `GET ${url}: ${res.status}`, res.status);
  const total = Number(res.headers.get("content-length")) || undefined;
  const [source, kept] = res.body.tee();
  const inflated = gunzipWasm(source);
  inflated.catch(() => {}); // a download that breaks off is told as such, below
  const parts: Uint8Array[] = [];
  try {
    const reader = kept.getReader();
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Only an engine already unpacked (below) is kept from this copy: a gzip one is read for its progress.
      if (!parts.length || startsWith(parts[0], WASM_MAGIC)) parts.push(value);
      loaded += value.length;
      onProgress?.({ phase: "download", loaded, total, fromCache: false });
    }
  } catch (e) {
    throw new EngineFileError("download", `GET ${url}: ${String(e)}`);
  }
  const head = parts[0];
  if (startsWith(head, WASM_MAGIC)) {
    // The host sent the .gz with Content-Encoding: gzip, so the browser unpacked it already: these are the engine's bytes.
    const wasm = new Blob(parts as BlobPart[], { type: "application/wasm" });
    parts.length = 0;
    return { wasm, cached: keep(cache, url, wasm) };
  }
  if (!startsWith(head, GZIP_MAGIC)) {
    const type = res.headers.get("content-type")?.split(";")[0].trim() || "?";
    throw new EngineFileError("type", `GET ${url}: ${type}, not gzip`, res.status, type);
  }
  onProgress?.({ phase: "decompress" });
  parts.length = 0;
  const wasm = await decompress(inflated);
  // Kept for the next visit while the engine starts (not waited for here).
  return { wasm, cached: keep(cache, url, wasm) };
}

/** Keeps the decompressed engine for the next visit; a full quota only means the next visit downloads again. */
async function keep(cache: Cache | null, url: string, wasm: Blob): Promise<void> {
  if (!cache) return;
  await cache.put(engineUrl(url), wasmResponse(wasm)).catch(() => {});
  // What earlier versions kept: the compressed copy under the .gz URL.
  await cache.delete(url).catch(() => {});
}

async function decompress(p: Promise<Blob>): Promise<Blob> {
  try {
    return await p;
  } catch (e) {
    throw new EngineFileError("decompress", String(e));
  }
}

/** Messages between the page and src/workers/engine-file.ts. */
export interface EngineFileRequest { url: string; cacheName: string }
export type EngineFileReply =
  | { kind: "progress"; progress: EngineFileProgress }
  | { kind: "wasm"; wasm: Blob }
  | { kind: "cached" }
  | { kind: "failed"; stage: EngineFileStage; status?: number; contentType?: string; detail: string };
