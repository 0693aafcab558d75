// Reading the published pages: the language toggle keeps the page and its data,
// search finds indicators and links to their permalinks — its terms marked, filtered by
// kind and year, a page at a time, the view in the URL, markup from data as text — and
// chart data downloads.
import { expect, inject, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { importFile } from "../../src/core/import.ts";
import { searchEntries, searchFiles, splitIndex, type SearchEntry, type SearchManifest } from "../../src/site/searchIndex.ts";
import { SEARCH_PAGE, type SearchFilter } from "../../src/site/searchQuery.ts";
import { axeViolations, unfold, useSite, watchedPage } from "./harness.ts";

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
  // The click opens the unit's page; its row shows once that page has loaded (under load, after the URL changes).
  await page.locator(`tr[id="ind-${first.id}"]`).waitFor({ state: "visible", timeout: 15_000 });
  await page.goto(`${ctx.server.url}en/search/?q=${encodeURIComponent(`安全事故 ${unit.name} · ${unit.year}`)}`);
  await expect.poll(() => page.locator(".results li").filter({ hasNotText: "illustrative" }).count()).toBe(2);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});

/** Every entry of the built site's search index, as the whole index would give them. */
async function wholeIndex(): Promise<SearchEntry[]> {
  const get = async (name: string) => (await fetch(`${ctx.server.url}search-index/${name}.json`)).json();
  const m = (await get("manifest")) as SearchManifest;
  return (await Promise.all(Array.from({ length: m.chunks }, (_, i) => get(`e-${i}`)))).flat() as SearchEntry[];
}

/** What the results show: each hit's link, its marked parts, and the range line. */
const shown = (page: Page) =>
  page.evaluate(() => ({
    links: [...document.querySelectorAll<HTMLAnchorElement>(".results li > a")].map((a) => a.getAttribute("href")),
    marks: [...document.querySelectorAll(".results li > a mark")].map((m) => m.textContent),
    range: document.querySelector("[data-range]")!.textContent,
    status: document.querySelector("[data-status]")!.textContent,
  }));

it("search marks the terms, filters by kind and year with counts, pages forward and back, and a reload of its URL gives the same view", async () => {
  const context = await ctx.browser.newContext();
  const { page, errors, foreign } = await watchedPage(context, new URL(ctx.server.url).origin);
  const all = await wholeIndex();
  const hits = (filter: SearchFilter) => searchEntries(all, "服务", Infinity, filter);
  const href = (e: SearchEntry) => `/${e.p}`;
  await page.goto(`${ctx.server.url}search/`);
  await page.getByLabel("关键词").fill("服务");
  await expect.poll(async () => (await shown(page)).status).toBe(`找到 ${hits({}).length} 条`);
  let view = await shown(page);
  expect(view.links).toEqual(hits({}).slice(0, SEARCH_PAGE).map(href));
  expect(view.range).toBe(`第 1–${SEARCH_PAGE} 条，共 ${hits({}).length} 条`);
  // Every title that holds the term has it marked, and the marks are the term.
  expect(view.marks.length).toBe(hits({}).slice(0, SEARCH_PAGE).filter((e) => e.t.includes("服务")).length);
  expect(new Set(view.marks)).toEqual(new Set(["服务"]));
  expect(page.url()).toContain(`?q=${encodeURIComponent("服务")}`);

  // The filters are form controls named with their counts, each counted with the others applied.
  const kindI = page.getByRole("radio", { name: `指标（${hits({ kind: "i" }).length}）` });
  await kindI.check();
  await expect.poll(() => page.url()).toContain("kind=i");
  await expect.poll(async () => (await shown(page)).links).toEqual(hits({ kind: "i" }).slice(0, SEARCH_PAGE).map(href));
  const year = page.getByRole("combobox", { name: "年度" });
  expect(await year.locator("option").allTextContents()).toContain(`2025（${hits({ kind: "i", year: 2025 }).length}）`);
  await year.selectOption("2025");
  const chosen = hits({ kind: "i", year: 2025 });
  expect(chosen.length).toBeGreaterThan(2 * SEARCH_PAGE);
  await expect.poll(async () => (await shown(page)).links).toEqual(chosen.slice(0, SEARCH_PAGE).map(href));
  expect(page.url()).toContain("year=2025");
  expect(await page.getByRole("radio", { name: /^单位（/ }).isDisabled()).toBe(hits({ kind: "u", year: 2025 }).length === 0);

  // Paging: the next page, with the focus on the line that says which hits these are.
  await page.getByRole("button", { name: "下一页" }).click();
  await expect.poll(async () => (await shown(page)).range).toBe(`第 ${SEARCH_PAGE + 1}–${2 * SEARCH_PAGE} 条，共 ${chosen.length} 条`);
  expect((await shown(page)).links).toEqual(chosen.slice(SEARCH_PAGE, 2 * SEARCH_PAGE).map(href));
  expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-range"))).toBe(true);
  expect(await page.locator(".results").getAttribute("start")).toBe(String(SEARCH_PAGE + 1));
  expect(page.url()).toContain("page=2");
  await page.getByRole("button", { name: "下一页" }).click();
  await expect.poll(() => page.url()).toContain("page=3");
  await page.getByRole("button", { name: "上一页" }).click();
  await expect.poll(() => page.url()).toContain("page=2");
  const second = await shown(page);

  // The address holds the view: reloaded, the same page of the same filtered hits.
  await page.reload();
  await expect.poll(async () => (await shown(page)).links).toEqual(second.links);
  expect((await shown(page)).range).toBe(second.range);
  expect(await page.getByLabel("关键词").inputValue()).toBe("服务");
  expect(await page.getByRole("radio", { name: /^指标（/ }).isChecked()).toBe(true);
  expect(await year.inputValue()).toBe("2025");

  // The back button steps back through the pages and the filters.
  await page.goBack();
  await expect.poll(() => new URL(page.url()).searchParams.get("page")).toBe("3");
  await expect.poll(async () => (await shown(page)).links).toEqual(chosen.slice(2 * SEARCH_PAGE, 3 * SEARCH_PAGE).map(href));
  await page.goBack();
  await page.goBack();
  await expect.poll(async () => (await shown(page)).links).toEqual(chosen.slice(0, SEARCH_PAGE).map(href));
  await page.goBack();
  await expect.poll(async () => (await shown(page)).links).toEqual(hits({ kind: "i" }).slice(0, SEARCH_PAGE).map(href));
  expect(await year.inputValue()).toBe("");
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
});

