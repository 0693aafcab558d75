// The header Content-Security-Policy docs/deploy.md tells a host to send: the
// built site served with it (beside each page's own meta CSP) shows its pages,
// and the explore page starts DuckDB-wasm and shows a dropped form, with no
// policy violation, no console error and no request to another origin.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { serve } from "../../scripts/serve.ts";
import { launch, watchedPage } from "./harness.ts";
import { dropFiles } from "./explore.harness.ts";

const DEPLOY = readFileSync("docs/deploy.md", "utf8");
const HEADER_CSP = DEPLOY.match(/add_header Content-Security-Policy "([^"]+)" always;/)?.[1] ?? "";
const SEED = "data/raw/000_83bc0b582c527eae.txt";

let browser: Browser;
let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve({ root: inject("dist"), port: 0, headers: { "content-security-policy": HEADER_CSP } });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

/** Records securitypolicyviolation events of the page (and its frames) before any script of the page runs. */
async function violations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

describe("the header CSP of docs/deploy.md", () => {
  it("is found, allows no outside origin, no inline script or eval, and forbids framing and plugins", () => {
    expect(HEADER_CSP).toContain("default-src 'self'");
    expect(HEADER_CSP).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
    expect(HEADER_CSP).toContain("frame-ancestors 'none'");
    expect(HEADER_CSP).toContain("object-src 'none'");
  });

  it("every page shows with it, with no violation and no console error", async () => {
    const context = await browser.newContext();
    const { page, foreign, errors } = await watchedPage(context, new URL(server.url).origin);
    const seen = await violations(page);
    const overview = await page.goto(server.url);
    expect(overview?.headers()["content-security-policy"]).toBe(HEADER_CSP);
    const unit = await page.locator(".unit-card a").first().getAttribute("href");
    for (const path of [server.url, new URL(unit!, server.url).href, `${server.url}en/`, `${server.url}search/`, `${server.url}about/`, `${server.url}compare/`]) {
      await page.goto(path);
      expect(await seen(), path).toEqual([]);
    }
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the explore page starts DuckDB-wasm under it and shows a dropped form", async () => {
    const context = await browser.newContext();
    const { page, foreign, errors } = await watchedPage(context, new URL(server.url).origin);
    const seen = await violations(page);
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${server.url}explore/`);
    await page.waitForFunction(() => ["empty", "shown"].includes(document.querySelector("jx-explore")?.getAttribute("data-state") ?? ""), null, { timeout: 60_000 });
    await dropFiles(page, [SEED]);
    expect(await page.locator("main").innerText()).toContain("数据探索引擎已就绪");
    expect(await page.locator("[data-indicator]").count()).toBe(60);
    expect(await seen()).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
