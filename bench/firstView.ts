// What a reader's browser transfers on a page's first view: requests, raw bytes,
// and gzip bytes (as any static host serves them), with the largest file.
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";

export async function firstView(browser: Browser, url: string, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: { url: string; raw: number; gz: number }[] = [];
  page.on("response", async (res) => {
    try {
      const body = await res.body();
      sizes.push({ url: res.url(), raw: body.length, gz: gzipSync(body, { level: 6 }).length });
    } catch { /* redirects have no body */ }
  });
  await page.goto(url + path, { waitUntil: "networkidle" });
  await context.close();
  const largest = [...sizes].sort((a, b) => b.gz - a.gz)[0];
  return {
    requests: sizes.length,
    raw: sizes.reduce((s, x) => s + x.raw, 0),
    gz: sizes.reduce((s, x) => s + x.gz, 0),
    largest: largest ? `${largest.url.replace(url, "/")} ${largest.gz}` : "",
  };
}
