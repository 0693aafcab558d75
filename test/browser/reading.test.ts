// Reading the published pages: the language toggle keeps the page and its data,
// search finds indicators and links to their permalinks, chart data downloads.
import { expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import { importFile } from "../../src/core/import.ts";
import { unfold, useSite, watchedPage } from "./harness.ts";

const ctx = useSite();

const seed = importFile("data/raw/000_83bc0b582c527eae.txt", readFileSync("data/raw/000_83bc0b582c527eae.txt"));
const unit = seed.units[0];

it("the language toggle switches the interface, keeps the page and leaves data as declared", async () => {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const { page, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
  await page.goto(`${ctx.server.url}unit/${unit.id}/${unit.year}/`);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  await page.getByRole("link", { name: "English" }).click();
  expect(page.url()).toBe(`${ctx.server.url}en/unit/${unit.id}/${unit.year}/`);
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  await unfold(page);
  const text = await page.locator("main").innerText();
  expect(text).toContain("Budget structure");
  expect(text).toContain("¥92,787,331.00");
  expect(text).toContain(unit.name);
  expect(text).toContain("器材购置更新完成数");
  await page.getByRole("link", { name: "中文" }).click();
  expect(page.url()).toBe(`${ctx.server.url}unit/${unit.id}/${unit.year}/`);
  expect(errors).toEqual([]);
  await context.close();
});

it("search finds the satisfaction indicators and links to their permalinks, and the query is kept in the URL", async () => {
  const context = await ctx.browser.newContext();
  const { page, errors, foreign } = await watchedPage(context, new URL(ctx.server.url).origin);
  await page.goto(`${ctx.server.url}search/`);
  await page.getByLabel("关键词").fill(`满意度 ≥ ${unit.name} · ${unit.year}`);
  // The four declared satisfaction indicators; illustrative data, if any, is marked as such.
  await expect.poll(() => page.locator(".results li").filter({ hasNotText: "示例数据" }).count()).toBe(4);
  expect(page.url()).toContain("q=");
  const first = seed.indicators.find((i) => i.name === "读者满意度")!;
  await page.locator(".results li").filter({ hasNotText: "示例数据" }).getByRole("link", { name: "读者满意度" }).click();
  expect(page.url()).toContain(`#ind-${first.id}`);
  expect(await page.locator(`tr[id="ind-${first.id}"]`).isVisible()).toBe(true);
  await page.goto(`${ctx.server.url}en/search/?q=${encodeURIComponent(`安全事故 ${unit.name} · ${unit.year}`)}`);
  await expect.poll(() => page.locator(".results li").filter({ hasNotText: "illustrative" }).count()).toBe(2);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});

it("every chart's data downloads as CSV with formula-safe cells", async () => {
  const bytes = new Uint8Array(await (await fetch(`${ctx.server.url}data/${unit.id}/${unit.year}/budget.csv`)).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so that Excel reads the Chinese
  const csv = new TextDecoder().decode(bytes);
  expect(csv).toContain('基本支出,"50,839,284.87"');
  const html = readFileSync(`${inject("dist")}/unit/${unit.id}/${unit.year}/index.html`, "utf8");
  expect(html).toContain(`data/${unit.id}/${unit.year}/budget.csv`);
  expect(html).toContain(`data/${unit.id}/${unit.year}/indicators.csv`);
});
