// Each unit's page prints as a clean A4 report: the PDF written at build time has
// sensible page count and carries the unit, year, source, budget and indicators.
import { expect, inject, it } from "vitest";
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
