// bench/firstView.ts, which every site benchmark's first-view figures come from,
// fails loudly instead of printing a small number: a page that is not there, a
// response cut off mid-body. A page that loads is measured whole.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { firstView } from "../../bench/firstView.ts";
import { launch } from "./harness.ts";

const CSS = "body { color: #123; }\n".repeat(400);
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="/a.css"></head><body>${"<p>绩效</p>".repeat(2000)}</body></html>`;
let server: Server;
let url = "";
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/" || req.url === "/cut-css/") {
      const page = req.url === "/" ? PAGE : PAGE.replace("/a.css", "/cut.css");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page) }).end(page);
    } else if (req.url === "/a.css") {
      res.writeHead(200, { "content-type": "text/css", "content-length": CSS.length }).end(CSS);
    } else if (req.url === "/cut.css" || req.url === "/cut/") {
      // Announces the whole body, sends a little of it, and hangs up: what an overloaded server does.
      res.writeHead(200, { "content-type": req.url === "/cut/" ? "text/html" : "text/css", "content-length": 100_000 });
      res.write(req.url === "/cut/" ? "<!doctype html><title>t</title><p>" : "body {");
      setTimeout(() => res.destroy(), 50);
    } else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server.close(ok));
});

describe("firstView(browser, url, path)", () => {
  it("measures a page that loads: the document and its stylesheet, whole", async () => {
    const v = await firstView(browser, url, "");
    expect(v.requests).toBe(2);
    expect(v.docRaw).toBe(Buffer.byteLength(PAGE));
    expect(v.raw).toBe(Buffer.byteLength(PAGE) + CSS.length);
    expect(v.gz).toBeGreaterThan(0);
  });

  it("throws on a page that is not there", async () => {
    await expect(firstView(browser, url, "missing/")).rejects.toThrow(/answered 404, not 200/);
  });

  it("throws when a response is cut off before its end, never returning the bytes that came", async () => {
    await expect(firstView(browser, url, "cut-css/", 10_000)).rejects.toThrow(/0 of 100000 bytes arrived|requests failed/);
    await expect(firstView(browser, url, "cut/", 10_000)).rejects.toThrow();
  }, 60_000);
});
