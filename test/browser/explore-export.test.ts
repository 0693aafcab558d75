// Large exports on /explore/: a query's whole result as XLSX is streamed into
// the file (no 200,000-row cap), moves the progress bar, and 取消 stops it with
// no file and no error.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { strFromU8, unzipSync } from "fflate";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { useSite } from "./harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const state = useSite();

async function runSql(page: Page, sql: string) {
  await page.fill('[data-x="sql-input"]', sql);
  await page.click('[data-x="sql-run"]');
  await page.waitForFunction(() => !document.querySelector('[data-x="sql-result"] [role=status]')?.textContent?.includes("…"), null, { timeout: 60_000 });
}

describe("XLSX export of a large query result", () => {
  it("writes every row (300,000) with exact decimals, then 取消 stops the next one with no file and no alert", async () => {
    const context = await state.browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openExplore(context, `${state.server.url}explore/`);
    const dialogs: string[] = [];
    page.on("dialog", (d) => dialogs.push(d.message()));
    await dropFiles(page, [SEED]);
    const sql = "SELECT i, CAST(i / 100.0 AS DECIMAL(18,2)) AS amount, '单位' || i AS name FROM range(300000) t(i)";
    await runSql(page, sql);
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.click('[data-x="sql-result"] button:text("XLSX")')]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]);
    expect(xml.match(/<row /g)?.length).toBe(300_001);
    expect(xml).toContain(`<row r="300001"><c r="A300001"><v>299999</v></c><c r="B300001" s="4"><v>2999.99</v></c><c r="C300001" t="inlineStr"><is><t xml:space="preserve">单位299999</t></is></c></row>`);

    // A bigger one, cancelled while it runs: the bar moved, then nothing is saved.
    await runSql(page, "SELECT i, 'x' || i AS t FROM range(1000000) t(i)");
    let saved = false;
    page.on("download", () => (saved = true));
    await page.click('[data-x="sql-result"] button:text("XLSX")');
    await page.waitForFunction(() => Number((document.querySelector('[data-x="bar"]') as HTMLProgressElement | null)?.value ?? 0) > 0, null, { timeout: 60_000, polling: 20 });
    await page.click('[data-x="cancel"]');
    await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-busy") === "false", null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    expect(saved).toBe(false);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
