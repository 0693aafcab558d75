// Contrast of every chart's colours as drawn (WCAG 2.2: 1.4.3 text ≥ 4.5:1, 1.4.11 marks ≥ 3:1):
// every text in every chart snapshot against what lies under it (the chip a label over a pattern
// sits on, a badge, a bar, or the paper), and every data mark (a bar, a segment, a legend swatch)
// against what lies under it — its fill or, for a light mark, its edge. Colours are read as the
// charts write them, var(--c-…, #fallback), and the site's overrides of those variables are
// checked on their own.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

const lum = (hex: string) => {
  const c = hex.replace("#", "").match(/../g)!.map((x) => parseInt(x, 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
};
export const contrast = (a: string, b: string) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

const PAPER = "#ffffff";
/** var(--c-x, #abc123) → #abc123; a plain #hex as it is; anything else (url(), none) null. */
function colour(v: string | undefined): string | null {
  if (!v) return null;
  const m = /^var\(--[\w-]+,\s*(#[0-9a-f]{6})\)$/i.exec(v.trim()) ?? /^(#[0-9a-f]{6})$/i.exec(v.trim());
  return m ? m[1].toLowerCase() : null;
}

interface Box { x: number; y: number; w: number; h: number; fill: string; stroke: string | null; cls: string; mark: boolean }
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

/** Texts and marks of one SVG in document order, each with what lies under it. */
function read(svg: string) {
  const boxes: Box[] = [];
  const texts: { text: string; fill: string; under: string }[] = [];
  const marks: { what: string; fill: string; stroke: string | null; under: string }[] = [];
  const root = attrs(/<svg [^>]*>/.exec(svg)![0]);
  const ink = colour(root.fill) ?? "#000000";
  let segment = false;
  const under = (px: number, py: number, skip?: Box) => {
    for (let i = boxes.length - 1; i >= 0; i--) {
      const b = boxes[i];
      if (b !== skip && px >= b.x && px <= b.x + b.w && py >= b.y && py <= b.y + b.h) return b.fill;
    }
    return PAPER;
  };
  for (const m of svg.matchAll(/<g class="([^"]*)"|<rect [^>]*\/>|<text ([^>]*)>([^<]*)<\/text>/g)) {
    if (m[1] !== undefined) {
      segment = /\bjx-segment\b/.test(m[1]);
      continue;
    }
    if (m[0].startsWith("<rect")) {
      const a = attrs(m[0]);
      const fill = colour(a.fill);
      if (!fill || (a["fill-opacity"] && Number(a["fill-opacity"]) < 1)) continue;
      const box: Box = { x: Number(a.x ?? 0), y: Number(a.y ?? 0), w: Number(a.width), h: Number(a.height), fill, stroke: colour(a.stroke), cls: a.class ?? "", mark: false };
      // A data mark: a segment's bar, a bullet's actual, a legend swatch (stroked), not a chip or a track.
      box.mark = a["aria-hidden"] !== "true" && fill !== colour("var(--c-track, #eef1f4)") && (segment || /\bjx-actual\b/.test(box.cls) || a["stroke-opacity"] !== undefined);
      if (box.mark) marks.push({ what: m[0], fill, stroke: box.stroke && (!a["stroke-opacity"] || Number(a["stroke-opacity"]) >= 1) ? box.stroke : null, under: under(box.x + box.w / 2, box.y + box.h / 2) });
      boxes.push(box);
      segment = false;
      continue;
    }
    const a = attrs(`<text ${m[2]}>`);
    const size = Number(a["font-size"] ?? 13);
    const x = Number(a.x), y = Number(a.y) - size * 0.35;
    const px = a["text-anchor"] === "middle" ? x : a["text-anchor"] === "end" ? x - 2 : x + 2;
    texts.push({ text: m[3], fill: colour(a.fill) ?? ink, under: under(px, y) });
  }
  return { texts, marks };
}

const DIR = "test/snapshots/charts/";
const files = readdirSync(DIR).filter((f) => f.endsWith(".svg") && !f.includes("-changed"));

describe("chart colours", () => {
  it("the snapshots hold texts and marks to measure", () => {
    expect(files.length).toBeGreaterThan(20);
    const all = files.map((f) => read(readFileSync(DIR + f, "utf8")));
    expect(all.reduce((n, r) => n + r.texts.length, 0)).toBeGreaterThan(500);
    expect(all.reduce((n, r) => n + r.marks.length, 0)).toBeGreaterThan(100);
    // The measure itself: white on the site's blue passes, the light grey on white fails.
    expect(contrast("#ffffff", "#2f6db5")).toBeGreaterThan(4.5);
    expect(contrast("#d0d7de", "#ffffff")).toBeLessThan(3);
  });

  it.each(files)("%s: every text ≥ 4.5:1 on what lies under it", (f) => {
    const bad = read(readFileSync(DIR + f, "utf8")).texts
      .map((t) => ({ ...t, ratio: contrast(t.fill, t.under) }))
      .filter((t) => t.ratio < 4.5)
      .map((t) => `“${t.text}” ${t.fill} on ${t.under}: ${t.ratio.toFixed(2)}`);
    expect([...new Set(bad)]).toEqual([]);
  });

  it.each(files)("%s: every data mark ≥ 3:1 against what lies under it (by its fill or its edge)", (f) => {
    const bad = read(readFileSync(DIR + f, "utf8")).marks
      .filter((m) => contrast(m.fill, m.under) < 3 && !(m.stroke && contrast(m.stroke, m.under) >= 3))
      .map((m) => `${m.fill}${m.stroke ? ` (edge ${m.stroke})` : ""} on ${m.under}: ${contrast(m.fill, m.under).toFixed(2)}`);
    expect([...new Set(bad)]).toEqual([]);
  });

  it("the site's own values of the charts' variables keep the pairs", () => {
    const css = readFileSync("src/styles/site.css", "utf8");
    const root = Object.fromEntries([...css.slice(0, css.indexOf("}")).matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2].toLowerCase()]));
    // --c-sample-ink: var(--sample) on --c-sample-bg: var(--paper), the 示例数据 badge.
    expect(root.sample && root.paper, "site.css :root --sample and --paper").toBeTruthy();
    expect(contrast(root.sample, root.paper)).toBeGreaterThanOrEqual(4.5);
  });
});
