// WCAG 2.2 AA on every built page: axe-core finds no violation, in both languages.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { axeViolations, launch, site } from "./harness.ts";

let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return pages(p);
    return f === "index.html" ? [relative(inject("dist"), dir).replace(/\\/g, "/")] : [];
  });
}

let paths: string[] = [];
beforeAll(async () => {
  paths = pages(inject("dist")).map((p) => (p ? `${p}/` : ""));
  server = await site(inject("dist"));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

it("every page has no axe violation (WCAG 2.2 A/AA)", async () => {
  expect(paths.length).toBeGreaterThanOrEqual(4);
  // bypassCSP lets the test inject axe; the pages themselves stay under their CSP.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const report: string[] = [];
  // Every page at desktop width; each kind of page (same path with ids and years
  // taken out) also at phone width.
  const kinds = new Set<string>();
  for (const path of paths) {
    const kind = path.replace(/\/u[0-9a-f]{8}\//g, "/U/").replace(/\/\d{4}(-\d{4})?\//g, "/Y/");
    const widths = kinds.has(kind) ? [1280] : [1280, 375];
    kinds.add(kind);
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(server.url + path);
      const violations = await axeViolations(page);
      for (const v of violations) report.push(`/${path} @${width}px ${v}`);
    }
  }
  expect(report).toEqual([]);
  await context.close();
}, 900_000);
