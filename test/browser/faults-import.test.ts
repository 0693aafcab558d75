// Reload or close the explore page while a file is being imported: after the
// next load the file is either in, whole (every row, kept in this browser), or
// out (not listed, not kept, and after a reload told so) — never half. A large canonical CSV (the DuckDB
// route, several seconds) is cut at several steps: while DuckDB reads it, while
// its checks run (it is already on screen), as its load ends (while it is being
// kept), and while a kept copy is read back after a reload.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { BrowserContext, Page } from "playwright-core";
import { generate } from "../../scripts/gen-indicators.ts";
import { useSite } from "./harness.ts";
import { consoleCells, openExplore } from "./explore.harness.ts";

const ROWS = 60_000;
const state = useSite();
const explore = () => `${state.server.url}explore/`;
let big: string;

beforeAll(() => {
  big = join(mkdtempSync(join(tmpdir(), "jixiao-faults-import-")), "大文件-指标.csv");
  generate(ROWS, big);
});

const waitIdle = (page: Page) => page.waitForFunction(() => {
  const el = document.querySelector("jx-explore");
  return el?.getAttribute("data-busy") !== "true" && ["shown", "empty"].includes(el?.getAttribute("data-state") ?? "");
}, null, { timeout: 90_000 });
// Checked every 25 ms, not once a frame (a background page's frames can be throttled): a short step is not missed.
const waitStep = (page: Page, step: string) => page.waitForFunction((s) => document.querySelector('[data-x="task-label"]')?.textContent?.includes(s) &&
  document.querySelector("jx-explore")?.getAttribute("data-busy") === "true", step, { timeout: 60_000, polling: 25 });
const keptCount = (page: Page) => page.evaluate(() => new Promise<number>((ok) => {
  indexedDB.databases().then((dbs) => {
    if (!dbs.some((d) => d.name === "jixiao-explore")) return ok(0);
    const req = indexedDB.open("jixiao-explore");
    req.onsuccess = () => {
      const db = req.result;
      const n = db.transaction("uploads").objectStore("uploads").count();
      n.onsuccess = () => (db.close(), ok(n.result));
    };
  });
}));

/** The page says the file was cut off and is to be chosen again. */
async function told(page: Page) {
  const notice = page.locator('[data-storage="cut"]');
  await notice.waitFor({ timeout: 5_000 });
  expect(await notice.innerText()).toContain("上次刷新本页时 大文件-指标.csv 尚未载入完成，没有保存（已载入的部分也未保留）：请重新选择此文件。");
}

/** After the page came back: the file is in whole (listed, every row, kept) or out (not listed, nothing kept). */
async function inOrOut(page: Page): Promise<"in" | "out"> {
  await waitIdle(page);
  const listed = await page.locator("[data-upload]").count();
  const kept = await keptCount(page);
  if (listed === 0) {
    expect(kept).toBe(0);
    expect(await page.locator("jx-explore").getAttribute("data-state")).toBe("empty");
    return "out";
  }
  expect(listed).toBe(1);
  expect(kept).toBe(1);
  expect(await consoleCells(page, "SELECT CAST(count(*) AS INTEGER) AS n FROM indicators")).toEqual([String(ROWS)]);
  expect(await page.locator("[data-upload]").innerText()).toContain("60,000");
  return "in";
}

async function startImport(context: BrowserContext) {
  const { page } = await openExplore(context, explore());
  await page.setInputFiles("#x-file", [big]);
  return page;
}

describe("reload or close during an import", () => {
  it("reloaded while DuckDB reads the file: out", async () => {
    const context = await state.browser.newContext();
    const page = await startImport(context);
    await waitStep(page, "DuckDB 读取 CSV");
    await page.reload();
    expect(await inOrOut(page)).toBe("out");
    await told(page);
    await context.close();
  }, 90_000);

  it("reloaded while its checks run (the file already on screen): out, never half", async () => {
    const context = await state.browser.newContext();
    const page = await startImport(context);
    await waitStep(page, "审核检查");
    expect(await page.locator("[data-upload]").count()).toBe(1);
    await page.reload();
    expect(await inOrOut(page)).toBe("out");
    await told(page);
    await context.close();
  }, 90_000);

  it("closed as its load ends (while it is being kept), opened again: in whole or out; reloaded while read back: in whole", async () => {
    const context = await state.browser.newContext();
    const page = await startImport(context);
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-busy") === "false" && document.querySelectorAll("[data-upload]").length === 1, null, { timeout: 90_000 });
    await page.close();
    const again = (await openExplore(context, explore())).page;
    const first = await inOrOut(again);
    if (first === "out") {
      // Loaded and kept this time, to be cut while it is read back.
      await again.setInputFiles("#x-file", [big]);
      await again.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === "1", null, { timeout: 90_000 });
    }
    await again.reload();
    await waitStep(again, "DuckDB 读取 CSV");
    await again.reload();
    expect(await inOrOut(again)).toBe("in");
    await context.close();
  }, 180_000);
});
