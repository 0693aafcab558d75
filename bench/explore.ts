// Explore-page benchmark: for a generated canonical CSV of 100,000 and 1,000,000
// indicator rows (scripts/gen-indicators.ts), the time from dropping the file on
// the built explore page to its dashboard shown, and the peak memory — against
// bare DuckDB-wasm (bench/bare/: read_csv into a table, then the dashboard's
// queries) on the same file, in the same Chromium, in the same run.
//   npm run bench:explore  [-- 100000 1000000] [--runs=3]
// Each measurement gets a fresh browser, so that its peak is its own. With --runs=N each
// variant is measured N times, alternating Jixiao and bare, and the median run is printed
// with the spread of the ratios (a 2-core machine's runs move by ±15 %). "cold"
// includes starting the engine (the page starts it when the file is dropped);
// "warm" drops the file on an engine already started (by a console query), nothing loaded yet.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type CDPSession, type Page } from "playwright-core";
import { build as viteBuild } from "vite";
import { serve } from "../scripts/serve.ts";
import { generate } from "../scripts/gen-indicators.ts";

const OUT = resolve("bench/output");
const SIZES = process.argv.slice(2).filter((a) => !a.startsWith("--")).map(Number).filter(Boolean);
const RUNS = Math.max(1, Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7)) || 1);
const sizes = SIZES.length ? SIZES : [100_000, 1_000_000];
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
mkdirSync(OUT, { recursive: true });

// ---- Build both pages ----
const dist = join(OUT, "explore-dist");
const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", dist], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
if (r.status !== 0) throw new Error(r.stderr || r.stdout);
const bareDist = join(OUT, "bare-dist");
await viteBuild({ root: resolve("bench/bare"), logLevel: "warn", build: { outDir: bareDist, emptyOutDir: true, assetsInlineLimit: 0 }, configFile: false });

const site = await serve({ root: dist, port: 0 });
const bare = await serve({ root: bareDist, port: 0 });

// ---- Memory: the page's renderer process (its workers run in it) and the main thread's JS heap ----
async function renderers(cdp: CDPSession): Promise<number[]> {
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as { processInfo: { type: string; id: number }[] };
  return processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
}
const kb = (pid: number, field: string) => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

interface Run { ms: number; rendererPeak: number; heapPeak: number; rows: number; steps?: string; checkedMs?: number }

async function measure(kind: "explore" | "bare", csv: string, warm: boolean): Promise<Run> {
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  page.on("pageerror", (e) => console.error("pageerror:", e.message));
  const cdp = await browser.newBrowserCDPSession();
  const pageCdp = await context.newCDPSession(page);
  await pageCdp.send("Performance.enable");
  let heapPeak = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const { metrics } = (await pageCdp.send("Performance.getMetrics").catch(() => ({ metrics: [] }))) as { metrics: { name: string; value: number }[] };
      heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  })();
  let ms: number;
  let rows: number;
  let steps: string | undefined;
  let checkedMs: number | undefined;
  if (kind === "explore") {
    await page.goto(site.url + "explore/");
    await page.waitForFunction(() => ["empty", "shown"].includes(document.querySelector("jx-explore")?.getAttribute("data-state") ?? ""));
    const done = () => page.waitForFunction(() => {
      const el = document.querySelector("jx-explore");
      return el?.getAttribute("data-busy") === "false" && el.getAttribute("data-state") === "shown";
    }, null, { timeout: 600_000, polling: 50 });
    if (warm) {
      // The engine started and nothing loaded, as the bare page's warm run: through the page's SQL console
      // (it starts the engine on a first query), as window.bareStart() does there.
      await page.evaluate(() => {
        (document.querySelector('[data-x="sql-input"]') as HTMLTextAreaElement).value = "SELECT 1";
        (document.querySelector('[data-x="sql-run"]') as HTMLButtonElement).click();
      });
      await page.waitForFunction(() => document.querySelector('[data-x="sql-result"] td'), null, { timeout: 120_000 });
    }
    await page.setInputFiles("#x-file", csv);
    await done();
    ms = await page.evaluate(() => performance.getEntriesByName("jixiao:drop-to-dashboard").at(-1)!.duration);
    // A large file's checks run after its dashboards are drawn; the page is idle when they are done.
    checkedMs = await page.evaluate(() => performance.getEntriesByName("jixiao:idle").at(-1)!.startTime - performance.getEntriesByName("jixiao:files-picked").at(-1)!.startTime);
    // Where the time went: the page marks each step (src/explore/session.ts, ui.ts).
    steps = await page.evaluate(() => {
      const start = performance.getEntriesByName("jixiao:files-picked").at(-1)!.startTime;
      const end = performance.getEntriesByName("jixiao:dashboard").at(-1)!.startTime;
      const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("jixiao:step") && m.startTime >= start && m.startTime <= end);
      const merged: { name: string; ms: number }[] = [];
      marks.forEach((m, i) => {
        const ms = (marks[i + 1]?.startTime ?? end) - m.startTime;
        const name = m.name.replace("jixiao:step ", "");
        const last = merged.at(-1);
        if (last?.name === name) last.ms += ms;
        else merged.push({ name, ms });
      });
      const scan = performance.getEntriesByName("jixiao:scan").at(-1);
      return merged.filter((m) => m.ms >= 20).map((m) => `${m.name} ${(m.ms / 1000).toFixed(2)} s`).join(" · ")
        + (scan ? ` (the byte scan beside them: ${((scan.startTime - start) / 1000).toFixed(2)} → ${((scan.startTime + scan.duration - start) / 1000).toFixed(2)} s)` : "");
    });
    rows = await page.evaluate(() => Number(document.querySelector("[data-upload]:last-child td:nth-child(4)")?.textContent?.replace(/,/g, "")));
    const failures = await page.locator("[data-failure]").allInnerTexts();
    if (failures.length) throw new Error(failures.join("\n"));
  } else {
    await page.goto(bare.url);
    if (warm) await page.evaluate(() => window.bareStart());
    await page.setInputFiles("#file", csv);
    await page.waitForFunction(() => window.bareResult, null, { timeout: 600_000, polling: 50 });
    const res = (await page.evaluate(() => window.bareResult)) as { ms: number; rows: number; steps: string } | { error: string };
    if ("error" in res) throw new Error(res.error);
    ({ ms, rows, steps } = res);
  }
  polling = false;
  await poll;
  const rendererPeak = Math.max(...(await renderers(cdp)).map((pid) => kb(pid, "VmHWM")));
  await browser.close();
  return { ms, rendererPeak, heapPeak, rows, steps, checkedMs };
}

