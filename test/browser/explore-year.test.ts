// A form that prints no year (real form 21, 广水市教育局's declaration) dropped into the workspace:
// it is not refused with the CLI's --year advice but asked for its year — the file name's 2023
// offered — then read as that year; the year is kept for the file, so a reload reads it again
// without asking.
import { expect, it } from "vitest";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const state = useSite();
const FORM = "test/fixtures/real/21_hubei_guangshui_jiaoyuju_2023_unit_declaration.csv";

it("asks a form that prints no year for its year, reads it as that year and remembers it over a reload", async () => {
  const context = await state.browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
  await dropFiles(page, [FORM]);
  const failure = page.locator("[data-failure]");
  await failure.waitFor({ timeout: 60_000 });
  const text = await failure.innerText();
  expect(text).toContain("表上没有印年度");
  expect(text).not.toContain("--year");
  expect(text).toContain("文件名中有 2023");
  const input = page.locator('[data-x="form-year"]');
  expect(await input.inputValue()).toBe("2023");
  await input.fill("2023");
  await page.getByRole("button", { name: "按此年度读取" }).click();
  await page.waitForFunction(() => document.querySelector(".x-unit-title")?.textContent?.includes("广水市教育局 · 2023 年度"), null, { timeout: 60_000 });
  expect(await page.locator("[data-failure]").count()).toBe(0);
  expect(await page.locator("[data-upload]").count()).toBe(1);
  // Kept in this browser with its year: a reload reads it again, as 2023, without asking.
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === "1", null, { timeout: 30_000 });
  await page.reload();
  await page.waitForFunction(() => document.querySelector(".x-unit-title")?.textContent?.includes("广水市教育局 · 2023 年度"), null, { timeout: 60_000 });
  expect(await page.locator("[data-failure]").count()).toBe(0);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 180_000);
