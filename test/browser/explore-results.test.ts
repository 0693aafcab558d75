// The explore page's completion and year-over-year dashboards, as an analyst gets
// them: files go in through the real <input type=file>; the scores, grades and the
// comparison shown are the core's (scoreProgress, compareUnit) for what was
// dropped, drawn by the charts of the prerendered pages, sample data labelled.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Page } from "playwright-core";
import { importFile, mergeDatasets } from "../../src/core/import.ts";
import { scoreProgress } from "../../src/core/progress.ts";
import { fromJson } from "../../src/core/canonical.ts";
import { siteDataset } from "../../src/site/dataset.ts";
import { compareModel, indicatorCounts, unitPair } from "../../src/site/compareView.ts";
import { yearCharts } from "../../src/site/compareCharts.ts";
import { DECLARATION, UNIT_ID, monitorRows, selfEvalRows } from "../progress.fixtures.ts";
import { writeDelimited } from "../fixtures/variants.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { axeViolations, useSite } from "./harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-results-"));
const SELF_EVAL = join(dir, "2026年度部门整体支出绩效自评表.txt");
const MONITOR = join(dir, "2026年绩效运行监控表.txt");
const MAPPING = join(dir, "指标对应关系.csv");
const SAMPLE = ["units", "budget", "tasks", "indicators", "actuals", "execution"].map((t) => `data/sample/${t}.csv`);

const state = useSite();

beforeAll(async () => {
  mkdirSync("test/output", { recursive: true });
  writeFileSync(SELF_EVAL, writeDelimited(selfEvalRows(), "\t"));
  writeFileSync(MONITOR, writeDelimited(monitorRows(), "\t"));
  // 活动安全预案覆盖率 (2025, removed) and 党群服务站辐射能力提升 (2026, added) confirmed as one indicator.
  writeFileSync(MAPPING, "old_indicator_id,new_indicator_id,decision\r\ni6d048ce2a8f5f20e,i97836243d9a7d9ff,confirmed\r\n");
});

/** A screenshot of the window with a heading at its top, to look at (test/output/). */
async function shoot(page: Page, heading: string, name: string) {
  await page.locator(heading).evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: `test/output/${name}.png` });
}

/** The reports the core gives for the declaration and the two progress forms. */
function expectedReports() {
  const data = mergeDatasets([DECLARATION, importFile(SELF_EVAL, readFileSync(SELF_EVAL)), importFile(MONITOR, readFileSync(MONITOR))]);
  return scoreProgress(data).reports.filter((r) => r.unitId === UNIT_ID && r.year === 2026);
}