declare global {
  interface Window { bareStart: () => Promise<void>; bareResult?: { ms: number; rows: number; steps: string } | { error: string } }
}

const MB = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`$ npm run bench:explore   (headless Chromium ${browserVersion()}, ${process.env.HOSTNAME ?? ""} ${os()})`);
for (const n of sizes) {
  const csv = join(OUT, `explore-${n}.csv`);
  if (!existsSync(csv)) generate(n, csv);
  console.log(`\n${n.toLocaleString("en")} indicator rows (${(statSync(csv).size / 1e6).toFixed(0)} MB canonical CSV)`);
  console.log("variant | Jixiao explore (drop → dashboard) | bare DuckDB-wasm (read_csv + queries) | time ratio (goal ≤ 1.3×) | renderer peak: Jixiao / bare (goal ≤ 1.2×) | main-thread JS heap peak: Jixiao / bare");
  for (const warm of [false, true]) {
    const pairs: { ours: Run; base: Run }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ours = await measure("explore", csv, warm);
      const base = await measure("bare", csv, warm);
      if (ours.rows !== n || base.rows !== n) throw new Error(`rows: explore ${ours.rows}, bare ${base.rows}, expected ${n}`);
      pairs.push({ ours, base });
    }
    // The run whose time ratio is the median (its steps are printed), and the ratios' spread.
    const byRatio = [...pairs].sort((a, b) => a.ours.ms / a.base.ms - b.ours.ms / b.base.ms);
    const { ours, base } = byRatio[(RUNS - 1) >> 1];
    const spread = (f: (p: { ours: Run; base: Run }) => number) => {
      const v = pairs.map(f).sort((a, b) => a - b);
      return RUNS > 1 ? ` (${RUNS} runs: ${v[0].toFixed(2)}–${v[v.length - 1].toFixed(2)}×)` : "";
    };
    console.log(`${warm ? "warm" : "cold"} | ${s(ours.ms)} | ${s(base.ms)} | ${(ours.ms / base.ms).toFixed(2)}×${spread((p) => p.ours.ms / p.base.ms)} | ${MB(ours.rendererPeak)} / ${MB(base.rendererPeak)} = ${(ours.rendererPeak / base.rendererPeak).toFixed(2)}×${spread((p) => p.ours.rendererPeak / p.base.rendererPeak)} | ${MB(ours.heapPeak)} / ${MB(base.heapPeak)}`);
    console.log(`  steps (${warm ? "warm" : "cold"}): ${ours.steps}`);
    console.log(`  then the reviewer's checks, behind the dashboards: drop → checks done ${s(ours.checkedMs!)} (${(ours.checkedMs! / base.ms).toFixed(2)}× bare)`);
    console.log(`  bare (${warm ? "warm" : "cold"}): ${base.steps}`);
  }
}
site.server.close();
bare.server.close();

function browserVersion(): string {
  const v = spawnSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8" }).stdout.trim();
  return v.replace(/^Chromium\s*/, "") || "?";
}
function os(): string {
  return `${spawnSync("nproc", { encoding: "utf8" }).stdout.trim()} cores`;
}
