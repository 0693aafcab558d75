// The comparison pages' charts: ranking bars, the waterfall of what moved a total, and the
// structure of several units side by side (amounts or shares). Snapshots, escaping, exact
// figures in the table and summary, and the phone width.
import { describe, expect, it } from "vitest";
import type { ChartOptions, ChartResult } from "../src/charts/types.ts";
import { rankBarsChart, type RankBarRow } from "../src/charts/rankBars.ts";
import { waterfallChart, type WaterfallInput } from "../src/charts/waterfall.ts";
import { structureBarsChart, type StructureBarRow } from "../src/charts/structureBars.ts";
import { expectSnapshot, expectWellFormed } from "./chartAssertions.ts";

function expectReadable(svg: string, width: number): void {
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)</g)) {
    const x = Number(/\bx="([-\d.]+)"/.exec(m[1])?.[1]);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(width);
    const size = Number(/font-size="([\d.]+)"/.exec(m[1])?.[1] ?? 13);
    expect(size).toBeGreaterThanOrEqual(12);
  }
}

// The real unit's 2025 → 2026 (2025 is illustrative) and four illustrative siblings.
export const rankRows: RankBarRow[] = [
  { label: "上海市闵行区江川路街道社区党群服务中心", rank: 1, value: 9_278_733_100, valueText: "9,278.73 万元" },
  { label: "示例·江川路街道文化活动中心", rank: 2, value: 1_238_172_505, valueText: "1,238.17 万元" },
  { label: "示例·江川路街道市民健身中心", rank: 3, value: 860_053_185, valueText: "860.05 万元" },
  { label: "示例·江川路街道社区图书馆", rank: 4, value: 422_041_404, valueText: "422.04 万元" },
  { label: "示例·江川路街道社区党校", rank: 4, value: 422_041_404, valueText: "422.04 万元" },
  { label: "示例·无进度数据的单位", rank: null, value: null, valueText: "—" },
];

export const waterfallInput: WaterfallInput = {
  start: { label: "2025 年预算总额", amountFen: 8_548_914_348n },
  steps: [
    { item: "基本支出", changeFen: 495_931_330n },
    { item: "项目支出", changeFen: 233_887_422n },
  ],
  end: { label: "2026 年预算总额", amountFen: 9_278_733_100n },
};

export const structureRows: StructureBarRow[] = [
  { label: "上海市闵行区江川路街道社区党群服务中心", items: [{ item: "基本支出", amountFen: 5_083_928_487n }, { item: "项目支出", amountFen: 4_194_804_613n }] },
  { label: "示例·江川路街道文化活动中心", items: [{ item: "基本支出", amountFen: 529_401_703n }, { item: "项目支出", amountFen: 708_770_802n }] },
  { label: "示例·江川路街道社区党校", items: [{ item: "基本支出", amountFen: 174_620_850n }, { item: "项目支出", amountFen: 142_335_084n }, { item: "其他资金", amountFen: 0n }] },
];

type Render = (options: ChartOptions) => ChartResult;
const charts: [string, Render][] = [
  ["rank-bars", (o) => rankBarsChart(rankRows, { ...o, measure: "预算总额" })],
  ["waterfall", (o) => waterfallChart(waterfallInput, o)],
  ["structure-bars", (o) => structureBarsChart(structureRows, { ...o, mode: "absolute" })],
  ["structure-bars-share", (o) => structureBarsChart(structureRows, { ...o, mode: "share" })],
];

