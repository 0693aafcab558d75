// What a reader's browser transfers on a page's first view: requests, raw bytes,
// and gzip bytes (as any static host serves them), with the largest file.
// A page that does not load, or a response whose body cannot be read, throws:
// a benchmark must never print the small number a half-loaded page gives.
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";

export async function firstView(browser: Browser, url: string, path: string, timeoutMs = 120_000) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: { url: string; raw: number; gz: number }[] = [];
  const reads: Promise<void>[] = [];
  page.on("response", (res) => {
    // Bodies are read while the page loads; all are awaited before the context closes
    // (closing first drops the ones still in flight, which is how a page once measured 5.9 KB).
    const read = (async () => {
      if (res.status() >= 300 && res.status() < 400) return; // a redirect has no body
      const body = await res.body();
      // A response cut off mid-body still gives the bytes that came: check them against what the server announced.
      const announced = res.headers()["content-length"];
      if (announced !== undefined && !res.headers()["content-encoding"] && Number(announced) !== body.length) {
        throw new Error(`${res.url()}: ${body.length} of ${announced} bytes arrived`);
      }
      sizes.push({ url: res.url(), raw: body.length, gz: gzipSync(body, { level: 6 }).length });
    })();
    read.catch(() => {}); // awaited below; a page that fails first must not leave it unhandled
    reads.push(read);
  });
  const failed: string[] = [];
  page.on("requestfailed", (req) => failed.push(`${req.url()}: ${req.failure()?.errorText ?? "failed"}`));
  try {
    // The load event first (networkidle alone can come before it on a slow machine), then a quiet network.
    const main = await page.goto(url + path, { waitUntil: "load", timeout: timeoutMs });
    if (!main || main.status() !== 200) throw new Error(`/${path}: the page answered ${main?.status() ?? "nothing"}, not 200`);
    await page.waitForLoadState("networkidle", { timeout: timeoutMs });
    const state = await page.evaluate(() => document.readyState);
    if (state !== "complete") throw new Error(`/${path}: the page did not finish loading (document.readyState ${state})`);
    const unread = (await Promise.allSettled(reads)).filter((r) => r.status === "rejected");
    if (unread.length) throw new Error(`/${path}: ${unread.length} response bodies could not be read (${(unread[0] as PromiseRejectedResult).reason})`);
    if (failed.length) throw new Error(`/${path}: ${failed.length} requests failed (${failed[0]})`);
  } finally {
    await context.close();
  }
  const doc = sizes.find((s) => s.url === url + path);
  if (!doc) throw new Error(`/${path}: the document's own response was not measured`);
  const largest = [...sizes].sort((a, b) => b.gz - a.gz)[0];
  return {
    requests: sizes.length,
    raw: sizes.reduce((s, x) => s + x.raw, 0),
    gz: sizes.reduce((s, x) => s + x.gz, 0),
    /** The HTML document alone, raw bytes (to check against the file on disk). */
    docRaw: doc.raw,
    largest: largest ? `${largest.url.replace(url, "/")} ${largest.gz}` : "",
  };
}
