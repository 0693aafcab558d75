// The explore page as an analyst uses it: files go in through the real
// <input type=file>, DuckDB-wasm starts from the site's own gzip copy, the
// dashboards show the loaded data to the fen, errors name file and row, earlier
// data survives a bad file, a reload keeps the data and "clear" removes it,
// markup in a cell stays text, exports download, and nothing leaves the origin.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Papa from "papaparse";
import type { BrowserContext, Page } from "playwright-core";
import { importFile } from "../../src/core/import.ts";
import { formatYuan } from "../../src/core/format.ts";
import { COLUMNS, fromJson } from "../../src/core/canonical.ts";
import { generate } from "../../scripts/gen-indicators.ts";
import { gbkIndicatorCsv, workbookSheets } from "../explore.fixtures.ts";
import { useSite, unfold } from "./harness.ts";
import { firstView } from "../../bench/firstView.ts";
import { DUCKDB_WORKER, consoleCells, dropFiles, openExplore } from "./explore.harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const seed = importFile(SEED, readFileSync(SEED));
const unit = seed.units[0];
const dir = mkdtempSync(join(tmpdir(), "jixiao-explore-files-"));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const state = useSite();
const origin = () => new URL(state.server.url).origin;
let xlsxPath: string;
let bulkPath: string;

beforeAll(async () => {
  mkdirSync("test/output", { recursive: true });
  const { default: writeXlsxFile } = await import("write-excel-file/universal");
  const sheets = workbookSheets(seed, "工作簿单位");
  const blob = await writeXlsxFile(sheets.map((s) => ({ data: s.data, sheet: s.sheet })) as never).toBlob();
  xlsxPath = file("预算与指标.xlsx", new Uint8Array(await blob.arrayBuffer()));
  // A canonical CSV big enough (≥ 4 MB) to go through DuckDB's read_csv, with markup in a cell.
  bulkPath = join(dir, "bulk-indicators.csv");
  generate(60_000, bulkPath);
  const text = readFileSync(bulkPath, "utf8").split("\r\n");
  const cells = Papa.parse<string[]>(text[1]).data[0];
  cells[8] = '<img src=x onerror=window.__pwned=1 培训 <b>粗体</b>';
  text[1] = Papa.unparse([cells]);
  writeFileSync(bulkPath, text.join("\r\n"));
}, 180_000);

const explore = () => `${state.server.url}explore/`;

const open = (context: BrowserContext) => openExplore(context, explore());
const drop = dropFiles;

const mainText = (page: Page) => page.locator("main").innerText();

