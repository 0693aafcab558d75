// Explore-page benchmark for the files analysts really drop: one small form, and
// nine small files, on the built explore page in headless Chromium, with the
// goals of the workspace issue beside each figure.
//   npm run bench:explore-small [-- --runs=3]
// Each run is one reader in a fresh browser profile (a persistent one, so that
// what a browser keeps between visits — HTTP cache, Cache Storage, code cache —
// is kept as it would be):
//   1. first visit: the seed form dropped with the engine not started (it is downloaded);
//   2. second visit (a new tab): the seed form dropped again, engine not started, then
//      with the engine started (warm), then nine small files on that engine;
//   3. that tab reloaded with the nine kept: time from the navigation to the dashboards
//      drawn with all nine, and how many times they were drawn on the way.
// Times are the page's own marks (src/explore/ui.ts, session.ts): jixiao:drop-to-dashboard,
// jixiao:engine begin → ready, jixiao:drawn. The median of the runs is printed, with the spread.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { serve } from "../scripts/serve.ts";

const RUNS = Math.max(1, Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7)) || 3);
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const SEED = resolve("data/raw/000_83bc0b582c527eae.txt");
/** Nine small files: the bundled form, the illustrative years' seven canonical tables, and a real project self-evaluation. */
const NINE = [SEED, ...["units", "budget", "tasks", "indicators", "actuals", "execution", "findings"].map((n) => resolve(`data/sample/${n}.csv`)),
  resolve("../shared/real-forms/01_anhui_chizhou_tangxi_2022_project_selfeval.csv")];

const dist = resolve("bench/output/explore-small-dist");
const built = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", dist], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", JIXIAO_PDF: "0" }, encoding: "utf8" });
if (built.status !== 0) throw new Error(built.stderr || built.stdout);
const site = await serve({ root: dist, port: 0 });
const url = `${site.url}explore/`;

const idle = (page: Page, uploads: number) => page.waitForFunction((n) => {
  const el = document.querySelector("jx-explore");
  return !!el && el.getAttribute("data-busy") !== "true" && el.getAttribute("data-state") === (n ? "shown" : "empty") && document.querySelectorAll("[data-upload]").length === n;
}, uploads, { timeout: 120_000, polling: 20 });

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("pageerror:", e.message));
  page.on("dialog", (d) => void d.accept());
  await page.goto(url);
  await idle(page, 0);
  return page;
}

/** Drops files and gives the page's drop → dashboard time; fails loudly when the dashboards or a file did not come. */
async function drop(page: Page, files: string[]): Promise<number> {
  const before = await page.evaluate(() => performance.getEntriesByName("jixiao:drop-to-dashboard").length);
  await page.setInputFiles("#x-file", files);
  await idle(page, files.length);
  const failures = await page.locator("[data-failure]").allInnerTexts();
  if (failures.length) throw new Error(failures.join("\n"));
  await page.waitForFunction((n) => performance.getEntriesByName("jixiao:drop-to-dashboard").length > n, before, { timeout: 10_000 });
  return page.evaluate(() => performance.getEntriesByName("jixiao:drop-to-dashboard").at(-1)!.duration);
}

/** The engine's start, begin → ready (marked by src/explore/session.ts), and its steps between (marked by src/query/browser.ts). */
const engineMs = (page: Page) => page.evaluate(() => {
  const at = (n: string) => performance.getEntriesByName(`jixiao:engine ${n}`).at(-1)?.startTime;
  const [begin, decompress, start, open, ready] = ["begin", "decompress", "start", "open", "ready"].map(at);
  if (begin === undefined || ready === undefined || start === undefined || open === undefined) throw new Error("the engine did not start");
  const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
  const served = performance.getEntriesByName("jixiao:engine served").length > 0 ? " (served by the service worker)" : "";
  return { ms: ready - begin, steps: `file ${ms(begin, decompress ?? start)}${decompress !== undefined ? ` · decompress ${ms(decompress, start)}` : ""} · compile and open ${ms(start, open)}${served} · tables ${ms(open, ready)}` };
});

async function clearAll(page: Page): Promise<void> {
  await page.click('[data-x="clear"]');
  await idle(page, 0);
}

