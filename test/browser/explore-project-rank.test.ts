// The year's projects ranked across units in the workspace: a generated district (bench/district.ts, 26
// illustrative units × 2 projects a year, so the ranking has two pages) dropped as canonical CSV is ranked
// byte for byte as the site built from the same tables ranks it on /compare/year/{year}/projects/{key}/{n}/
// — once what differs by design (where a link goes) is set aside; the pager turns the page in place, with
// the view in the address (a reload opens on it) and the reader told; a project of another unit opens with
// its unit's dashboard. Screenshots at 1280 and 375 px go to test/output/.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Browser, Page } from "playwright-core";
import { axeViolations, build, launch, site } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { firstDifference } from "./sections.ts";
import { district, TABLES, writeDistrict } from "../../bench/district.ts";
import { PAGE_PROJECTS } from "../../src/site/projectRank.ts";

const tmp = mkdtempSync(join(tmpdir(), "jixiao-project-rank-"));
const csv = join(tmp, "csv");
const data = district({ units: 26, projects: 2 });
const YEAR = Math.max(...data.projects!.map((p) => p.year));
const inYear = data.projects!.filter((p) => p.year === YEAR);
let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;

beforeAll(async () => {
  writeDistrict(data, csv);
  const out = join(tmp, "dist");
  build(out, { JIXIAO_DATA: `${csv}:sample`, JIXIAO_PDF: "0" });
  server = await site(out);
  browser = await launch();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

/** The ranking's view (lede, pager, table) as the browser serialises it, where its links go set aside. */
const ranking = (page: Page, root: string) => page.evaluate((root) => {
  const box = document.querySelector(root)!;
  const start = box.querySelector(":scope > p.lede")!;
  const parts: string[] = [];
  for (let n: Element | null = start; n; n = n.nextElementSibling) {
    const copy = n.cloneNode(true) as Element;
    for (const a of copy.querySelectorAll("a")) for (const at of ["href", "data-action", "data-project", "data-unit"]) a.removeAttribute(at);
    parts.push(copy.outerHTML);
  }
  return parts.join("\n");
}, root);

it("ranks the year's projects in the workspace byte for byte as the published pages, a page at a time", async () => {
  expect(inYear.length).toBeGreaterThan(PAGE_PROJECTS);
  // bypassCSP lets the test inject axe; the page itself stays under its CSP.
  const context = await browser.newContext({ bypassCSP: true });
  const { page, errors, foreign } = await openExplore(context, `${server.url}explore/`);
  await dropFiles(page, TABLES.map((t) => join(csv, `${t}.csv`)));
  const unit = data.units.find((u) => u.year === YEAR)!;
  await page.selectOption('[data-x="unit-select"]', `${unit.id}|${YEAR}`);
  const box = '[data-x="project-rank"]';
  await page.waitForSelector(`${box} table`, { timeout: 60_000 });
  const heading = page.locator("#x-project-rank");
  expect(await heading.innerText()).toBe(`${YEAR} 年度项目跨单位排名（${inYear.length} 个项目）`);
  // Illustrative data, said once beside the ranking as everywhere in the workspace.
  expect(await page.locator("#x-project-rank + p.lede .badge.sample").count()).toBe(1);
  expect(await page.locator(`${box} .badge.sample`).count()).toBe(0);

  const site = await context.newPage();
  const same = async (path: string, what: string) => {
    await site.goto(server.url + path);
    const shown = await ranking(page, box);
    expect(shown.match(/<tr /g)?.length, what).toBeGreaterThan(1);
    expect(firstDifference(shown, await ranking(site, "jx-compare")), what).toBeNull();
  };
  await same(`compare/year/${YEAR}/projects/`, "page 1 by budget");

  // 第 2 页: turned in place, the reader taken to the ranking's heading and told which page it shows.
  await page.locator(`${box} nav.cmp-pager a`, { hasText: "第 2 页" }).click();
  await expect.poll(() => page.locator(`${box} caption`).innerText()).toContain("第 2 / 2 页");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("x-project-rank");
  expect(await page.locator('[data-x="project-rank-status"]').textContent()).toContain("第 2 / 2 页");
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  expect([hash.get("rank"), hash.get("page"), hash.get("unit")]).toEqual(["budget", "2", unit.id]);
  await same(`compare/year/${YEAR}/projects/budget/2/`, "page 2 by budget");
  expect(await page.locator(`${box} tbody tr`).count()).toBe(inYear.length - PAGE_PROJECTS);
  expect(await axeViolations(page)).toEqual([]);

  // Another order, from its first page.
  await page.locator(`${box} nav.cmp-pager a`, { hasText: "预算执行率" }).click();
  await expect.poll(() => page.locator(`${box} caption`).innerText()).toContain("按预算执行率排名（第 1 / 2 页）");
  await same(`compare/year/${YEAR}/projects/rate/1/`, "page 1 by rate");

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator("#x-project-rank").scrollIntoViewIfNeeded();
    mkdirSync("test/output", { recursive: true });
    await page.screenshot({ path: `test/output/explore-project-rank-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A reload (the files kept in this browser) opens on the same page of the same order.
  await page.waitForFunction(() => document.querySelector("jx-explore")?.getAttribute("data-saved") === String(7), null, { timeout: 60_000 });
  await page.reload();
  await page.waitForSelector(`${box} table`, { timeout: 120_000 });
  await expect.poll(() => page.locator(`${box} caption`).innerText(), { timeout: 60_000 }).toContain("按预算执行率排名（第 1 / 2 页）");

  // A project of another unit opens with that unit's dashboard, its own below it.
  const other = inYear.find((p) => p.unitId !== unit.id)!;
  await page.locator(`${box} a[data-project="${other.id}"]`).click();
  await page.waitForFunction((id) => new URLSearchParams(location.hash.slice(1)).get("project") === id && document.querySelector('[data-x="project"] [data-section="findings"]'), other.id, { timeout: 60_000 });
  expect(await page.locator(".x-project-title").innerText()).toContain(other.name);
  expect(await page.locator(".x-unit-title").innerText()).toContain(data.units.find((u) => u.id === other.unitId)!.name);
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("x-project-title");
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);
