// Browser runtime of the query layer: DuckDB-wasm in its own worker, started only
// when the explore page needs it. The engine ships as a gzip copy of
// duckdb-eh.wasm (scripts/prepare-duckdb.ts); a short-lived worker fetches it
// once and decompresses it as it arrives (src/query/engineFile.ts) into a Blob
// of type application/wasm, handed to DuckDB as an object URL, and keeps it in
// Cache Storage. On the next visit, where the page's service worker
// (public/sw.js) serves that copy, DuckDB is given the engine's own URL: a real
// response, which Chromium compiles as it streams and whose compiled code it
// keeps in its code cache, so later visits skip the compile. Extension
// autoloading is off: nothing is ever fetched from outside the site.
import * as duckdb from "@duckdb/duckdb-wasm";
import DuckDBWorker from "../workers/duckdb.ts?worker";
import EngineFileWorker from "../workers/engine-file.ts?worker";
import { EngineFileError, engineUrl, loadEngineFile, type EngineFile, type EngineFileReply, type EngineFileRequest } from "./engineFile.ts";
import type { QueryEngine, Row, Value } from "./engine.ts";
import { plainRows, type ArrowLike } from "./arrow.ts";
import { inlineParams } from "./inline.ts";

/** "slow": the engine has not started after SLOW_START_MS — told while it is still waited for. */
export type EnginePhase = "download" | "decompress" | "start" | "slow";

/** A policy that blocks WebAssembly inside DuckDB's own worker leaves instantiate() silent: the reader is told by then. */
export const SLOW_START_MS = 6_000;

export interface EngineProgress {
  phase: EnginePhase;
  /** Bytes of the compressed engine read so far, and in all (when known). */
  loaded?: number;
  total?: number;
  fromCache?: boolean;
}

export interface StartOptions {
  /** URL of duckdb-eh.wasm.gz on this site. */
  wasmGzUrl: string;
  onProgress?: (p: EngineProgress) => void;
  /** instantiate() never settles when a CSP or a wrong MIME type blocks the wasm: give up after this. */
  timeoutMs?: number;
  /** Cache Storage name; the version is in the URL, so one cache serves every version. */
  cacheName?: string;
}

/** The engine could not start; `message` is for the reader (Chinese), `cause` for the console. */
export class EngineStartError extends Error {
  readonly detail: string;
  constructor(message: string, detail: string) {
    super(message);
    this.name = "EngineStartError";
    this.detail = detail;
  }
}

export interface BrowserEngine extends QueryEngine {
  readonly version: string;
  /** Settles once the engine is kept in Cache Storage for the next visit (or could not be). */
  readonly cached: Promise<void>;
  /** Runs SQL that returns nothing worth reading (DDL, INSERT …); cancellable with cancel(). */
  run(sql: string): Promise<void>;
  /** A query's result as an Arrow table (for the console and exports: every type kept). */
  arrow(sql: string): Promise<ArrowLike>;
  /** A query's result in Arrow record batches, one at a time (exports of large tables). */
  stream(sql: string, onBatch: (batch: ArrowLike) => void | Promise<void>): Promise<void>;
  /** Cancels the statement that run() is waiting for; true when one was cancelled. */
  cancel(): Promise<boolean>;
  /** Makes a dropped File readable by read_csv under `name`, without copying it into memory. */
  registerFile(name: string, file: Blob): Promise<void>;
  registerText(name: string, text: string): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Reads a file DuckDB wrote (COPY … TO name). */
  readFile(name: string): Promise<Uint8Array>;
}

const withTimeout = <T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> =>
  new Promise<T>((ok, fail) => {
    const t = setTimeout(() => fail(onTimeout()), ms);
    p.then((v) => (clearTimeout(t), ok(v)), (e) => (clearTimeout(t), fail(e)));
  });

/**
 * The engine's file, fetched and decompressed by a short-lived worker (src/workers/engine-file.ts), which ends once
 * the engine is kept in Cache Storage; where that worker cannot start, by this page.
 */
function engineFile(url: string, cacheName: string, onProgress?: (p: EngineProgress) => void): Promise<EngineFile> {
  const here = () => loadEngineFile(url, cacheName, onProgress);
  let worker: Worker;
  try {
    worker = new EngineFileWorker();
  } catch {
    return here();
  }
  return new Promise<EngineFile>((ok, fail) => {
    let heard = false;
    let kept!: () => void;
    const cached = new Promise<void>((done) => (kept = done));
    const end = () => {
      worker.terminate();
      kept();
    };
    worker.onmessage = (e: MessageEvent<EngineFileReply>) => {
      heard = true;
      const m = e.data;
      if (m.kind === "progress") onProgress?.(m.progress);
      else if (m.kind === "wasm") ok({ wasm: m.wasm, cached });
      else if (m.kind === "cached") end();
      else {
        end();
        fail(new EngineFileError(m.stage, m.detail, m.status, m.contentType));
      }
    };
    worker.onerror = (e) => {
      end();
      // A worker that never ran (blocked by a policy, say): the page does the work itself.
      if (!heard) here().then(ok, fail);
      else fail(new EngineFileError("download", e.message || "engine file worker error"));
    };
    worker.postMessage({ url: new URL(url, location.href).href, cacheName } satisfies EngineFileRequest);
  });
}

