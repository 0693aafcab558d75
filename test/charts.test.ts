import { describe, expect, it } from "vitest";
import {
  budgetStructureChart,
  bulletChart,
  completionChart,
  indicatorGroupChart,
  slopeChart,
  type ChartOptions,
  type ChartResult,
} from "../src/charts/index.ts";
import { wrapText } from "../src/charts/util.ts";
import { budgetRows, bulletRows, completionRows, indicatorRows, slopeRows } from "./charts.fixtures.ts";
import { expectSnapshot, expectWellFormed } from "./chartAssertions.ts";

/** Every <text> starts inside the viewBox and none is smaller than 12px. */
function expectReadable(svg: string, width: number): void {
  for (const m of svg.matchAll(/<text ([^>]*)>/g)) {
    const x = Number(/\bx="([-\d.]+)"/.exec(m[1])?.[1]);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(width);
    const size = Number(/font-size="([\d.]+)"/.exec(m[1])?.[1] ?? 13);
    expect(size).toBeGreaterThanOrEqual(12);
  }
}

type Render = (options: ChartOptions & { linkPrefix?: string }) => ChartResult;

const charts: [string, Render, boolean][] = [
  ["budget-structure", (o) => budgetStructureChart(budgetRows, o), false],
  ["indicator-groups", (o) => indicatorGroupChart(indicatorRows, o), false],
  ["bullet", (o) => bulletChart(bulletRows, { ...o, linkPrefix: "#ind-" }), true],
  ["completion", (o) => completionChart(completionRows, o), true],
  ["slope", (o) => slopeChart(slopeRows, o), true],
];

