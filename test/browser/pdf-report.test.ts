// The unit's PDF report, read back as a reader's tools see it (pdfinfo, pdffonts, pdftotext):
// two to four tagged A4 pages under 500 KB, with a structure tree and an outline, every font an
// embedded subset (no Type 3 outlines, which screen readers and text extraction handle badly
// and which made the report ~3 MB), the header once (on page 1; each page's footer names the
// report and its page), no breadcrumb; and what a leader reads: the headline figures, completion,
// the indicators behind target, the budget once and the sources. Needs the reports the build
// writes (not with JIXIAO_PDF=0).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, inject } from "vitest";
import { formatYuan } from "../../src/core/format.ts";
import { importFile } from "../../src/core/import.ts";
import { unitReports } from "../../src/site/progressData.ts";
import { behindTarget } from "../../src/site/progressView.ts";

const seed = importFile("data/raw/000_83bc0b582c527eae.txt", readFileSync("data/raw/000_83bc0b582c527eae.txt"));
const unit = seed.units[0];
const dist = inject("dist");
const squash = (s: string) => s.replace(/\s+/g, "");
const report = unitReports(unit.id, unit.year)[0];

describe.skipIf(process.env.JIXIAO_PDF === "0").each([
  ["zh", "zh", `${dist}/unit/${unit.id}/${unit.year}/report.pdf`, `${unit.name}·${unit.year}年度·已申报`, "概览›"],
  ["en", "en", `${dist}/en/unit/${unit.id}/${unit.year}/report.pdf`, `${unit.name}·${unit.year}·Declared`, "Overview›"],
] as const)("the %s PDF report", (_name, lang, pdf, header, crumb) => {
  const text = () => squash(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }));

  it("is a tagged A4 PDF of 2–4 pages under 500 KB, with a structure tree and an outline", () => {
    expect(existsSync(pdf), pdf).toBe(true);
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(statSync(pdf).size).toBeLessThan(500_000);
    const struct = execFileSync("pdfinfo", ["-struct", pdf], { encoding: "utf8" });
    expect(struct).toMatch(/^\s*H1\b/m);
    expect(struct).toMatch(/^\s*H2\b/m);
    expect(struct).toMatch(/^\s*Table\b/m);
    // An outline (bookmarks: the page's headings) in the document catalogue.
    expect(readFileSync(pdf).includes("/Outlines")).toBe(true);
  });

  it("embeds every font as a subset, none as Type 3 outlines", () => {
    const rows = execFileSync("pdffonts", [pdf], { encoding: "utf8" }).split("\n").slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row, row).not.toMatch(/Type 3/);
      // name type encoding emb sub uni object ID: emb and sub both "yes".
      expect(row, row).toMatch(/\syes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
  });

  it("prints the header once, each page's footer with its number, and no breadcrumb", () => {
    const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim());
    const lines = pages.map((p) => p.split("\n").filter((l) => l.trim()).map(squash));
    // Page 1 opens with the unit's name and carries the header line once, near its top.
    expect(lines[0][0]).toBe(squash(unit.name));
    expect(lines[0].slice(0, 6).filter((l) => l.startsWith(header)).length).toBe(1);
    // Every page ends with the footer: the report's name and "n / N"; no page opens with a header.
    lines.forEach((page, i) => {
      expect(page[page.length - 1], `page ${i + 1}`).toMatch(new RegExp(`^${header.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*${i + 1}/${pages.length}$`));
      if (i > 0) expect(page[0].startsWith(header), `page ${i + 1}`).toBe(false);
    });
    expect(lines.flat().some((l) => l.includes(crumb))).toBe(false);
  });

  it("reads back the headline figures, completion, the behind-target list, the budget once and the sources", () => {
    const all = text();
    // Headline: the budget in 万元 and 元, the execution rate, the score.
    expect(all).toContain(squash(formatYuan(92_787_331_00n, lang)));
    expect(all).toContain(lang === "zh" ? "9,278.73万元" : "¥92.79M");
    expect(report?.execution?.rate).toBeTruthy();
    expect(all).toContain(`${report.execution!.rate}%`);
    expect(all).toContain(report.result.total);
    // Completion, then every indicator behind target, by name, with its status.
    expect(all).toContain(squash(lang === "zh" ? "完成情况（年终绩效自评）" : "Completion (Year-end self-evaluation)"));
    const behind = behindTarget(report);
    expect(behind.length).toBeGreaterThan(0);
    expect(all).toContain(squash(lang === "zh" ? `未达目标与未填报的指标（${behind.length} 项）` : `Indicators behind target or not reported (${behind.length})`));
    for (const x of behind) expect(all).toContain(squash(x.indicator.name ?? x.indicator.level2));
    // The budget table once: its exact 基本支出 line appears once (the headline gives only the total).
    expect(all.split(squash(formatYuan(50_839_284_87n, lang))).length - 1).toBe(1);
    // Sources: the declaration's file and the page's address.
    expect(all).toContain("000_83bc0b582c527eae.txt");
    expect(all).toContain(`/unit/${unit.id}/${unit.year}/`);
  });
});

it.skipIf(process.env.JIXIAO_PDF === "0")("every unit's report, in both languages, is 2–4 pages under 500 KB", () => {
  const pdfs = ["unit", "en/unit"].flatMap((root) => readdirSync(join(dist, root)).flatMap((id) => readdirSync(join(dist, root, id)).map((y) => join(dist, root, id, y, "report.pdf"))));
  expect(pdfs.length).toBeGreaterThan(2);
  for (const pdf of pdfs) {
    const pages = Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)?.[1]);
    expect(pages, pdf).toBeGreaterThanOrEqual(2);
    expect(pages, pdf).toBeLessThanOrEqual(4);
    expect(statSync(pdf).size, pdf).toBeLessThan(500_000);
  }
});
