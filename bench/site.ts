// Site benchmark: build time, and for the overview and a unit page the bytes a
// reader's browser transfers on first view (gzip, as any static host serves it)
// and the number of requests. `node bench/site.ts` (npm run bench:site).
import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../scripts/serve.ts";

const t0 = performance.now();
const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build"], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
if (r.status !== 0) throw new Error(r.stderr || r.stdout);
const buildMs = performance.now() - t0;
console.log(`$ node bench/site.ts   (astro build, then headless Chromium over dist/ on 127.0.0.1)`);
console.log(`build time: ${(buildMs / 1000).toFixed(2)} s`);

const { server, url } = await serve({ root: "dist", port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const { units } = await import("./site-pages.ts");
const pages = ["", ...(await units())];
console.log("page | requests | raw bytes | gzip bytes | largest file (gzip)");
for (const path of pages) {
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
  const raw = sizes.reduce((s, x) => s + x.raw, 0);
  const gz = sizes.reduce((s, x) => s + x.gz, 0);
  const largest = sizes.sort((a, b) => b.gz - a.gz)[0];
  console.log(`/${path} | ${sizes.length} | ${raw} | ${gz} (${(gz / 1024).toFixed(1)} KB, goal ≤ 150 KB) | ${largest?.url.replace(url, "/")} ${largest?.gz}`);
  await context.close();
}
await browser.close();
server.close();
