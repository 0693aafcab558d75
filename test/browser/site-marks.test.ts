// 示例数据 marked once, in one style, on every built page (zh and en), JavaScript off.
//
// The contract the pages keep (docs/… and src/styles/site.css say the same):
// - the one mark is an element of class `badge sample` (示例数据 / Illustrative data);
//   no other element shows that label as a badge, and charts draw none of their own;
// - every figure from illustrative data (a sample unit-year's budget, a sample report's
//   预算执行率, 全年预算数, 执行数 and score) sits inside an element with `data-sample`:
//   either that element holds a mark before the figure (a page, a section, a row), or
//   `data-sample="ID"` names the element that does (a column's header);
// - a page carries few marks: a page or section mark where all of it is illustrative,
//   a row or column mark where rows mix.
//
// The figures are found by their text, as the pages format them, from the same data the
// build reads; a figure that is also a declared figure is left out (it could be either).
import { appendFileSync } from "node:fs";
import { describe, expect, it, inject } from "vitest";
import { formatWan, formatYuan, type Lang } from "../../src/core/format.ts";
import { scoreProgress } from "../../src/core/progress/report.ts";
import { unitTotals } from "../../src/core/rollup.ts";
import { siteDataset } from "../../src/site/dataset.ts";
import { useSite } from "./harness.ts";
import { builtPages, isViewLayerPage } from "./pages.ts";

const ctx = useSite();

/** At most this many marks on one page. */
const MAX_MARKS = 3;

function needles(): string[] {
  const data = siteDataset();
  const sample = new Set<string>();
  const declared = new Set<string>();
  const money = (fen: bigint | null, into: Set<string>) => {
    if (fen === null || fen === 0n) return;
    for (const lang of ["zh", "en"] as Lang[]) {
      into.add(formatYuan(fen, lang));
      into.add(formatWan(fen, lang));
    }
  };
  for (const year of [...new Set(data.units.map((u) => u.year))]) {
    for (const u of unitTotals(data, year)) money(u.totalFen, u.sample ? sample : declared);
  }
  for (const r of scoreProgress(data).reports) {
    if (r.status !== "sample") continue;
    if (r.execution) {
      money(r.execution.budgetFullYearFen, sample);
      money(r.execution.executedFen, sample);
      if (r.execution.rate) sample.add(`${r.execution.rate}%`);
    }
    if (r.filled && r.period === "yearend") sample.add(r.result.total);
  }
  return [...sample].filter((s) => !declared.has(s));
}

interface PageMarks {
  unmarked: string[];
  marks: number;
  otherStyles: string[];
}