describe("completion on /explore/: the declaration, then its 自评 and 监控 forms", () => {
  it("scores each period as the core does, lists what is behind target, and says one year cannot be compared", async () => {
    const context = await state.browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const { page, foreign, errors } = await openExplore(context, `${state.server.url}explore/`);
    await dropFiles(page, [SEED]);
    const results = page.locator('[data-x="results"]');
    await expect.poll(() => results.innerText()).toContain("没有载入该单位 2026 年度的自评或运行监控数据");
    expect(await results.innerText()).toContain("只载入了该单位 2026 年度的数据");
    expect(await results.innerText()).toContain("只载入了 2026 年度的一个单位");

    await dropFiles(page, [SELF_EVAL, MONITOR]);
    const want = expectedReports();
    expect(want.map((r) => r.period)).toEqual(["midyear", "yearend"]);
    const yearEnd = want.find((r) => r.period === "yearend")!;
    const midYear = want.find((r) => r.period === "midyear")!;
    // Year-end first, as on the prerendered page.
    expect(await results.locator("[data-report]").evaluateAll((els) => els.map((e) => e.getAttribute("data-report")))).toEqual(["yearend", "midyear"]);
    const ye = results.locator('[data-report="yearend"]');
    const yeText = await ye.innerText();
    expect(yeText).toContain("年终绩效自评");
    expect(yeText).toContain(yearEnd.result.total);
    expect(yeText).toContain(`等级：${yearEnd.result.grade}`);
    // The unit dashboard's headline carries the year-end score and the rate, as the unit page's does.
    expect(await page.locator('[data-x="unit"] .headline .hl-score .hl-value').innerText()).toContain(yearEnd.result.total);
    if (yearEnd.execution?.rate) expect(await page.locator('[data-x="unit"] .headline .hl-rate .hl-value').innerText()).toBe(`${yearEnd.execution.rate}%`);
    // Uploaded data is said once, in the unit's header; nothing here is marked illustrative.
    expect(yeText).not.toContain("示例数据");
    // Behind target: the indicators the core says are not met, partly met or without data.
    const behind = yearEnd.indicators.filter((x) => ["not_met", "partly", "no_data"].includes(x.score.status));
    expect(await ye.locator('[data-list="behind"] li').count()).toBe(behind.length);
    expect(yeText).toContain("器材购置更新完成数");
    // The full score table, one row per declared indicator.
    expect(await ye.locator('[data-table="scores-yearend"] tbody tr').count()).toBe(yearEnd.indicators.length);
    // Charts by the shared chart functions, with their data tables and downloads.
    expect(await ye.locator("figure.chart svg.jx-chart[aria-labelledby]").count()).toBeGreaterThanOrEqual(2);
    // The mid-year report is folded under the year-end one, as on the progress page: opened as a reader opens it.
    const midBox = results.locator('[data-report="midyear"]');
    await midBox.locator("summary").first().click();
    const mid = await midBox.innerText();
    expect(mid).toContain("年中运行监控");
    expect(mid).toContain(midYear.result.total);
    expect(mid).toContain("红色");
    await shoot(page, "#x-progress", "explore-completion");
    // The canonical JSON export carries the progress rows, and the core scores it back to the same result.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-export="json"]')]);
    const back = fromJson(JSON.parse(readFileSync((await download.path())!, "utf8")), "jixiao-canonical.json");
    expect(back.actuals?.length).toBeGreaterThan(0);
    expect(scoreProgress(back).reports.filter((r) => r.unitId === UNIT_ID).map((r) => [r.period, r.result.total])).toEqual(want.map((r) => [r.period, r.result.total]));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

describe("year over year on /explore/: several years of one unit dropped as canonical CSV", () => {
  it("compares the year picked with the year before (or the one chosen), as the comparison pages do; sample data says so", async () => {
    // bypassCSP lets the test inject axe; the page itself stays under its CSP.
    const context = await state.browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
    const { page, foreign, errors } = await openExplore(context, `${state.server.url}explore/`);
    await dropFiles(page, [SEED, ...SAMPLE]);
    await page.selectOption("#x-unit", `${UNIT_ID}|2026`);
    const results = page.locator('[data-x="results"]');
    await expect.poll(() => results.innerText(), { timeout: 30_000 }).toContain("2025 年度与 2026 年度");

    const model = compareModel(siteDataset());
    const pair = unitPair(model, UNIT_ID, 2025, 2026)!;
    const counts = indicatorCounts(pair.indicators);
    const text = await results.innerText();
    expect(text).toContain(`新增 ${counts.status.added}`);
    expect(text).toContain(`不变 ${counts.status.unchanged}`);
    expect(await results.locator('[data-table="indicator-changes"] tbody tr').count()).toBe(pair.indicators.length);
    // The budget of every loaded year, exact to the fen, and the waterfall of the pair.
    const total = pair.budget.find((b) => b.kind === "total")!;
    expect(text).toContain(`${(Number(total.newFen) / 100).toLocaleString("en", { minimumFractionDigits: 2 })} 元`);
    expect(await results.locator('[data-table="budget-history"] thead th').count()).toBe(2 + 3 + 2);
    expect(await results.locator("figure.chart svg").count()).toBeGreaterThanOrEqual(3);
    // The years before 2026 are illustrative: the charts and the lede say so.
    expect(text).toContain("示例数据");
    expect(await results.locator("figure.chart svg").first().textContent()).toContain("示例数据");
    // The score trend: one row per loaded year.
    expect(await results.locator('[data-table="trend"] tbody tr').count()).toBe(3);

    // The year across units: the rankings of the cross-unit page, from the loaded files.
    const across = yearCharts(compareModel(siteDataset()), 2026, "zh");
    expect(text).toContain("2026 年度跨单位比较");
    expect(text).toContain(`载入的 ${across.view.units.length} 个单位并列比较`);
    for (const title of ["2026 年度预算总额排名", "2026 年度预算执行率排名", "2026 年度自评得分排名"]) expect(text).toContain(title);
    const first = across.ranks[0].figure.wide.table.rows[0];
    expect(await results.locator('[data-chart$="预算总额排名"] table tbody tr').first().textContent()).toContain(first[1]);
    await shoot(page, "#x-across", "explore-across");

    await page.selectOption("#x-compare-with", "2024");
    await expect.poll(() => results.innerText(), { timeout: 30_000 }).toContain("2024 年度与 2026 年度");
    const pair24 = unitPair(model, UNIT_ID, 2024, 2026)!;
    expect(await results.locator('[data-table="indicator-changes"] tbody tr').count()).toBe(pair24.indicators.length);
    await shoot(page, "#x-compare", "explore-compare");
    // With everything on screen (overview, unit, completion, comparison), axe finds nothing (WCAG 2.2 A/AA).
    expect(await axeViolations(page)).toEqual([]);

    // A manual mapping file (as data/mapping.csv is for the prerendered pages) pairs a removed and an added indicator.
    await page.selectOption("#x-compare-with", "2025");
    await expect.poll(() => results.innerText(), { timeout: 30_000 }).toContain("2025 年度与 2026 年度");
    await dropFiles(page, [MAPPING]);
    await expect.poll(() => results.innerText(), { timeout: 30_000 }).toContain("人工映射 1");
    expect(await results.locator('[data-table="indicator-changes"] tbody tr').count()).toBe(pair.indicators.length - 1);
    expect(await page.locator("[data-upload]").last().innerText()).toContain("用于年度对比的人工配对");

    // A phone: the comparison tables stack, nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shoot(page, "#x-compare", "explore-compare-phone");
    expect(await axeViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});

describe("/en/explore/: the same dashboards in English", () => {
  it("labels completion and comparison in English, data as written", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await openExplore(context, `${state.server.url}en/explore/`);
    await dropFiles(page, [SEED, SELF_EVAL]);
    const results = page.locator('[data-x="results"]');
    await expect.poll(() => results.innerText()).toContain("Year-end self-evaluation");
    const text = await results.innerText();
    expect(text).toContain("Completion (self-evaluation / monitoring)");
    expect(text).toContain("Year over year");
    expect(text).toContain("Only 2026 of this unit is loaded");
    expect(text).toContain("器材购置更新完成数");
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
