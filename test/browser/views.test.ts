// One view, two renderings: the workspace's unit dashboard and its year across units, drawn to DOM from the
// site's own published tables (载入本站已发布的数据), is byte for byte the unit
// page's prerendered sections — once the two options that differ by design are
// set aside (the heading level under each host's own headings, and what a chart
// offers: the page links its CSV file, the workspace exports it).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import Papa from "papaparse";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const state = useSite();
const units = Papa.parse<Record<string, string>>(readFileSync("data/canonical/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data;

/** The unit dashboard's parts (key figures and each section) as the browser serialises them, host options set aside. */
async function sections(page: Page, root: string, shift: number): Promise<Record<string, string>> {
  const parts = await page.evaluate((root) => {
    const out: Record<string, string> = {};
    const el = document.querySelector(root)!;
    out.figures = el.querySelector("ul.figures")?.outerHTML ?? "";
    for (const s of el.querySelectorAll<HTMLElement>("[data-section]")) {
      const copy = s.cloneNode(true) as HTMLElement;
      for (const host of copy.querySelectorAll("p.x-actions, p.downloads")) host.remove();
      for (const f of copy.querySelectorAll("figure[data-chart]")) f.removeAttribute("data-chart");
      out[s.dataset.section!] = copy.outerHTML;
    }
    return out;
  }, root);
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
    await context.close();
  });

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
