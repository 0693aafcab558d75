// “Compare with the units the site publishes” in one step: an analyst drops a unit's declaration of a year the
// site publishes, clicks once, and the year across units ranks it among the published units of that year — read
// from the site's Parquet by range requests, the analyst's unit still shown, the reader taken to the ranking and
// told what was read. A year the site does not publish is said, and nothing is loaded.
import { expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Papa from "papaparse";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const state = useSite();
const SEED = "data/raw/000_83bc0b582c527eae.txt";
const csv = (path: string) => Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true }).data;
// What the site publishes for 2026: the declared unit and the illustrative ones.
const published2026 = [...csv("data/canonical/units.csv"), ...csv("data/sample/units.csv")].filter((u) => u.fiscal_year === "2026");

it("ranks an uploaded unit among the units the site publishes for its year, in one click", async () => {
  // The analyst's own unit: the bundled declaration under another body's name (a unit the site does not publish).
  const dir = mkdtempSync(join(tmpdir(), "jixiao-compare-published-"));
  const mine = join(dir, "本单位2026.txt");
  const name = "上海市闵行区江川路街道社区文化服务站";
  writeFileSync(mine, readFileSync(SEED, "utf8").replace("上海市闵行区江川路街道社区党群服务中心", name));
  const context = await state.browser.newContext();
  const { page, errors, foreign, requests } = await openExplore(context, `${state.server.url}explore/`);
  await dropFiles(page, [mine]);
  await expect.poll(() => page.locator(".x-unit-title").innerText(), { timeout: 60_000 }).toContain(name);
  const across = page.locator("#x-across");
  await across.scrollIntoViewIfNeeded();
  const button = page.locator('[data-x="compare-published"]');
  expect(await button.innerText()).toBe("与本站已发布的 2026 年度各单位比较");
  await button.click();
  await page.waitForFunction(() => document.querySelector('[data-x="across"] #drill') && document.activeElement?.id === "x-across", null, { timeout: 90_000 });
  // Ranked among them: every published unit of 2026 and the analyst's, each once; the analyst's unit still shown.
  const ranked = await page.locator('[data-x="across"] table.cmp-rank tbody tr th').allInnerTexts();
  expect(ranked.length).toBe(published2026.length + 1);
  for (const u of published2026) expect(ranked.some((r) => r.includes(u.unit_name.replace(/^示例·/, "")))).toBe(true);
  expect(ranked.some((r) => r.includes(name))).toBe(true);
  expect(await page.locator(".x-unit-title").innerText()).toContain(name);
  expect(await page.locator('[data-x="compare-published-status"]').innerText()).toContain(`已读取本站发布的 ${published2026.length} 个单位`);
  // Read from the site's Parquet, by ranges; nothing from another origin.
  expect(requests.some((r) => r.url.includes("/data/parquet/") && r.url.endsWith(".parquet"))).toBe(true);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);

it("says so when the site publishes nothing for the year, and loads nothing", async () => {
  const context = await state.browser.newContext();
  const { page, errors } = await openExplore(context, `${state.server.url}explore/`);
  await dropFiles(page, ["test/fixtures/real/14_hubei_wuhan_qingshan_jiaoyu_2020_project_declaration.csv"]);
  await page.locator('[data-x="compare-published"]').click();
  await expect.poll(() => page.locator('[data-x="compare-published-status"]').innerText(), { timeout: 30_000 }).toBe("本站没有发布 2020 年度的数据，无从比较。");
  expect(await page.locator("[data-upload]").count()).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
