// Shared set-up of the browser tests: build dist/ (once per run), serve it on
// 127.0.0.1, and drive Debian's Chromium through playwright-core. Every page
// opened through `open()` records requests to other origins, page errors and
// console errors, which the tests assert are empty.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../scripts/chromium.ts";
import { serve } from "../../scripts/serve.ts";

export { CHROMIUM } from "../../scripts/chromium.ts";

export function build(outDir = "dist", env: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", outDir], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout}\n${r.stderr}`);
  const pdf = spawnSync(process.execPath, ["scripts/pdf.ts", outDir], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (pdf.status !== 0) throw new Error(`PDF reports failed:\n${pdf.stdout}\n${pdf.stderr}`);
}

export function launch(): Promise<Browser> {
  return launchChromium();
}

export async function site(root: string, base = "/") {
  return serve({ root, port: 0, base });
}

export interface Watched {
  page: Page;
  foreign: string[];
  errors: string[];
}

/** A page that records requests leaving the site's origin, page errors and console errors. */
export async function watchedPage(context: BrowserContext, origin: string): Promise<Watched> {
  const page = await context.newPage();
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return { page, foreign, errors };
}

/**
 * Serves the run's built site (or `root`) and starts Chromium before the file's
 * tests, and stops both after them. Read `.browser` and `.server` inside tests.
 */
export function useSite(root?: () => string, base = "/") {
  const state = {} as { browser: Browser; server: Awaited<ReturnType<typeof site>> };
  beforeAll(async () => {
    state.server = await site(root ? root() : inject("dist"), base);
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    state.server?.server.close();
  });
  return state;
}

const AXE = "node_modules/axe-core/axe.min.js";

/**
 * axe-core's WCAG 2.2 A/AA violations on the page as it is now, one line each
 * (rule: first targets). The page's context needs bypassCSP to take the script.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
}

/** Opens every folded part of a dashboard (src/views/ details.fold) as a reader would: a click on its summary line. */
export async function unfold(page: Page): Promise<void> {
  for (let closed = page.locator("details.fold:not([open]) > summary"); await closed.count(); ) await closed.first().click();
}
