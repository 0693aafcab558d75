// What every explore browser test does: open the page (recording requests,
// page errors and dialogs) and pick files through the real <input type=file>,
// waiting until the loads and the dashboards are done.
import type { BrowserContext, Page } from "playwright-core";
import { watchedPage, type Watched } from "./harness.ts";

/**
 * The script DuckDB's worker is started from (src/workers/duckdb.ts, built as `_assets/duckdb-<hash>.js`): the worker's
 * own policy is its response's, not that of DuckDB's script it loads with importScripts.
 */
export const DUCKDB_WORKER = /\/_assets\/duckdb-[^/.]+\.js$/;

export async function openExplore(context: BrowserContext, url: string): Promise<Watched & { requests: { url: string; method: string }[] }> {
  const w = await watchedPage(context, new URL(url).origin);
  const requests: { url: string; method: string }[] = [];
  w.page.on("request", (r) => requests.push({ url: r.url(), method: r.method() }));
  w.page.on("dialog", (d) => void d.accept());
  await w.page.goto(url);
  await w.page.waitForFunction(() => ["empty", "shown"].includes(document.querySelector("jx-explore")?.getAttribute("data-state") ?? ""), null, { timeout: 60_000 });
  return { ...w, requests };
}

/** Picks files through the real input and waits until the loads and the dashboards are done. */
export async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await page.setInputFiles("#x-file", paths);
  await page.waitForFunction(() => {
    const el = document.querySelector("jx-explore");
    return el?.getAttribute("data-busy") === "false" && ["shown", "empty"].includes(el.getAttribute("data-state") ?? "");
  }, null, { timeout: 120_000 });
}

/** Runs a query in the page's SQL console and gives the cells of its result table, row by row. */
export async function consoleCells(page: Page, sql: string): Promise<string[]> {
  await page.fill('[data-x="sql-input"]', sql);
  await page.click('[data-x="sql-run"]');
  await page.waitForSelector('[data-table="sql"] td');
  return page.locator('[data-table="sql"] td').allInnerTexts();
}
