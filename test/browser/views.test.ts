// One view, two renderings: the workspace's unit dashboard and its year across units, drawn to DOM from the
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
import type { Page } from "playwright-core";

const state = useSite();
const SAMPLE_TABLES = readdirSync("data/sample").filter((f) => f.endsWith(".csv")).map((f) => join("data/sample", f));
const units = Papa.parse<Record<string, string>>(readFileSync("data/canonical/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data;

describe("the one view layer", () => {
  it("draws the workspace's unit dashboard, year over year and completion byte for byte as the unit, comparison and progress pages' sections", async () => {
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

    // Completion: each period of the unit year shown as its progress page draws it (the page's rows link the unit
    // page's indicator rows; the workspace's, the unit dashboard's above on the same page).
    const periods = (p: Page, root: string, shift: number) => p.evaluate(({ root, shift }) => [...document.querySelectorAll(`${root} [data-report]`)].map((s) => {
      const copy = s.cloneNode(true) as HTMLElement;
      for (const host of copy.querySelectorAll("p.x-actions, p.downloads")) host.remove();
      for (const f of copy.querySelectorAll("figure[data-chart]")) f.removeAttribute("data-chart");
      return copy.outerHTML.replace(/href="[^"#]*#ind-/g, 'href="#ind-').replace(/<(\/?)h([1-6])\b/g, (_, slash: string, n: string) => `<${slash}h${Number(n) - shift}`);
    }), { root, shift });
    const completion = await periods(page, '[data-x="results"]', 3);
    await site.goto(`${state.server.url}unit/${unit.unit_id}/${shown}/progress/`);
    const progressPage = await periods(site, "main", 0);
    expect(completion.length).toBeGreaterThan(0);
    expect(completion.length).toBe(progressPage.length);
    completion.forEach((html, i) => expect(firstDifference(html, progressPage[i]), `completion ${i}`).toBeNull());
    await context.close();
  }, 180_000);

  it("draws the workspace's year across units from the published tables byte for byte as the cross-unit page's sections", { timeout: 120_000 }, async () => {
    const context = await state.browser.newContext();
    const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
    // The site's published tables are the declared unit's; its cross-unit page also has the illustrative units
    // (data/sample), dropped beside them as canonical CSV.
    await page.click('[data-x="published"]');
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown", null, { timeout: 60_000 });
    await dropFiles(page, ["units", "budget", "tasks", "indicators", "actuals", "execution"].map((t) => `data/sample/${t}.csv`));
    const year = Number(units[0].fiscal_year);
    await page.selectOption("#x-unit", `${units[0].unit_id}|${year}`);
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown" && document.querySelector('[data-x="across"] #drill'), null, { timeout: 60_000 });
    const workspace = await across(page, '[data-x="across"]', 3);
    const site = await context.newPage();
    await site.goto(`${state.server.url}compare/year/${year}/`);
    const published = await across(site, "jx-compare", 0);
    expect(workspace.length).toBeGreaterThan(10_000);
    expect(firstDifference(workspace, published)).toBeNull();
    // The options themselves: the page links each chart's CSV file and the unit pages, the workspace exports the
    // charts and opens a unit in itself.
    expect(await site.locator("jx-compare p.downloads a[download]").count()).toBeGreaterThan(3);
    expect(await page.locator('[data-x="across"] [data-action="chart-csv"]').count()).toBe(await site.locator("jx-compare p.downloads a[download]").count());
    // The switches say what they now show, in the view's own polite live region, as on the page.
    const region = page.locator('[data-x="across"] [data-announce][role="status"][aria-live="polite"]');
    expect(await region.textContent()).toBe("");
    await page.locator('[data-x="across"] a[data-view-link="share"]').click();
    expect(await region.textContent()).toBe("预算结构现按占比显示");
    await page.locator('[data-x="across"] a[data-sort-link="rate"]').click();
    expect(await region.textContent()).toBe("排名现按预算执行率排序");
    const sample = Papa.parse<Record<string, string>>(readFileSync("data/sample/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data;
    const other = sample.find((u) => Number(u.fiscal_year) === year && u.unit_id !== units[0].unit_id)!;
    await page.locator(`[data-x="across"] tr#rk-${other.unit_id} a[data-action="unit"]`).click();
    await expect.poll(() => page.locator(".x-unit-title").innerText(), { timeout: 30_000 }).toContain(other.unit_name);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

/**
 * The year across units' sections (from the table of contents on) as the browser serialises them, host options set
 * aside: heading levels, chart downloads or exports, where a unit link goes.
 */
async function across(page: Page, root: string, shift: number): Promise<string> {
  const html = await page.evaluate((root) => {
    const box = document.querySelector(root)!;
    const start = box.querySelector(":scope > ul.toc")!;
    const parts: string[] = [];
    for (let n: Element | null = start; n; n = n.nextElementSibling) {
      const wrap = document.createElement("div");
      wrap.append(n.cloneNode(true));
      for (const host of wrap.querySelectorAll("p.x-actions, p.downloads")) host.remove();
      for (const f of wrap.querySelectorAll("figure[data-chart]")) f.removeAttribute("data-chart");
      for (const a of wrap.querySelectorAll('a[href*="unit"]')) {
        a.removeAttribute("href");
        a.removeAttribute("data-action");
        a.removeAttribute("data-unit");
      }
      parts.push(wrap.innerHTML);
    }
    return parts.join("\n");
  }, root);
  return html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, n: string) => `<${slash}h${Number(n) - shift}`);
}
