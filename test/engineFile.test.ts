// The engine's file (src/query/engineFile.ts): fetched, decompressed as it
// arrives, typed application/wasm; a failed download and a corrupt file are told
// apart. Node has fetch and DecompressionStream, not Cache Storage (the page's
// browser tests cover the cache: a reload downloads nothing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { EngineFileError, loadEngineFile, type EngineFileProgress } from "../src/query/engineFile.ts";

const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), randomBytes(3_000_000)]);
const gz = gzipSync(wasm);
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/engine.wasm.gz") {
      res.writeHead(200, { "content-type": "application/gzip", "content-length": String(gz.length) });
      // In pieces, as a network gives it.
      let at = 0;
      const next = () => {
        if (at >= gz.length) return res.end();
        res.write(gz.subarray(at, (at += 256 * 1024)), next);
      };
      next();
    } else if (req.url === "/corrupt.wasm.gz") {
      const bad = Buffer.from(gz);
      bad.fill(0x55, 1000, 5000);
      res.writeHead(200, { "content-type": "application/gzip", "content-length": String(bad.length) });
      res.end(bad);
    } else if (req.url === "/encoded.wasm.gz") {
      // A host that marks the .gz as Content-Encoding: gzip: fetch unpacks it on the way.
      res.writeHead(200, { "content-type": "application/wasm", "content-encoding": "gzip", "content-length": String(gz.length) });
      res.end(gz);
    } else if (req.url === "/fallback.wasm.gz") {
      // A host that answers a missing file with its home page.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>首页</title>");
    } else if (req.url === "/cut.wasm.gz") {
      res.writeHead(200, { "content-type": "application/gzip", "content-length": String(gz.length) });
      res.write(gz.subarray(0, 100_000), () => res.destroy());
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

describe("loadEngineFile", () => {
  it("takes an engine the host sent with Content-Encoding: gzip (already unpacked) as it is", async () => {
    const { wasm: blob } = await loadEngineFile(`${base}/encoded.wasm.gz`, "test");
    expect(blob.type).toBe("application/wasm");
    expect(Buffer.from(await blob.arrayBuffer()).equals(wasm)).toBe(true);
  });

  it("gives the decompressed engine, typed application/wasm, and reports the download's progress", async () => {
    const seen: EngineFileProgress[] = [];
    const { wasm: blob, cached } = await loadEngineFile(`${base}/engine.wasm.gz`, "test", (p) => seen.push(p));
    expect(blob.type).toBe("application/wasm");
    expect(Buffer.from(await blob.arrayBuffer()).equals(wasm)).toBe(true);
    await cached; // no Cache Storage here: settles at once
    const downloads = seen.filter((p) => p.phase === "download");
    expect(downloads.length).toBeGreaterThan(1);
    expect(downloads.every((p) => p.total === gz.length && p.fromCache === false)).toBe(true);
    expect(downloads.map((p) => p.loaded)).toEqual([...downloads.map((p) => p.loaded!)].sort((a, b) => a - b));
    expect(downloads.at(-1)!.loaded).toBe(gz.length);
    expect(seen.at(-1)).toEqual({ phase: "decompress" });
  });

  it("tells an HTTP error with its status, a corrupt file as a decompression failure, a cut download as a download failure", async () => {
    const failure = (url: string) => loadEngineFile(url, "test").then(() => null, (e: unknown) => e);
    const missing = await failure(`${base}/missing.wasm.gz`);
    expect(missing).toBeInstanceOf(EngineFileError);
    expect(missing).toMatchObject({ stage: "download", status: 404 });
    expect(await failure(`${base}/corrupt.wasm.gz`)).toMatchObject({ name: "EngineFileError", stage: "decompress" });
    expect(await failure(`${base}/cut.wasm.gz`)).toMatchObject({ name: "EngineFileError", stage: "download" });
    expect(await failure(`${base}/fallback.wasm.gz`)).toMatchObject({ name: "EngineFileError", stage: "type", contentType: "text/html" });
    expect(await failure("http://127.0.0.1:1/engine.wasm.gz")).toMatchObject({ name: "EngineFileError", stage: "download", status: undefined });
  });
});