interface Run { cold1: number; engine1: number; cold2: number; engine2: number; warm: number; nine: number; reload: number; draws: number; engine3: number; steps1: string; steps2: string }

async function run(): Promise<Run> {
  const profile = mkdtempSync(join(tmpdir(), "jixiao-bench-small-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
  try {
    const first = await open(context);
    const cold1 = await drop(first, [SEED]);
    const { ms: engine1, steps: steps1 } = await engineMs(first);
    // The engine kept for the next visit before this one ends.
    await first.waitForFunction(async () => (await (await caches.open("jixiao-engine")).keys()).length > 0, null, { timeout: 60_000, polling: 100 });
    await clearAll(first);
    await first.close();

    const second = await open(context);
    const cold2 = await drop(second, [SEED]);
    const { ms: engine2, steps: steps2 } = await engineMs(second);
    await clearAll(second);
    const warm = await drop(second, [SEED]);
    await clearAll(second);
    await drop(second, NINE);
    // To all nine loaded and drawn: the page idle.
    const nine = await second.evaluate(() => performance.getEntriesByName("jixiao:idle").at(-1)!.startTime - performance.getEntriesByName("jixiao:files-picked").at(-1)!.startTime);
    await second.waitForFunction((n) => document.querySelector("jx-explore")?.getAttribute("data-saved") === String(n), NINE.length, { timeout: 60_000 });

    await second.reload();
    await idle(second, NINE.length);
    // The dashboards are drawn (marked once painted) after the last restore's step.
    await second.waitForFunction(() => {
      const drawn = performance.getEntriesByName("jixiao:drawn").at(-1);
      const step = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("jixiao:step")).at(-1);
      return drawn && (!step || drawn.startTime > step.startTime);
    }, null, { timeout: 10_000 });
    const { reload, draws } = await second.evaluate(() => {
      const drawn = performance.getEntriesByName("jixiao:drawn");
      return { reload: drawn.at(-1)!.startTime, draws: drawn.length };
    });
    const engine3 = (await engineMs(second)).ms;
    return { cold1, engine1, cold2, engine2, warm, nine, reload, draws, engine3, steps1, steps2 };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await run());
site.server.close();

const s = (ms: number) => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
const median = (f: (r: Run) => number) => {
  const v = runs.map(f).sort((a, b) => a - b);
  return { mid: v[(v.length - 1) >> 1], lo: v[0], hi: v[v.length - 1] };
};
const medianRun = (f: (r: Run) => number) => [...runs].sort((a, b) => f(a) - f(b))[(RUNS - 1) >> 1];
const line = (what: string, f: (r: Run) => number, goal: string, show = s) => {
  const { mid, lo, hi } = median(f);
  console.log(`${what} | ${show(mid)}${RUNS > 1 ? ` (${RUNS} runs: ${show(lo)}–${show(hi)})` : ""} | ${goal}`);
};
const version = spawnSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`$ npm run bench:explore-small -- --runs=${RUNS}   (${version}, ${spawnSync("nproc", { encoding: "utf8" }).stdout.trim()} cores)`);
console.log("measure | median | goal");
line("one form → its dashboard, first visit, engine not started (downloaded)", (r) => r.cold1, "—");
line("  of which the engine's start (download, decompress, compile, open)", (r) => r.engine1, "—");
console.log(`  (the median run's: ${medianRun((r) => r.engine1).steps1})`);
line("one form → its dashboard, second visit, engine not started (cold)", (r) => r.cold2, "≤ 500 ms");
line("  of which the engine's start, second visit", (r) => r.engine2, "≤ 300 ms");
console.log(`  (the median run's: ${medianRun((r) => r.engine2).steps2})`);
line("one form → its dashboard, engine started (warm)", (r) => r.warm, "≤ 200 ms");
line("nine small files → all loaded and drawn, engine started", (r) => r.nine, "≤ 1.5 s");
line("reload with the nine kept → dashboards drawn", (r) => r.reload, "≤ 700 ms");
line("  times the dashboards were drawn on that reload", (r) => r.draws, "1", String);
line("  of which the engine's start, third visit", (r) => r.engine3, "≤ 300 ms");
