// Nothing doubled, nothing lost on /explore/, as an analyst meets it: the same
// file dropped again (under another name) is recognised before anything is read
// and waits for 替换 or 跳过; a re-saved copy's rows and a workbook's repeated
// sheet count once, told with both files; the SQL console is read-only unless
// 允许修改 is ticked, a change can be undone, and 重置为载入的数据 rebuilds the
// tables from the loaded files. Files go in through the real <input type=file>.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { BrowserContext, Page } from "playwright-core";
import { importFile } from "../../src/core/import.ts";
import { formatYuan } from "../../src/core/format.ts";
import { workbookSheets } from "../explore.fixtures.ts";
import { gbk, seedAsExcelCsv } from "../fixtures/variants.ts";
import { generate } from "../../scripts/gen-indicators.ts";
import { useSite } from "./harness.ts";
import { consoleCells, dropFiles, openExplore } from "./explore.harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const seed = importFile(SEED, readFileSync(SEED));
const TOTAL = formatYuan(seed.budget.find((b) => b.kind === "total")!.amountFen);
const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-twice-"));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const COPY = file("申报表-副本.txt", readFileSync(SEED));

const state = useSite();
const open = (context: BrowserContext, path = "explore/") => openExplore(context, `${state.server.url}${path}`);
const uploads = (page: Page) => page.locator("[data-upload]").allInnerTexts();
/** The budget totals in the database, as text: one per unit year loaded. */
const totals = (page: Page) => consoleCells(page, "SELECT CAST(amount AS VARCHAR) AS a FROM budget WHERE kind = 'total' ORDER BY ALL");
const waitShown = (page: Page) => page.waitForFunction(() => {
  const el = document.querySelector("jx-explore");
  return el?.getAttribute("data-busy") === "false" && el.getAttribute("data-state") === "shown";
});