it("search shows markup in the data as text: marks and titles are text nodes, never elements, and no script runs", async () => {
  const evil: SearchEntry[] = [
    { k: "u", t: "<b>粗</b>单位<script>window.__pwned=1</script>", x: '<img src=x onerror="window.__pwned=2"> 服务', c: "<i>某</i>单位 · 2026", p: "unit/u1/2026/", s: false, y: 2026 },
    { k: "i", t: "<script>window.__pwned=3</script>指标", x: "<b>粗</b>", c: "<i>某</i>单位 · 2026", p: "unit/u1/2026/#ind-1", s: true, y: 2026 },
  ];
  const files = searchFiles(splitIndex(evil));
  const context = await ctx.browser.newContext();
  const { page, errors } = await watchedPage(context, new URL(ctx.server.url).origin);
  await page.route("**/search-index/*.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(files.get(new URL(route.request().url()).pathname.replace(/^.*\/|\.json$/g, ""))) }));
  for (const [path, q] of [["search/", "<b>粗"], ["en/search/", "script"]]) {
    await page.goto(`${ctx.server.url}${path}?q=${encodeURIComponent(q)}`);
    await expect.poll(() => page.locator(".results li").count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main b, main script, main img, main i").count()).toBe(0);
    const marks = await page.locator(".results mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toBe(q);
  }
  // The whole title, as text, in the link.
  expect(await page.locator(".results li > a").first().textContent()).toBe(evil[0].t);
  expect(await page.locator(".results li > a").first().getAttribute("lang")).toBe("zh-CN");
  expect(errors).toEqual([]);
  await context.close();
});

it("search with results, filters and pages has no axe violation and fits a phone", async () => {
  const context = await ctx.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of [`search/?q=${encodeURIComponent("服务")}&kind=i&page=2`, `en/search/?q=${encodeURIComponent("满意度")}&year=2025`]) {
      await page.goto(ctx.server.url + path);
      await expect.poll(() => page.locator(".results mark").count()).toBeGreaterThan(0);
      expect(await axeViolations(page), `/${path} @${width}px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `/${path} @${width}px scrolls sideways`).toBeLessThanOrEqual(width);
    }
  }
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
