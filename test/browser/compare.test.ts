// The comparison pages as a reader opens them, with JavaScript on and off: the
// figures reconcile to the fen with compareUnit / unitTotals / rollup computed
// here from siteDataset(); a link with a query restores the view it names; every
// comparison page says 示例数据; no request leaves the site and no page errors;
// screenshots at desktop and phone widths with no horizontal scroll.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { compareUnit, unitYears } from "../../src/core/compare.ts";
import { rollup, unitTotals } from "../../src/core/rollup.ts";
import { scoreProgress } from "../../src/core/progress.ts";
import { formatYuan } from "../../src/core/format.ts";
import { siteDataset } from "../../src/site/dataset.ts";
import { launch, site, watchedPage } from "./harness.ts";

const data = siteDataset();
const REAL = data.units.find((u) => u.status === "declared")!;
const years = unitYears(data).filter((u) => u.unitId === REAL.id);
const cmp = compareUnit(years[1], years[2]); // 2025 → 2026, the default view
const totals2026 = unitTotals(data, 2026);
const roll = rollup({ id: "all", name: "all" }, totals2026);
const yearEnd = scoreProgress(data).reports.filter((r) => r.year === 2026 && r.period === "yearend");
const unitPath = `compare/unit/${REAL.id}/`;
const signed = (fen: bigint) => (fen > 0n ? "+" : "") + formatYuan(fen);

let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;
let origin: string;

function comparePages(): string[] {
  const dist = inject("dist");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : f === "index.html" ? [`${relative(dist, dir).replace(/\\/g, "/")}/`] : [];
    });
  return [...walk(join(dist, "compare")), ...walk(join(dist, "en", "compare"))];
}