/** Screenshots of what `selector` shows at desktop and phone widths (test/output/explore-NAME-WIDTH.png); the page never scrolls sideways. */
async function shoot(page: Page, name: string, selector = "[data-duplicate]") {
  mkdirSync("test/output", { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator(selector).first().screenshot({ path: `test/output/explore-${name}-${width}.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

let xlsxPath: string;
beforeAll(async () => {
  const { default: writeXlsxFile } = await import("write-excel-file/universal");
  const [ind, budget] = workbookSheets(seed, "工作簿单位");
  const blob = await writeXlsxFile([ind, budget, { ...budget, sheet: "预算 (2)" }].map((s) => ({ data: s.data, sheet: s.sheet })) as never).toBlob();
  xlsxPath = file("预算-重复工作表.xlsx", new Uint8Array(await blob.arrayBuffer()));
});

describe("the same file dropped twice on /explore/", () => {
  it("is recognised before it is read, whatever its name: 跳过 leaves it out, 替换 loads it in place of the first; never summed", async () => {
    const context = await state.browser.newContext();
    const { page, errors, foreign } = await open(context);
    await dropFiles(page, [SEED]);
    await dropFiles(page, [COPY]);
    const prompt = page.locator("[data-duplicate]");
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain("申报表-副本.txt 与");
    expect(await prompt.innerText()).toContain("000_83bc0b582c527eae.txt 内容完全相同");
    expect(await uploads(page)).toHaveLength(1);
    await shoot(page, "duplicate-zh");
    await prompt.getByRole("button", { name: "跳过" }).click();
    await prompt.waitFor({ state: "detached" });
    expect(await uploads(page)).toHaveLength(1);
    expect(await totals(page)).toEqual([seed.budget.find((b) => b.kind === "total")!.amountFen.toString().replace(/(\d\d)$/, ".$1")]);
    // Again, and this time 替换: the copy is the one loaded, the first is gone, the total is there once.
    await dropFiles(page, [COPY]);
    await prompt.waitFor();
    await prompt.getByRole("button", { name: "替换" }).click();
    await prompt.waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelectorAll("[data-upload]").length === 1 && document.querySelector("[data-upload]")?.textContent?.includes("申报表-副本.txt"));
    await waitShown(page);
    expect(await page.locator('[data-table="budget"]').innerText()).toContain(TOTAL);
    expect(await page.locator("[data-indicator]").count()).toBe(seed.indicators.length);
    expect(await totals(page)).toHaveLength(1);
    expect(await page.locator('[data-x="unit"]').innerText()).not.toContain("invalid rows");
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("on /en/explore/ asks in English, and the console says it is read-only in English", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context, "en/explore/");
    await dropFiles(page, [SEED, COPY]);
    const prompt = page.locator("[data-duplicate]");
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain("has exactly the bytes of 000_83bc0b582c527eae.txt");
    expect(await prompt.getByRole("button").allInnerTexts()).toEqual(["Replace", "Skip"]);
    await shoot(page, "duplicate-en");
    await prompt.getByRole("button", { name: "Skip" }).click();
    await prompt.waitFor({ state: "detached" });
    expect(await uploads(page)).toHaveLength(1);
    // The console refuses a change in English too.
    await page.fill('[data-x="sql-input"]', "DELETE FROM units");
    await page.click('[data-x="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent);
    expect(await page.locator('[data-x="sql-error"]').innerText()).toBe("The console is read-only by default: to change the loaded data, tick “Allow changes” first (the DELETE statement was not run)");
    expect((await page.locator('[data-x="sql-allow"]').locator("xpath=..").innerText()).trim()).toBe("Allow changes");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a re-saved copy (other bytes, the same rows) is read, its rows counted once, with a finding naming both files", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    const resaved = file("申报表-另存.csv", gbk(seedAsExcelCsv()));
    await dropFiles(page, [SEED, resaved]);
    expect(await uploads(page)).toHaveLength(2);
    expect(await page.locator("[data-duplicate]").count()).toBe(0);
    const second = page.locator("[data-upload]").nth(1);
    await second.locator("summary").click();
    expect(await second.innerText()).toMatch(/\d+ 行与 000_83bc0b582c527eae\.txt 中的行相同（同一单位、年度和项目），只计入一次 · 申报表-另存\.csv/);
    expect(await totals(page)).toHaveLength(1);
    expect(await page.locator('[data-table="budget"]').innerText()).toContain(TOTAL);
    expect(await page.locator('[data-x="unit"]').innerText()).not.toContain("invalid rows");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a large CSV (read by DuckDB itself) and its re-saved copy: the copy's rows count once, told with both files", async () => {
    const big = join(dir, "大文件.csv");
    generate(60_000, big);
    // Re-saved: the same rows with LF line ends (other bytes, so not the same file).
    const copy = file("大文件-另存.csv", readFileSync(big, "utf8").replace(/\r\n/g, "\n"));
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await dropFiles(page, [big]);
    await dropFiles(page, [copy]);
    expect(await page.locator("[data-duplicate]").count()).toBe(0);
    const all = await uploads(page);
    expect(all).toHaveLength(2);
    expect(all[1]).toContain("大文件：DuckDB 直接读取");
    const second = page.locator("[data-upload]").nth(1);
    await second.locator("summary").first().click();
    // Told per unit year (as for a small file), with the earlier rows' source (the generator the rows name as theirs).
    expect(await second.innerText()).toMatch(/警告 60 行与 scripts\/gen-indicators\.ts 中的行相同（同一单位、年度和项目），只计入一次/);
    expect(all[1]).toMatch(/\t0\t/); // rows read: none new
    expect(await consoleCells(page, "SELECT CAST(count(*) AS INTEGER) AS n FROM indicators")).toEqual(["60000"]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it("a workbook whose budget sheet is repeated counts its lines once, the repeat told with both sheets", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await dropFiles(page, [xlsxPath]);
    const upload = page.locator("[data-upload]").first();
    expect(await upload.innerText()).toContain("（3 个工作表）");
    await upload.locator("summary").click();
    expect(await upload.innerText()).toContain(`${seed.budget.length} 行与 预算-重复工作表.xlsx!预算 中的行相同（同一单位、年度和项目），只计入一次`);
    const budget = await page.locator('[data-table="budget"] tbody tr').count();
    expect(budget).toBe(seed.budget.length);
    expect(await page.locator('[data-table="budget"]').innerText()).toContain(TOTAL);
    expect(await totals(page)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("a self-evaluation beside its project's declaration on /explore/", () => {
  // As test/restated.test.ts makes them: a real self-evaluation, and the same form titled as its declaration.
  const SELF = readFileSync("test/fixtures/real/01_anhui_chizhou_tangxi_2022_project_selfeval.csv", "utf8");
  const self = file("self.csv", SELF);
  const decl = file("decl.csv", SELF.replace("项目支出绩效自评表", "项目支出绩效目标申报表"));
  const NOTE = "本表所列的 9 项指标是 decl.csv 已载入的同一单位（或项目）同一年度的指标";
  const checks = (page: Page, name: string) => page.locator("[data-upload]", { hasText: name }).locator(`td[data-label="检查结果"]`).innerText();

  it("its restated indicators give way with the core's note, counted in its checks, written afresh when the declaration goes", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await dropFiles(page, [self]);
    const alone = await checks(page, "self.csv");
    const shown = () => page.locator('[data-x="unit"]').innerText();
    expect(await shown()).not.toContain(NOTE);
    await dropFiles(page, [decl]);
    const info = (text: string) => Number(/提示\s*(\d+)/.exec(text)?.[1]);
    expect(info(await checks(page, "self.csv"))).toBe(info(alone) + 1);
    expect(await consoleCells(page, "SELECT DISTINCT source_file FROM indicators")).toEqual(["decl.csv"]);
    expect(await consoleCells(page, "SELECT source_file, message FROM findings WHERE code = 'load.restated_indicators'"))
      .toEqual(["self.csv", expect.stringContaining(NOTE)]);
    await page.locator("[data-upload]", { hasText: "decl.csv" }).getByRole("button", { name: "移除" }).click();
    await expect.poll(() => page.locator("[data-upload]").count()).toBe(1);
    await expect.poll(() => checks(page, "self.csv")).toBe(alone);
    expect(await consoleCells(page, "SELECT DISTINCT source_file FROM indicators")).toEqual(["self.csv"]);
    expect(await page.locator('[data-x="unit"]').innerText()).not.toContain(NOTE);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the SQL console on /explore/", () => {
  it("refuses a change unless 允许修改 is ticked; with it, the change waits for 撤销 or 保留; 重置为载入的数据 rebuilds the tables", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await dropFiles(page, [SEED]);
    const error = page.locator('[data-x="sql-error"]');
    const count = async () => (await consoleCells(page, "SELECT CAST(count(*) AS INTEGER) AS n FROM units"))[0];
    const run = async (sql: string) => {
      await page.fill('[data-x="sql-input"]', sql);
      await page.click('[data-x="sql-run"]');
    };
    // Read-only by default: refused before it runs, and a write hidden in a CTE is refused by DuckDB's read-only transaction.
    await run("DELETE FROM units");
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent);
    expect(await error.innerText()).toBe("控制台默认只读：要修改已载入的数据，请先勾选“允许修改”（DELETE 语句未执行）");
    // (Alone, a WITH is read through the console's LIMIT wrapper, where a DELETE cannot parse; after another statement it is run as written.)
    await run("SELECT 1; WITH x AS (SELECT 1 AS a) DELETE FROM units");
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent?.startsWith("控制台默认只读"));
    await run("SET search_path = 'main'");
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent?.startsWith("控制台不执行 SET 语句"));
    expect(await count()).toBe("1");
    expect(await page.locator(".x-unit-title").count()).toBe(1);
    // 允许修改: the change runs in a transaction; the dashboards show it; 撤销 rolls it back.
    await page.check('[data-x="sql-allow"]');
    await consoleCells(page, "DELETE FROM units");
    await page.waitForSelector('[data-x="sql-undo"]');
    expect(await page.locator('[data-x="sql-changes"]').innerText()).toContain("未保留的修改：1 条语句");
    await shoot(page, "console-changes", ".x-editor");
    expect(await count()).toBe("0");
    await page.click('[data-x="sql-undo"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-changes"]')?.textContent?.startsWith("已撤销"));
    await waitShown(page);
    expect(await count()).toBe("1");
    expect(await page.locator('[data-table="budget"]').innerText()).toContain(TOTAL);
    // Kept, then reset: the tables are made again from the loaded file.
    await consoleCells(page, "UPDATE budget SET amount = 0");
    await page.click('[data-x="sql-keep"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-changes"]')?.textContent?.startsWith("修改已保留"));
    await waitShown(page);
    expect(await page.locator('[data-table="budget"]').innerText()).not.toContain(TOTAL);
    await page.click('[data-x="sql-reset"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-changes"]')?.textContent?.startsWith("已按载入的文件重建各表"));
    await waitShown(page);
    await page.waitForFunction((t) => document.querySelector('[data-table="budget"]')?.textContent?.includes(t), TOTAL);
    expect(await uploads(page)).toHaveLength(1);
    expect(await count()).toBe("1");
    expect(await page.locator("[data-indicator]").count()).toBe(seed.indicators.length);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
