// The view layer: the element tree renders to escaped HTML (the prerendered
// pages place nothing else), and the unit dashboard, built from the bundled
// declared data through the one query interface, is kept as an HTML snapshot
// beside the charts' SVG ones (test/snapshots/views/*.html).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { openDataFolders } from "../src/query/node.ts";
import { queries } from "../src/query/queries.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { chartSvg, el, flat, toHtml } from "../src/views/tree.ts";
import { loadUnitData, type UnitData } from "../src/views/unitData.ts";
import { unitSectionsOf, unitView } from "../src/views/unit.ts";
import { expectSnapshot } from "./chartAssertions.ts";
import { reportSection } from "../src/views/progress.ts";
import { budgetHistory as historyView, indicatorChanges, indicatorCountList } from "../src/views/compare.ts";
import { budgetHistory, compareModel, unitPair } from "../src/site/compareView.ts";
import { siteDataset } from "../src/site/dataset.ts";
import { unitReports } from "../src/site/progressData.ts";
import { progressCharts } from "../src/site/chartData.ts";
import { alertCounts, behindTarget } from "../src/site/progressView.ts";
import { yearCharts } from "../src/site/compareCharts.ts";
import type { YearUnit } from "../src/site/compareView.ts";
import { acrossSections, acrossShown, ENDS, PAGE_UNITS, RANK_KEYS, rankPages, rankPageSections } from "../src/views/across.ts";
import { district } from "../bench/district.ts";

const SNAPSHOTS = fileURLToPath(new URL("./snapshots/views/", import.meta.url));
/** One block element a line, so that a snapshot's change reads as a diff. */
const lines = (html: string) => html.replace(/><(?=\/?(?:section|div|table|thead|tbody|tr|ul|ol|li|p|h\d|figure|figcaption|details)\b)/g, ">\n<") + "\n";

describe("toHtml(tree)", () => {
  it.each([
    [el("p", {}, "a < b & c > d"), "<p>a &lt; b &amp; c &gt; d</p>"],
    [el("a", { href: 'x" onclick="y', title: "<&>" }, "t"), '<a href="x&quot; onclick=&quot;y" title="<&amp;>">t</a>'],
    [el("details", { open: true, hidden: false, id: null }, el("summary", {}, "s")), "<details open><summary>s</summary></details>"],
    [el("td", {}, 0, "", null, false, undefined, [1, ["2"]]), "<td>012</td>"],
    [el("p", {}, "a", el("br"), "b"), "<p>a<br>b</p>"],
    [el("div", {}, chartSvg('<svg role="img"><title>t</title></svg>')), '<div><svg role="img"><title>t</title></svg></div>'],
  ])("renders %j", (tree, html) => {
    expect(toHtml(tree)).toBe(html);
  });

  it("refuses event-handler attributes and tag names that are not tags", () => {
    expect(() => toHtml(el("a", { onclick: "x" }))).toThrow("invalid attribute: onclick");
    expect(() => toHtml(el("a", { 'x"y': "1" }))).toThrow("invalid attribute");
    expect(() => toHtml(el("img src=x", {}))).toThrow("invalid tag");
  });

  it("never turns text or an attribute value into markup", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (text, value) => {
      const html = toHtml(el("span", { title: value }, text));
      // One element: no < in the text part, no " in the value part.
      const inner = html.slice(html.indexOf(">") + 1, -"</span>".length);
      expect(inner).not.toMatch(/</);
      expect(html.slice(0, html.indexOf(">") + 1)).toMatch(/^<span title(="[^"]*")?>$/);
    }), { numRuns: 2000, seed: 17 });
  });

  it("src/views/ touches no DOM (its trees are rendered by toHtml here and by toDom in the workspace)", () => {
    for (const f of readdirSync("src/views")) expect(readFileSync(`src/views/${f}`, "utf8"), f).not.toMatch(/\b(document|window|HTMLElement|innerHTML)\b/);
  });

  it("flat() keeps order and leaves out absent children", () => {
    expect(flat(["a", [null, ["b", false, 3]], undefined, ""])).toEqual(["a", "b", "3"]);
  });
});