describe.each(charts)("%s chart", (name, render) => {
  const options = { id: `jx-${name}`, title: `${name} 示例`, sample: true };

  it("renders the example rows as the saved snapshots (640 zh, 340 zh, 640 en)", () => {
    expectSnapshot(name, render(options).svg);
    expectSnapshot(`${name}-340`, render({ ...options, width: 340 }).svg);
    expectSnapshot(`${name}-en`, render({ ...options, lang: "en" }).svg);
  });

  it("is well-formed, labelled by its own title and desc, deterministic, with colours from CSS", () => {
    const { svg, summary } = render(options);
    expectWellFormed(svg);
    // Every one has rows (and the structure bars segments) to walk by keyboard.
    expect(svg).toMatch(new RegExp(`^<svg [^>]*role="graphics-document" aria-labelledby="jx-${name}-title jx-${name}-desc"`));
    expect(svg).toContain(`<desc id="jx-${name}-desc">${summary}</desc>`);
    expect(svg).not.toMatch(/fill="#|stroke="#/);
    expect(render(options).svg).toBe(svg);
  });

  it("every focusable mark has a name (rows, and the structure bars' segments)", () => {
    for (const o of [{}, { width: 340 }, { lang: "en" as const }]) {
      const { svg } = render({ ...options, ...o });
      const focusable = [...svg.matchAll(/<[a-z]+ [^>]*tabindex="0"[^>]*>/g)].map((m) => m[0]);
      expect(focusable.length).toBeGreaterThan(0);
      for (const tag of focusable) expect(tag).toMatch(/role="graphics-(object|symbol)" tabindex="0" aria-label="[^"\s][^"]*"/);
    }
  });

  it("stays inside 340 units with text of at least 12px", () => {
    const { svg } = render({ ...options, width: 340 });
    expect(svg).toMatch(/viewBox="0 0 340 \d+"/);
    expectWellFormed(svg);
    expectReadable(svg, 340);
  });

  it("shows the 示例数据 badge and says so first only when sample is set", () => {
    const zh = render(options);
    expect(zh.svg).toMatch(/<g class="jx-sample-badge">.*示例数据<\/text><\/g>/);
    expect(zh.summary.startsWith("示例数据：")).toBe(true);
    expect(zh.table.caption).toBe(`${name} 示例（示例数据）`);
    const real = render({ ...options, sample: false });
    expect(real.svg).not.toContain("jx-sample-badge");
    expect(real.summary).not.toContain("示例数据");
  });

  it("draws no badge with sampleBadge: false (the page marks it once) but still says 示例数据 in its caption and summary", () => {
    const zh = render({ ...options, sampleBadge: false });
    expect(zh.svg).not.toContain("jx-sample-badge");
    expect(zh.summary.startsWith("示例数据：")).toBe(true);
    expect(zh.table.caption).toBe(`${name} 示例（示例数据）`);
    expect(zh.svg).toContain(`<desc id="jx-${name}-desc">示例数据：`);
  });
});

describe("escaping", () => {
  const evil = `<script>alert("x")</script> & 'q'`;
  const cases: [string, () => ChartResult][] = [
    ["rankBarsChart", () => rankBarsChart([{ label: evil, rank: 1, value: 1, valueText: evil, note: evil }], { id: "e1", title: evil, measure: evil })],
    ["waterfallChart", () => waterfallChart({ start: { label: evil, amountFen: 1n }, steps: [{ item: evil, changeFen: 1n }], end: { label: evil, amountFen: 2n } }, { id: "e2", title: evil })],
    ["structureBarsChart", () => structureBarsChart([{ label: evil, items: [{ item: evil, amountFen: 1n }] }], { id: "e3", title: evil, mode: "share" })],
  ];
  it.each(cases)("%s keeps a <script> label as inert text", (_, render) => {
    const { svg, summary, table } = render();
    expectWellFormed(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;");
    expect(summary).not.toContain("&lt;");
    expect(table.caption).toBe(evil);
  });
});

describe("rankBarsChart", () => {
  const r = rankBarsChart(rankRows, { id: "rk", title: "预算总额排名", measure: "预算总额", nameLabel: "单位" });

  it("says first and last by the given rank in its takeaway", () => {
    const byRank = rankRows.filter((x) => x.value !== null).sort((a, b) => a.rank! - b.rank!);
    const [first, last] = [byRank[0], byRank[byRank.length - 1]];
    expect(r.takeaway).toBe(`按预算总额，排第一的是${first.label}（${first.valueText}），排最后的是${last.label}（${last.valueText}）。`);
  });

  it("keeps the given order and shared ranks, and lists rows without a value last as 无数据", () => {
    expect(r.table.head).toEqual(["名次", "单位", "预算总额"]);
    expect(r.table.rows.map((x) => x[0])).toEqual(["1", "2", "3", "4", "4", "—"]);
    expect(r.table.rows[5]).toEqual(["—", "示例·无进度数据的单位", "无数据"]);
    expect(r.summary).toBe(
      "预算总额排名：1. 上海市闵行区江川路街道社区党群服务中心 9,278.73 万元；2. 示例·江川路街道文化活动中心 1,238.17 万元；3. 示例·江川路街道市民健身中心 860.05 万元；" +
        "4. 示例·江川路街道社区图书馆 422.04 万元；4. 示例·江川路街道社区党校 422.04 万元；示例·无进度数据的单位无数据。",
    );
    expect([...r.svg.matchAll(/class="jx-rank">([^<]+)</g)].map((m) => m[1])).toEqual(["1", "2", "3", "4", "4", "—"]);
  });

  it("makes each row one part walked by keyboard, named with its rank, name and figure as its table row gives them", () => {
    const names = [...r.svg.matchAll(/<g class="jx-rank-row" role="graphics-symbol" tabindex="0" aria-label="([^"]+)">/g)].map((m) => m[1]);
    expect(names).toEqual(r.table.rows.map(([rank, name, figure]) => (rank === "—" ? `${name}：${figure}` : `第 ${rank} 名 ${name}：${figure}`)));
    expect(names[0]).toBe("第 1 名 上海市闵行区江川路街道社区党群服务中心：9,278.73 万元");
    const en = rankBarsChart(rankRows, { id: "rk", title: "t", measure: "Budget", lang: "en" });
    expect(en.svg).toContain('aria-label="1. 上海市闵行区江川路街道社区党群服务中心: 9,278.73 万元"');
  });

  it("writes notes (a grade) after the figure and in their own column", () => {
    const g = rankBarsChart([{ label: "甲", rank: 1, value: 91.4, valueText: "91.40", note: "优" }, { label: "乙", rank: 2, value: 81.1, valueText: "81.10", note: "良" }], { id: "g", title: "t", measure: "得分", noteLabel: "等级", max: 100 });
    expect(g.table.head).toEqual(["名次", "名称", "得分", "等级"]);
    expect(g.table.rows).toEqual([["1", "甲", "91.40", "优"], ["2", "乙", "81.10", "良"]]);
    expect(g.svg).toContain(">91.40 优</text>");
  });

  it("fails fast on bad rows", () => {
    expect(() => rankBarsChart([], { id: "x", title: "t", measure: "m" })).toThrow("invalid rows: empty");
    expect(() => rankBarsChart([{ label: "a", rank: 0, value: 1, valueText: "1" }], { id: "x", title: "t", measure: "m" })).toThrow(/rank/);
    expect(() => rankBarsChart([{ label: "a", rank: 1, value: Number.NaN, valueText: "1" }], { id: "x", title: "t", measure: "m" })).toThrow(/value/);
  });
});

describe("waterfallChart", () => {
  const w = waterfallChart(waterfallInput, { id: "wf", title: "预算总额变动" });

  it("steps from the old total to the new to the fen, in the table and the summary", () => {
    expect(w.table.rows).toEqual([
      ["2025 年预算总额", "—", "85,489,143.48"],
      ["基本支出", "+4,959,313.30", "90,448,456.78"],
      ["项目支出", "+2,338,874.22", "92,787,331.00"],
      ["2026 年预算总额", "+7,298,187.52", "92,787,331.00"],
    ]);
    expect(w.summary).toBe("2025 年预算总额 85,489,143.48 元，基本支出 +4,959,313.30 元，项目支出 +2,338,874.22 元，2026 年预算总额 92,787,331.00 元（变动 +7,298,187.52 元）。");
    expect(w.svg).toContain(">+495.93 万元</text>");
    expect(w.svg).toContain(">9,278.73 万元</text>");
  });

  it("tells a decrease by pattern and sign, and draws a zero step as a tick", () => {
    const d = waterfallChart({ start: { label: "旧", amountFen: 1000n }, steps: [{ item: "减", changeFen: -300n }, { item: "平", changeFen: 0n }], end: { label: "新", amountFen: 700n } }, { id: "d", title: "t" });
    expect(d.svg).toContain('class="jx-waterfall-row jx-down"');
    expect(d.svg).toContain('fill="url(#d-hatch-light)"');
    expect(d.svg).toContain('class="jx-waterfall-row jx-zero"');
    expect(d.table.rows[1]).toEqual(["减", "-3.00", "7.00"]);
    expect(d.table.rows[2]).toEqual(["平", "±0.00", "7.00"]);
  });

  it("refuses steps that do not add up", () => {
    expect(() => waterfallChart({ start: { label: "a", amountFen: 100n }, steps: [{ item: "x", changeFen: 1n }], end: { label: "b", amountFen: 100n } }, { id: "x", title: "t" })).toThrow(
      "invalid rows: steps add up to 1 fen, but end − start is 0 fen",
    );
  });
});

describe("structureBarsChart", () => {
  it("lists every item in the table, a zero amount too, with exact yuan and shares", () => {
    const s = structureBarsChart(structureRows, { id: "s", title: "资金结构", mode: "absolute" });
    expect(s.table.rows.slice(-4)).toEqual([
      ["示例·江川路街道社区党校", "基本支出", "1,746,208.50", "55.1%"],
      ["示例·江川路街道社区党校", "项目支出", "1,423,350.84", "44.9%"],
      ["示例·江川路街道社区党校", "其他资金", "0.00", "0.0%"],
      ["示例·江川路街道社区党校", "合计", "3,169,559.34", "100.0%"],
    ]);
    // The zero item is written out under its bar, not hidden.
    expect(s.svg).toMatch(/class="jx-breakdown">[^<]*其他资金 0\.00 万元（0\.0%）/);
  });

  it("draws amounts on one scale, or each row as 100%", () => {
    const abs = structureBarsChart(structureRows, { id: "a", title: "t", mode: "absolute" });
    const share = structureBarsChart(structureRows, { id: "b", title: "t", mode: "share" });
    expect(abs.svg).toContain(">5,083.93</text>");
    expect(share.svg).toContain(">54.8%</text>");
    expect(share.svg).toContain('class="jx-chart jx-structure-bars jx-share jx-nav"');
    expect(abs.summary).toBe(share.summary);
  });

  it("fails fast on a negative amount and a repeated item", () => {
    expect(() => structureBarsChart([{ label: "a", items: [{ item: "x", amountFen: -1n }] }], { id: "x", title: "t", mode: "share" })).toThrow(/amountFen/);
    expect(() => structureBarsChart([{ label: "a", items: [{ item: "x", amountFen: 1n }, { item: "x", amountFen: 1n }] }], { id: "x", title: "t", mode: "share" })).toThrow(/repeats x/);
    expect(() => structureBarsChart([{ label: "a", items: [] }], { id: "x", title: "t", mode: "bars" as "share" })).toThrow(/mode/);
  });
});
