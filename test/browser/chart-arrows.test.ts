// A keyboard user with JavaScript on, as they would go: Tab into a chart (one stop), the arrow keys through its
// structure (一级 → 二级, year → item, one row after another), each part named with the figures its data table gives and the live region saying where they are; the same in the
// workspace after dropping the bundled form. JavaScript off, Tab walks every part (chart-keyboard.test.ts).
import { mkdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { importFile } from "../../src/core/import.ts";
import { axeViolations, useSite, watchedPage } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const ctx = useSite();
const FORM = "data/raw/000_83bc0b582c527eae.txt";
const unit = importFile(FORM, readFileSync(FORM)).units[0];

/** The focused element: its name, whether it is a part of `chart`, and what the live region says. */
const here = (page: Page, chart: string) =>
  page.evaluate((chart) => {
    const a = document.activeElement;
    return {
      name: a?.getAttribute("aria-label") ?? null,
      inChart: !!a?.closest(`svg.${chart}`),
      said: document.querySelector("[data-chart-live]")?.textContent ?? null,
      outline: a ? getComputedStyle(a).outlineStyle : "",
      colour: a ? getComputedStyle(a).outlineColor : "",
    };
  }, chart);

/** The chart's table (its data, as the page shows it under the chart), row by row. */
const tableOf = (page: Page, chart: string) =>
  page.evaluate((chart) => {
    const fig = document.querySelector(`svg.${chart}`)!.closest("figure")!;
    return [...fig.querySelectorAll("details.data tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? ""));
  }, chart);

/** Tab from the element just before the chart's stop (as a reader reaches it), then the chart's parts that can be tabbed to. */
async function tabInto(page: Page, chart: string) {
  const svg = page.locator(`svg.${chart}:visible`).first();
  await svg.scrollIntoViewIfNeeded();
  expect(await svg.locator("[tabindex='0']").count(), `${chart}: one Tab stop`).toBe(1);
  await svg.locator("[tabindex='0']").focus();
  await page.keyboard.press("Shift+Tab");
  expect((await here(page, chart)).inChart).toBe(false);
  await page.keyboard.press("Tab");
  return svg;
}

/** WCAG contrast of a computed rgb() colour on white paper. */
function onPaper(css: string): number {
  const [r, g, b] = (css.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe("a chart walked with the arrow keys", () => {
  it("the unit page's indicator chart: 一级 → 二级 by Down, Left/Right along a level, Up back, Home/End; each 二级 named with its table row's figures", async () => {
    mkdirSync("test/output", { recursive: true });
    for (const width of [1280, 375]) {
      const context = await ctx.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const { page, errors } = await watchedPage(context, ctx.server.url);
      await page.goto(`${ctx.server.url}unit/${unit.id}/${unit.year}/`);
      const chart = "jx-indicator-groups";
      await tabInto(page, chart);
      const rows = await tableOf(page, chart);
      const groups = [...new Set(rows.map((r) => r[0]).filter((g) => g !== "合计"))];
      let at = await here(page, chart);
      expect(at.inChart).toBe(true);
      expect(at.name).toMatch(new RegExp(`^${groups[0]}：\\d+ 项指标，\\d+ 个二级指标$`));
      expect(at.said).toBe(`第 1 层，第 1 项，共 ${groups.length} 项。左右方向键在同一层移动，下方向键进入下一层，上方向键回到上一层，Home 与 End 到首项与末项`);
      expect(at.outline).toBe("solid");
      expect(onPaper(at.colour)).toBeGreaterThanOrEqual(3);

      await page.keyboard.press("ArrowDown");
      const inFirst = rows.filter((r) => r[0] === groups[0]);
      at = await here(page, chart);
      // 数量指标：定量 11 项；合计 11 项 — the 二级 and the total of its table row.
      expect(at.name).toMatch(new RegExp(`^${inFirst[0][1]}：.+；合计 ${inFirst[0][inFirst[0].length - 1]} 项$`));
      expect(at.said).toBe(`第 2 层，第 1 项，共 ${inFirst.length} 项`);
      await page.keyboard.press("ArrowRight");
      at = await here(page, chart);
      expect(at.name).toMatch(new RegExp(`^${inFirst[1][1]}：.+；合计 ${inFirst[1][inFirst[1].length - 1]} 项$`));
      expect(at.said).toBe(`第 2 层，第 2 项，共 ${inFirst.length} 项`);
      await page.screenshot({ path: `test/output/chart-arrows-${width}.png` });
      await page.keyboard.press("End");
      expect((await here(page, chart)).name).toMatch(new RegExp(`^${inFirst[inFirst.length - 1][1]}：`));
      await page.keyboard.press("ArrowRight"); // the last of its group: it stays
      expect((await here(page, chart)).name).toMatch(new RegExp(`^${inFirst[inFirst.length - 1][1]}：`));
      await page.keyboard.press("Home");
      expect((await here(page, chart)).said).toBe(`第 2 层，第 1 项，共 ${inFirst.length} 项`);
      await page.keyboard.press("ArrowUp");
      expect((await here(page, chart)).name).toMatch(new RegExp(`^${groups[0]}：`));
      await page.keyboard.press("ArrowRight");
      at = await here(page, chart);
      expect(at.name).toMatch(new RegExp(`^${groups[1]}：`));
      expect(at.said).toBe(`第 1 层，第 2 项，共 ${groups.length} 项`);
      // The arrow keys did not scroll the page away from the chart, and the chart is still one Tab stop: the part
      // last reached. Tab leaves the chart; Shift+Tab comes back to that part.
      expect(await page.locator(`svg.${chart}:visible [tabindex='0']`).count()).toBe(1);
      await page.keyboard.press("Tab");
      expect((await here(page, chart)).inChart).toBe(false);
      await page.keyboard.press("Shift+Tab");
      expect((await here(page, chart)).name).toMatch(new RegExp(`^${groups[1]}：`));
      // Axe stays clean with the chart roved and the live region speaking.
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("the progress page's bullet chart: one row after another (Down, Up, End), each named with its table row's actual value, target and status", async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await watchedPage(context, ctx.server.url);
    await page.goto(`${ctx.server.url}unit/${unit.id}/${unit.year}/progress/`);
    const chart = "jx-bullet";
    await tabInto(page, chart);
    const rows = await tableOf(page, chart);
    const named = (r: string[]) => new RegExp(`^${r[0].replace(/[()（）.*+?[\]\\]/g, "\\$&")}：实际 .+ · 目标 .+；${r[r.length - 1]}$`);
    let at = await here(page, chart);
    expect(at.name).toMatch(named(rows[0]));
    expect(at.said).toBe(`第 1 项，共 ${rows.length} 项。方向键逐项移动，Home 与 End 到首项与末项`);
    await page.keyboard.press("ArrowDown");
    at = await here(page, chart);
    expect(at.name).toMatch(named(rows[1]));
    expect(at.said).toBe(`第 2 项，共 ${rows.length} 项`);
    // The figures read out are the table's: its actual and target cells appear in the name as written there.
    for (const cell of [rows[1][1], rows[1][2]].filter((c) => c !== "—")) expect(at.name).toContain(cell.replace(/^[≥≤=] /, ""));
    await page.keyboard.press("ArrowUp");
    expect((await here(page, chart)).name).toMatch(named(rows[0]));
    await page.keyboard.press("End");
    at = await here(page, chart);
    expect(at.name).toMatch(named(rows[rows.length - 1]));
    expect(at.said).toBe(`第 ${rows.length} 项，共 ${rows.length} 项`);
    await page.screenshot({ path: "test/output/chart-arrows-bullet-1280.png" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the comparison page's slope chart: year → item, each point named with its table row's amount and change", async () => {
    for (const [width, prefix] of [[1280, ""], [375, "en/"]] as const) {
      const context = await ctx.browser.newContext({ viewport: { width, height: 900 } });
      const { page, errors } = await watchedPage(context, ctx.server.url);
      await page.goto(`${ctx.server.url}${prefix}compare/unit/${unit.id}/`);
      const chart = "jx-slope";
      await tabInto(page, chart);
      const rows = await tableOf(page, chart); // item, year, amount, change, change %
      const years = [...new Set(rows.map((r) => r[1]))].sort();
      let at = await here(page, chart);
      expect(at.name).toMatch(prefix ? new RegExp(`^${years[0]}: `) : new RegExp(`^${years[0]} 年：\\d+ 项，合计 [\\d,.]+ 元$`));
      await page.keyboard.press("ArrowRight");
      at = await here(page, chart);
      expect(at.name).toMatch(new RegExp(`^${years[1]}`));
      expect(at.said).toBe(prefix ? `level 1, 2 of ${years.length}` : `第 1 层，第 2 项，共 ${years.length} 项`);
      await page.keyboard.press("ArrowDown");
      at = await here(page, chart);
      const row = rows.find((r) => r[1] === years[1] && at.name!.startsWith(r[0]))!;
      expect(row, String(at.name)).toBeTruthy();
      // 基本支出，2026 年 50,839,284.87 元（较上年 +2,628,834.75 元（+5.5%））: the amount and the change as the table writes them.
      expect(at.name).toContain(row[2]);
      // (The table's column is in yuan; an English name writes the sign before ¥: +¥4,197,687.92.)
      if (row[3] !== "—" && !/^0(\.00)?$/.test(row[3])) expect(at.name).toContain(prefix ? row[3].replace(/^([+-])/, "$1¥") : row[3]);
      expect(at.said).toMatch(prefix ? /^level 2, 1 of \d+$/ : /^第 2 层，第 1 项，共 \d+ 项$/);
      await page.keyboard.press("ArrowRight");
      expect((await here(page, chart)).said).toMatch(prefix ? /^level 2, 2 of \d+$/ : /^第 2 层，第 2 项，共 \d+ 项$/);
      await page.screenshot({ path: `test/output/chart-arrows-slope-${width}.png` });
      await page.keyboard.press("ArrowUp");
      expect((await here(page, chart)).name).toMatch(new RegExp(`^${years[1]}`));
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("the year across units: a ranking's bars one after another, each named with its table row's rank, name and figure", async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await watchedPage(context, ctx.server.url);
    await page.goto(`${ctx.server.url}compare/`);
    await page.locator('main a[href*="/compare/year/"]').first().click();
    const chart = "jx-rank-bars";
    await tabInto(page, chart);
    const rows = await tableOf(page, chart); // rank, name, figure
    const name = ([rank, unit, figure]: string[]) => (rank === "—" ? `${unit}：${figure}` : `第 ${rank} 名 ${unit}：${figure}`);
    expect((await here(page, chart)).name).toBe(name(rows[0]));
    await page.keyboard.press("ArrowDown");
    const at = await here(page, chart);
    expect(at.name).toBe(name(rows[1]));
    expect(at.said).toBe(`第 2 项，共 ${rows.length} 项`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the workspace, after dropping the bundled form: its indicator chart is one Tab stop walked the same way", async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openExplore(context, `${ctx.server.url}explore/`);
    await dropFiles(page, [FORM]);
    await page.waitForSelector('[data-x="unit"] svg.jx-indicator-groups', { timeout: 60_000 });
    const chart = "jx-indicator-groups";
    await tabInto(page, chart);
    const rows = await tableOf(page, chart);
    const groups = [...new Set(rows.map((r) => r[0]).filter((g) => g !== "合计"))];
    let at = await here(page, chart);
    expect(at.name).toMatch(new RegExp(`^${groups[0]}：\\d+ 项指标，\\d+ 个二级指标$`));
    expect(at.said).toMatch(/^第 1 层，第 1 项，共 \d+ 项。左右方向键/);
    await page.keyboard.press("ArrowDown");
    at = await here(page, chart);
    const first = rows.find((r) => r[0] === groups[0])!;
    expect(at.name).toMatch(new RegExp(`^${first[1]}：.+；合计 ${first[first.length - 1]} 项$`));
    expect(at.said).toMatch(/^第 2 层，第 1 项，共 \d+ 项$/);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("End");
    expect((await here(page, chart)).name).toMatch(new RegExp(`^${groups[groups.length - 1]}：`));
    // The budget chart drawn beside it is one Tab stop too (bar → segment).
    expect(await page.locator('[data-x="unit"] svg.jx-budget-structure:visible [tabindex="0"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