const WASM_POLICY = "浏览器安全策略（Content-Security-Policy）不允许运行 WebAssembly：script-src 须含 'wasm-unsafe-eval'";

/**
 * Whether this page may compile WebAssembly: a Content-Security-Policy without 'wasm-unsafe-eval' refuses it, and
 * DuckDB's instantiate() then never settles (its worker dies quietly). An empty module, compiled here, says so at once.
 */
async function wasmAllowed(): Promise<void> {
  try {
    await WebAssembly.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  } catch (e) {
    throw new EngineStartError(WASM_POLICY, String(e));
  }
}

/**
 * The engine's URL when this page's service worker serves it from Cache Storage (a previous visit kept it), else null.
 * The page asks the cache itself: the service worker answers only what is there, so the URL never reaches the host.
 */
async function servedEngine(gzUrl: string, cacheName: string): Promise<string | null> {
  if (typeof navigator === "undefined" || !navigator.serviceWorker?.controller || typeof caches === "undefined") return null;
  const url = new URL(engineUrl(gzUrl), location.href).href;
  const hit = await caches.open(cacheName).then((c) => c.match(url)).catch(() => undefined);
  return hit ? url : null;
}

/** Starts DuckDB-wasm; rejects with EngineStartError (never hangs) when it cannot. */
export async function startBrowserEngine(options: StartOptions): Promise<BrowserEngine> {
  const cacheName = options.cacheName ?? "jixiao-engine";
  const served = await servedEngine(options.wasmGzUrl, cacheName);
  if (!served) return start(options, null);
  try {
    return await start(options, served);
  } catch (e) {
    // A kept copy that does not start (damaged, say) is let go, and the engine downloaded again.
    if (e instanceof EngineStartError && e.message === WASM_POLICY) throw e;
    await caches.open(cacheName).then((c) => c.delete(served)).catch(() => {});
    return start(options, null);
  }
}

