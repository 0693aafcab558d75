// Each unit's page prints as a clean A4 report: the PDF written at build time has
// sensible page count and carries the unit, year, source, budget and indicators.
import { describe, expect, inject, it } from "vitest";
import { useSite } from "./harness.ts";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { importFile } from "../../src/core/import.ts";

const seed = importFile("data/raw/000_83bc0b582c527eae.txt", readFileSync("data/raw/000_83bc0b582c527eae.txt"));
const unit = seed.units[0];
const dist = inject("dist");
const pdf = `${dist}/unit/${unit.id}/${unit.year}/report.pdf`;

it("the build writes an A4 PDF report per unit, linked from its page", () => {
  expect(existsSync(pdf), "report.pdf missing").toBe(true);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
  // The printed report, not the whole page: two to four pages (pdf-report.test.ts reads it closely).
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(4);
  expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
  const html = readFileSync(`${dist}/unit/${unit.id}/${unit.year}/index.html`, "utf8");
  expect(html).toContain('href="report.pdf"');
});

it("the PDF carries the header, the exact budget and every indicator, without the interactive chrome", () => {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  expect(text).toContain(`${unit.name}·${unit.year}年度·已申报`);
  expect(text).toContain("92,787,331.00元");
  expect(text).toContain("50,839,284.87元");
  for (const ind of seed.indicators.filter((i) => i.name)) expect(text).toContain(ind.name!.replace(/\s+/g, ""));
  expect(text).not.toContain("下载A4打印版");
  expect(text).not.toContain("跳到正文");
});

// Printing the progress page from the browser (print CSS: folded tables stay folded, data tables
// under the charts are left to the CSV) is a few pages, not twenty; and printing a unit page is
// its report, as report.pdf.
describe("printing from the browser", () => {
  const ctx = useSite();
  const pages = (pdf: Buffer) => Number(execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" }).match(/Pages:\s+(\d+)/)?.[1]);
  it.each([
    ["the progress page", `unit/${unit.id}/${unit.year}/progress/`, 6],
    ["the English progress page", `en/unit/${unit.id}/${unit.year}/progress/`, 6],
    ["the unit page", `unit/${unit.id}/${unit.year}/`, 4],
  ])("%s prints on A4 in a few pages (%s, at most %i)", async (_what, path, most) => {
    const page = await ctx.browser.newPage();
    await page.goto(ctx.server.url + path);
    const n = pages(await page.pdf({ format: "A4", tagged: true }));
    await page.close();
    expect(n, path).toBeGreaterThanOrEqual(1);
    expect(n, path).toBeLessThanOrEqual(most);
  });
});
