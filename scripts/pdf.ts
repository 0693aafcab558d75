// After `astro build`: every unit page and every project page printed to an A4 PDF report beside
// it (dist/unit/{id}/{year}/report.pdf, …/project/{project}/report.pdf), tagged and with an outline,
// the unit, year and data source heading page 1 and in every page's footer beside its page number.
// What prints is the page's print CSS: its printed report (src/views/printReport.ts), two to four
// pages, all text in embedded font subsets (see the print CSS on synthesized bold, and
// src/charts/util.ts on patterns). About 1 s a report on a quiet machine. Uses Debian's Chromium;
// where there is none, the PDF links are taken out of the pages instead of left broken. JIXIAO_PDF=print makes them
// on demand instead: each link becomes a button that prints the page, whose print CSS is the same report.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, launchChromium } from "./chromium.ts";
import { serve } from "./serve.ts";
import { t, type Lang } from "../src/i18n/messages.ts";

const DIST = process.argv[2] ?? "dist";
const LINK = /<p class="pdf-link"[^>]*>[\s\S]*?<\/p>/;

function unitPages(): string[] {
  const out: string[] = [];
  for (const lang of ["", "en/"]) {
    const root = join(DIST, lang, "unit");
    if (!existsSync(root)) continue;
    for (const id of readdirSync(root)) {
      for (const year of readdirSync(join(root, id))) {
        out.push(`${lang}unit/${id}/${year}/`);
        const projects = join(root, id, year, "project");
        if (existsSync(projects)) for (const p of readdirSync(projects)) out.push(`${lang}unit/${id}/${year}/project/${p}/`);
      }
    }
  }
  return out;
}

/**
 * Each page's PDF link made a print button (JIXIAO_PDF=print, for builds too large to print every report: a
 * district's ~66,000 at ~1 s each): the reader's browser prints the page's report from its print CSS. The button
 * shows only with JavaScript (Base.astro's script unhides it); without, the browser's own 打印 prints the same
 * report. Otherwise (no reports made) the link is taken out.
 */
const LINK_INSTEAD = (lang: Lang) => `<p class="pdf-link"><button type="button" data-print hidden>${t(lang, "site.printReport")}</button></p>`;

const pages = unitPages();
const onDemand = process.env.JIXIAO_PDF === "print";
// JIXIAO_PDF=0 skips the reports (quick builds, e.g. tests that do not look at them).
if (onDemand || process.env.JIXIAO_PDF === "0" || !existsSync(CHROMIUM)) {
  for (const p of pages) {
    const file = join(DIST, p, "index.html");
    writeFileSync(file, readFileSync(file, "utf8").replace(LINK, onDemand ? LINK_INSTEAD(p.startsWith("en/") ? "en" : "zh") : ""));
  }
  if (onDemand) console.log(`pdf: ${pages.length} report(s) made on demand (JIXIAO_PDF=print): each page's link is a print button`);
  else console.warn(process.env.JIXIAO_PDF === "0" ? "pdf: skipped (JIXIAO_PDF=0); links removed" : `pdf: ${CHROMIUM} not found — PDF reports skipped and their links removed (apt-get install -y chromium)`);
} else {
  const started = performance.now();
  const { server, url } = await serve({ root: DIST, port: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage();
  for (const p of pages) {
    await page.goto(url + p, { waitUntil: "load" });
    const head = await page.evaluate(() => document.querySelector(".print-header")?.textContent?.trim() ?? document.title);
    const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    // The page's own print header opens page 1; every page's footer names the report and its
    // page, so the header is printed once. Tagged (structure for screen readers) with an
    // outline of the headings.
    await page.pdf({
      path: join(DIST, p, "report.pdf"),
      format: "A4",
      printBackground: true,
      margin: { top: "14mm", bottom: "16mm", left: "14mm", right: "14mm" },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#444;font-family:sans-serif;display:flex;justify-content:space-between"><span>${esc(head)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      tagged: true,
      outline: true,
    });
  }
  await browser.close();
  server.close();
  console.log(`pdf: ${pages.length} report(s) written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
