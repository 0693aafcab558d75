// /explore/ opens one unit of the site's published Parquet tables by range
// requests (src/explore/remoteView.ts → parquetRemote.ts): every request for a
// .parquet file carries a Range header, the unit's rows land in the workspace's
// tables as the published CSV files would, and a host that ignores ranges is said
// (in Chinese) with nothing loaded.
import { inject, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../../scripts/serve.ts";
import { useSite } from "./harness.ts";
import { consoleCells, openExplore } from "./explore.harness.ts";

const state = useSite();

describe("/explore/ reads one unit of the published Parquet by ranges", () => {
  it("loads the chosen unit-year's rows, every .parquet request a range", async () => {
    const context = await state.browser.newContext();
    const { page, foreign, errors } = await openExplore(context, `${state.server.url}explore/`);
    const parquet: { url: string; range: string | undefined }[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(".parquet")) parquet.push({ url: r.url(), range: r.headers()["range"] });
    });
    await page.click('[data-x="remote-open"]');
    await page.waitForFunction(() => !(document.querySelector('[data-x="remote-unit"]') as HTMLSelectElement | null)?.disabled);
    const year = await page.inputValue('[data-x="remote-year"]');
    const options = await page.locator('[data-x="remote-unit"] option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(options.length).toBeGreaterThan(1);
    // A declared unit of that year (its budget total is in the published budget.csv too).
    const csv = readFileSync(join(inject("dist"), "data/canonical/budget.csv"), "utf8").split(/\r?\n/);
    const line = (uid: string) => csv.find((l) => l.includes(`,${uid},${year},total,`));
    const [id, name] = options.find(([v]) => line(v!))!;
    await page.selectOption('[data-x="remote-unit"]', id!);
    await page.click('[data-x="remote-load"]');
    await page.waitForFunction(() => document.querySelector('[data-x="remote-status"]')?.textContent?.includes("行组"));
    await page.waitForFunction(() => {
      const el = document.querySelector("jx-explore");
      return el?.getAttribute("data-busy") === "false" && el.getAttribute("data-state") === "shown";
    }, null, { timeout: 120_000 });
    expect(await page.textContent('[data-x="remote-status"]')).toContain(`已读取“${name}”`);
    expect(await consoleCells(page, "SELECT unit_id || ' ' || fiscal_year FROM units")).toEqual([`${id} ${year}`]);
    // The unit's budget lines as the whole Parquet file holds them, to the fen.
    const manifest = JSON.parse(readFileSync(join(inject("dist"), "data/parquet/manifest.json"), "utf8")) as { files: { path: string; table: string; fiscal_year: number }[] };
    expect(manifest.files.some((f) => f.table === "budget" && String(f.fiscal_year) === year)).toBe(true);
    const inPage = await consoleCells(page, "SELECT CAST(sum(amount) AS VARCHAR) FROM budget WHERE kind = 'total'");
    expect(inPage).toHaveLength(1);
    expect(line(id!)).toContain(`,${inPage[0]},`);
    expect(parquet.length).toBeGreaterThan(0);
    expect(parquet.filter((r) => !r.range)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it("says so when the host ignores ranges, and loads nothing", async () => {
    const { server, url } = await serve({ root: inject("dist"), port: 0, ranges: false });
    try {
      const context = await state.browser.newContext();
      const { page, errors } = await openExplore(context, `${url}explore/`);
      await page.click('[data-x="remote-open"]');
      await page.waitForFunction(() => document.querySelector('[data-x="remote-status"]')?.getAttribute("role") === "alert" && document.querySelector('[data-x="remote-status"]')?.textContent);
      expect(await page.textContent('[data-x="remote-status"]')).toContain("本站的服务器不支持范围请求（对 Range: bytes=0-7 的回应为 200）");
      expect(await page.locator('[data-x="remote-unit"]').isDisabled()).toBe(true);
      expect(await page.getAttribute("jx-explore", "data-state")).toBe("empty");
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 120_000);
});
