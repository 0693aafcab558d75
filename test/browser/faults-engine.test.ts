// The explore page's engine blocked, as a host or browser can block it: a header
// CSP without 'wasm-unsafe-eval', a browser with no WebAssembly, the engine's
// file served as a web page (an SPA fallback). Each time a Chinese message says
// so within 10 s of the drop (with the product's own timeouts, no test hook), the
// file is listed as not loaded, and the published pages keep working. A host that
// sends the .gz with Content-Encoding: gzip is no fault: the engine starts.
import { describe, expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { serve } from "../../scripts/serve.ts";
import { useSite } from "./harness.ts";
import { DUCKDB_WORKER, dropFiles, openExplore } from "./explore.harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const DEPLOY = readFileSync("docs/deploy.md", "utf8");
const HEADER_CSP = DEPLOY.match(/add_header Content-Security-Policy "([^"]+)" always;/)?.[1] ?? "";
const NO_WASM_CSP = HEADER_CSP.replace(" 'wasm-unsafe-eval'", "");

const state = useSite();

/** Drops the seed and gives how long the engine took to say it failed, with what it said. */
async function failsWithin(page: Page): Promise<{ ms: number; engine: string; failure: string }> {
  const t0 = Date.now();
  await page.setInputFiles("#x-file", [SEED]);
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-engine") === "failed", null, { timeout: 10_000 });
  const ms = Date.now() - t0;
  await page.waitForSelector("[data-failure]", { timeout: 5_000 });
  return { ms, engine: await page.locator('[data-x="engine"]').innerText(), failure: await page.locator("[data-failure]").innerText() };
}

async function publishedPagesWork(page: Page, base: string) {
  await page.goto(base);
  const href = await page.locator(".unit-card a").first().getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.goto(new URL(href!, base).href);
  expect(res?.status()).toBe(200);
  expect(await page.locator('figure.chart svg.jx-chart[aria-labelledby]').count()).toBeGreaterThan(0);
}

describe("the explore engine blocked", () => {
  it("by a header CSP without 'wasm-unsafe-eval': told within 10 s, the published pages unaffected", async () => {
    const server = await serve({ root: inject("dist"), port: 0, headers: { "content-security-policy": NO_WASM_CSP } });
    const context = await state.browser.newContext();
    try {
      const { page } = await openExplore(context, `${server.url}explore/`);
      const r = await failsWithin(page);
      expect(r.ms).toBeLessThan(10_000);
      expect(r.engine).toMatch(/^数据探索引擎无法启动：.*(安全策略|WebAssembly)/);
      expect(r.engine).toContain("wasm-unsafe-eval");
      expect(r.failure).toContain("数据探索引擎无法启动，文件未载入");
      await publishedPagesWork(page, server.url);
    } finally {
      await context.close();
      server.server.close();
    }
  });

  it("by the same policy sent only with the workers' scripts (the page itself allows wasm): told within 10 s", async () => {
    const context = await state.browser.newContext();
    await context.route((url) => DUCKDB_WORKER.test(url.pathname) || /\/_assets\/engine-file-[^/.]+\.js$/.test(url.pathname), async (route) => {
      const real = await route.fetch();
      await route.fulfill({ response: real, headers: { ...real.headers(), "content-security-policy": NO_WASM_CSP } });
    });
    const { page } = await openExplore(context, `${state.server.url}explore/`);
    const r = await failsWithin(page);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.engine).toContain("wasm-unsafe-eval");
    await context.close();
  });

  it("by the same policy sent only with DuckDB's own worker (instantiate never answers): told within 10 s while still waited for", async () => {
    const context = await state.browser.newContext();
    await context.route(DUCKDB_WORKER, async (route) => {
      const real = await route.fetch();
      await route.fulfill({ response: real, headers: { ...real.headers(), "content-security-policy": NO_WASM_CSP } });
    });
    const { page } = await openExplore(context, `${state.server.url}explore/`);
    const t0 = Date.now();
    await page.setInputFiles("#x-file", [SEED]);
    await page.waitForFunction(() => ["failed", "loading"].includes(document.querySelector("jx-explore")?.getAttribute("data-engine") ?? "") && /wasm-unsafe-eval/.test(document.querySelector('[data-x="engine"]')?.textContent ?? ""), null, { timeout: 10_000 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await page.locator('[data-x="engine"]').innerText()).toMatch(/安全策略/);
    await context.close();
  });

  it("in a browser with no WebAssembly: told at once", async () => {
    const context = await state.browser.newContext();
    await context.addInitScript(() => delete (globalThis as { WebAssembly?: unknown }).WebAssembly);
    const { page } = await openExplore(context, `${state.server.url}explore/`);
    const r = await failsWithin(page);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.engine).toMatch(/^数据探索引擎无法启动：此浏览器不支持 WebAssembly/);
    await publishedPagesWork(page, state.server.url);
    await context.close();
  });

  const served = async (context: BrowserContext, headers: Record<string, string>, body?: string) =>
    context.route("**/duckdb/*.wasm.gz", async (route) => {
      const real = await route.fetch();
      await route.fulfill({ status: 200, headers, body: body ?? (await real.body()) });
    });

  it("when the engine's file comes back as a web page (a host's fallback to index.html): told within 10 s", async () => {
    const context = await state.browser.newContext();
    await served(context, { "content-type": "text/html; charset=utf-8" }, "<!doctype html><title>首页</title><p>首页</p>");
    const { page } = await openExplore(context, `${state.server.url}explore/`);
    const r = await failsWithin(page);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.engine).toMatch(/^数据探索引擎无法启动：/);
    expect(r.engine).toContain("text/html");
    await context.close();
  });

  it("when the host sends the .gz with Content-Encoding: gzip (the page gets the engine unpacked): it starts all the same", async () => {
    const context = await state.browser.newContext();
    await context.route("**/duckdb/*.wasm.gz", async (route) => {
      const real = await route.fetch();
      // What fetch hands the page once the browser has undone the Content-Encoding: the engine's own bytes.
      await route.fulfill({ status: 200, headers: { "content-type": "application/wasm" }, body: gunzipSync(await real.body()) });
    });
    const { page, errors } = await openExplore(context, `${state.server.url}explore/`);
    await dropFiles(page, [SEED]);
    expect(await page.locator('[data-x="engine"]').innerText()).toContain("数据探索引擎已就绪");
    expect(await page.locator("[data-upload]").count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