/** Runs in the page: unmarked illustrative figures, the number of marks, labels shown as a badge of another kind. */
function inspect([needles, print]: [string[], boolean]): PageMarks {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A figure stands alone: not part of a longer number.
  const patterns = needles.map((n) => ({ n, re: new RegExp(`(?<![\\d.,])${esc(n)}(?![\\d])`) }));
  const LABELS = new Set(["示例数据", "Illustrative data", "示例", "Illustrative"]);
  const isMark = (el: Element) => el.matches(".badge.sample");
  const markBefore = (holder: Element, node: Node) =>
    [...(isMark(holder) ? [holder] : []), ...holder.querySelectorAll(".badge.sample")].some(
      (m) => m.contains(node) || (m.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    );
  const marked = (node: Node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (!el.hasAttribute("data-sample")) continue;
      const ref = el.getAttribute("data-sample");
      const holder = ref ? document.getElementById(ref) : el;
      if (holder && markBefore(holder, node)) return true;
    }
    return false;
  };
  const where = (node: Node) => {
    const parts: string[] = [];
    for (let el = node.parentElement; el && el !== document.body && parts.length < 4; el = el.parentElement) {
      parts.unshift(el.id ? `${el.localName}#${el.id}` : el.classList.length ? `${el.localName}.${[...el.classList].join(".")}` : el.localName);
    }
    return parts.join(" > ");
  };
  // What the reader is shown in this medium: on screen all but the printed report (hidden
  // there); on paper (print CSS) what is displayed, the report instead of the screen sections.
  const displayed = (el: Element) => {
    for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).display === "none") return false;
    return true;
  };
  const skipped = (el: Element | null) => !!el && (print ? !displayed(el) : !!el.closest(".print-report"));
  const unmarked: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? "";
    if (node.parentElement?.closest("script, style")) continue;
    if (skipped(node.parentElement)) continue;
    for (const { n, re } of patterns) {
      if (re.test(text) && !marked(node)) unmarked.push(`${n} in ${where(node)}: “${text.trim().slice(0, 60)}”`);
    }
  }
  const svgMarks = document.querySelectorAll("svg .jx-sample-badge");
  const otherStyles = [...document.querySelectorAll("body *")]
    .filter((el) => LABELS.has((el.textContent ?? "").trim()) && !isMark(el) && !el.querySelector(".badge.sample") && !el.closest(".badge.sample"))
    .filter((el) => !el.closest("svg") || el.closest(".jx-sample-badge"))
    // A filter's choice (an <option>, or a radio's label in a form's fieldset: search's 数据来源) names the kind of data; it marks no figure.
    .filter((el) => el.localName !== "title" && el.localName !== "option" && !el.closest("form fieldset"))
    .map((el) => where(el.firstChild ?? el) || el.localName);
  const marks = [...document.querySelectorAll(".badge.sample")].filter((m) => !skipped(m)).length;
  return { unmarked: [...new Set(unmarked)], marks: marks + svgMarks.length, otherStyles: [...new Set(otherStyles)] };
}

const all = builtPages(inject("dist"));
const list = needles();

async function check(paths: string[], media: "screen" | "print" = "screen") {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.emulateMedia({ media });
  const report: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(ctx.server.url + path);
    const r = await page.evaluate(inspect, [list, media === "print"] as [string[], boolean]);
    const lines = [
      ...r.unmarked.map((u) => `unmarked ${u}`),
      ...r.otherStyles.map((o) => `another badge style: ${o}`),
      ...(r.marks > MAX_MARKS ? [`${r.marks} marks (at most ${MAX_MARKS})`] : []),
    ];
    if (lines.length) report[`/${path}`] = lines;
  }
  await context.close();
  // MARKS_OUT=file appends the whole report as JSON (the assertion's diff is cut short).
  if (process.env.MARKS_OUT) appendFileSync(process.env.MARKS_OUT, `${JSON.stringify(report, null, 1)}\n`);
  return report;
}

describe("示例数据 on every built page", () => {
  it("the data has illustrative figures to look for, and the site has pages of both kinds", () => {
    expect(list.length).toBeGreaterThan(50);
    expect(all).toContain("");
    expect(all).toContain("en/compare/year/2026/");
    expect(all.filter(isViewLayerPage).length).toBeGreaterThan(0);
  });

  it("every illustrative figure carries the one mark, and each page has few marks", async () => {
    expect(await check(all.filter((p) => !isViewLayerPage(p)))).toEqual({});
  }, 300_000);

  // The unit, progress and project pages, drawn by the view layer (src/views/): their charts draw
  // no badge of their own (the page or the workspace's unit header says it once).
  it("the unit, progress and project pages keep it too", async () => {
    expect(await check(all.filter(isViewLayerPage))).toEqual({});
  }, 300_000);

  // On paper a unit page prints its report (src/views/printReport.ts) instead of its screen
  // sections, and report.pdf is that print: the same contract holds there.
  it("the unit pages' printed reports keep it too", async () => {
    const units = all.filter((p) => /^(en\/)?unit\/[^/]+\/\d{4}\/$/.test(p));
    expect(units.length).toBeGreaterThan(2);
    expect(await check(units, "print")).toEqual({});
  }, 300_000);
});
