// scripts/serve.ts answers byte-range requests as static hosts do (RFC 9110):
// the workspace (src/explore/parquetRemote.ts) reads a Parquet file's footer and only the row groups a query
// needs by Range requests, so the server must send 206 with Content-Range,
// announce Accept-Ranges, and refuse a range past the end with 416.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byteRange, serve } from "../scripts/serve.ts";

const root = mkdtempSync(join(tmpdir(), "jixiao-ranges-"));
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
writeFileSync(join(root, "t.parquet"), bytes);
writeFileSync(join(root, "index.html"), "<!doctype html><title>t</title>");

const servers: Server[] = [];
let url = "";
let ignoring = "";
beforeAll(async () => {
  const a = await serve({ root, port: 0 });
  const b = await serve({ root, port: 0, ranges: false });
  servers.push(a.server, b.server);
  url = a.url;
  ignoring = b.url;
});
afterAll(async () => {
  for (const s of servers) await new Promise((ok) => s.close(ok));
  rmSync(root, { recursive: true, force: true });
});

describe("byteRange(header, size)", () => {
  it.each([
    [undefined, null],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=900-", { start: 900, end: 999 }],
    ["bytes=-10", { start: 990, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=995-2000", { start: 995, end: 999 }],
    ["bytes=999-999", { start: 999, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=1000-1100", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=5-1", null],
    ["bytes=0-1,5-9", null],
    ["items=0-9", null],
    ["bytes=-", null],
    ["bytes=a-b", null],
  ])("%s of 1000 bytes → %j", (header, want) => {
    expect(byteRange(header, 1000)).toEqual(want);
  });
});

const get = (path: string, range?: string, method = "GET", base = url) => fetch(base + path, { method, headers: range ? { range } : {} });

describe("serve({root}) with Range requests", () => {
  it("announces Accept-Ranges: bytes and sends the whole file without a Range header", async () => {
    const r = await get("t.parquet");
    expect(r.status).toBe(200);
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(r.headers.get("content-length")).toBe("1000");
    expect(r.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each([
    ["bytes=0-99", 0, 99],
    ["bytes=900-", 900, 999],
    ["bytes=-10", 990, 999],
    ["bytes=995-2000", 995, 999],
  ])("answers %s with 206, Content-Range and exactly those bytes", async (range, start, end) => {
    const r = await get("t.parquet", range);
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe(`bytes ${start}-${end}/1000`);
    expect(r.headers.get("content-length")).toBe(String(end - start + 1));
    expect(r.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it("answers a range past the end with 416 and Content-Range: bytes */size", async () => {
    for (const range of ["bytes=1000-", "bytes=5000-6000", "bytes=-0"]) {
      const r = await get("t.parquet", range);
      expect(r.status, range).toBe(416);
      expect(r.headers.get("content-range")).toBe("bytes */1000");
      expect((await r.arrayBuffer()).byteLength).toBe(0);
    }
  });

  it("sends the whole file (200) for several ranges or a header it cannot read", async () => {
    for (const range of ["bytes=0-1,5-9", "bytes=5-1", "lines=1-2"]) {
      const r = await get("t.parquet", range);
      expect(r.status, range).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBe(1000);
    }
  });

  it("answers HEAD with the size and no body, with a range too (how DuckDB learns a file's size)", async () => {
    const h = await get("t.parquet", undefined, "HEAD");
    expect([h.status, h.headers.get("content-length"), h.headers.get("accept-ranges")]).toEqual([200, "1000", "bytes"]);
    const r = await get("t.parquet", "bytes=0-3", "HEAD");
    expect([r.status, r.headers.get("content-range"), r.headers.get("content-length")]).toEqual([206, "bytes 0-3/1000", "4"]);
    expect((await r.arrayBuffer()).byteLength).toBe(0);
  });

  it("with ranges: false acts as a host that ignores them: 200, the whole file, no Accept-Ranges", async () => {
    const r = await get("t.parquet", "bytes=0-99", "GET", ignoring);
    expect(r.status).toBe(200);
    expect(r.headers.get("accept-ranges")).toBeNull();
    expect(r.headers.get("content-range")).toBeNull();
    expect((await r.arrayBuffer()).byteLength).toBe(1000);
  });
});