describe("the explore page", () => {
  it("loads the seed form export through the file input and shows its dashboards to the fen, with no request leaving the origin", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors, requests } = await open(context);
    const before = requests.length;
    await drop(page, [SEED]);
    // The reader is taken to what the file made: focus on the unit dashboard's title.
    await page.waitForFunction(() => document.activeElement?.classList.contains("x-unit-title"));
    const text = await mainText(page);
    expect(text).toContain("数据探索引擎已就绪");
    expect(text).toContain(unit.name);
    for (const b of seed.budget) expect(await page.locator('[data-table="budget"]').innerText()).toContain(formatYuan(b.amountFen));
    expect(text).toContain("✓ 相符 资金来源合计 92,787,331.00 元 = 预算总额 92,787,331.00 元");
    expect(await page.locator("[data-indicator]").count()).toBe(seed.indicators.length);
    await unfold(page); // the indicator groups are folded to their headings
    for (const ind of seed.indicators.filter((i) => i.name)) {
      const cells = await page.locator(`tr[data-indicator="${ind.id}"] td`).allInnerTexts();
      expect(cells[0].split("\n")[0]).toBe(ind.name); // then the findings about it, as on the unit page
      expect(cells[1]).toBe(ind.target ?? "—");
    }
    // The same chart functions as the unit page: SVG with a title, at two widths, with its data table.
    expect(await page.locator('figure.chart svg.jx-chart[aria-labelledby]').count()).toBe(4);
    expect(await page.locator("figure.chart details table").count()).toBe(2);
    // Labelled as uploaded data, with its file and time.
    expect(text).toMatch(/上传数据 来源：000_83bc0b582c527eae\.txt · 载入于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    // Only the site's own files were fetched, all by GET: the engine as gzip, never the raw wasm.
    const during = requests.slice(before);
    expect(during.every((r) => r.url.startsWith(origin()) || r.url.startsWith("blob:"))).toBe(true);
    expect(during.every((r) => r.method === "GET")).toBe(true);
    expect(during.some((r) => /duckdb\/duckdb-eh-[\d.]+\.wasm\.gz$/.test(r.url))).toBe(true);
    expect(during.some((r) => /\.wasm$/.test(r.url) && r.url.startsWith(origin()))).toBe(false);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads an Excel CSV in GBK and an .xlsx workbook (two sheets) next to each other", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    const gbk = file("指标-GBK.csv", gbkIndicatorCsv(seed, "GBK单位"));
    await drop(page, [gbk, xlsxPath]);
    const uploads = await page.locator("[data-upload]").allInnerTexts();
    expect(uploads).toHaveLength(2);
    expect(uploads[0]).toContain("指标-GBK.csv");
    expect(uploads[1]).toContain("（2 个工作表）");
    await page.locator("[data-upload]").first().locator("summary").click();
    expect(await page.locator("[data-upload]").first().innerText()).toContain("文件编码为 GB18030，已转换");
    expect(await page.locator('[data-table="overview"]').innerText()).toMatch(/GBK单位[\s\S]*工作簿单位|工作簿单位[\s\S]*GBK单位/);
    await page.selectOption('[data-x="unit-select"]', { label: "GBK单位 · 2026 年度" });
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    expect(await page.locator(".x-unit-title").innerText()).toContain("GBK单位");
    await unfold(page); // the indicator groups are folded to their headings
    const targets = await page.locator("tr[data-indicator]:has(td:nth-child(5)) td:nth-child(2)").allInnerTexts();
    expect(targets).toEqual(seed.indicators.filter((i) => i.name).map((i) => i.target ?? "—"));
    await page.selectOption('[data-x="unit-select"]', { label: "工作簿单位 · 2026 年度" });
    await page.waitForFunction(() => document.querySelector(".x-unit-title")?.textContent?.includes("工作簿单位"));
    const budget = await page.locator('[data-table="budget"]').innerText();
    for (const b of seed.budget) expect(budget).toContain(formatYuan(b.amountFen));
    expect(await page.locator("tr[data-indicator]").count()).toBe(seed.indicators.length);
    // The view is in the address: back to GBK单位, a reload opens on it again (not on the first file's unit).
    await page.selectOption('[data-x="unit-select"]', { label: "GBK单位 · 2026 年度" });
    await page.waitForFunction(() => document.querySelector(".x-unit-title")?.textContent?.includes("GBK单位"));
    expect(new URL(page.url()).hash).toMatch(/^#unit=[^&]+&year=2026$/);
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === "2");
    await page.reload();
    await page.waitForFunction(() => {
      const el = document.querySelector("jx-explore");
      return el?.getAttribute("data-state") === "shown" && el.getAttribute("data-busy") === "false";
    }, null, { timeout: 60_000 });
    expect(await page.locator(".x-unit-title").innerText()).toContain("GBK单位");
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a bad file after a good one: the error names the file and row, and the earlier data stays", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    await drop(page, [SEED]);
    const bad = file("坏行.csv", `单位名称,年度,一级指标,二级指标,三级指标,指标值\r\n坏单位,2026,产出指标,数量指标,甲,≥1(个)\r\n坏单位,二〇二六,产出指标,数量指标,乙,≥2(个)\r\n`);
    const junk = file("扫描件.csv", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0, 0, 1, 2]));
    await drop(page, [bad, junk]);
    const failures = await page.locator("[data-failure]").allInnerTexts();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("扫描件.csv：不是文本文件（pdf）");
    expect(failures[0]).toContain("此前载入的数据不受影响");
    const row = page.locator("[data-upload]", { hasText: "坏行.csv" });
    await row.locator("summary").click();
    expect(await row.innerText()).toContain("年度无法识别：“二〇二六”，该行未导入 · 坏行.csv 第 3 行 第 2 列");
    // A bulk CSV whose row 7 has one cell too many is refused whole, with its line.
    const lines = readFileSync(bulkPath, "utf8").split("\r\n");
    lines[6] += ",多出的一列";
    const broken = file("断行-大文件.csv", lines.join("\r\n"));
    await drop(page, [broken]);
    const all = await page.locator("[data-failure]").allInnerTexts();
    // The generated file has the canonical indicator columns plus unit_name and data_status.
    const width = COLUMNS.indicators.length + 2;
    expect(all[1]).toMatch(new RegExp(`断行-大文件\\.csv 第 7 行：列数不对（应为 ${width} 列，实际 ${width + 1} 列），文件未载入`));
    // The seed is still there, to the fen.
    await page.selectOption('[data-x="unit-select"]', { label: `${unit.name} · ${unit.year} 年度` });
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    expect(await page.locator('[data-table="budget"]').innerText()).toContain("92,787,331.00 元");
    expect(await page.locator("[data-upload]").count()).toBe(2);
    const n = (await consoleCells(page, "SELECT count(*) AS n FROM uploads"))[0];
    expect(n).toBe("2");
    // The engine's per-statement measures are those since the last drop (the console's query among them), not every drop's.
    const measures = await page.evaluate(() => {
      const picked = performance.getEntriesByName("jixiao:files-picked").at(-1)!.startTime;
      return performance.getEntriesByName("jixiao:sql").map((m) => ({ after: m.startTime >= picked, sql: String((m as PerformanceMeasure).detail) }));
    });
    expect(measures.some((m) => m.sql.includes("FROM uploads"))).toBe(true);
    expect(measures.filter((m) => !m.after)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("unknown headers get a mapping step suggested by the synonyms, saved for the next file with the same headers", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    const csv = file("系统导出.csv", `单位,预算年度,一级指标名称,二级指标,三级指标,年度指标值（目标）,经办人\r\n映射单位,2026,产出指标,数量指标,培训人次,≥200(人次),张三\r\n`);
    await drop(page, [csv]);
    const card = page.locator(".x-mapping");
    expect(await card.count()).toBe(1);
    expect(await card.locator('select[data-header="一级指标名称"]').inputValue()).toBe("level1");
    expect(await card.locator('select[data-header="年度指标值（目标）"]').inputValue()).toBe("target");
    expect(await card.locator('select[data-header="经办人"]').inputValue()).toBe("");
    expect(await card.innerText()).toContain("按表头名称推测，请核对");
    await card.getByRole("button", { name: "确认并读取" }).click();
    await page.waitForFunction(() => document.querySelectorAll("[data-upload]").length === 1 && document.querySelector("jx-explore")?.getAttribute("data-busy") === "false");
    expect(await page.locator(".x-unit-title").innerText()).toContain("映射单位");
    await unfold(page); // the indicator groups are folded to their headings
    expect(await page.locator("tr[data-indicator] td").first().innerText()).toBe("培训人次");
    // The same export again: read at once with the saved mapping.
    const again = file("系统导出-12月.csv", readFileSync(csv, "utf8").replace("培训人次", "培训场次"));
    await drop(page, [again]);
    expect(await page.locator(".x-mapping").count()).toBe(0);
    expect(await page.locator("[data-upload]").count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the loaded files across a reload, starting the engine from cache, until “clear” removes everything", async () => {
    const context = await state.browser.newContext();
    const { page, errors, requests } = await open(context);
    await drop(page, [SEED]);
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === "1");
    const before = requests.length;
    await page.reload();
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown" && document.querySelector("jx-explore")?.getAttribute("data-busy") === "false", null, { timeout: 60_000 });
    expect(await page.locator("[data-upload]").innerText()).toContain("已从本浏览器恢复");
    expect(await page.locator('[data-table="budget"]').innerText()).toContain("92,787,331.00 元");
    // The second visit takes the engine from Cache Storage: no new download, and the site's service worker (public/sw.js)
    // serves it to DuckDB under its own URL (so that Chromium may keep its compiled code).
    expect(requests.slice(before).filter((r) => r.url.endsWith(".wasm.gz"))).toEqual([]);
    expect(await page.evaluate(() => [!!navigator.serviceWorker.controller, performance.getEntriesByName("jixiao:engine served").length])).toEqual([true, 1]);
    await page.getByRole("button", { name: "清除全部数据" }).click();
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "empty");
    expect(await page.locator("[data-upload]").count()).toBe(0);
    expect(await page.locator('[data-x="workspace"]').isHidden()).toBe(true);
    await page.reload();
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "empty", null, { timeout: 30_000 });
    expect(await page.locator("[data-upload]").count()).toBe(0);
    // Nothing is left in this browser's storage, and an empty visit stores nothing.
    const stored = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(stored).not.toContain("jixiao-explore");
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.explore")))).toEqual([]);
    // The service worker serves the engine only: a published page still comes from the site.
    const home = await page.goto(state.server.url);
    expect([home!.status(), home!.fromServiceWorker()]).toEqual([200, false]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("markup in cells stays text, from the importer and from a bulk CSV read by DuckDB", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await open(context);
    const hostile = file("hostile.csv", `unit_name,fiscal_year,level1,level2,name,target\r\n"<script>window.__pwned=3</script>某单位<img src=x onerror=""window.__pwned=4"">",2026,产出指标,数量指标,"&lt;img src=x onerror=window.__pwned=5&gt;",=HYPERLINK("http://x")\r\n`);
    await drop(page, [hostile, bulkPath]);
    expect(await page.locator("[data-upload]").count()).toBe(2);
    expect(await page.locator("[data-upload]").nth(1).innerText()).toContain("大文件：DuckDB 直接读取");
    // The bulk file's first unit shows the cell as the importer reads it (tags dropped, the rest kept), as text.
    await unfold(page); // the indicator groups are folded to their headings
    const cell = page.locator("tr[data-indicator] td", { hasText: "onerror" }).first();
    expect(await cell.innerText()).toBe("<img src=x onerror=window.__pwned=1 培训 粗体");
    await page.selectOption('[data-x="unit-select"]', { index: 0 });
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main script, main iframe").count()).toBe(0);
    // The console shows query results as text too.
    expect((await consoleCells(page, "SELECT name FROM indicators WHERE name LIKE '%<img%' LIMIT 1"))[0]).toContain("<img src=x onerror=");
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists a bulk file's findings with file, row and column, rows counted across a cell with a line break", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    const lines = readFileSync(bulkPath, "utf8").split("\r\n");
    const row = (i: number, edit: (cells: string[]) => void) => {
      const cells = Papa.parse<string[]>(lines[i]).data[0];
      edit(cells);
      lines[i] = Papa.unparse([cells]);
    };
    row(3, (c) => (c[16] = "第一行\n第二行"));
    row(5, (c) => (c[4] = "20x6"));
    row(6, (c) => (c[8] = "  =SUM(A1:A9)  "));
    await drop(page, [file("检查-大文件.csv", lines.join("\r\n"))]);
    const upload = page.locator("[data-upload]", { hasText: "检查-大文件.csv" });
    expect(await upload.innerText()).toContain("大文件：DuckDB 直接读取");
    await upload.locator("summary").click();
    const text = await upload.innerText();
    // Line 7: the header is line 1, the note of line 4 runs over two lines.
    expect(text).toContain("年度无法识别：“20x6”，该行未导入 · 检查-大文件.csv 第 7 行 第 5 列");
    // The generated file names its source file and rows (source_file, source_row): the checks' findings say so, as the importer's do.
    expect(text).toMatch(/不可能达到.* · scripts\/gen-indicators\.ts 第 44 行/);
    // Warnings come after the errors in the list (capped); the formula-like name is in the findings table with its row.
    expect(await consoleCells(page, "SELECT message || ' @' || source_row AS f FROM findings WHERE code = 'cell.formula_like'")).toEqual(["“=SUM(A1:A9)”形如电子表格公式，已按文本处理 @7"]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a bulk file's first unit before its checks, waits with the rest, then fills the findings in", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    // What the page shows at the moment the dashboards say the checks are running, and after.
    await page.evaluate(() => {
      const el = document.querySelector("jx-explore")!;
      const seen: Record<string, unknown>[] = [];
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        if (el.getAttribute("data-checking") !== "true" || seen.length) return;
        const q = (s: string) => document.querySelector(s) as HTMLButtonElement | null;
        seen.push({
          select: q('[data-x="unit-select"]')?.disabled, filter: q('[data-x="unit-filter"]')?.disabled, run: q('[data-x="sql-run"]')?.disabled, exports: q('[data-x="exports"] button')?.disabled,
          upload: document.querySelector("[data-upload] [data-checking]")?.textContent, note: document.querySelector('[data-x="overview"] [data-checking]')?.textContent,
          findings: document.querySelector('[data-x="unit"] [data-checking]')?.textContent, indicators: document.querySelectorAll("[data-indicator]").length,
          kinds: [...document.querySelectorAll("[data-indicator] td.kind")].map((td) => td.textContent),
          schema: document.querySelector('[data-x="sql-schema"]')?.textContent, lede: document.querySelector('[data-x="overview"] .lede')?.textContent,
          table: document.querySelector('[data-table="overview"]') !== null, options: document.querySelectorAll('[data-x="unit-select"] option').length,
        });
        // The unit's title and charts, to find out below whether the refresh after the checks made them again.
        for (const n of document.querySelectorAll('[data-x="unit"] > h3, [data-x="unit"] figure')) (n as unknown as { __before: boolean }).__before = true;
      }).observe(el, { attributes: true, attributeFilter: ["data-checking"] });
    });
    await drop(page, [bulkPath]);
    const [during] = await page.evaluate(() => (window as unknown as { __seen: Record<string, unknown>[] }).__seen);
    expect(during).toMatchObject({ select: true, filter: true, run: true, exports: true, upload: "审核中…", findings: "审核检查进行中，完成后显示问题。" });
    expect(during.note).toContain("bulk-indicators.csv：看板已按读入的数据显示");
    // The unit years and the findings are not counted yet (only the unit shown has its unit rows): the lede says when they come.
    expect(during.lede).toMatch(/^已读入 [\d,]+ 条指标、0 条预算；单位年度数与检查结果数在审核检查完成后给出。/);
    // The overview's table (problem counts, view buttons) and the unit list wait for the checks: only the unit shown is listed.
    expect(during).toMatchObject({ table: false, options: 1 });
    // The unit it opens on is whole, its targets parsed (no row left as “no target” for want of parsing).
    expect(during.indicators).toBeGreaterThan(10);
    expect(new Set(during.kinds as string[]).size).toBeGreaterThan(1);
    // After the checks: counts, findings, the unit list and the console are back.
    expect(await page.getAttribute("jx-explore", "data-checking")).toBe("false");
    expect(await page.locator("jx-explore [data-checking]").count()).toBe(0);
    expect(await page.locator("[data-upload]").innerText()).toMatch(/错误 [\d,]+，警告 [\d,]+，提示 [\d,]+/);
    expect(await page.locator('[data-x="unit-select"]').isDisabled()).toBe(false);
    expect((await consoleCells(page, "SELECT count(*) FILTER (WHERE target IS NOT NULL AND target_kind = 'none') AS unparsed FROM indicators"))[0]).toBe("0");
    // The schema list waits with the console (nothing was loaded before: no list), then shows the reader's tables, never the checks' working tables.
    expect(during.schema ?? "").not.toMatch(/indicator_rows|bulk_|pending_targets/);
    const schema = await page.locator('[data-x="sql-schema"]').innerText();
    expect(schema).toContain("indicator_rows");
    expect(schema).not.toMatch(/bulk_|pending_targets/);
    expect(await page.locator('[data-x="overview"] .lede').innerText()).toMatch(/^共 [\d,]+ 个单位年度、/);
    // Only the findings were drawn again: the title and charts above them are the nodes drawn before the checks.
    const kept = await page.evaluate(() => [...document.querySelectorAll('[data-x="unit"] > h3, [data-x="unit"] figure')].map((n) => (n as unknown as { __before?: boolean }).__before === true));
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.every(Boolean)).toBe(true);
    expect(await page.locator('[data-x="unit"] [data-list="findings"] li').count()).toBeGreaterThan(0);
    // A thousand unit years: the filter narrows the overview and the unit list to those whose name or id holds it.
    const shownUnit = await page.locator('[data-x="unit"] h3').innerText();
    await page.fill('[data-x="unit-filter"]', "单位000012");
    await page.waitForSelector('[data-x="overview"] [data-filtered]');
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    expect(await page.locator('[data-x="overview"] [data-filtered]').innerText()).toMatch(/^名称或编码含“单位000012”的单位年度：\d+ 个$/);
    const listed = await page.locator('[data-table="overview"] tbody td:first-child').allInnerTexts();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((t) => t.includes("单位000012"))).toBe(true);
    // The unit shown stays (and in the list); the others listed are the matches.
    expect(await page.locator('[data-x="unit"] h3').innerText()).toBe(shownUnit);
    const options = await page.locator('[data-x="unit-select"] option').allInnerTexts();
    expect(options.filter((o) => !o.includes("单位000012"))).toHaveLength(1);
    await page.selectOption('[data-x="unit-select"]', { label: options.find((o) => o.includes("单位000012"))! });
    await page.waitForFunction((before) => document.querySelector('[data-x="unit"] h3')?.textContent !== before, shownUnit);
    expect(await page.locator('[data-x="unit"] h3').innerText()).toContain("单位000012");
    // No match: said so, no empty table; clearing the filter lists every unit year again.
    await page.fill('[data-x="unit-filter"]', "<b>无此单位</b>");
    await page.waitForFunction(() => document.querySelector('[data-x="overview"] [data-filtered]')?.textContent?.includes("无此单位"));
    expect(await page.locator('[data-x="overview"] [data-filtered]').innerText()).toBe("名称或编码含“<b>无此单位</b>”的单位年度：0 个");
    expect(await page.locator('[data-table="overview"]').count()).toBe(0);
    await page.fill('[data-x="unit-filter"]', "");
    await page.waitForFunction(() => !document.querySelector('[data-x="overview"] [data-filtered]') && document.querySelector('[data-table="overview"]'));
    expect(await page.locator('[data-x="unit-select"] option').count()).toBeGreaterThan(options.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a bulk file cancelled during its checks goes whole; the data loaded before stays", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await drop(page, [SEED]);
    // 取消 pressed the moment the bulk file's dashboards are on screen and its checks begin.
    await page.evaluate(() => {
      const el = document.querySelector("jx-explore")!;
      new MutationObserver(() => {
        if (el.getAttribute("data-checking") === "true") (document.querySelector('[data-x="cancel"]') as HTMLButtonElement).click();
      }).observe(el, { attributes: true, attributeFilter: ["data-checking"] });
    });
    await drop(page, [bulkPath]);
    expect(await page.locator("[data-failure]").innerText()).toContain("bulk-indicators.csv：已取消，此文件未载入");
    expect(await page.locator("[data-upload]").count()).toBe(1);
    expect(await page.getAttribute("jx-explore", "data-checking")).toBe("false");
    expect((await consoleCells(page, "SELECT (SELECT count(*) FROM indicators) || '/' || (SELECT count(*) FROM units) || '/' || (SELECT count(*) FROM findings WHERE upload_id <> 1) AS n"))[0]).toBe(`${seed.indicators.length}/1/0`);
    expect(await mainText(page)).toContain(unit.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("SQL console: schema list, example queries, results, errors shown inline", async () => {
    const context = await state.browser.newContext();
    const { page, errors } = await open(context);
    await drop(page, [SEED]);
    const schema = await page.locator('[data-x="sql-schema"]').innerText();
    for (const t of ["units", "budget", "tasks", "indicators", "findings", "uploads"]) expect(schema).toContain(t);
    await page.getByRole("button", { name: "目标类型分布" }).click();
    await page.waitForSelector('[data-table="sql"]');
    const rows = await page.locator('[data-table="sql"] tbody tr').allInnerTexts();
    const total = rows.reduce((s, r) => s + Number(r.split("\t").pop()), 0);
    expect(total).toBe(seed.indicators.length);
    // A result sorts by a column with a click on its header (a button), the order said by aria-sort.
    const last = page.locator('[data-table="sql"] thead th').last();
    await last.getByRole("button").click();
    expect(await last.getAttribute("aria-sort")).toBe("ascending");
    const counts = (await page.locator('[data-table="sql"] tbody tr td:last-child').allInnerTexts()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    await last.getByRole("button").press("Enter");
    expect(await last.getAttribute("aria-sort")).toBe("descending");
    await page.fill('[data-x="sql-input"]', "SELECT nope FROM indicators");
    await page.click('[data-x="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-x="sql-error"]')?.textContent);
    expect(await page.locator('[data-x="sql-error"]').innerText()).toMatch(/^列名或类型不对：Binder Error/);
    await page.fill('[data-x="sql-input"]', "SELECT CAST(sum(amount) AS VARCHAR) AS s FROM budget WHERE kind = 'structure'");
    await page.click('[data-x="sql-run"]');
    await page.waitForFunction(() => document.querySelector('[data-table="sql"] td')?.textContent === "92787331.00");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("exports tables as CSV (formulas neutralised) and XLSX, charts as SVG and PNG, and the canonical JSON", async () => {
    const context = await state.browser.newContext({ acceptDownloads: true });
    const { page, foreign, errors } = await open(context);
    const formula = file("公式.csv", `unit_name,fiscal_year,level1,level2,name,target\r\n公式单位,2026,产出指标,数量指标,"=HYPERLINK(""http://x"",""y"")",+1+2\r\n`);
    await drop(page, [SEED, formula]);
    const save = async (click: () => Promise<void>) => {
      const [d] = await Promise.all([page.waitForEvent("download"), click()]);
      return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
    };
    const csv = await save(() => page.click('[data-export="indicators.csv"]'));
    expect(csv.name).toBe("jixiao-indicators.csv");
    const text = csv.bytes.toString("utf8");
    expect(text.startsWith("\uFEFFindicator_id,unit_id,fiscal_year,ord,level1")).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain("'+1+2");
    expect(text.split("\r\n").filter((l) => l).length).toBe(seed.indicators.length + 2);
    const xlsx = await save(() => page.click('[data-export="budget.xlsx"]'));
    const { default: readXlsxFile } = await import("read-excel-file/universal");
    const sheets = (await readXlsxFile(new Uint8Array(xlsx.bytes).buffer)) as { data: unknown[][] }[];
    expect(sheets[0].data[0]).toContain("amount");
    expect(sheets[0].data.slice(1).map((r) => r[sheets[0].data[0].indexOf("amount")])).toEqual(seed.budget.map((b) => Number(b.amountFen) / 100));
    await page.selectOption('[data-x="unit-select"]', { label: `${unit.name} · ${unit.year} 年度` });
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-state") === "shown");
    const chart = page.locator("figure.chart").first();
    const svg = await save(() => chart.getByRole("button", { name: "SVG" }).click());
    expect(svg.name).toMatch(/预算结构\.svg$/);
    expect(svg.bytes.toString("utf8")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = await save(() => chart.getByRole("button", { name: "PNG" }).click());
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(5000);
    const json = await save(() => page.click('[data-export="json"]'));
    const back = fromJson(JSON.parse(json.bytes.toString("utf8")), "jixiao-canonical.json");
    expect(back.indicators).toHaveLength(seed.indicators.length + 1);
    expect(back.budget.map((b) => b.amountFen)).toEqual(seed.budget.map((b) => b.amountFen));
    expect(back.indicators.filter((i) => i.unitId === unit.id).map((i) => i.parsed)).toEqual(seed.indicators.map((i) => i.parsed));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("when the engine cannot start", () => {
  it("says so plainly, lists the file as not loaded, and the prerendered pages keep working", async () => {
    const context = await state.browser.newContext();
    await context.route("**/*.wasm.gz", (route) => route.fulfill({ status: 404, body: "not found" }));
    const { page, foreign } = await open(context);
    await drop(page, [SEED]);
    expect(await page.locator('[data-x="engine"]').innerText()).toMatch(/^数据探索引擎无法启动：引擎文件无法下载（HTTP 404）。已发布的概览和单位页面不受影响/);
    expect(await page.locator("[data-failure]").innerText()).toContain("数据探索引擎无法启动，文件未载入");
    await page.goto(state.server.url);
    expect(await mainText(page)).toContain(unit.name);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("gives up on an engine that never answers (a blocked worker) after the timeout", async () => {
    const context = await state.browser.newContext();
    await context.addInitScript(() => ((window as unknown as { __JIXIAO_ENGINE_TIMEOUT_MS: number }).__JIXIAO_ENGINE_TIMEOUT_MS = 1500));
    await context.route(DUCKDB_WORKER, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: "self.onmessage = () => {};" }));
    const { page } = await open(context);
    await drop(page, [SEED]);
    expect(await page.locator('[data-x="engine"]').innerText()).toContain("引擎在 2 秒内没有启动");
    await context.close();
  });
});

describe("what the explore page costs the rest of the site", () => {
  it("lays the dashboards' fonts out once when idle, off screen and hidden, and leaves nothing behind", async () => {
    const context = await state.browser.newContext();
    // Every element added to the page and gone again before the observer hears of it (added and removed in one task).
    await context.addInitScript(() => {
      const seen: Record<string, unknown>[] = [];
      (window as unknown as { __transient: typeof seen }).__transient = seen;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) {
          if (!(n instanceof HTMLElement) || n.isConnected) continue;
          seen.push({ parent: (r.target as Element).localName, ariaHidden: n.getAttribute("aria-hidden"), inert: n.inert, style: n.getAttribute("style"),
            svgs: n.querySelectorAll("svg text").length, cells: n.querySelectorAll("td, th").length });
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const { page, errors } = await open(context);
    await page.waitForFunction(() => (window as unknown as { __transient: unknown[] }).__transient.length > 0, null, { timeout: 10_000 });
    const [warm, ...more] = await page.evaluate(() => (window as unknown as { __transient: Record<string, unknown>[] }).__transient);
    expect(more).toEqual([]);
    expect(warm).toMatchObject({ parent: "jx-explore", ariaHidden: "true", inert: true });
    expect(warm.style).toMatch(/position:\s*absolute.*left:\s*-10000px.*visibility:\s*hidden/);
    expect(warm.svgs).toBeGreaterThan(0);
    expect(warm.cells).toBeGreaterThan(0);
    // Not again: a drop draws the dashboards with the fonts already known.
    await drop(page, [SEED]);
    expect(await page.evaluate(() => (window as unknown as { __transient: unknown[] }).__transient.length)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("its own first view, nothing loaded, is under 150 KB gzip in both languages: the dashboards' code comes with the first file", async () => {
    for (const path of ["explore/", "en/explore/"]) {
      const fv = await firstView(state.browser, state.server.url, path);
      expect(fv.gz, `${path}: ${fv.largest}`).toBeLessThan(150 * 1024);
    }
    const context = await state.browser.newContext();
    const { page, requests } = await open(context);
    const drawn = () => requests.filter((r) => /\/draw\.[\w-]+\.js$/.test(r.url)).length;
    expect(drawn()).toBe(0);
    await drop(page, [SEED]);
    expect(drawn()).toBe(1);
    await context.close();
  });

  it("no built file is over 25 MB, and the overview and unit pages load no engine", async () => {
    const dist = inject("dist");
    const big: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (statSync(p).size > 25 * 1024 * 1024) big.push(p);
      }
    };
    walk(dist);
    expect(big).toEqual([]);
    expect(readdirSync(join(dist, "duckdb"))).toEqual([expect.stringMatching(/^duckdb-eh-[\d.]+\.wasm\.gz$/)]);
    const context = await state.browser.newContext();
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("request", (r) => urls.push(r.url()));
    for (const path of ["", `unit/${unit.id}/${unit.year}/`]) await page.goto(state.server.url + path, { waitUntil: "networkidle" });
    expect(urls.filter((u) => /duckdb|wasm|import-|explore/.test(u))).toEqual([]);
    await context.close();
  });

  it.each([
    ["desktop", 1280],
    ["phone", 375],
  ])("fits a %s screen (%i px) with data loaded, saved as a screenshot", async (name, width) => {
    const context = await state.browser.newContext({ viewport: { width, height: 900 } });
    const { page, errors } = await open(context);
    await drop(page, [SEED]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test/output/explore-${name}.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
