// Site benchmark: build time, and for the overview and a unit page the bytes a
// reader's browser transfers on first view (gzip, as any static host serves it)
// and the number of requests. `node bench/site.ts` (npm run bench:site).
import { spawnSync } from "node:child_process";
import { launchChromium } from "../scripts/chromium.ts";
import { firstView } from "./firstView.ts";
import { serve } from "../scripts/serve.ts";

const t0 = performance.now();
const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build"], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
if (r.status !== 0) throw new Error(r.stderr || r.stdout);
const buildMs = performance.now() - t0;
console.log(`$ node bench/site.ts   (astro build, then headless Chromium over dist/ on 127.0.0.1)`);
console.log(`build time: ${(buildMs / 1000).toFixed(2)} s`);

const { server, url } = await serve({ root: "dist", port: 0 });
const browser = await launchChromium();
const { units } = await import("./site-pages.ts");
const pages = ["", ...(await units())];
console.log("page | requests | raw bytes | gzip bytes | largest file (gzip)");
for (const path of pages) {
  const v = await firstView(browser, url, path);
  console.log(`/${path} | ${v.requests} | ${v.raw} | ${v.gz} (${(v.gz / 1024).toFixed(1)} KB, goal ≤ 150 KB) | ${v.largest}`);
}
await browser.close();
server.close();
