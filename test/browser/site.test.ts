// The built site, as a person opens it: both pages with JavaScript on and off,
// figures and all 53 indicators checked against the model, no request to any
// other origin, no page error, and screenshots at desktop and phone widths.
import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";

mkdirSync("test/output", { recursive: true });
import { importFile } from "../../src/core/import.ts";
import { formatYuan } from "../../src/core/format.ts";
import { inject } from "vitest";
import { unfold, useSite, watchedPage } from "./harness.ts";
import { builtPages } from "./pages.ts";

const ctx = useSite();

const seed = importFile("data/raw/000_83bc0b582c527eae.txt", readFileSync("data/raw/000_83bc0b582c527eae.txt"));
const unit = seed.units[0];
const unitPath = `unit/${unit.id}/${unit.year}/`;

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false],
])("the built site with %s", (_label, javaScriptEnabled) => {
  it("overview lists the unit with its exact budget and links to its page", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const { page, foreign, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
    await page.goto(ctx.server.url);
    // The navigation says where the reader is.
    expect(await page.locator('.site-header nav a[aria-current="page"]').allInnerTexts()).toEqual(["概览"]);
    const text = await page.locator("main").innerText();
    expect(text).toContain(unit.name);
    expect(text).toContain("92,787,331.00 元");
    expect(text).toContain("50,839,284.87 元");
    expect(text).toContain("41,948,046.13 元");
    expect(text).toContain("53 项三级指标");
    await page.locator(`.unit-card a[href$="/${unitPath}"]`).click();
    await expect.poll(() => page.url()).toContain(unitPath);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("unit page shows every budget line to the fen and every indicator as declared", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const { page, foreign, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
    await page.goto(ctx.server.url + unitPath);
    // A unit's pages belong to the overview: its link is marked as the part of the site the reader is in.
    expect(await page.locator('.site-header nav a[aria-current="true"]').allInnerTexts()).toEqual(["概览"]);
    for (const line of seed.budget) {
      const row = page.locator(`tr[id="${line.id}"]`);
      await expect.poll(() => row.innerText()).toContain(formatYuan(line.amountFen));
      expect(await row.innerText()).toContain(line.item);
    }
    expect(await page.locator("main").innerText()).toContain("✓ 相符 资金来源合计 92,787,331.00 元 = 预算总额 92,787,331.00 元");
    const rows = page.locator('tr[id^="ind-"]');
    expect(await rows.count()).toBe(seed.indicators.length);
    // Each 一级 group is folded to its heading line, with its count and how many need checking; a click opens it, JavaScript or not.
    expect(await page.locator('[data-section="indicators"] details.fold > summary h3').allInnerTexts()).toEqual(["投入管理指标（7 条）", "产出指标（35 条）", "效益指标（14 条）", "满意度指标（4 条）"]);
    await unfold(page);
    for (const ind of seed.indicators) {
      const row = page.locator(`tr[id="ind-${ind.id}"]`);
      const cells = await row.locator("td").allInnerTexts();
      if (ind.name) {
        expect(cells[0].split("\n")[0]).toBe(ind.name);
        expect(cells[1]).toBe(ind.target ?? "—");
        const caption = await row.locator("xpath=ancestor::table/caption").innerText();
        expect(caption).toContain(`${ind.level1} › ${ind.level2}`);
      } else {
        expect(cells[0]).toBe(ind.level2);
      }
    }
    expect(seed.indicators.filter((i) => i.name).length).toBe(53);
    // Charts are prerendered SVG with a title and a text alternative.
    const charts = page.locator('figure.chart svg.jx-chart[aria-labelledby]');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("figure.chart table").count()).toBeGreaterThanOrEqual(2);
    // HTML from the file never shows raw.
    const html = await page.content();
    expect(await page.locator("main").innerText()).not.toContain("<p>");
    expect(html).not.toContain("&lt;p&gt;");
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the built site's policy and layout", () => {
  it("every page carries a CSP that allows no outside origin", async () => {
    for (const path of ["", unitPath]) {
      const html = await (await fetch(ctx.server.url + path)).text();
      const csp = html.match(/http-equiv="content-security-policy" content="([^"]+)"/)?.[1] ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https?:/);
      expect(csp).not.toContain("unsafe-inline");
    }
  });

  it.each([
    ["desktop", 1280],
    ["phone", 375],
  ])("pages fit a %s screen (%i px) with no horizontal scroll, and are saved as screenshots", async (name, width) => {
    const context = await ctx.browser.newContext({ viewport: { width, height: 800 } });
    const { page, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
    for (const path of ["", unitPath, "en/", `en/${unitPath}`, `${unitPath}progress/`, "search/", "about/"]) {
      await page.goto(ctx.server.url + path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test/output/${path.replace(/[^a-z0-9]+/gi, "_") || "overview"}-${name}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("every unit page, in Chinese and in English, is under 8 phone screens (375 × 667 px), folded parts closed", async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 375, height: 667 } });
    const page = await context.newPage();
    const units = builtPages(inject("dist")).filter((p) => /^(en\/)?unit\/[^/]+\/\d{4}\/$/.test(p));
    expect(units.length).toBeGreaterThanOrEqual(2 * 15);
    const long: string[] = [];
    for (const path of units) {
      await page.goto(ctx.server.url + path);
      const screens = (await page.evaluate(() => document.documentElement.scrollHeight)) / 667;
      if (screens >= 8) long.push(`${path}: ${screens.toFixed(1)} screens`);
    }
    expect(long).toEqual([]);
    await context.close();
  });
});
