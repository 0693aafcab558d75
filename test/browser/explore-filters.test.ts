// The workspace's filter bar as an analyst uses it: the site's published data loaded, a 一级 picked —
// the indicator tables and the findings narrow to it, the live region says how many are shown, the
// address holds it (a reload restores it), and back returns to the view without it.
import { expect, it } from "vitest";
import { useSite } from "./harness.ts";
import { openExplore } from "./explore.harness.ts";

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
