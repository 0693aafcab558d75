// dist/ built for a sub-path (JIXIAO_BASE=/jixiao/) works when served there:
// every request stays under the sub-path and succeeds.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Browser } from "playwright-core";
import { build, launch, site, watchedPage } from "./harness.ts";

let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "jixiao-subpath-"));
  build(out, { JIXIAO_BASE: "/jixiao/", JIXIAO_PDF: "0" });
  server = await site(out, "/jixiao/");
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

it("pages, links and assets all resolve under /jixiao/", { timeout: 60_000 }, async () => {
  const context = await browser.newContext();
  const { page, errors, foreign } = await watchedPage(context, new URL(server.url).origin);
  const failed: string[] = [];
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on("request", (r) => { if (!new URL(r.url()).pathname.startsWith("/jixiao/")) failed.push(`outside base: ${r.url()}`); });
  await page.goto(server.url);
  await page.locator(".unit-card a").first().click();
  await page.getByRole("link", { name: "English" }).click();
  await page.getByRole("link", { name: "Data & methods" }).click();
  await page.getByRole("link", { name: "Overview" }).first().click();
  expect(page.url()).toBe(`${server.url}en/`);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});
