// A site built from hostile data: markup in a unit name and in indicators stays
// text, and no script from the data ever runs.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Browser } from "playwright-core";
import { build, launch, site, watchedPage } from "./harness.ts";
import { main } from "../../src/cli/main.ts";

const NAME = `<script>window.__pwned=1</script>某单位<img src=x onerror="window.__pwned=2">`;
let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;

beforeAll(async () => {
  const data = mkdtempSync(join(tmpdir(), "jixiao-hostile-"));
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(join(data, "units.csv"), `unit_id,unit_name,fiscal_year,duties\r\nuevil,${q(NAME)},2026,${q("<p>职责</p><script>window.__pwned=3</script>")}\r\n`);
  writeFileSync(join(data, "budget.csv"), `line_id,unit_id,fiscal_year,kind,item,amount\r\nb1,uevil,2026,total,${q("<b>总额</b>")},100.00\r\nb2,uevil,2026,source,财政拨款,100.00\r\n`);
  writeFileSync(join(data, "indicators.csv"), `indicator_id,unit_id,fiscal_year,ord,level1,level2,name,target\r\ni1,uevil,2026,1,产出指标,数量指标,${q('<img src=x onerror="window.__pwned=4">')},${q("=HYPERLINK(\"http://x\",\"y\")")}\r\n`);
  // The real pipeline: hand-made tables → importer → canonical files → build.
  const canonical = join(data, "canonical");
  const quiet = { out: () => {}, err: (s: string) => process.stderr.write(s) };
  expect(await main(["import", join(data, "units.csv"), join(data, "budget.csv"), join(data, "indicators.csv"), "--out", canonical], quiet)).toBe(0);
  const out = mkdtempSync(join(tmpdir(), "jixiao-hostile-dist-"));
  build(out, { JIXIAO_DATA: `${canonical}:declared`, JIXIAO_PDF: "0" });
  server = await site(out);
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

it("markup from data files is shown as text and never runs", async () => {
  const context = await browser.newContext();
  const { page, foreign } = await watchedPage(context, new URL(server.url).origin);
  for (const path of ["", "unit/uevil/2026/"]) {
    await page.goto(server.url + path);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main").innerText()).toContain("某单位");
    expect(await page.locator("main img").count()).toBe(0);
  }
  // The importer turns markup into plain text; whatever is left is shown as text, never as elements.
  expect(await page.locator("h1").innerText()).toContain("某单位");
  expect(await page.locator("main script, main img, main b").count()).toBe(0);
  expect(await page.locator("main").innerText()).toContain('=HYPERLINK("http://x","y")');
  expect(foreign).toEqual([]);
  await context.close();
});
