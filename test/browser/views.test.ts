// One view, two renderings: the workspace's unit dashboard, drawn to DOM from the
// site's own published tables (载入本站已发布的数据), is byte for byte the unit
// page's prerendered sections — once the two options that differ by design are
// set aside (the heading level under each host's own headings, and what a chart
// offers: the page links its CSV file, the workspace exports it).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { firstDifference, sections } from "./sections.ts";

const state = useSite();
const SAMPLE_TABLES = readdirSync("data/sample").filter((f) => f.endsWith(".csv")).map((f) => join("data/sample", f));
const units = Papa.parse<Record<string, string>>(readFileSync("data/canonical/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data;

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