beforeAll(async () => {
  server = await site(inject("dist"));
  origin = new URL(server.url).origin;
  browser = await launch();
  mkdirSync("test/output", { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

const main = (page: Page) => page.locator("main").innerText();

describe.each([
  ["JavaScript on", true],
  ["JavaScript off", false],
])("comparison pages with %s", (_label, javaScriptEnabled) => {
  it("the index explains both views, says 示例数据, and links to each unit's years and each year", async () => {
    const context = await browser.newContext({ javaScriptEnabled });
    const { page, foreign, errors } = await watchedPage(context, origin);
    await page.goto(`${server.url}compare/`);
    const text = await main(page);
    expect(text).toContain("同一单位逐年比较");
    expect(text).toContain("同一年度跨单位比较");
    expect(await page.locator(".cmp-notice .badge.sample").innerText()).toBe("示例数据");
    for (const u of new Set(data.units.map((x) => x.name))) expect(text).toContain(u);
    for (const y of [2024, 2025, 2026]) expect(await page.locator(`a[href$="/compare/year/${y}/"]`).count()).toBe(1);
    await page.locator(`a[href$="/${unitPath}2024-2025/"]`).click();
    await expect.poll(() => page.url()).toBe(`${server.url}${unitPath}2024-2025/`);
    expect(await page.locator("h1").innerText()).toContain("2024 → 2025");
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("year over year: budget, changes and indicators reconcile to the fen with compareUnit", async () => {
    const context = await browser.newContext({ javaScriptEnabled });
    const { page, foreign, errors } = await watchedPage(context, origin);
    await page.goto(server.url + unitPath);
    expect(await page.locator("h1").innerText()).toContain("2025 → 2026");
    // Every budget line: both years' amounts and the change, exact.
    const rows = page.locator("table.cmp-budget tbody tr");
    expect(await rows.count()).toBe(cmp.budget.length);
    for (const d of cmp.budget) {
      const row = rows.filter({ has: page.locator("th", { hasText: d.kind === "total" ? "部门整体预算总额" : d.item }) }).filter({ hasText: d.kind === "source" ? "资金来源" : d.kind === "structure" ? "资金结构" : "总额" });
      const cells = await row.locator("td").allInnerTexts();
      const flat = cells.join(" | ");
      expect(flat).toContain(formatYuan(d.oldFen!));
      expect(flat).toContain(formatYuan(d.newFen!));
      expect(flat).toContain(d.changeFen === 0n ? "0.00 元" : signed(d.changeFen));
      if (d.changePct !== null) expect(flat).toContain(`${d.changePct.startsWith("-") ? "" : d.changePct === "0.00" ? "" : "+"}${d.changePct}%`);
    }
    // The waterfall: old total, each structure step, new total.
    const wf = await page.locator("#waterfall + figure figcaption").innerText();
    expect(wf).toContain(`${formatYuan(cmp.budget[0].oldFen!)}`);
    for (const d of cmp.budget.filter((x) => x.kind === "structure")) expect(wf).toContain(`${d.item} ${signed(d.changeFen)}`);
    expect(wf).toContain(`变动 ${signed(cmp.budget[0].changeFen)}`);
    // One row per match, in order, with its status, targets and confidence.
    const ind = page.locator("table.cmp-ind tbody tr");
    expect(await ind.count()).toBe(cmp.indicators.length);
    const status = { added: "新增", removed: "删除", changed: "修改", unchanged: "不变" };
    for (const [i, m] of cmp.indicators.entries()) {
      const cells = await ind.nth(i).locator("td").allInnerTexts();
      expect(cells[0]).toBe(status[m.status]);
      if (m.old?.target) expect(cells[2]).toContain(m.old.target);
      if (m.new?.target) expect(cells[3]).toContain(m.new.target);
      if (m.confidence !== null) expect(cells[5]).toContain(m.confidence.toFixed(2));
    }
    // Old and new indicators link to their rows on the unit pages.
    const firstChanged = cmp.indicators.find((m) => m.status === "changed")!;
    expect(await page.locator(`a[href$="/unit/${REAL.id}/2026/#ind-${firstChanged.new!.id}"]`).count()).toBe(1);
    expect(await page.locator(`a[href$="/unit/${REAL.id}/2025/#ind-${firstChanged.old!.id}"]`).count()).toBe(1);
    // Tasks: the added one is listed; a changed one is marked word by word.
    const added = cmp.tasks.find((t) => t.status === "added")!;
    expect(await page.locator("#tasks ~ ol.cmp-diff").first().innerText()).toContain(added.new!.name);
    expect(await page.locator("ol.cmp-diff del, ol.cmp-diff ins").count()).toBeGreaterThan(0);
    // Trend: each year's year-end score.
    const trend = await page.locator("#trend ~ .table-wrap table").first().innerText();
    for (const r of scoreProgress(data).reports.filter((x) => x.unitId === REAL.id && x.period === "yearend")) expect(trend).toContain(r.result.total);
    // 示例数据 is marked once, for the page; the declared 2026 column says 已申报; charts draw no badge of their own.
    expect(await page.locator("main .badge.sample").count()).toBe(1);
    expect(await page.locator(".cmp-notice .badge.sample").isVisible()).toBe(true);
    expect(await page.locator("table.cmp-budget thead th .badge.declared").innerText()).toBe("已申报");
    expect(await page.locator('figure.chart svg .jx-sample-badge').count()).toBe(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("across units: the ranking, the roll-up and its checks reconcile to the fen with unitTotals and rollup", async () => {
    const context = await browser.newContext({ javaScriptEnabled });
    const { page, foreign, errors } = await watchedPage(context, origin);
    await page.goto(`${server.url}compare/year/2026/`);
    const crumbs = await page.locator(".cmp-crumbs").innerText();
    expect(crumbs).toContain("2026 年度");
    expect(crumbs).toContain("期间：年终绩效自评");
    for (const u of totals2026) {
      const row = await page.locator(`tr#rk-${u.unitId}`).innerText();
      expect(row).toContain(formatYuan(u.totalFen!));
      const r = yearEnd.find((x) => x.unitId === u.unitId)!;
      expect(row).toContain(`${r.execution!.rate}%`);
      expect(row).toContain(r.result.total);
      expect(row).toContain(r.result.grade);
      expect(await page.locator(`tr[data-roll="unit:${u.unitId}"]`).innerText()).toContain(formatYuan(u.totalFen!));
    }
    const all = await page.locator('tr[data-roll="all"]').innerText();
    expect(all).toContain(formatYuan(roll.totalFen));
    for (const it of roll.items) expect(all).toContain(formatYuan(it.amountFen));
    expect(await page.locator('tr[data-roll="region:江川路街道"]').innerText()).toContain(formatYuan(roll.totalFen));
    const checks = page.locator(".cmp-checks li");
    expect(await checks.count()).toBe(6);
    expect(await checks.filter({ hasText: "✓ 相符" }).count()).toBe(6);
    expect(await checks.first().innerText()).toBe(`✓ 相符 全部单位：所属单位预算总额之和 ${formatYuan(roll.totalFen)} = 汇总 ${formatYuan(roll.totalFen)}`);
    // Small multiples: one completion chart per unit.
    expect(await page.locator(".cmp-multiple figure.chart").count()).toBe(totals2026.length);
    // Drill-down: every declared indicator of the year, each linking to its row on the unit page.
    const inds = data.indicators.filter((i) => i.year === 2026);
    expect(await page.locator(".cmp-drill-inds li").count()).toBe(inds.length);
    expect(await page.locator(`.cmp-drill a[href$="/unit/${REAL.id}/2026/#ind-${inds.find((i) => i.unitId === REAL.id)!.id}"]`).count()).toBe(1);
    expect(await page.locator(`.cmp-drill a[href$="/unit/${REAL.id}/2026/#l1-${encodeURIComponent("产出指标")}"]`).count()).toBe(1);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a link restores the view it names", () => {
  it("with JavaScript off, the structure toggle is a link (#view-share) that shows the shares", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page, errors } = await watchedPage(context, origin);
    await page.goto(`${server.url}compare/year/2026/`);
    expect(await page.locator("#view-abs").isVisible()).toBe(true);
    expect(await page.locator("#view-share").isVisible()).toBe(false);
    await page.locator('a[data-view-link="share"]').click();
    await expect.poll(() => page.url()).toBe(`${server.url}compare/year/2026/?view=share#view-share`);
    // The link loads a new document; wait for it before looking at the :target styles.
    await page.waitForLoadState("load");
    await expect.poll(() => page.locator("#view-share").isVisible()).toBe(true);
    await expect.poll(() => page.locator("#view-abs").isVisible()).toBe(false);
    // Opened fresh, the same link shows the same view.
    const fresh = await context.newPage();
    await fresh.goto(page.url());
    expect(await fresh.locator("#view-share .jx-share").first().isVisible()).toBe(true);
    expect(await fresh.locator("#view-abs").isVisible()).toBe(false);
    // The filters and pickers need the script: they stay hidden rather than do nothing.
    await page.goto(server.url + unitPath);
    expect(await page.locator("[data-filter]").isVisible()).toBe(false);
    expect(await page.locator("[data-pair-form]").isVisible()).toBe(false);
    expect(await page.locator("table.cmp-ind tbody tr:visible").count()).toBe(cmp.indicators.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("?from=&to= opens the prerendered page of those years", async () => {
    const context = await browser.newContext();
    const { page, errors, foreign } = await watchedPage(context, origin);
    await page.goto(`${server.url}${unitPath}?from=2024&to=2026`);
    await expect.poll(() => page.url()).toBe(`${server.url}${unitPath}2024-2026/`);
    expect(await page.locator("h1").innerText()).toContain("2024 → 2026");
    expect(await page.locator('.cmp-pairs a[aria-current="page"]').innerText()).toBe("2024 → 2026");
    // The picker does the same.
    await page.locator('select[name="from"]').selectOption("2024");
    await page.locator('select[name="to"]').selectOption("2025");
    await page.getByRole("button", { name: "比较" }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}${unitPath}2024-2025/`);
    // Years that have no page say so and stay.
    await page.locator('select[name="from"]').selectOption("2025");
    await page.locator('select[name="to"]').selectOption("2024");
    await page.getByRole("button", { name: "比较" }).click();
    expect(await page.locator("[data-pair-msg]").innerText()).toContain("没有 2025 与 2024 年度的比较");
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("indicator filters live in the URL: chosen, copied, and opened fresh they show the same rows", async () => {
    const context = await browser.newContext();
    const { page, errors } = await watchedPage(context, origin);
    await page.goto(server.url + unitPath);
    await page.getByLabel("不变").uncheck();
    await page.getByLabel("一级指标").selectOption("产出指标");
    await expect.poll(() => page.url()).toContain("status=added%2Cremoved%2Cchanged");
    const url = page.url();
    expect(url).toContain(`l1=${encodeURIComponent("产出指标")}`);
    const want = cmp.indicators.filter((m) => m.status !== "unchanged" && (m.new ?? m.old)!.level1 === "产出指标");
    const fresh = await context.newPage();
    await fresh.goto(url);
    const visible = fresh.locator("table.cmp-ind tbody tr:visible");
    await expect.poll(() => visible.count()).toBe(want.length);
    expect(await fresh.locator("[data-shown]").innerText()).toBe(`显示 ${want.length} / ${cmp.indicators.length} 行`);
    expect(await fresh.getByLabel("不变").isChecked()).toBe(false);
    expect(await fresh.locator('[data-crumb="filters"]').innerText()).toBe("新增、删除、修改 · 产出指标");
    // The language toggle keeps the view.
    await fresh.getByRole("link", { name: "English" }).click();
    await expect.poll(() => fresh.url()).toContain(`/en/${unitPath}?status=`);
    await expect.poll(() => fresh.locator("table.cmp-ind tbody tr:visible").count()).toBe(want.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("?view=share, ?sort=score and a drill-down (?unit=&l1=) come back when the link is opened fresh", async () => {
    const context = await browser.newContext();
    const { page, errors, foreign } = await watchedPage(context, origin);
    await page.goto(`${server.url}compare/year/2026/?view=share&sort=score&unit=${REAL.id}&l1=${encodeURIComponent("效益指标")}`);
    expect(await page.locator("#view-share").isVisible()).toBe(true);
    expect(await page.locator("#view-abs").isVisible()).toBe(false);
    expect(await page.locator('[data-crumb="view"]').innerText()).toBe("占比");
    const best = [...yearEnd].sort((a, b) => Number(b.result.total) - Number(a.result.total))[0];
    expect(await page.locator("tbody[data-sortable] tr").first().getAttribute("id")).toBe(`rk-${best.unitId}`);
    expect(await page.locator('[data-crumb="sort"]').innerText()).toBe("得分");
    const group = page.locator(`details[data-drill="unit"][data-key="${REAL.id}"] details[data-drill="l1"][data-key="效益指标"]`);
    expect(await group.getAttribute("open")).not.toBeNull();
    expect(await page.locator('[data-crumb="drill"]').innerText()).toBe(`江川路街道 › ${REAL.name} › 效益指标`);
    // Closing the group moves the breadcrumbs and the URL up one level.
    await group.locator(":scope > summary").click();
    await expect.poll(() => page.url()).not.toContain("l1=");
    expect(page.url()).toContain(`unit=${REAL.id}`);
    expect(await page.locator('[data-crumb="drill"]').innerText()).toBe(`江川路街道 › ${REAL.name}`);
    // Choosing amounts and the rate order rewrites the URL, and the page's polite live region says
    // what is now shown (empty until the reader switches: the view restored from the link is not news).
    const region = page.locator('[data-announce][role="status"][aria-live="polite"]');
    expect(await region.textContent()).toBe("");
    await page.locator('a[data-view-link="abs"]').click();
    expect(await region.textContent()).toBe("预算结构现按金额显示");
    await page.locator('a[data-sort-link="rate"]').click();
    expect(await region.textContent()).toBe("排名现按预算执行率排序");
    await expect.poll(() => page.url()).toContain("sort=rate");
    expect(page.url()).not.toContain("view=");
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});

describe("every comparison page", () => {
  it("says 示例数据 once, in its notice (its charts say it in their titles, with no badge of their own), offers each chart's data as CSV, and has no request to another origin", async () => {
    const pages = comparePages();
    expect(pages.length).toBe(2 * (1 + 5 * 4 + 3));
    for (const path of pages) {
      const html = readFileSync(join(inject("dist"), path, "index.html"), "utf8");
      expect(html, path).toMatch(/<aside class="cmp-notice"[^>]*>\s*<p><strong class="badge sample">(示例数据|Illustrative data)</);
      const charts = html.match(/<svg [^>]*class="jx-chart/g)?.length ?? 0;
      expect(html, path).not.toContain('class="jx-sample-badge"');
      expect(html.match(/class="badge sample"/g)?.length, path).toBe(1);
      expect(html, path).toMatch(/<jx-compare[^>]* data-sample|<main id="main" data-sample/);
      expect(html, path).not.toMatch(/(src|href)="https?:/);
      // Every chart's data downloads as CSV, from a file the build wrote.
      const csvs = [...html.matchAll(/href="\/([^"]+\.csv)" download/g)].map((m) => m[1]);
      expect(csvs.length, path).toBe(charts - (html.match(/<div class="compact"/g)?.length ?? 0));
      for (const f of csvs) expect(statSync(join(inject("dist"), f)).isFile(), f).toBe(true);
    }
    // The files hold the page's figures, exact, marked 示例数据.
    const rank = readFileSync(join(inject("dist"), "compare/year/2026/rank-budget.csv"), "utf8");
    expect(rank.startsWith("\uFEFF示例数据")).toBe(true);
    for (const u of totals2026) expect(rank).toContain(`${u.name},"${formatYuan(u.totalFen!)}"`);
    const wf = readFileSync(join(inject("dist"), `${unitPath}2025-2026/waterfall.csv`), "utf8");
    // (a leading + is neutralised against spreadsheet formulas, as in every CSV of the site)
    expect(wf).toContain(`2026 年度预算总额,"'${signed(cmp.budget[0].changeFen).replace(" 元", "")}","${formatYuan(cmp.budget[0].newFen!).replace(" 元", "")}"`);
    // And in a browser, with JavaScript on, a sample of them (one of each kind, both languages).
    const context = await browser.newContext();
    const { page, errors, foreign } = await watchedPage(context, origin);
    for (const path of ["compare/", unitPath, `${unitPath}2024-2025/`, "compare/year/2024/", "en/compare/", `en/${unitPath}`, "en/compare/year/2026/"]) {
      await page.goto(server.url + path);
      expect(await page.locator(".cmp-notice").isVisible(), path).toBe(true);
      expect(await page.locator(".cmp-notice").innerText(), path).toMatch(path.startsWith("en/") ? /^Illustrative data/ : /^示例数据/);
    }
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it.each([
    ["desktop", 1280],
    ["phone", 375],
  ])("fits a %s screen (%i px) with no horizontal scroll, saved as screenshots", async (name, width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const { page, errors } = await watchedPage(context, origin);
    for (const [file, path] of [["compare-index", "compare/"], ["compare-unit", unitPath], ["compare-year", "compare/year/2026/"], ["compare-year-en", "en/compare/year/2026/?view=share"]]) {
      await page.goto(server.url + path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, path).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `test/output/${file}-${name}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