describe("unitView(data, options)", () => {
  let db: QueryEngine;
  let data: UnitData;
  beforeAll(async () => {
    db = await openDataFolders([{ dir: "data/canonical", status: "declared" }]);
    const [unit] = await queries.units(db);
    data = await loadUnitData(db, unit, "zh");
  });
  afterAll(() => db.close());

  it("has the declared unit's sections, in page order", () => {
    expect(unitSectionsOf(data)).toEqual(["budget", "indicators", "tasks", "duties", "findings"]);
  });

  it("renders the unit page's dashboard as its snapshot, in Chinese and in English", async () => {
    expectSnapshot("unit-page", lines(toHtml(unitView(data, { lang: "zh", host: "page", level: 2, csvHref: (c) => `/data/u/2026/${c}.csv` }))), { dir: SNAPSHOTS, ext: "html" });
    const en = await loadUnitData(db, data.unit, "en");
    expectSnapshot("unit-page-en", lines(toHtml(unitView(en, { lang: "en", host: "page", level: 2, csvHref: (c) => `/data/u/2026/${c}.csv` }))), { dir: SNAPSHOTS, ext: "html" });
  });

  it("differs in the workspace only by its options: heading levels and what a chart offers", () => {
    const page = toHtml(unitView(data, { lang: "zh", host: "page", level: 2 }));
    const workspace = toHtml(unitView(data, { lang: "zh", host: "workspace", level: 4 }))
      .replace(/<(\/?)h(\d)/g, (_, s: string, n: string) => `<${s}h${Number(n) - 2}`)
      .replace(/<p class="x-actions">.*?<\/p>/g, "")
      .replace(/ data-chart="[^"]*"/g, "");
    expect(workspace).toBe(page);
  });

  it("lists at most `limit` indicators and findings and says how many there are", async () => {
    const few = await loadUnitData(db, data.unit, "zh", { limit: 5 });
    expect(few.indicators).toHaveLength(5);
    expect(few.indicatorCount).toBe(data.indicators.length);
    expect(few.findings).toHaveLength(5);
    expect(few.findingsMore).toBe(true);
    const html = toHtml(unitView(few, { lang: "zh", host: "workspace", level: 4 }));
    expect(html).toContain(`共 ${data.indicators.length} 条，下面按顺序列出前 5 条`);
    expect(html).toContain("超过 5 条，只列出前 5 条");
  });

  it("while a large file is checked, says so instead of listing findings", () => {
    const html = toHtml(unitView(data, { lang: "zh", host: "workspace", level: 4, checking: true }));
    expect(html).toContain("<p data-checking>");
    expect(html).not.toContain('data-list="findings"');
  });
});

describe("reportSection(report, options)", () => {
  const reports = unitReports("ue5033044165152b9", 2026);
  const data = (lang: "zh" | "en") => reports.map((report) => ({ report, charts: progressCharts("上海市闵行区江川路街道社区党群服务中心", report, lang), alerts: alertCounts(report), behind: behindTarget(report) }));

  it("renders each period of the bundled unit's completion as its snapshot", () => {
    expect(reports.map((r) => r.period)).toEqual(["yearend", "midyear"]);
    for (const lang of ["zh", "en"] as const) {
      const html = data(lang).map((v) => toHtml(reportSection(v, { lang, level: 2, source: "s", csvHref: (n) => `/d/${n}.csv`, unitPage: "/u/", anchors: v.report.period === "yearend", markSample: false }))).join("\n");
      expectSnapshot(`progress${lang === "en" ? "-en" : ""}`, lines(html), { dir: SNAPSHOTS, ext: "html" });
    }
  });

  it("puts what is behind target before the charts, and folds the full table under its count", () => {
    const [v] = data("zh");
    const html = toHtml(reportSection(v, { lang: "zh", level: 2, source: "s", anchors: true }));
    expect(html.indexOf('data-list="behind"')).toBeLessThan(html.indexOf("<figure"));
    expect(html).toContain(`<summary>全部指标得分（${v.report.indicators.length}）</summary>`);
    expect(html).toContain('<span class="badge sample">示例数据</span>');
    expect(toHtml(reportSection(v, { lang: "zh", level: 2, source: "s", anchors: true, markSample: false }))).not.toContain("示例数据</span>");
  });

  it("lists at most `limit` rows in the workspace, saying how many there are", () => {
    const [v] = data("zh");
    const html = toHtml(reportSection(v, { lang: "zh", level: 5, source: "s", exportPrefix: "x", anchors: false, limit: { behind: 1, table: 2 } }));
    expect(html.match(/<tr data-indicator/g)).toHaveLength(2);
    expect(html).toContain(`共 ${v.report.indicators.length} 条，这里列出前 2 条。`);
    expect(html).toContain('data-action="chart-svg"');
  });
});

