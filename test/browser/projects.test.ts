// A site built from real project forms (test/fixtures/site-projects): each project has its page, in
// both languages, with its name, its funding to the fen, its indicators and its completion (a score and
// grade, 未填报, or a monitoring form's pace — never graded); the unit page links to it; axe finds no
// violation; JavaScript off still shows the figures. Screenshots at 1280 and 375 px go to test/output/.
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Papa from "papaparse";
import type { Browser } from "playwright-core";
import { axeViolations, build, launch, site, watchedPage, unfold } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";
import { firstDifference, sections } from "./sections.ts";

const DATA = "test/fixtures/site-projects";
const csv = (table: string) => Papa.parse<Record<string, string>>(readFileSync(join(DATA, `${table}.csv`), "utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
const projects = csv("projects");
const indicators = csv("indicators");

/** What each page must show, as the forms print it (test/fixtures/real/README.md). */
const EXPECT: Record<string, { name: string; money: string[]; completion: string[]; absent?: string[] }> = {
  pe210eef0d8c8c9b4: { name: "委托业务项目", money: ["900,000.00 元", "899,740.00 元"], completion: ["100.00", "优"] },
  p5544bfaea8ef30a9: { name: "工资性支出", money: ["2,389,300.00 元", "2,518,900.00 元"], completion: ["未填报"], absent: ["差"] },
  p33a16b856d824926: { name: "申遗经费", money: ["2,200,000.00 元", "875,700.00 元"], completion: ["39.80%", "序时进度 50.00%", "确定能"], absent: ["综合得分"] },
  p60e6c9a824e8a82b: { name: "教育系统基础设施建设和设备购置", money: ["100,000,000.00 元"], completion: ["申报表只有目标"] },
};

let browser: Browser;
let server: Awaited<ReturnType<typeof site>>;
const pathOf = (p: Record<string, string>) => `unit/${p.unit_id}/${p.fiscal_year}/project/${p.project_id}/`;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), "jixiao-projects-dist-"));
  // With the invented (示例数据) budget of form 14's unit, whose 项目支出 the one loaded project does not fill.
  build(out, { JIXIAO_DATA: `${DATA}:declared,test/fixtures/site-projects-unit:sample`, JIXIAO_PDF: "0" });
  server = await site(out);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.server.close();
});

it("the fixture holds the four projects the test expects", () => {
  expect(projects.map((p) => p.project_id).sort()).toEqual(Object.keys(EXPECT).sort());
});

it("each project page shows its name, funding to the fen, its indicators and its completion, and its unit page links to it", async () => {
  const context = await browser.newContext();
  const { page, foreign, errors } = await watchedPage(context, new URL(server.url).origin);
  for (const p of projects) {
    const want = EXPECT[p.project_id];
    const response = await page.goto(server.url + pathOf(p));
    expect(response?.status(), pathOf(p)).toBe(200);
    expect(await page.locator("h1").innerText()).toBe(want.name);
    const main = await page.locator("main").innerText();
    for (const text of [...want.money, ...want.completion, p.supervisor]) expect(main, `${p.project_id}: ${text}`).toContain(text);
    for (const text of want.absent ?? []) expect(await page.locator("#completion ~ section").allInnerTexts().then((s) => s.join(" ")), `${p.project_id}: ${text}`).not.toContain(text);
    const own = indicators.filter((i) => i.project_id === p.project_id);
    expect(await page.locator('main tr[id^="ind-"]').count(), p.project_id).toBe(own.length);
    await unfold(page); // the indicator groups are folded to their headings
    for (const i of own) if (i.name) expect(await page.locator(`[id="ind-${i.indicator_id}"]`).innerText()).toContain(i.name);
    await page.goto(server.url + `unit/${p.unit_id}/${p.fiscal_year}/`);
    const link = page.locator(`main a[href$="/project/${p.project_id}/"]`);
    expect(await link.innerText()).toBe(want.name);
    await page.goto(server.url + "en/" + pathOf(p));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").innerText()).toBe(want.name);
    expect(await page.locator("main").innerText()).toContain(want.money[0].replace(/^(.*) 元$/, "¥$1"));
  }
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

it("the unit page sets its loaded projects against its 项目支出 and says not all are loaded, to the fen", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "unit/uc33a21ac1e7e067f/2020/");
  expect(await page.locator("main").innerText()).toContain("已读入项目合计 100,000,000.00 元，少于申报的项目支出 150,000,000.00 元：尚未读入全部项目");
  expect(await page.locator('main a[href$="/project/p60e6c9a824e8a82b/"]').count()).toBe(1);
  // A unit known only from its project form has no empty budget section.
  await page.goto(server.url + "unit/ua9eced17b86628fb/2022/");
  expect(await page.locator("#budget").count()).toBe(0);
  expect(await page.locator("main").innerText()).toContain("仅读入项目支出表");
  await context.close();
});