describe.each(charts)("%s chart", (name, render, sample) => {
  const options = { id: `jx-${name}`, title: `${name} 示例`, sample };

  it("renders the example rows as the saved snapshot (640, zh)", () => {
    expectSnapshot(name, render(options).svg);
  });

  it("renders the example rows as the saved snapshot (340, zh)", () => {
    expectSnapshot(`${name}-340`, render({ ...options, width: 340 }).svg);
  });

  it("renders the example rows as the saved snapshot (640, en)", () => {
    expectSnapshot(`${name}-en`, render({ ...options, lang: "en" }).svg);
  });

  it("is well-formed, labelled by its own title and desc, and sized by its viewBox", () => {
    const { svg, summary } = render(options);
    expectWellFormed(svg);
    // A chart with a structure to walk by keyboard (groups → rows) is a graphics document; the others one image.
    const nav = true; // every chart here has marks to walk
    expect(svg).toMatch(new RegExp(`^<svg [^>]*role="${nav ? "graphics-document" : "img"}" aria-labelledby="jx-${name}-title jx-${name}-desc"`));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 \d+" width="100%" font-family="inherit"/);
    expect(svg).not.toMatch(/^<svg [^>]*\sheight=/);
    expect(svg).toContain(`<title id="jx-${name}-title">${name} 示例</title>`);
    expect(svg).toContain(`<desc id="jx-${name}-desc">${summary}</desc>`);
    expect(svg).not.toMatch(/fill="#|stroke="#/); // colours come through CSS custom properties
  });

  it("is deterministic", () => {
    expect(render(options).svg).toBe(render(options).svg);
  });

  it("stays inside 340 units with text of at least 12px", () => {
    const { svg } = render({ ...options, width: 340 });
    expect(svg).toMatch(/viewBox="0 0 340 \d+"/);
    expectWellFormed(svg);
    expectReadable(svg, 340);
  });

  it("shows the 示例数据 badge and says so first in the summary only when sample is set", () => {
    const zh = render({ ...options, sample: true });
    expect(zh.svg).toMatch(/<g class="jx-sample-badge">.*示例数据<\/text><\/g>/);
    expect(zh.summary.startsWith("示例数据：")).toBe(true);
    expect(zh.table.caption).toBe(`${name} 示例（示例数据）`);
    const en = render({ ...options, sample: true, lang: "en" });
    expect(en.svg).toContain("Illustrative data</text>");
    expect(en.summary.startsWith("Illustrative data: ")).toBe(true);
    const real = render({ ...options, sample: false });
    expect(real.svg).not.toContain("jx-sample-badge");
    expect(real.summary).not.toContain("示例数据");
  });

  it("rejects a bad id, title, lang or width", () => {
    expect(() => render({ ...options, id: 'a" onload="x' })).toThrow(/^invalid id: /);
    expect(() => render({ ...options, title: " " })).toThrow(/^invalid title: /);
    expect(() => render({ ...options, lang: "fr" as "zh" })).toThrow(/^invalid lang: /);
    expect(() => render({ ...options, width: Number.NaN })).toThrow(/^invalid width: /);
  });
});

describe("escaping", () => {
  const evil = `<script>alert("x")</script> & 'q'`;
  const cases: [string, () => ChartResult][] = [
    ["budgetStructureChart", () => budgetStructureChart([{ group: evil, item: evil, amountFen: 100n }], { id: "e1", title: evil })],
    ["indicatorGroupChart", () => indicatorGroupChart([{ level1: evil, level2: evil, kind: "none", count: 1 }], { id: "e2", title: evil })],
    [
      "bulletChart",
      () =>
        bulletChart([{ id: `x"><script>`, label: evil, target: 1, actual: 1, unit: evil, direction: "higher", status: "met" }], {
          id: "e3",
          title: evil,
          linkPrefix: "#ind-",
        }),
    ],
    ["completionChart", () => completionChart([{ group: evil, met: 1, partly: 0, notMet: 0, noData: 0 }], { id: "e4", title: evil })],
    ["slopeChart", () => slopeChart([{ item: evil, values: [{ year: 2025, amountFen: 1n }, { year: 2026, amountFen: 2n }] }], { id: "e5", title: evil })],
  ];
  it.each(cases)("%s(rows, options) keeps a <script> label as inert text", (_, render) => {
    const { svg, summary, table } = render();
    expectWellFormed(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    // Summary and table are plain text: the page escapes them where it puts them.
    expect(summary).not.toContain("&lt;");
    expect(table.caption).toBe(evil);
  });
});

describe("budgetStructureChart", () => {
  const result = budgetStructureChart(budgetRows, { id: "budget", title: "预算结构" });

  it("budgetStructureChart(rows, options) lists a zero-amount item in the key and the table", () => {
    expect(result.svg).toMatch(/其他资金<\/text>\n.*>0\.0%<\/text>\n.*>0\.00 万元<\/text>/);
    expect(result.table.rows).toContainEqual(["资金来源", "其他资金", "0.00", "0.0%"]);
  });

  it("budgetStructureChart(rows, options) writes exact yuan in the table and summary", () => {
    expect(result.table).toEqual({
      caption: "预算结构",
      head: ["分组", "项目", "金额（元）", "占比"],
      rows: [
        ["资金来源", "财政拨款", "92,787,331.00", "100.0%"],
        ["资金来源", "其他资金", "0.00", "0.0%"],
        ["资金来源", "合计", "92,787,331.00", "100.0%"],
        ["资金结构", "基本支出", "50,839,284.87", "54.8%"],
        ["资金结构", "项目支出", "41,948,046.13", "45.2%"],
        ["资金结构", "合计", "92,787,331.00", "100.0%"],
      ],
      numeric: [false, false, true, true],
    });
    expect(result.summary).toBe(
      "资金来源合计 92,787,331.00 元：财政拨款 92,787,331.00 元（100.0%），其他资金 0.00 元（0.0%）；" +
        "资金结构合计 92,787,331.00 元：基本支出 50,839,284.87 元（54.8%），项目支出 41,948,046.13 元（45.2%）。",
    );
  });

  it("budgetStructureChart(rows, options) labels each segment with item, share and 万元", () => {
    expect(result.svg).toContain(">基本支出 54.8% · 5,083.93 万元</text>");
    expect(result.svg).toContain(">项目支出 45.2% · 4,194.80 万元</text>");
    expect(result.svg).toContain(">合计 9,278.73 万元</text>");
  });

  it("budgetStructureChart(rows, {width: 340}) wraps a long item name instead of shrinking it", () => {
    const long = "其中：政府性基金预算财政拨款（含上年结转结余资金）";
    const { svg } = budgetStructureChart([{ group: "资金来源", item: long, amountFen: 100n }, { group: "资金来源", item: "其他资金", amountFen: 0n }], {
      id: "long",
      title: "t",
      width: 340,
    });
    const lines = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((t) => long.includes(t) && t.length > 3);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join("")).toBe(long);
    expectReadable(svg, 340);
  });

  it("budgetStructureChart(rows, options) fails fast on bad rows", () => {
    expect(() => budgetStructureChart([], { id: "x", title: "t" })).toThrow("invalid rows: empty");
    expect(() => budgetStructureChart([{ group: "g", item: "i", amountFen: -1n }], { id: "x", title: "t" })).toThrow(
      "invalid rows: rows[0].amountFen must be a bigint ≥ 0",
    );
    expect(() => budgetStructureChart([{ group: "g", item: "i", amountFen: 1 as unknown as bigint }], { id: "x", title: "t" })).toThrow(/amountFen/);
    expect(() =>
      budgetStructureChart(
        [
          { group: "g", item: "i", amountFen: 1n },
          { group: "g", item: "i", amountFen: 2n },
        ],
        { id: "x", title: "t" },
      ),
    ).toThrow("invalid rows: rows[1] repeats g / i");
  });

  it("budgetStructureChart(rows, options) draws a group whose amounts are all zero without dividing by zero", () => {
    const r = budgetStructureChart([{ group: "g", item: "i", amountFen: 0n }], { id: "z", title: "t" });
    expect(r.svg).toContain("金额均为 0");
    expect(r.table.rows).toEqual([
      ["g", "i", "0.00", "—"],
      ["g", "合计", "0.00", "—"],
    ]);
  });
});

describe("indicatorGroupChart", () => {
  const result = indicatorGroupChart(indicatorRows, { id: "ind", title: "指标构成" });

  it("indicatorGroupChart(rows, options) counts by kind in the table and summary", () => {
    expect(result.table.head).toEqual(["一级指标", "二级指标", "定量", "期限", "定性", "无目标", "合计"]);
    expect(result.table.rows).toEqual([
      ["产出指标", "数量指标", "11", "0", "0", "0", "11"],
      ["产出指标", "质量指标", "9", "0", "1", "0", "10"],
      ["产出指标", "时效指标", "1", "3", "6", "0", "10"],
      ["产出指标", "成本指标", "4", "0", "0", "0", "4"],
      ["效益指标", "社会效益指标", "3", "0", "8", "0", "11"],
      ["效益指标", "可持续影响指标", "0", "0", "3", "0", "3"],
      ["满意度指标", "服务对象满意度指标", "4", "0", "0", "0", "4"],
      ["投入管理指标", "预算编审管理", "0", "0", "0", "1", "1"],
      ["合计", "", "32", "3", "18", "1", "54"],
    ]);
    expect(result.summary).toBe(
      "共 54 项指标（定量 32 项、期限 3 项、定性 18 项、无目标 1 项），分属 4 个一级指标、8 个二级指标，最多的是产出指标 / 数量指标（11 项）。",
    );
  });

  it("indicatorGroupChart(rows, options) writes a legend, 一级 headings and the total at each bar end", () => {
    for (const label of ["定量", "期限", "定性", "无目标"]) expect(result.svg).toContain(`>${label}</text>`);
    expect(result.svg).toContain(">产出指标</text>");
    expect(result.svg).toContain(">35 项</text>");
    expect([...result.svg.matchAll(/class="jx-total">(\d+)</g)].map((m) => m[1])).toEqual(["11", "10", "10", "4", "11", "3", "4", "1"]);
  });

  it("indicatorGroupChart(rows, options) adds repeated rows and spells out counts too narrow to write in", () => {
    const r = indicatorGroupChart(
      [
        { level1: "产出指标", level2: "数量指标", kind: "quantitative", count: 60 },
        { level1: "产出指标", level2: "时效指标", kind: "quantitative", count: 58 },
        { level1: "产出指标", level2: "时效指标", kind: "deadline", count: 1 },
        { level1: "产出指标", level2: "时效指标", kind: "deadline", count: 1 },
      ],
      { id: "narrow", title: "t", width: 340 },
    );
    expect(r.table.rows[1]).toEqual(["产出指标", "时效指标", "58", "2", "0", "0", "60"]);
    expect(r.svg).toContain(">定量 58 · 期限 2</text>");
  });

  it("indicatorGroupChart(rows, {compact: true}) puts labels above the bars at any width", () => {
    const wide = indicatorGroupChart(indicatorRows, { id: "c", title: "t", compact: true });
    const label = /<text x="([\d.]+)" y="([\d.]+)" class="jx-row-label">数量指标<\/text>\n<g class="jx-segment"><title>定量 11<\/title><rect x="([\d.]+)" y="([\d.]+)"/.exec(wide.svg);
    expect(label).not.toBeNull();
    expect(label![1]).toBe(label![3]);
    expect(Number(label![2])).toBeLessThan(Number(label![4]));
  });

  it("indicatorGroupChart(rows, options) fails fast on an unknown kind", () => {
    expect(() => indicatorGroupChart([{ level1: "a", level2: "b", kind: "other" as "none", count: 1 }], { id: "x", title: "t" })).toThrow(
      "invalid rows: rows[0].kind must be one of quantitative, deadline, qualitative, none",
    );
    expect(() => indicatorGroupChart([{ level1: "a", level2: "b", kind: "none", count: 1.5 }], { id: "x", title: "t" })).toThrow(
      "invalid rows: rows[0].count must be an integer ≥ 0",
    );
  });
});

describe("bulletChart", () => {
  const result = bulletChart(bulletRows, { id: "bullet", title: "指标完成", linkPrefix: "#ind-" });
  const rowsOf = (svg: string) => svg.split(/(?=<g class="jx-bullet-row)/).slice(1);

  it("bulletChart(rows, options) draws no bar at all for no_data, and writes 未填报", () => {
    const rows = rowsOf(result.svg);
    expect(rows).toHaveLength(bulletRows.length);
    bulletRows.forEach((row, i) => {
      expect(rows[i].includes('class="jx-actual"'), row.id).toBe(row.status !== "no_data");
    });
    const noData = rows[bulletRows.findIndex((r) => r.status === "no_data")];
    expect(noData).toContain(">未填报</text>");
    expect(noData).toContain("实际 未填报 · 目标 ≥ 95%");
    expect(noData).toContain('class="jx-target"');
  });

  it("bulletChart(rows, options) keeps a stub for an actual of 0, which is a value", () => {
    const safety = rowsOf(result.svg)[bulletRows.findIndex((r) => r.id === "safety-incidents")];
    expect(safety).toMatch(/width="2" height="10" [^>]*class="jx-actual"/);
    expect(safety).toContain("实际 0 次 · 目标 ≤ 0 次");
  });

  it("bulletChart(rows, options) writes the status in words and hatches not_met", () => {
    const words = rowsOf(result.svg).map((r) => /class="jx-status">([^<]+)</.exec(r)?.[1]);
    expect(words).toEqual(["达成", "部分达成", "未达成", "未填报", "部分达成", "达成", "达成"]);
    const notMet = rowsOf(result.svg)[2];
    expect(notMet).toContain('fill="url(#bullet-cross-light)"');
    // Stripes as repeating gradients, never <pattern> (which Chromium's PDF writer rasterizes).
    expect(result.svg).toContain('<linearGradient id="bullet-cross-light"');
    expect(result.svg).not.toContain("<pattern");
    const en = bulletChart(bulletRows, { id: "b", title: "t", lang: "en" });
    expect(rowsOf(en.svg).map((r) => /class="jx-status">([^<]+)</.exec(r)?.[1])).toEqual(["met", "partly met", "not met", "no data", "partly met", "met", "met"]);
  });

  it("bulletChart(rows, {linkPrefix}) wraps each row in a link to its indicator", () => {
    expect([...result.svg.matchAll(/<a href="([^"]+)"[ >]/g)].map((m) => m[1])).toEqual(bulletRows.map((r) => `#ind-${r.id}`));
    expect(bulletChart(bulletRows, { id: "b", title: "t" }).svg).not.toContain("<a ");
    expect(() => bulletChart(bulletRows, { id: "b", title: "t", linkPrefix: "javascript:" })).toThrow(/^invalid linkPrefix/);
  });

  it("bulletChart(rows, options) gives exact figures in the table and summary", () => {
    expect(result.table.head).toEqual(["指标", "目标", "实际", "单位", "状态"]);
    expect(result.table.rows).toEqual([
      ["器材购置更新完成数", "≥ 200", "212", "个", "达成"],
      ["书籍购置完成量", "≥ 15,000", "14,200", "本", "部分达成"],
      ["文化馆成本预算控制数", "≤ 685.74", "702.3", "万元", "未达成"],
      ["设施设备完好率", "≥ 95", "—", "%", "未填报"],
      ["社区党校完成培训工作（含党群服务中心 5 类课程）", "= 100", "96", "%", "部分达成"],
      ["安全事故发生数", "≤ 0", "0", "次", "达成"],
      ["读者满意度", "≥ 90", "93.5", "%", "达成"],
    ]);
    expect(result.summary).toBe("共 7 项指标：达成 3 项，部分达成 2 项，未达成 1 项，未填报 1 项；未达成的是文化馆成本预算控制数。");
  });

  it("bulletChart(rows, options) fails fast when a status contradicts the value", () => {
    const row = bulletRows[0];
    expect(() => bulletChart([{ ...row, actual: null }], { id: "x", title: "t" })).toThrow("invalid rows: rows[0] is met but has no actual value");
    expect(() => bulletChart([{ ...row, status: "no_data" }], { id: "x", title: "t" })).toThrow("invalid rows: rows[0] is no_data but has an actual value");
    expect(() => bulletChart([row, row], { id: "x", title: "t" })).toThrow("invalid rows: rows[1].id repeats qty-equipment");
  });
});

describe("completionChart", () => {
  const result = completionChart(completionRows, { id: "done", title: "完成情况" });

  it("completionChart(rows, options) writes counts in the segments and the total at the end", () => {
    expect(result.svg).toMatch(/<title>达成 26<\/title>.*>26<\/text>/);
    expect([...result.svg.matchAll(/class="jx-total">([^<]+)</g)].map((m) => m[1])).toEqual(["35 项", "14 项", "4 项"]);
    for (const label of ["达成", "部分达成", "未达成", "未填报"]) expect(result.svg).toContain(`>${label}</text>`);
    // partly / not met / no data each carry a pattern as well as a colour: stripes (hatch, cross)
    // as repeating gradients, dots as a dashed path; no <pattern>, which Chromium's PDF writer
    // rasterizes.
    expect(result.svg.match(/<linearGradient id="done-(hatch|cross)-light(-b)?"/g)).toHaveLength(3);
    expect(result.svg).toMatch(/<path d="M[^"]+" fill="none" stroke="var\(--c-pattern-dark, #1f2328\)"[^>]*stroke-dasharray="0 5"/);
    expect(result.svg).not.toContain("<pattern");
  });

  it("completionChart(rows, options) gives exact figures in the table and summary", () => {
    expect(result.table).toEqual({
      caption: "完成情况",
      head: ["分组", "达成", "部分达成", "未达成", "未填报", "合计", "达成占比"],
      rows: [
        ["产出指标", "26", "4", "3", "2", "35", "74.3%"],
        ["效益指标", "9", "2", "0", "3", "14", "64.3%"],
        ["满意度指标", "3", "0", "1", "0", "4", "75.0%"],
        ["合计", "38", "6", "4", "5", "53", "71.7%"],
      ],
      numeric: [false, true, true, true, true, true, true],
    });
    expect(result.summary).toBe(
      "共 53 项指标：达成 38 项（71.7%）、部分达成 6 项（11.3%）、未达成 4 项（7.5%）、未填报 5 项（9.4%）；达成占比最高的是满意度指标（75.0%），最低的是效益指标（64.3%）。",
    );
  });

  it("completionChart(rows, options) draws an empty group as an empty track", () => {
    const r = completionChart([{ group: "空", met: 0, partly: 0, notMet: 0, noData: 0 }], { id: "e", title: "t" });
    expect(r.svg).toContain('class="jx-total">0 项<');
    expect(r.svg).not.toContain("jx-segment");
    expect(r.table.rows[0]).toEqual(["空", "0", "0", "0", "0", "0", "—"]);
  });
});

describe("slopeChart", () => {
  const result = slopeChart(slopeRows, { id: "slope", title: "年度对比" });

  it("slopeChart(rows, options) labels the latest amount with absolute and percent change", () => {
    expect(result.svg).toContain(">5,083.93 万元 · +262.88 万元（+5.5%）</text>");
    expect(result.svg).toContain(">4,194.80 万元 · -335.20 万元（-7.4%）</text>");
    expect(result.svg).toContain(">0.00 万元 · 无变化</text>");
    expect(result.svg).toContain(">4,821.05</text>");
  });

  it("slopeChart(rows, options) gives exact yuan in the table and summary", () => {
    expect(result.table.head).toEqual(["项目", "年度", "金额（元）", "较上年变化（元）", "较上年变化率"]);
    expect(result.table.rows).toEqual([
      ["基本支出", "2025", "48,210,450.12", "—", "—"],
      ["基本支出", "2026", "50,839,284.87", "+2,628,834.75", "+5.5%"],
      ["项目支出", "2025", "45,300,000.00", "—", "—"],
      ["项目支出", "2026", "41,948,046.13", "-3,351,953.87", "-7.4%"],
      ["其他资金", "2025", "0.00", "—", "—"],
      ["其他资金", "2026", "0.00", "0.00", "—"],
    ]);
    expect(result.summary).toBe(
      "基本支出由 2025 年的 48,210,450.12 元变为 2026 年的 50,839,284.87 元（+2,628,834.75 元，+5.5%）；" +
        "项目支出由 2025 年的 45,300,000.00 元变为 2026 年的 41,948,046.13 元（-3,351,953.87 元，-7.4%）；" +
        "其他资金 2025 年与 2026 年均为 0.00 元（无变化）。",
    );
  });

  it("slopeChart(rows, options) breaks a line at a missing year instead of drawing through zero", () => {
    const r = slopeChart(
      [
        { item: "甲", values: [{ year: 2024, amountFen: 100n }, { year: 2026, amountFen: 300n }] },
        { item: "乙", values: [{ year: 2024, amountFen: 200n }, { year: 2025, amountFen: 250n }, { year: 2026, amountFen: 200n }] },
      ],
      { id: "gap", title: "t" },
    );
    const path = /<g class="jx-slope-item"><title>甲<\/title>\n<path d="([^"]+)"/.exec(r.svg)?.[1] ?? "";
    expect(path.match(/M/g)).toHaveLength(2);
    expect(r.table.rows.filter((row) => row[0] === "甲").map((row) => row[1])).toEqual(["2024", "2026"]);
    expect(r.svg).toContain("2025 年无对比");
  });

  it("slopeChart(rows, options) needs two years", () => {
    expect(() => slopeChart([{ item: "a", values: [{ year: 2026, amountFen: 1n }] }], { id: "x", title: "t" })).toThrow(
      "invalid rows: needs values for at least two years",
    );
  });
});

describe("chart text", () => {
  it("wrapText(s, width, size) keeps numbers whole and closing punctuation off a line start", () => {
    expect(wrapText("预算 92,787,331.00 元", 100, 13)).toEqual(["预算", "92,787,331.00", "元"]);
    const lines = wrapText("一二三四五，六七八", 65, 13);
    expect(lines.every((l) => !l.startsWith("，"))).toBe(true);
  });
});

describe("the takeaway: each chart's point in one sentence, from its data", () => {
  it("completion: the group with the lowest met share; one group: its met count", () => {
    expect(completionChart(completionRows, { id: "t1", title: "t" }).takeaway).toBe("达成占比最低的是效益指标（64.3%）。");
    expect(completionChart(completionRows, { id: "t2", title: "t", lang: "en" }).takeaway).toBe("Lowest met share: 效益指标 (64.3%).");
    expect(completionChart(completionRows.slice(0, 1), { id: "t3", title: "t" }).takeaway).toMatch(/^共 \d+ 项指标，达成 \d+ 项（[\d.]+%）。$/);
  });
  it("bullet: how many are not met, and which", () => {
    expect(bulletChart(bulletRows, { id: "t4", title: "t" }).takeaway).toBe("7 项中未达成 1 项：文化馆成本预算控制数。");
    const met = bulletRows.filter((r) => r.status === "met");
    expect(bulletChart(met, { id: "t5", title: "t" }).takeaway).toBe(`${met.length} 项全部达成。`);
  });
  it("indicator groups: the largest group", () => {
    expect(indicatorGroupChart(indicatorRows, { id: "t6", title: "t" }).takeaway).toBe("指标最多的是产出指标 / 数量指标（11 项）。");
  });
});

describe("keyboard: a chart's structure reached with Tab, with no script", () => {
  it("indicator groups: each 一级 a focusable group named with its count, then each 二级 row named with its counts", () => {
    const { svg } = indicatorGroupChart(indicatorRows, { id: "k1", title: "t" });
    const stops = [...svg.matchAll(/<g class="(jx-group|jx-stack-row)"(?: data-[\w-]+="[^"]*")* role="graphics-(object|symbol)" tabindex="0" aria-label="([^"]+)">/g)].map((m) => [m[1], m[3]]);
    expect(stops[0]).toEqual(["jx-group", "产出指标：35 项指标，4 个二级指标"]);
    // Each part says what it stands for, for a host that shows the rows behind it on a click (the workspace).
    expect(svg).toContain('<g class="jx-group" data-level1="产出指标" role="graphics-object"');
    expect(svg).toContain('<g class="jx-stack-row" data-level1="产出指标" data-level2="数量指标" role="graphics-symbol"');
    expect(stops[1]).toEqual(["jx-stack-row", "数量指标：定量 11 项；合计 11 项"]);
    // Every group and every row, in reading order: each group before its own rows.
    expect(stops.filter(([c]) => c === "jx-group").length).toBe(4);
    expect(stops.filter(([c]) => c === "jx-stack-row").length).toBe(8);
  });
  it("completion: each 一级 row, its counts read out", () => {
    const { svg } = completionChart(completionRows, { id: "k2", title: "t", lang: "en" });
    const rows = [...svg.matchAll(/role="graphics-symbol" tabindex="0" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(rows.length).toBe(completionRows.length);
    expect(rows[0]).toMatch(/^产出指标: met \d+.*; \d+ in all$/);
  });
  it("bullet: each row one stop, named with its actual value, target and status; with links, the link is the stop", () => {
    const { svg } = bulletChart(bulletRows, { id: "k3", title: "t" });
    expect(svg).toContain('role="graphics-document"');
    const rows = [...svg.matchAll(/<g class="jx-bullet-row[^"]*" role="graphics-symbol" tabindex="0" aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(rows.length).toBe(bulletRows.length);
    expect(rows[0]).toMatch(/^[^：]+：实际 .+ · 目标 [≥≤=] .+；(达成|部分达成|未达成|未填报|不适用)$/);
    const linked = bulletChart(bulletRows, { id: "k4", title: "t", linkPrefix: "#ind-" }).svg;
    expect(linked).not.toContain("tabindex");
    expect([...linked.matchAll(/<a href="#ind-[^"]+" aria-label="([^"]+)">/g)].map((m) => m[1])).toEqual(rows);
  });
  it("slope: each year a group named with its count and total, then each item's point in it (year → item)", () => {
    const { svg } = slopeChart(slopeRows, { id: "k5", title: "t" });
    const names = [...svg.matchAll(/role="graphics-(?:object|symbol)" tabindex="0" aria-label="([^"]+)"/g)].map((m) => m[1]);
    const years = [...new Set(slopeRows.flatMap((r) => r.values.map((v) => v.year)))].sort();
    const groups = [...svg.matchAll(/<g class="jx-slope-year" role="graphics-object" tabindex="0" aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(groups.map((g) => g.slice(0, 4))).toEqual(years.map(String));
    expect(groups[0]).toMatch(/^\d{4} 年：\d+ 项，合计 [\d,.]+ 元$/);
    // Reading order: a year, then its points; the first year's points have no change, later ones do.
    expect(names[0]).toBe(groups[0]);
    expect(names[1]).toMatch(new RegExp(`^.+，${years[0]} 年 [\\d,.]+ 元$`));
    const later = names.filter((s) => s.includes(`${years[1]} 年 `) && !s.startsWith(String(years[1])));
    expect(later.length).toBeGreaterThan(0);
    expect(later[0]).toMatch(/（较上年 ([+-][\d,.]+ 元（.+）|无变化)）$/);
  });
  it("every focusable mark of every chart, at both widths and in both languages, has a name", () => {
    for (const [name, render] of charts) {
      for (const o of [{}, { width: 340 }, { lang: "en" as const }]) {
        const { svg } = render({ id: `n-${name}`, title: "t", ...o });
        const focusable = [...svg.matchAll(/<(?:[a-z]+ [^>]*tabindex="0"|a )[^>]*>/g)].map((m) => m[0]);
        expect(focusable.length, name).toBeGreaterThan(0);
        for (const tag of focusable) expect(tag, name).toMatch(/^<a href="[^"]+"|role="graphics-(object|symbol)" tabindex="0"/);
        for (const tag of focusable) expect(tag, name).toMatch(/ aria-label="[^"\s][^"]*"/);
      }
    }
  });
  it("budget structure: each group named with its total, then each drawn segment with its amount and share", () => {
    const { svg } = budgetStructureChart(budgetRows, { id: "k6", title: "t" });
    const stops = [...svg.matchAll(/role="graphics-(object|symbol)" tabindex="0" aria-label="([^"]+)"/g)].map((m) => m[2]);
    expect(stops[0]).toBe("资金来源：合计 92,787,331.00 元，2 项");
    expect(stops[1]).toBe("财政拨款 92,787,331.00 元（100.0%）");
    expect(stops).toContain("基本支出 50,839,284.87 元（54.8%）");
  });
});
