// A keyboard user walks a chart's structure with Tab, JavaScript off: on the unit page the
// indicator chart's 一级 groups, each followed by its 二级 rows, each named with its counts and
// shown with a focus outline; on the progress page the completion chart's 一级 rows. Axe stays
// clean (a11y.test.ts); screenshots of a focused row at 1280 and 375 px go to test/output/.
import { mkdirSync } from "node:fs";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { importFile } from "../../src/core/import.ts";
import { useSite } from "./harness.ts";

const ctx = useSite();
const seed = importFile("data/raw/000_83bc0b582c527eae.txt", readFileSync("data/raw/000_83bc0b582c527eae.txt"));
const unit = seed.units[0];

async function walk(path: string, chart: string, width: number) {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(ctx.server.url + path);
  // The chart drawn at this width (the other layout is not displayed, so not reachable).
  const svg = page.locator(`figure.chart svg.${chart}:visible`).first();
  const stops = await svg.locator("[tabindex='0']").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await svg.locator("[tabindex='0']").first().focus();
  await page.keyboard.press("Shift+Tab"); // from the element before the chart …
  const seen: (string | null)[] = [];
  for (let i = 0; i < stops.length; i++) {
    await page.keyboard.press("Tab"); // … Tab goes through the chart in reading order
    seen.push(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? null));
  }
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  return { page, context, stops, seen, outline };
}

it("the unit page's indicator chart: 一级, then its 二级 rows, by Tab, with their counts read out", async () => {
  mkdirSync("test/output", { recursive: true });
  for (const width of [1280, 375]) {
    const { page, context, stops, seen, outline } = await walk(`unit/${unit.id}/${unit.year}/`, "jx-indicator-groups", width);
    expect(stops.length, `${width}px`).toBeGreaterThan(4);
    expect(seen).toEqual(stops);
    expect(seen[0]).toMatch(/^[^：]+指标：\d+ 项指标，\d+ 个二级指标$/);
    expect(seen[1]).toMatch(/^[^：]+：(定量|期限|定性|无目标) \d+ 项.*；合计 \d+ 项$/);
    expect(outline).toBe("solid");
    await page.screenshot({ path: `test/output/chart-keyboard-${width}.png` });
    await context.close();
  }
});

it("the progress page's completion chart: each 一级 row by Tab", async () => {
  const { context, stops, seen } = await walk(`unit/${unit.id}/${unit.year}/progress/`, "jx-completion", 1280);
  expect(stops.length).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual(stops);
  expect(seen[0]).toMatch(/^产出指标：达成 \d+ 项/);
  await context.close();
});

it("the progress page's bullet chart: each indicator by Tab, named with its actual value, target and status", async () => {
  for (const width of [1280, 375]) {
    const { page, context, stops, seen, outline } = await walk(`unit/${unit.id}/${unit.year}/progress/`, "jx-bullet", width);
    expect(stops.length, `${width}px`).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(stops);
    expect(seen[0]).toMatch(/^.+：实际 .+ · 目标 [≥≤=] .+；(达成|部分达成|未达成|未填报|不适用)$/);
    expect(outline).toBe("solid");
    await page.locator("figure.chart svg.jx-bullet:visible [tabindex='0']").nth(1).focus();
    await page.screenshot({ path: `test/output/chart-keyboard-bullet-${width}.png` });
    await context.close();
  }
});

it("the comparison page's slope chart: each year, then each item's point in it, by Tab (year → item)", async () => {
  for (const width of [1280, 375]) {
    const { page, context, stops, seen, outline } = await walk(`compare/unit/${unit.id}/`, "jx-slope", width);
    expect(seen).toEqual(stops);
    expect(seen[0]).toMatch(/^\d{4} 年：\d+ 项，合计 [\d,.]+ 元$/);
    expect(seen[1]).toMatch(/^.+，\d{4} 年 [\d,.]+ 元$/);
    const years = seen.filter((s) => /^\d{4} 年：/.test(s ?? ""));
    expect(years.length).toBeGreaterThanOrEqual(2);
    expect(seen.find((s) => s?.includes("较上年"))).toBeTruthy();
    // Chromium's accessibility tree reads the same names (the parts keep their roles inside the graphics document).
    const cdp = await context.newCDPSession(page);
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: { name?: { value?: string }; role?: { value?: string } }[] };
    const named = (label: string | null) => nodes.find((x) => x.name?.value === label)?.role?.value;
    expect(named(seen[0])).toBe("graphics-object");
    expect(named(seen[1])).toBe("graphics-symbol");
    expect(outline).toBe("solid");
    await page.locator("figure.chart svg.jx-slope:visible [tabindex='0']").nth(1).focus();
    await page.screenshot({ path: `test/output/chart-keyboard-slope-${width}.png` });
    await context.close();
  }
});