it("the search index holds each project with the link to its page", async () => {
  // The index is split (src/site/searchIndex.ts): every entry is in one of the chunks its manifest counts.
  const get = async (name: string) => (await fetch(`${server.url}search-index/${name}.json`)).json();
  const manifest = (await get("manifest")) as { chunks: number };
  const entries = (await Promise.all(Array.from({ length: manifest.chunks }, (_, i) => get(`e-${i}`)))).flat() as { k: string; t: string; p: string }[];
  for (const p of projects) expect(entries).toContainEqual(expect.objectContaining({ k: "p", t: EXPECT[p.project_id].name, p: pathOf(p) }));
});

it("a graded project's chart and figures show with JavaScript off", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + pathOf(projects.find((p) => p.project_id === "pe210eef0d8c8c9b4")!));
  expect(await page.locator("main figure.chart svg").count()).toBeGreaterThan(0);
  expect(await page.locator("main").innerText()).toContain("899,740.00 元");
  await context.close();
});

it("project and unit pages have no axe violation at 1280 and 375 px, and are saved as screenshots", async () => {
  mkdirSync("test/output", { recursive: true });
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const paths = [...projects.flatMap((p) => [pathOf(p), `en/${pathOf(p)}`]), ...projects.map((p) => `unit/${p.unit_id}/${p.fiscal_year}/`), "search/"];
  const report: string[] = [];
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of paths) {
      await page.goto(server.url + path);
      for (const v of await axeViolations(page)) report.push(`/${path} @${width}px ${v}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `/${path} @${width}px scrolls sideways`).toBeLessThanOrEqual(width);
      if (!path.startsWith("search")) await page.screenshot({ path: `test/output/projects-${path.replace(/\/+/g, "_")}${width}.png`, fullPage: true });
    }
  }
  expect(report).toEqual([]);
  await context.close();
}, 300_000);

it("the workspace opens a project of the unit shown with the project page's dashboard, byte for byte, and closes it back to the list", async () => {
  const context = await browser.newContext();
  const { page, errors, foreign } = await openExplore(context, `${server.url}explore/`);
  await dropFiles(page, readdirSync(DATA).filter((f) => f.endsWith(".csv")).map((f) => join(DATA, f)));
  const site = await context.newPage();
  for (const id of ["pe210eef0d8c8c9b4", "p33a16b856d824926", "p5544bfaea8ef30a9"]) {
    const p = projects.find((x) => x.project_id === id)!;
    await page.selectOption('[data-x="unit-select"]', `${p.unit_id}|${p.fiscal_year}`);
    const open = page.locator(`[data-x="unit"] [data-action="project"][data-project="${id}"]`);
    await open.click({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[data-x="project"] [data-section="findings"]'), null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("x-project-title");
    expect(new URL(page.url()).hash).toContain(`project=${id}`);
    const workspace = await sections(page, '[data-x="project"]', 2, false);
    await site.goto(server.url + pathOf(p));
    const published = await sections(site, "main", 0, false);
    expect(Object.keys(workspace), id).toEqual(["funding", ...(p.goals_annual || p.goals_long ? ["goals"] : []), "indicators", "completion", "findings"]);
    expect(Object.keys(workspace), id).toEqual(Object.keys(published));
    for (const key of Object.keys(published)) expect(firstDifference(workspace[key], published[key]), `${id}: ${key}`).toBeNull();
    await page.click('[data-action="project-close"]');
    await expect.poll(() => page.locator('[data-x="project"]').isHidden()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.project)).toBe(id);
  }
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
  await context.close();
}, 300_000);
