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
import { money } from "../src/views/text.ts";
import { loadUnitData, type UnitData } from "../src/views/unitData.ts";
import { unitSectionsOf, unitView } from "../src/views/unit.ts";
import { expectSnapshot } from "./chartAssertions.ts";
import { reportSection } from "../src/views/progress.ts";
import { compareCharts, compareSectionsOf, compareUnitView, indicatorChanges } from "../src/views/compare.ts";
import { compareUnitData } from "../src/views/compareData.ts";
import { compareModel, projectComparison, unitPair } from "../src/site/compareView.ts";
import { projectSectionsOf, projectView } from "../src/views/project.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import type { Dataset } from "../src/core/model.ts";
import { join } from "node:path";

/** The canonical tables of a folder, as the importer reads them (units first). */
function readFolder(dir: string): Dataset {
  const order = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];
  const files = readdirSync(dir).filter((f) => order.includes(f.replace(/\.csv$/, ""))).sort((a, b) => order.indexOf(a.replace(/\.csv$/, "")) - order.indexOf(b.replace(/\.csv$/, "")));
  return mergeDatasets(files.map((f) => importFile(join(dir, f), readFileSync(join(dir, f)), { checks: false })));
}
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

describe("compareUnitView(data, options): a unit's year over year", () => {
  const model = compareModel(siteDataset());
  const id = "ue5033044165152b9";
  const years = model.byUnit.get(id) ?? [];
  const data = (lang: "zh" | "en") => compareUnitData(model, id, 2025, 2026, lang)!;
  const page = (lang: "zh" | "en") => ({ lang, host: "page" as const, level: 2, csvHref: (c: string) => `/compare/unit/${id}/2025-2026/${c}.csv`, link: (y: number, i: string) => `/unit/${id}/${y}/#ind-${i}` });

  it.each(["zh", "en"] as const)("renders the real unit's comparison page sections as their snapshot (%s)", (lang) => {
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    const d = data(lang);
    expect(compareSectionsOf(d)).toEqual(["budget", "waterfall", "indicators", "trend", "tasks", "duties"]);
    expectSnapshot(lang === "zh" ? "compare-unit" : "compare-unit-en", lines(toHtml(compareUnitView(d, page(lang)))), { dir: SNAPSHOTS, ext: "html" });
  });

  it("in the workspace: ids of its own, export buttons instead of CSV links, no page filter, at most `limit` matches unlinked", () => {
    const d = data("zh");
    const html = toHtml(compareUnitView(d, { lang: "zh", host: "workspace", level: 5, limit: 3 }));
    expect(html).toContain('<h5 id="x-cmp-budget">');
    expect(html).not.toMatch(/ id="(budget|waterfall|indicators|trend|tasks|duties)"/);
    expect(html).not.toContain("data-filter");
    expect(html).not.toContain("download");
    expect(html.match(/<tr id="m-/g)).toHaveLength(3);
    expect(html).not.toContain('<a href="/unit/');
    expect(html).toContain(`共 ${d.comparison.indicators.length} 条，这里列出前 3 条。`);
    const names = compareCharts(d, "zh").map(([n]) => n);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(html).toContain(`data-chart="${n}"`);
  });

  it("marks the illustrative years once per table and says where the trend's figures come from", () => {
    const html = toHtml(compareUnitView(data("zh"), page("zh")));
    expect(html).toContain("2024、2025 年度为示例数据");
    expect(html).toContain("预算执行率与得分均来自示例执行数据");
    expect(html).toContain('<form class="cmp-filter" data-filter hidden>');
    expect(html).toContain("/compare/unit/ue5033044165152b9/2025-2026/waterfall.csv");
  });
});

describe("indicatorChanges(matches, options)", () => {
  const pair = unitPair(compareModel(siteDataset()), "ue5033044165152b9", 2025, 2026)!;

  it("list at most `limit` matches in the workspace, unlinked", () => {
    const html = toHtml(indicatorChanges(pair.indicators, { lang: "zh", from: 2025, to: 2026, sampleYears: [], limit: 3 }));
    expect(html.match(/<tr id="m-/g)).toHaveLength(3);
    expect(html).not.toContain("<a href");
  });
});

describe("projectView(data, options): a project against itself in an earlier year", () => {
  // Real form 14's project (2020), and the same project a year before as an analyst would hold it: the amount
  // 20,000,000.00 元 lower and one target lower — made here from the 2020 rows, never put into the corpus.
  const site = readFolder("test/fixtures/site-projects");
  const id = "p60e6c9a824e8a82b";
  const earlier = (d: Dataset): Dataset => {
    const back = <T extends { year: number; projectId?: string | null; id?: string }>(xs: readonly T[]): T[] => xs.filter((x) => x.projectId === id || x.id === id).map((x) => ({ ...x, year: 2019 }));
    const indicators = back(d.indicators).map((i, k) => (k === 0 && i.target ? { ...i, id: `${i.id}-2019`, target: i.target.replace(/\d+/, (n: string) => String(Math.max(0, Number(n) - 1))) } : { ...i, id: `${i.id}-2019` }));
    return {
      ...d,
      projects: [...(d.projects ?? []), ...back(d.projects ?? [])],
      budget: [...d.budget, ...back(d.budget).map((b) => ({ ...b, id: `${b.id}-2019`, amountFen: b.amountFen - 2_000_000_000n }))],
      indicators: [...d.indicators, ...indicators],
    };
  };

  it("pairs the two years and renders the funding change to the fen, the indicators matched and the goals", () => {
    const data = earlier(site);
    const c = projectComparison(data, id, 2020)!;
    expect(c).not.toBeNull();
    expect([c.oldYear, c.newYear, c.pairedBy]).toEqual([2019, 2020, "name"]);
    expect(c.indicators.filter((m) => m.status === "changed").length).toBeGreaterThan(0);
    const project = { project_id: id, unit_id: "uc33a21ac1e7e067f", fiscal_year: 2020, project_name: "教育系统基础设施建设和设备购置", project_code: null, supervisor: null, implementer: null, implementation_period: null, project_type: null, form_kind: "project_declaration", goals_long: null, goals_annual: null, goals_actual: null, data_source: "declared", source_file: null, source_row: null, unit_name: "武汉市青山区教育局" } as const;
    const d = { project, budget: [], execution: [], indicators: [], findings: [], reports: [], comparison: c };
    expect(projectSectionsOf(d)).toEqual(["funding", "indicators", "completion", "compare", "findings"]);
    const html = toHtml(projectView(d, { lang: "zh", host: "page", level: 2 }));
    expect(html).toContain('<h2 id="compare">与 2019 年度比较</h2>');
    expect(html).toContain("按单位内的项目名称配对");
    expect(html).toContain("80,000,000.00 元");
    expect(html).toContain("+20,000,000.00 元");
    expect(html).toContain('data-table="indicator-changes"');
    expect(toHtml(projectView(d, { lang: "en", host: "workspace", level: 4 }))).toContain('<h4 id="x-prj-compare">Against 2019</h4>');
    // The earliest year has nothing before it.
    expect(projectComparison(data, id, 2019)).toBeNull();
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

describe("money(text, lang): amounts a screen reader says right", () => {
  it("on English pages says yuan and million, not yen and em; Chinese reads as written", () => {
    expect(toHtml(el("p", {}, money("¥92.79M", "en")))).toBe('<p><span aria-hidden="true">¥92.79M</span><span class="visually-hidden">92.79 million yuan</span></p>');
    expect(toHtml(el("p", {}, money("9,278.73 万元", "zh")))).toBe("<p>9,278.73 万元</p>");
    expect(toHtml(el("p", {}, money("96.00%", "en")))).toBe("<p>96.00%</p>");
  });
});
