// Each project's PDF report (…/project/{id}/report.pdf), made from a site built from real project
// forms (test/fixtures/site-projects, as projects.test.ts builds it, here with the PDF step): one
// to four tagged A4 pages under 500 KB, every font an embedded subset, and read back with
// pdftotext: the project, its funding to the fen, its completion and the form it came from.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "./harness.ts";

const DATA = "test/fixtures/site-projects";
const projects = Papa.parse<Record<string, string>>(readFileSync(join(DATA, "projects.csv"), "utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
const EXPECT: Record<string, { name: string; text: string[] }> = {
  pe210eef0d8c8c9b4: { name: "委托业务项目", text: ["899,740.00元", "综合得分100.00", "未达目标与未填报的指标（0项）"] },
  p33a16b856d824926: { name: "申遗经费", text: ["875,700.00元", "年中不评等级", "未达目标与未填报的指标（1项）"] },
};
const squash = (s: string) => s.replace(/\s+/g, "");
let out = "";

describe.skipIf(process.env.JIXIAO_PDF === "0")("a project's PDF report", () => {
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), "jixiao-projects-pdf-"));
    build(out, { JIXIAO_DATA: `${DATA}:declared,test/fixtures/site-projects-unit:sample` });
  }, 240_000);

  it.each(Object.entries(EXPECT))("%s: 1–4 tagged pages under 500 KB, fonts subset, its figures and form read back", (id, want) => {
    const p = projects.find((x) => x.project_id === id)!;
    expect(p, id).toBeTruthy();
    for (const lang of ["", "en/"]) {
      const pdf = join(out, lang, "unit", p.unit_id, p.fiscal_year, "project", id, "report.pdf");
      expect(existsSync(pdf), pdf).toBe(true);
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      expect(info).toMatch(/Tagged:\s+yes/);
      const pages = Number(info.match(/Pages:\s+(\d+)/)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(4);
      expect(statSync(pdf).size).toBeLessThan(500_000);
      expect(execFileSync("pdffonts", [pdf], { encoding: "utf8" })).not.toMatch(/Type 3/);
      const text = squash(execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }));
      expect(text.startsWith(squash(want.name))).toBe(true);
      expect(text).toContain(squash(p.source_file.split("/").pop()!));
      if (lang === "") for (const s of want.text) expect(text).toContain(s);
      // The page links it.
      expect(readFileSync(join(pdf, "..", "index.html"), "utf8")).toContain('href="report.pdf"');
    }
  });
});
