// One view, two renderings: the workspace's unit dashboard, drawn to DOM from the
// site's own published tables (载入本站已发布的数据), is byte for byte the unit
// page's prerendered sections — once the two options that differ by design are
// set aside (the heading level under each host's own headings, and what a chart
// offers: the page links its CSV file, the workspace exports it).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import Papa from "papaparse";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const state = useSite();
const SAMPLE_TABLES = readdirSync("data/sample").filter((f) => f.endsWith(".csv")).map((f) => join("data/sample", f));
const units = Papa.parse<Record<string, string>>(readFileSync("data/canonical/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data;

/** The unit dashboard's parts (key figures and each section) as the browser serialises them, host options set aside. */
async function sections(page: Page, root: string, shift: number, figures = true): Promise<Record<string, string>> {
  const parts = await page.evaluate(({ root, figures }) => {
    const out: Record<string, string> = {};
    const el = document.querySelector(root)!;
    if (figures) out.figures = el.querySelector("ul.figures")?.outerHTML ?? "";
    for (const s of el.querySelectorAll<HTMLElement>("[data-section]")) {
      const copy = s.cloneNode(true) as HTMLElement;
      // What a host offers: the page links CSV files, its indicators' unit pages and has a filter its script shows; the workspace exports charts.
      for (const host of copy.querySelectorAll("p.x-actions, p.downloads, form[data-filter]")) host.remove();
      for (const a of copy.querySelectorAll('[data-table="indicator-changes"] a')) a.replaceWith(...a.childNodes);
      for (const f of copy.querySelectorAll("figure[data-chart]")) f.removeAttribute("data-chart");
      out[s.dataset.section!] = copy.outerHTML.replace(/(id|aria-labelledby)="x-cmp-/g, '$1="');
    }
    return out;
  }, { root, figures });
  const level = (html: string) => html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, n: string) => `<${slash}h${Number(n) - shift}`);
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, level(v)]));
}

/** Where two renderings first part, with a little of each around it (null when they are the same). */
function firstDifference(a: string, b: string): { at: number; workspace: string; page: string } | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, workspace: a.slice(Math.max(0, i - 80), i + 120), page: b.slice(Math.max(0, i - 80), i + 120) };
}

describe("the one view layer", () => {
  it("draws the workspace's unit dashboard from the published tables byte for byte as the unit page's sections", async () => {
    const context = await state.browser.newContext();
    const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
    await page.click('[data-x="published"]');
    await page.waitForFunction(() => {
      const el = document.querySelector("jx-explore");
      return el?.getAttribute("data-busy") === "false" && el.getAttribute("data-state") === "shown" && document.querySelector('[data-x="unit"] [data-section="findings"] .lede');
    }, null, { timeout: 60_000 });
    expect(await page.locator("[data-upload]").count()).toBe(5);
    const unit = units[0];
    expect(await page.locator(".x-unit-title").innerText()).toContain(unit.unit_name);
    const workspace = await sections(page, '[data-x="unit"]', 2);

    const site = await context.newPage();
    await site.goto(`${state.server.url}unit/${unit.unit_id}/${unit.fiscal_year}/`);
    const published = await sections(site, "main", 0);

    expect(Object.keys(workspace)).toEqual(["figures", "budget", "indicators", "tasks", "duties", "findings"]);
    expect(Object.keys(workspace)).toEqual(Object.keys(published));
    for (const key of Object.keys(published)) expect(firstDifference(workspace[key], published[key]), key).toBeNull();
    // The options themselves: the page links the chart's CSV file, the workspace exports it.
    expect(await site.locator('[data-section="budget"] p.downloads a[download]').count()).toBe(1);
    expect(await page.locator('[data-x="unit"] [data-section="budget"] [data-action="chart-svg"]').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);

    // Year over year: with the site's illustrative years dropped in too (the comparison pages are built on both), the
    // workspace compares the year shown with the one before, as the comparison page does by default.
    await dropFiles(page, SAMPLE_TABLES);
    await page.waitForFunction(() => document.querySelector('[data-x="results"] [data-section="duties"]'), null, { timeout: 60_000 });
    const yoy = await sections(page, '[data-x="results"]', 3, false);
    // The pair the workspace shows (the year in the address, the other picked beside it) is the page of that pair.
    const shown = Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get("year"));
    const other = Number(await page.locator("#x-compare-with").inputValue());
    const [from, to] = [shown, other].sort((a, b) => a - b);
    expect(to - from).toBe(1);
    await site.goto(`${state.server.url}compare/unit/${unit.unit_id}/${from}-${to}/`);
    const yoyPage = await sections(site, "main", 0, false);
    expect(Object.keys(yoy)).toEqual(["budget", "waterfall", "indicators", "trend", "tasks", "duties"]);
    expect(Object.keys(yoy)).toEqual(Object.keys(yoyPage));
    for (const key of Object.keys(yoyPage)) expect(firstDifference(yoy[key], yoyPage[key]), `year over year: ${key}`).toBeNull();
    expect(await site.locator("form[data-filter]").count()).toBe(1);
    expect(await page.locator('[data-x="results"] [data-section="waterfall"] [data-action="chart-csv"]').count()).toBe(1);
    await context.close();
  }, 180_000);
});
