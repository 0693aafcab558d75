// The explore page's English twin (/en/explore/): the same workspace with an
// English interface and English number formats, while the data stays as
// declared. Files go in through the real <input type=file>; the importer's
// errors are shown in their English wording, with file and row; nothing leaves
// the origin and the page throws nothing.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Papa from "papaparse";
import type { BrowserContext } from "playwright-core";
import { COLUMNS } from "../../src/core/canonical.ts";
import { importFile } from "../../src/core/import.ts";
import { formatYuan } from "../../src/core/format.ts";
import { generate } from "../../scripts/gen-indicators.ts";
import { useSite, unfold } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const seed = importFile(SEED, readFileSync(SEED));
const unit = seed.units[0];
const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-en-"));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
/** Chinese characters outside the domain terms the English interface keeps (一级/二级/三级, 示例数据). */
const CJK = /[\u4e00-\u9fff]/;
const interfaceText = (s: string) => s.replace(/[一二三]级|示例数据/g, "");

const state = useSite();

const open = (context: BrowserContext) => openExplore(context, `${state.server.url}en/explore/`);
const drop = dropFiles;

describe("the English explore page (/en/explore/)", () => {
  it("is prerendered in English, linked both ways with the Chinese page", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").innerText()).toBe("Explore data");
    expect(await page.locator("jx-explore").getAttribute("data-lang")).toBe("en");
    expect(await page.locator("nav a", { hasText: "Explore data" }).getAttribute("href")).toBe("/en/explore/");
    expect(await page.locator("a.lang").getAttribute("href")).toBe("/explore/");
    const text = await page.locator("main").innerText();
    expect(text).toContain("Files are processed only in this browser");
    expect(text).toContain("Data engine: not started.");
    expect(CJK.test(text)).toBe(false);
    // The Chinese page links back, and its own text is unchanged.
    await page.goto(`${state.server.url}explore/`);
    expect(await page.locator("a.lang").getAttribute("href")).toBe("/en/explore/");
    expect(await page.locator("jx-explore").getAttribute("data-lang")).toBe("zh");
    expect(await page.locator("h1").innerText()).toBe("数据探索");
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("loads the seed file through the file input: English interface, English figures, data as declared", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    await drop(page, [SEED]);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Data engine ready \(DuckDB v?[\d.]+, running in this browser\)\./);
    expect(text).toContain(`${unit.name} · ${unit.year}`);
    expect(text).toMatch(/Uploaded data Source: 000_83bc0b582c527eae\.txt · loaded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const budget = await page.locator('[data-table="budget"]').innerText();
    for (const b of seed.budget) expect(budget).toContain(formatYuan(b.amountFen, "en"));
    expect(budget).toContain("¥92,787,331.00");
    expect(budget).not.toContain(" 元");
    expect(text).toContain("✓ Matches Source lines add up to ¥92,787,331.00 = budget total ¥92,787,331.00");
    expect(text).toContain("¥92.79M");
    expect(text).toContain(`1 unit-year, ${seed.indicators.length} indicators, ${seed.budget.length} budget lines,`);
    // Indicators exactly as declared, with English kinds.
    expect(await page.locator("[data-indicator]").count()).toBe(seed.indicators.length);
    await unfold(page); // the indicator groups are folded to their headings
    for (const ind of seed.indicators.filter((i) => i.name)) {
      const cells = await page.locator(`tr[data-indicator="${ind.id}"] td`).allInnerTexts();
      expect(cells[0].split("\n")[0]).toBe(ind.name); // then the findings about it, as on the unit page
      expect(cells[1]).toBe(ind.target ?? "—");
      expect(["Quantitative", "Deadline", "Qualitative", "No target"]).toContain(cells[2]);
    }
    // Charts drawn in English.
    expect(await page.locator('figure.chart svg.jx-chart[aria-labelledby]').count()).toBe(4);
    expect(await page.locator("figure.chart figcaption").first().innerText()).toContain("Data: 000_83bc0b582c527eae.txt");
    // The interface itself: headings, table heads, buttons, labels and summaries carry no Chinese of their own.
    // Data in them (a 一级 group's name on its fold) is marked lang="zh-CN" and left out.
    const chrome = await page.locator("main h1, main h2, main h4, main th, main button, main label, main summary, main .x-engine").evaluateAll((els) => els.map((el) => {
      const copy = el.cloneNode(true) as Element;
      for (const data of copy.querySelectorAll('[lang="zh-CN"]')) data.remove();
      return copy.textContent ?? "";
    }));
    expect(chrome.filter((s) => CJK.test(interfaceText(s)))).toEqual([]);
    expect(await page.locator('[data-x="unit-select"] option').first().innerText()).toBe(`${unit.name} · ${unit.year}`);
    // The SQL console: English example labels and English error kinds.
    expect(await page.locator('[data-x="sql-examples"] button').allInnerTexts()).toContain("Target kinds");
    await page.fill('[data-x="sql-input"]', "SELECT nope FROM indicators");
    await page.click('[data-x="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent);
    expect(await page.locator('[data-x="sql-error"]').innerText()).toMatch(/^wrong column name or type: Binder Error/);
    await page.getByRole("button", { name: "Target kinds" }).click();
    await page.waitForFunction(() => /^\d+ rows? · \d+ ms/.test(document.querySelector('#sql [role="status"]')?.textContent ?? ""));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("says what is wrong with a bad file in English, with file and row, and keeps the earlier data", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    await drop(page, [SEED]);
    const bad = file("坏行.csv", `单位名称,年度,一级指标,二级指标,三级指标,指标值\r\n坏单位,2026,产出指标,数量指标,甲,≥1(个)\r\n坏单位,二〇二六,产出指标,数量指标,乙,≥2(个)\r\n`);
    const junk = file("扫描件.csv", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 0, 1, 2]));
    await drop(page, [bad, junk]);
    const failures = await page.locator("[data-failure]").allInnerTexts();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("Error 扫描件.csv: not a text file (pdf)");
    expect(failures[0]).toContain("data loaded before is not affected");
    expect(await page.locator('[data-x="failures"] h3').innerText()).toBe("Not loaded (1)");
    const row = page.locator("[data-upload]", { hasText: "坏行.csv" });
    expect(await row.innerText()).toMatch(/Errors 1 · warnings \d+ · notes \d+/);
    await row.locator("summary").click();
    expect(await row.innerText()).toContain("Error year cannot be read: “二〇二六”; row skipped · 坏行.csv row 3 column 2");
    // A large canonical CSV read by DuckDB whose row 7 has one cell too many: refused whole, with its line.
    const bulk = join(dir, "bulk.csv");
    generate(60_000, bulk);
    const lines = readFileSync(bulk, "utf8").split("\r\n");
    lines[6] += ",extra";
    const broken = file("broken-bulk.csv", lines.join("\r\n"));
    await drop(page, [broken]);
    const all = await page.locator("[data-failure]").allInnerTexts();
    const width = COLUMNS.indicators.length + 2; // the canonical indicator columns, unit_name and data_status
    expect(all[1]).toMatch(new RegExp(`broken-bulk\\.csv row 7: wrong number of columns \\(${width} expected, ${width + 1} found\\); the file was not loaded · broken-bulk\\.csv row 7`));
    // The seed is still there, to the fen, in English figures.
    await page.selectOption('[data-x="unit-select"]', { label: `${unit.name} · ${unit.year}` });
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    expect(await page.locator('[data-table="budget"]').innerText()).toContain("¥92,787,331.00");
    expect(Papa.parse(lines[6]).data[0]).toHaveLength(width + 1);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("when the engine cannot start, says so in English and links the English overview", async () => {
    const context = await state.browser.newContext();
    await context.route("**/*.wasm.gz", (route) => route.fulfill({ status: 404, body: "not found" }));
    const { page, foreign } = await open(context);
    await drop(page, [SEED]);
    const engine = page.locator('[data-x="engine"]');
    expect(await engine.innerText()).toMatch(/^The data engine could not start: the engine file cannot be downloaded \(HTTP 404\)\. The published overview and unit pages are not affected/);
    expect(await engine.locator("a").getAttribute("href")).toBe("/en/");
    expect(await page.locator("[data-failure]").innerText()).toContain("000_83bc0b582c527eae.txt: the data engine could not start, so the file was not loaded (the engine file cannot be downloaded (HTTP 404))");
    expect(foreign).toEqual([]);
    await context.close();
  });

  it.each([
    ["desktop", 1280],
    ["phone", 375],
  ])("fits a %s screen (%i px) with data loaded, saved as a screenshot", async (name, width) => {
    const context = await state.browser.newContext({ viewport: { width, height: 900 } });
    const { page, errors } = await open(context);
    expect(await page.locator('[data-x="clear"]').isVisible()).toBe(false);
    await drop(page, [SEED]);
    expect(await page.locator('[data-x="clear"]').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.querySelector("main")!.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test/output/explore-en-${name}.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
