// One language per page, on every built page, JavaScript off:
// - on an English page (/en/…) no Chinese text outside an element marked lang="zh-CN" —
//   data such as unit names stays Chinese, but is marked so (screen readers switch voice,
//   the browser picks the CJK font and line breaking);
// - on a Chinese page no English sentence (three words or more in a row) outside an element
//   marked lang="en" — an interface message left in English, such as a rule's English text;
// - every page has one h1.
// The text of an SVG chart's <title> and <desc> (an accessible name, which is plain text and
// cannot mark a part of itself) is left out; the chart's visible text is not.
import { appendFileSync } from "node:fs";
import { describe, expect, it, inject } from "vitest";
import { useSite } from "./harness.ts";
import { builtPages, isViewLayerPage } from "./pages.ts";

const ctx = useSite();

interface PageLanguage {
  /** Text in the other language, with where it is. */
  foreign: string[];
  /** The same, inside a chart's figure (ChartFigure.astro: its caption, summary and data table). */
  inCharts: string[];
  h1: number;
}

/** Runs in the page. */
function inspect(): PageLanguage {
  const pageLang = document.documentElement.lang;
  const english = pageLang === "en";
  const han = /\p{Script=Han}/u;
  // An English sentence: three words in a row (a term such as DuckDB-wasm or CSV is not one).
  const sentence = /[A-Za-z]{2,}[,:]?\s+[A-Za-z]{2,}[,:]?\s+[A-Za-z]{2,}/;
  const where = (el: Element | null) => {
    const parts: string[] = [];
    for (; el && el !== document.body && parts.length < 3; el = el.parentElement) {
      parts.unshift(el.id ? `${el.localName}#${el.id}` : el.classList.length ? `${el.localName}.${[...el.classList].slice(0, 2).join(".")}` : el.localName);
    }
    return parts.join(" > ");
  };
  const foreign: string[] = [];
  const inCharts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, noscript, title, desc")) continue;
    const into = el.closest("figure.chart") ? inCharts : foreign;
    const text = (node.textContent ?? "").trim();
    if (!text) continue;
    const lang = el.closest("[lang]")?.getAttribute("lang") ?? pageLang;
    if (english && lang !== "zh-CN" && han.test(text)) into.push(`zh in ${where(el)}: “${text.slice(0, 50)}”`);
    // Code (an SQL query, a file name) is neither language.
    if (!english && !lang.startsWith("en") && !el.closest("code, pre, textarea, kbd") && sentence.test(text)) into.push(`en in ${where(el)}: “${text.slice(0, 50)}”`);
  }
  return { foreign: [...new Set(foreign)], inCharts: [...new Set(inCharts)], h1: document.querySelectorAll("h1").length };
}

const all = builtPages(inject("dist"));

async function check(paths: string[], part: "foreign" | "inCharts" | "both" = "foreign") {
  const context = await ctx.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const report: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(ctx.server.url + path);
    const r = await page.evaluate(inspect);
    const lines = [
      ...(part === "inCharts" ? [] : r.foreign),
      ...(part === "foreign" ? [] : r.inCharts.map((c) => `chart: ${c}`)),
      ...(part === "inCharts" || r.h1 === 1 ? [] : [`${r.h1} h1 elements`]),
    ];
    if (lines.length) report[`/${path}`] = lines;
  }
  await context.close();
  // LANG_OUT=file appends the whole report as JSON (the assertion's diff is cut short).
  if (process.env.LANG_OUT) appendFileSync(process.env.LANG_OUT, `${JSON.stringify(report, null, 1)}\n`);
  return report;
}

describe("one language per page", () => {
  it("finds both languages' pages to look at", () => {
    expect(all.filter((p) => p.startsWith("en/")).length).toBeGreaterThan(10);
    expect(all.filter((p) => !p.startsWith("en/")).length).toBeGreaterThan(10);
  });

  it("every page speaks one language, marks data in the other, and has one h1", async () => {
    expect(await check(all.filter((p) => !isViewLayerPage(p)))).toEqual({});
  }, 300_000);

  // The unit, progress and project pages and the chart figure every page shows are drawn by the
  // view layer (src/views/), which marks data text through src/views/text.ts.
  it("the unit, progress and project pages do too", async () => {
    expect(await check(all.filter(isViewLayerPage), "both")).toEqual({});
  }, 300_000);

  it("so do the chart figures on every other page", async () => {
    expect(await check(all.filter((p) => !isViewLayerPage(p)), "inCharts")).toEqual({});
  }, 300_000);
});
