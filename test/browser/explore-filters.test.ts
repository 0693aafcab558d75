// The workspace's filter bar as an analyst uses it: the site's published data loaded, a 一级 picked —
// the indicator tables and the findings narrow to it, the live region says how many are shown, the
// address holds it (a reload restores it), and back returns to the view without it; the completion and the
// year over year below narrow with it.
import { expect, it } from "vitest";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { readFileSync } from "node:fs";
import Papa from "papaparse";

const state = useSite();

it("narrows the unit dashboard to one 一级, says so, keeps it in the address over a reload, and back undoes it", async () => {
  const context = await state.browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
  await page.locator('[data-x="published"]').click();
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-busy") === "false" && document.querySelector("jx-explore")?.getAttribute("data-state") === "shown" && document.querySelector(".x-unit-title"), null, { timeout: 90_000 });
  const rows = () => page.locator('[data-x="unit"] tr[data-indicator]').count();
  const all = await rows();
  const level1 = page.locator('[data-filter="level1"]');
  const options = await level1.locator("option").evaluateAll((o) => (o as HTMLOptionElement[]).map((x) => x.value).filter(Boolean));
  expect(options.length).toBeGreaterThan(1);
  const pick = options[1];
  const before = page.url();
  await level1.focus();
  await level1.selectOption(pick);
  await page.waitForFunction((l) => new URLSearchParams(location.hash.slice(1)).get("l1") === l && document.querySelector('[data-x="filter-status"]')?.textContent, pick, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
  const shown = await rows();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(all);
  // Every indicator table left is of the 一级 picked; every finding about an indicator names one still listed.
  const groups = await page.locator('[data-x="unit"] [id^="l1-"]').evaluateAll((e) => e.map((x) => x.id));
  expect(groups).toEqual([`l1-${pick}`]);
  // The indicator chart counts what the tables list: its data table names no other 一级.
  const chartRows = (await page.locator('[data-x="unit"] [data-section="indicators"] figure.chart table tbody tr').allTextContents()).join("\n");
  expect(chartRows).toContain(pick);
  for (const other of options.filter((o) => o !== pick)) expect(chartRows).not.toContain(other);
  const about = await page.locator('[data-x="unit"] [data-list="findings"] a[href^="#ind-"]').evaluateAll((e) => e.map((x) => x.getAttribute("href")!.slice(1)));
  for (const id of about) expect(await page.locator(`[data-x="unit"] tr[id="${id}"]`).count()).toBe(1);
  const status = await page.locator('[data-x="filter-status"]').innerText();
  const year = new URLSearchParams(new URL(page.url()).hash.slice(1)).get("year");
  expect(status).toBe(`显示 ${year} 年 · ${pick}：${shown} 项`);
  // Focus stays on the select the reader changed.
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-filter"))).toBe("level1");
  // A reload opens on the same filtered view.
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === String(document.querySelectorAll("[data-upload]").length), null, { timeout: 60_000 });
  await page.reload();
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown" && document.querySelector('[data-x="unit"] tr[data-indicator]'), null, { timeout: 90_000 });
  expect(await rows()).toBe(shown);
  expect(await level1.inputValue()).toBe(pick);
  // A status as well: the rows left are those of both, and the live region counts them.
  const status2 = page.locator('[data-filter="status"]');
  await status2.focus();
  await status2.selectOption("not_met");
  await page.waitForFunction(() => document.querySelector('[data-x="filter-status"]')?.textContent?.includes("未达成"), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
  const both = await rows();
  expect(both).toBeLessThanOrEqual(shown);
  expect(await page.locator('[data-x="filter-status"]').innerText()).toBe(`显示 ${year} 年 · ${pick} · 未达成：${both} 项`);
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get("status")).toBe("not_met");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-filter"))).toBe("status");
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).get("status"), null, { timeout: 30_000 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-x="unit"] tr[data-indicator]').length === n, shown, { timeout: 30_000 });
  // Back: the view before the filter, every indicator again.
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).get("l1"), null, { timeout: 30_000 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-x="unit"] tr[data-indicator]').length === n, all, { timeout: 30_000 });
  expect(page.url().split("#")[1]).toBe(before.split("#")[1]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await level1.selectOption(pick);
  await page.waitForFunction((l) => new URLSearchParams(location.hash.slice(1)).get("l1") === l, pick);
  await page.locator('[data-x="filters"]').screenshot({ path: ".scratch/filters-1280.png" });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.locator('[data-x="filters"]').screenshot({ path: ".scratch/filters-375.png" });
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);

