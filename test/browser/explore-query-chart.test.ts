// A console query's result drawn as a chart with one click: the site's rank bars, the largest first,
// its figures exact, exportable as any chart of the workspace; a result with nothing to measure offers none.
import { expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { useSite } from "./harness.ts";
import { consoleCells, dropFiles, openExplore } from "./explore.harness.ts";

const state = useSite();

it("draws a query result as rank bars with one click, exact and exportable", async () => {
  const context = await state.browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${state.server.url}explore/`);
  await dropFiles(page, readdirSync("data/sample").filter((f) => f.endsWith(".csv")).map((f) => join("data/sample", f)));
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown", null, { timeout: 60_000 });
  const cells = await consoleCells(page, "SELECT u.unit_name, b.amount FROM budget b JOIN units u USING (unit_id, fiscal_year) WHERE b.kind = 'total' AND b.fiscal_year = 2025 ORDER BY u.unit_name");
  expect(cells.length).toBeGreaterThan(2);
  await page.click('[data-x="sql-draw"]');
  const figure = page.locator('[data-x="sql-chart"] figure.chart');
  await figure.waitFor();
  expect(await page.evaluate(() => document.activeElement?.matches('[data-x="sql-chart"] figure'))).toBe(true);
  // The bars' table: the largest amount first, its figure as DuckDB's DECIMAL gives it, with separators.
  const amounts = cells.filter((_, i) => i % 2 === 1).map((a) => Number(a));
  // (the data table is folded under its summary: read as text, not as it shows)
  const first = await figure.locator("details.data tbody tr").first().locator("td").allTextContents();
  expect(first[0]).toBe("1");
  expect(Number(first[2].replace(/,/g, ""))).toBe(Math.max(...amounts));
  expect(await figure.locator('[data-action="chart-svg"]').count()).toBe(1);
  const download = page.waitForEvent("download");
  await figure.locator('[data-action="chart-csv"]').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  // Nothing to name the bars by: no button.
  await consoleCells(page, "SELECT 1 AS a, 2 AS b");
  expect(await page.locator('[data-x="sql-draw"]').count()).toBe(0);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 120_000);