describe("budgetHistory(rows, options) and indicatorChanges(matches, options)", () => {
  const model = compareModel(siteDataset());
  const id = "ue5033044165152b9";
  const years = model.byUnit.get(id) ?? [];
  const pair = unitPair(model, id, 2025, 2026)!;

  it("render the real unit's year over year as their snapshot (the comparison page's and the workspace's tables)", () => {
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    const sampleYears = years.filter((y) => y.unit?.status === "sample").map((y) => y.year);
    const html = [
      toHtml(historyView(budgetHistory(years), { lang: "zh", pair: [2025, 2026], sampleYears })),
      toHtml(indicatorCountList(pair.indicators, "zh")),
      toHtml(indicatorChanges(pair.indicators, { lang: "zh", from: 2025, to: 2026, sampleYears: [2025], link: (y, i) => `/unit/${id}/${y}/#ind-${i}` })),
    ].join("\n");
    expectSnapshot("compare-unit", lines(html), { dir: SNAPSHOTS, ext: "html" });
  });

  it("list at most `limit` matches in the workspace, unlinked", () => {
    const html = toHtml(indicatorChanges(pair.indicators, { lang: "zh", from: 2025, to: 2026, sampleYears: [], limit: 3 }));
    expect(html.match(/<tr id="m-/g)).toHaveLength(3);
    expect(html).not.toContain("<a href");
  });
});

describe("acrossSections(charts, options) and rankPageSections(view, key, n, options)", () => {
  const model = compareModel(siteDataset());
  const page = (lang: "zh" | "en") => ({
    lang, year: 2026, level: 2,
    unitHref: (u: YearUnit, f?: string) => `/${lang === "en" ? "en/" : ""}unit/${u.unitId}/2026/${f ? `#${f}` : ""}`,
    csvHref: (name: string) => `/compare/year/2026/${name}.csv`,
    rankHref: (k: string, n: number) => `/compare/year/2026/rank/${k}/${n}/`,
    ends: ENDS,
  });
  // The charts have their own SVG snapshots: here each is one line.
  const noSvg = (html: string) => html.replace(/<svg\b[\s\S]*?<\/svg>/g, "<svg/>");

  it("render the bundled units' 2026 as the cross-unit page's snapshot, in Chinese and in English", () => {
    for (const lang of ["zh", "en"] as const) {
      const charts = yearCharts(model, 2026, lang, { ends: ENDS });
      expect(acrossShown(charts.view, ENDS).summary).toBe(false);
      expectSnapshot(lang === "zh" ? "across" : "across-en", lines(noSvg(toHtml(acrossSections(charts, page(lang))))), { dir: SNAPSHOTS, ext: "html" });
    }
  });

  it("differs in the workspace only by its options: heading levels, unit links that open the unit there, and chart exports", () => {
    const charts = yearCharts(model, 2026, "zh");
    const names: string[] = [];
    const html = toHtml(acrossSections(charts, { lang: "zh", year: 2026, level: 5, unitHref: (u) => `#unit=${u.unitId}&year=2026`, unitAction: true, exportName: (_, c, title) => (names.push(title), title) }));
    expect(html).not.toMatch(/<h[234]\b/);
    expect(html).not.toContain(".csv");
    expect(html).not.toContain('href="/unit/');
    expect(html).toContain('data-action="unit"');
    expect(names).toContain("2026 年度预算总额排名");
    expect(html.match(/data-action="chart-svg"/g)).toHaveLength(names.length);
  });

  it("over many units lists the first and last ENDS of each ranking, and its ranking pages list every unit exactly once", () => {
    const many = compareModel(district({ units: 3 * PAGE_UNITS - 7, projects: 0 }));
    const charts = yearCharts(many, 2026, "zh", { ends: ENDS });
    const v = charts.view;
    const shown = acrossShown(v, ENDS);
    expect(shown.summary).toBe(true);
    const html = toHtml(acrossSections(charts, page("zh")));
    expect(html.match(/<tr id="rk-/g)).toHaveLength(2 * ENDS);
    expect(html.match(/data-drill="unit"/g)).toHaveLength(2 * ENDS);
    expect(html.match(/class="cmp-roll-unit"/g)).toHaveLength(2 * ENDS);
    expect(html.match(/class="cmp-multiple"/g)).toHaveLength(2 * ENDS);
    for (const r of charts.ranks) expect(r.figure.wide.table.rows.length).toBe(2 * ENDS);
    for (const k of RANK_KEYS) expect(html).toContain(`href="/compare/year/2026/rank/${k}/1/"`);
    expect(rankPages(v)).toBe(3);
    for (const key of RANK_KEYS) {
      const ids: string[] = [];
      for (let n = 1; n <= rankPages(v); n++) {
        const p = toHtml(rankPageSections(v, key, n, page("zh")));
        ids.push(...[...p.matchAll(/<tr id="rk-([^"]+)"/g)].map((m) => m[1]));
        expect(p).toContain(`aria-current="page">${`第 ${n} 页`}<`);
      }
      expect(ids.length, key).toBe(v.units.length);
      expect(new Set(ids), key).toEqual(new Set(v.units.map((u) => u.unitId)));
      expect(ids, key).toEqual(v.ranks[key].map((r) => r.item.unitId));
    }
  });
});
