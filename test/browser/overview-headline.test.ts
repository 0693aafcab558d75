// The overview's headline strip as a leader opens it on a phone, JavaScript off: 预算 · 执行率 ·
// 得分/等级 · 未达成 · 较上年 for the declared unit-year, the figures the scoring gives, the
// illustrative ones in one frame under one mark, no horizontal scroll at 375 px.
import { describe, expect, it } from "vitest";
import { formatWan } from "../../src/core/format.ts";
import { unitTotals } from "../../src/core/rollup.ts";
import { siteDataset } from "../../src/site/dataset.ts";
import { unitReports } from "../../src/site/progressData.ts";
import { useSite, watchedPage } from "./harness.ts";

const ctx = useSite();
const data = siteDataset();
const real = data.units.find((u) => u.status === "declared")!;
const report = unitReports(real.id, real.year)[0];
const total = (year: number) => unitTotals(data, year).find((u) => u.unitId === real.id)!.totalFen!;

describe.each([
  ["zh", "", ["预算总额", "预算执行率", "得分 / 等级", "未达成", "较上年"], "示例数据"],
  ["en", "en/", ["Budget total", "Budget execution", "Score / grade", "Not met", "Against last year"], "Illustrative data"],
] as const)("the %s overview's headline strip", (lang, prefix, labels, mark) => {
  it("shows the five figures of the declared unit-year, readable with JavaScript off on a 375 px phone", async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const { page, errors, foreign } = await watchedPage(context, new URL(ctx.server.url).origin);
    await page.goto(ctx.server.url + prefix);
    const strip = page.locator(".unit-card .headline").first();
    expect(await strip.locator("dt").allInnerTexts()).toEqual(labels);
    // What the strip shows (an amount's spoken form for screen readers, on English pages, set aside).
    const values = await strip.locator(".hl-value").evaluateAll((els) => els.map((e) => {
      const copy = e.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll(".visually-hidden")) hidden.remove();
      return copy.textContent ?? "";
    }));
    expect(values[0]).toBe(formatWan(total(real.year), lang));
    if (lang === "en") expect(await strip.locator(".hl-value .visually-hidden").first().innerText()).toMatch(/^\d[\d,.]* million yuan$/);
    expect(values[1]).toBe(`${report.execution!.rate}%`);
    expect(values[2]).toContain(report.result.total);
    const notMet = report.indicators.filter((p) => p.score.status === "not_met").length;
    expect(values[3]).toContain(String(notMet));
    const delta = total(real.year) - total(real.year - 1);
    expect(values[4]).toBe(`${delta >= 0n ? "▲" : "▼"} ${formatWan(delta < 0n ? -delta : delta, lang)}`);
    // The declared budget stands alone; the illustrative four share one frame and one mark.
    const runs = strip.locator(".hl-run");
    expect(await runs.count()).toBe(2);
    expect(await runs.nth(0).getAttribute("data-sample")).toBeNull();
    expect(await runs.nth(1).getAttribute("data-sample")).toBe("");
    expect(await runs.nth(1).locator(".badge.sample").allInnerTexts()).toEqual([mark]);
    expect(await strip.locator(".badge.sample").count()).toBe(1);
    // It fits: no horizontal scroll, every figure inside the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    for (const box of await strip.locator(".hl-item").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `test/output/overview-headline-${lang}-phone.png`, fullPage: false });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
