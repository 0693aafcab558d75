// The progress dashboard, as a leader opens it: score, grade and execution rate
// as the scoring rules give them, every chart labelled 示例数据 when fed by
// illustrative data, "no data" never shown as zero, drill-down to indicators.
import { describe, expect, it } from "vitest";
import { siteDataset } from "../../src/site/dataset.ts";
import { scoreProgress } from "../../src/core/progress.ts";
import { unfold, useSite, watchedPage } from "./harness.ts";

const ctx = useSite();

const reports = scoreProgress(siteDataset()).reports;
const real = reports.filter((r) => r.unitId === "ue5033044165152b9" && r.year === 2026);

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false],
])("the 2026 dashboard of the bundled unit with %s", (_l, javaScriptEnabled) => {
  it("shows each period's total, grade and execution rate as scored, labelled 示例数据", async () => {
    expect(real.map((r) => r.period).sort()).toEqual(["midyear", "yearend"]);
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const { page, errors, foreign } = await watchedPage(context, new URL(ctx.server.url).origin);
    await page.goto(`${ctx.server.url}unit/ue5033044165152b9/2026/`);
    await page.getByRole("link", { name: /完成情况/ }).click();
    expect(page.url()).toBe(`${ctx.server.url}unit/ue5033044165152b9/2026/progress/`);
    // The mid-year report is folded under the year-end one, its score and grade on its heading line.
    expect(await page.locator("section:has(h2#midyear) > details.fold > summary").innerText()).toMatch(/^年中运行监控.*综合得分 \d+\.\d\d（[优良中差]）/);
    await unfold(page);
    for (const r of real) {
      const section = page.locator(`section:has(h2#${r.period})`);
      const text = await section.innerText();
      expect(text).toContain(r.result.total);
      expect(text).toContain(`等级：${r.result.grade}`);
      if (r.execution?.rate) expect(text).toContain(`${r.execution.rate}%`);
      expect(text).toContain("示例数据");
      // Every chart in the section carries the 示例数据 badge inside its SVG.
      const charts = section.locator("figure.chart .wide svg");
      for (let i = 0; i < (await charts.count()); i++) expect(await charts.nth(i).innerHTML()).toContain("示例数据");
      // No data is "未填报", never a zero score.
      for (const x of r.indicators.filter((i) => i.score.status === "no_data")) {
        if (r.period !== "yearend") continue;
        const row = page.locator(`tr[id="p-${x.indicator.id}"]`);
        // The full table is folded under its count (problems first): read as text, open or not.
        expect(await row.textContent()).toContain("未填报");
        expect(await row.textContent()).toContain(`— / ${x.score.max}`);
      }
    }
    // Drill-down: an indicator behind target links to its row, which links to the declaration.
    const behind = real.find((r) => r.period === "yearend")!.indicators.find((i) => i.score.status === "not_met" || i.score.status === "partly")!;
    await page.locator(`section:has(h2#yearend) a[href="#p-${behind.indicator.id}"]`).first().click();
    await page.locator(`tr[id="p-${behind.indicator.id}"] a`).first().click();
    expect(page.url()).toContain(`unit/ue5033044165152b9/2026/#ind-${behind.indicator.id}`);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

it("the English dashboard keeps the figures and says the data is illustrative", async () => {
  const context = await ctx.browser.newContext();
  const { page, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
  await page.goto(`${ctx.server.url}en/unit/ue5033044165152b9/2026/progress/`);
  const text = await page.locator("main").innerText();
  expect(text).toContain("illustrative");
  for (const r of real) expect(text).toContain(r.result.total);
  expect(errors).toEqual([]);
  await context.close();
});

it("the dashboard's charts download as CSV that say 示例数据 first", async () => {
  const bytes = new Uint8Array(await (await fetch(`${ctx.server.url}data/ue5033044165152b9/2026/progress-yearend-l1.csv`)).arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  expect(text.split("\r\n")[0]).toBe("示例数据（非真实申报数据）");
  const yearend = real.find((r) => r.period === "yearend")!;
  const met = yearend.indicators.filter((i) => i.indicator.level1 === "产出指标" && i.score.status === "met").length;
  expect(text).toContain(`产出指标,${met},`);
});