it("narrows the completion and the year over year with the unit dashboard: the same 一级, said once, the total unchanged", async () => {
  const context = await state.browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
  await page.locator('[data-x="published"]').click();
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-busy") === "false" && document.querySelector(".x-unit-title"), null, { timeout: 90_000 });
  await dropFiles(page, ["units", "budget", "tasks", "indicators", "actuals", "execution"].map((t) => `data/sample/${t}.csv`));
  const unit = Papa.parse<Record<string, string>>(readFileSync("data/canonical/units.csv", "utf8"), { header: true, skipEmptyLines: true }).data[0];
  await page.selectOption('[data-x="unit-select"]', `${unit.unit_id}|${unit.fiscal_year}`);
  // The dashboards of that unit year drawn and settled (the address names it, nothing is being read).
  await page.waitForFunction((key) => {
    const el = document.querySelector("jx-explore");
    const p = new URLSearchParams(location.hash.slice(1));
    return el?.getAttribute("data-busy") === "false" && el.getAttribute("data-state") === "shown" && `${p.get("unit")}|${p.get("year")}` === key &&
      document.querySelector('[data-x="results"] [data-table="scores-yearend"]') && document.querySelector('[data-x="results"] [data-table="indicator-changes"]');
  }, `${unit.unit_id}|${unit.fiscal_year}`, { timeout: 60_000 });
  const scored = () => page.locator('[data-x="results"] [data-table="scores-yearend"] tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector(".where")!.textContent!.split(" › ")[0]));
  const pairs = () => page.locator('[data-x="results"] [data-table="indicator-changes"] tbody tr').evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.l1}|${(r as HTMLElement).dataset.status}|${r.textContent!.slice(0, 60)}`));
  const total = () => page.locator('[data-x="results"] [data-report="yearend"] .headline, [data-x="results"] [data-report="yearend"]').first().innerText();
  const before = { scored: await scored(), pairs: await pairs() };
  expect(new Set(before.scored).size).toBeGreaterThan(1);
  expect(await page.locator(".x-filtered").count()).toBe(0);
  const totalText = (await total()).match(/综合得分[^\n]*/)?.[0];

  await page.locator('[data-filter="level1"]').selectOption("产出指标");
  await page.waitForFunction(() => document.querySelector(".x-filtered"), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
  const after = { scored: await scored(), pairs: await pairs() };
  expect(after.scored).toEqual(before.scored.filter((l) => l === "产出指标"));
  expect(after.pairs).toEqual(before.pairs.filter((l) => l.startsWith("产出指标|")));
  expect(after.scored.length).toBeGreaterThan(0);
  expect(await page.locator(".x-filtered").innerText()).toContain("按筛选条件（产出指标）列出");
  // The score is the whole report's: a filter never rescores.
  if (totalText) expect((await total()).match(/综合得分[^\n]*/)?.[0]).toBe(totalText);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);

it("a click on a 二级 in the unit dashboard's indicator chart shows the rows behind it; Enter on its 一级 again lifts it", async () => {
  const context = await state.browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
  await page.locator('[data-x="published"]').click();
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-busy") === "false" && document.querySelector('[data-x="unit"] tr[data-indicator]'), null, { timeout: 90_000 });
  const all = await page.locator('[data-x="unit"] tr[data-indicator]').count();
  const row = page.locator('[data-x="unit"] figure.chart svg:visible [data-level2="数量指标"]').first();
  await row.click();
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("l1") === "产出指标" && document.activeElement?.tagName === "TABLE", null, { timeout: 30_000 });
  // The dashboards narrowed to its 一级, the reader on its 二级's table, told by the filter bar's live region.
  expect(await page.locator('[data-filter="level1"]').inputValue()).toBe("产出指标");
  expect(await page.evaluate(() => document.activeElement!.querySelector("caption")!.textContent)).toMatch(/^产出指标 › 数量指标/);
  const shown = await page.locator('[data-x="unit"] tr[data-indicator]').count();
  expect(shown).toBeLessThan(all);
  expect(await page.locator('[data-x="filter-status"]').innerText()).toContain(`产出指标：${shown} 项`);
  // Enter on the 一级 (the chart is walked by keyboard) lifts the filter again.
  const group = page.locator('[data-x="unit"] figure.chart svg:visible g.jx-group[data-level1="产出指标"]').first();
  await group.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).get("l1"), null, { timeout: 30_000 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-x="unit"] tr[data-indicator]').length === n, all, { timeout: 30_000 });
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);