/** `served`: the engine's URL, served by the page's service worker; null: fetched and decompressed here, handed over as a Blob. */
async function start(options: StartOptions, served: string | null): Promise<BrowserEngine> {
  const { onProgress, timeoutMs = 30_000 } = options;
  if (typeof WebAssembly !== "object" || typeof Worker === "undefined" || typeof DecompressionStream === "undefined") {
    throw new EngineStartError("此浏览器不支持 WebAssembly、Web Worker 或解压缩接口，无法运行数据探索引擎", "missing WebAssembly/Worker/DecompressionStream");
  }
  await wasmAllowed();
  const progress = (p: EngineProgress) => {
    if (p.phase === "decompress") performance.mark("jixiao:engine decompress");
    onProgress?.(p);
  };
  // DuckDB's worker loads and runs its script while the engine's file downloads and decompresses.
  let worker: Worker;
  try {
    worker = new DuckDBWorker();
  } catch (e) {
    throw new EngineStartError("无法启动引擎的后台线程（Web Worker 被浏览器或安全策略阻止）", String(e));
  }
  const workerFailed = new Promise<never>((_, fail) => {
    worker.addEventListener("error", (e) => fail(new EngineStartError("引擎的后台线程出错或被阻止", e.message || "worker error")));
  });
  workerFailed.catch(() => {}); // raced below, once the file is there
  let file: EngineFile | null = null;
  try {
    if (!served) file = await engineFile(options.wasmGzUrl, options.cacheName ?? "jixiao-engine", progress);
  } catch (e) {
    worker.terminate();
    if (!(e instanceof EngineFileError)) throw new EngineStartError("引擎文件下载失败", String(e));
    if (e.stage === "decompress") throw new EngineStartError("引擎文件已损坏，无法解压", e.message);
    if (e.stage === "policy") throw new EngineStartError(WASM_POLICY, e.message);
    if (e.stage === "type") throw new EngineStartError(`引擎文件的类型不对：服务器返回的是 ${e.contentType ?? "?"}，不是 gzip 文件（主机可能以网页答复了缺失的文件，请确认 duckdb/ 目录已完整上传）`, e.message);
    throw new EngineStartError(e.status ? `引擎文件无法下载（HTTP ${e.status}）` : "引擎文件下载失败", e.message);
  }
  const cached = file?.cached ?? Promise.resolve();
  if (served) {
    progress({ phase: "download", fromCache: true });
    performance.mark("jixiao:engine served"); // by public/sw.js (the explore tests and bench/explore-small.ts read it)
  }
  const wasmUrl = served ?? URL.createObjectURL(file!.wasm);
  performance.mark("jixiao:engine start");
  onProgress?.({ phase: "start" });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  const slow = setTimeout(() => onProgress?.({ phase: "slow" }), Math.min(SLOW_START_MS, timeoutMs));
  try {
    await withTimeout(Promise.race([db.instantiate(wasmUrl, null), workerFailed]), timeoutMs, () =>
      new EngineStartError(`引擎在 ${Math.round(timeoutMs / 1000)} 秒内没有启动（可能被浏览器安全策略阻止）`, "instantiate timed out"));
    await db.open({ query: { castBigIntToDouble: false, castDecimalToDouble: false } });
  } catch (e) {
    worker.terminate();
    if (!served) URL.revokeObjectURL(wasmUrl);
    throw e instanceof EngineStartError ? e : new EngineStartError("引擎无法启动", String(e));
  } finally {
    clearTimeout(slow);
  }
  if (!served) URL.revokeObjectURL(wasmUrl);
  performance.mark("jixiao:engine open");
  const conn = await db.connect();
  // Nothing may be fetched from outside the site: no extension is installed or loaded on demand.
  await conn.query("SET autoinstall_known_extensions = false; SET autoload_known_extensions = false;");
  // The library's version, as version() gives it, without a statement to plan.
  const version = await db.getVersion();

  // The connection takes operations in order. A query (its parameters written into its text) is one message:
  // several are sent at once and the worker runs them back to back, without waiting for this thread between
  // them (while it draws a dashboard, say). run(), stream(), arrow() and a prepared statement wait for
  // everything before them to finish, and everything after them waits for them (their messages must not
  // interleave with another query's, nor a query run while a streamed result is being read).
  // Each statement's time is a performance measure (`jixiao:sql`, the SQL's head as its detail).
  const measure = (start: number, sql: string) => performance.measure("jixiao:sql", { start, end: performance.now(), detail: sql.slice(0, 200) });
  let finished: Promise<unknown> = Promise.resolve(); // every operation so far has finished
  let sent: Promise<unknown> | null = null; // settles when every operation so far has been sent; null when they all have
  const settle = (p: Promise<unknown>) => {
    sent = p;
    void p.then(() => {
      if (sent === p) sent = null;
    });
  };
  const serial = <T>(work: () => Promise<T>, sql: string): Promise<T> => {
    const timed = async () => {
      const start = performance.now();
      try {
        return await work();
      } finally {
        measure(start, sql);
      }
    };
    const next = finished.then(timed, timed);
    finished = next.catch(() => {});
    settle(finished);
    return next;
  };
  const pipelined = <T>(send: () => Promise<T>, sql: string): Promise<T> => {
    const post = () => {
      const start = performance.now();
      const result = send(); // the message is posted by this call
      result.then(() => measure(start, sql), () => measure(start, sql));
      return result;
    };
    let next: Promise<T>;
    if (sent === null) next = post(); // nothing waits: sent now, before this thread goes on
    else {
      let posted!: () => void;
      const isPosted = new Promise<void>((ok) => (posted = ok));
      next = sent.then(() => {
        try {
          return post();
        } finally {
          posted();
        }
      });
      settle(isPosted);
    }
    finished = Promise.all([finished, next.catch(() => {})]);
    return next;
  };
  const engine: BrowserEngine = {
    version,
    cached,
    query<T extends Row = Row>(sql: string, params: Value[] = []) {
      const text = params.length ? inlineParams(sql, params) : sql;
      if (text !== null) return pipelined(() => conn.query(text), sql).then((t) => plainRows(t) as T[]);
      return serial(async () => {
        const stmt = await conn.prepare(sql);
        try {
          return plainRows(await stmt.query(...params)) as T[];
        } finally {
          await stmt.close();
        }
      }, sql);
    },
    run(sql: string) {
      return serial(async () => {
        // send() polls a pending query, so cancel() can stop it between polls.
        const reader = await conn.send(sql, false);
        for await (const _ of reader) { /* drain */ }
      }, sql);
    },
    arrow(sql: string) {
      return serial(async () => (await conn.query(sql)) as unknown as ArrowLike, sql);
    },
    stream(sql, onBatch) {
      return serial(async () => {
        const reader = await conn.send(sql, true);
        for await (const batch of reader) await onBatch(batch as unknown as ArrowLike);
      }, sql);
    },
    cancel: () => conn.cancelSent(),
    registerFile: (name, file) => db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true),
    registerText: (name, text) => db.registerFileText(name, text),
    async dropFile(name) {
      await db.dropFile(name);
    },
    readFile: (name) => db.copyFileToBuffer(name),
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
  return engine;
}
