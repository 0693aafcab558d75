// Shared pieces for the chart modules: options, input checks, escaping, text metrics,
// patterns and the <svg> frame. Pure string building; no DOM, no clock. Numbers and money
// are formatted by src/core/format.ts, as everywhere else.

import { t } from "../i18n/messages.ts";
import type { ChartOptions, Lang } from "./types.ts";

/** Options after normalisation, plus the horizontal frame every chart lays out in. */
export interface Frame {
  id: string;
  lang: Lang;
  title: string;
  width: number;
  sample: boolean;
  /** Draw the 示例数据 badge (sample and not turned off by the page). */
  sampleBadge: boolean;
  compact: boolean;
  /** Left and right padding. */
  pad: number;
  /** Width between the paddings. */
  inner: number;
}

export function fail(what: string, detail: string): never {
  throw new Error(`invalid ${what}: ${detail}`);
}

export function normalizeOptions(options: ChartOptions): Frame {
  if (options == null || typeof options !== "object") fail("options", String(options));
  const { id, title, lang = "zh", width = 640, sample = false, sampleBadge = true } = options;
  if (typeof id !== "string" || !/^[A-Za-z][\w-]*$/.test(id)) fail("id", JSON.stringify(id));
  if (typeof title !== "string" || title.trim() === "") fail("title", JSON.stringify(title));
  if (lang !== "zh" && lang !== "en") fail("lang", JSON.stringify(lang));
  if (typeof width !== "number" || !Number.isFinite(width) || width < 240 || width > 4000) {
    fail("width", String(width));
  }
  if (typeof sample !== "boolean") fail("sample", JSON.stringify(sample));
  if (typeof sampleBadge !== "boolean") fail("sampleBadge", JSON.stringify(sampleBadge));
  const compact = options.compact ?? width < 480;
  if (typeof compact !== "boolean") fail("compact", JSON.stringify(compact));
  const pad = 8;
  return { id, lang, title, width, sample, sampleBadge: sample && sampleBadge, compact, pad, inner: width - 2 * pad };
}


/**
 * A part of a chart a keyboard reaches with Tab, in reading order (一级, then its 二级 rows), with
 * its name read out: no script needed. `object` for a group of parts, `symbol` for one row.
 */
export function navAttrs(kind: "object" | "symbol", label: string): string {
  return `role="graphics-${kind}" tabindex="0" aria-label="${esc(label)}"`;
}


// ---- input checks: `invalid rows: rows[2].count must be an integer ≥ 0` ----

export function checkRows<T>(rows: readonly T[]): readonly T[] {
  if (!Array.isArray(rows)) fail("rows", "not an array");
  if (rows.length === 0) fail("rows", "empty");
  rows.forEach((row, i) => {
    if (row == null || typeof row !== "object") fail("rows", `rows[${i}] is not an object`);
  });
  return rows;
}

export function checkText(value: unknown, at: string): string {
  if (typeof value !== "string" || value.trim() === "") fail("rows", `${at} must be a non-empty string`);
  return value.trim();
}

export function checkCount(value: unknown, at: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail("rows", `${at} must be an integer ≥ 0`);
  }
  return value;
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], at: string): T {
  if (!allowed.includes(value as T)) fail("rows", `${at} must be one of ${allowed.join(", ")}`);
  return value as T;
}

// ---- escaping and numbers in markup ----

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and attribute values; drops characters XML forbids. */
export function esc(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A coordinate rounded to 0.1 so snapshots do not churn on float noise. */
export function n(v: number): string {
  const x = Math.round(v * 10) / 10;
  return String(Object.is(x, -0) ? 0 : x);
}

// ---- text metrics and wrapping (estimates err wide, so text never overruns) ----

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2018 && code <= 0x201d) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

function charEm(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  if (isWide(code)) return 1;
  if (c >= "0" && c <= "9") return 0.6;
  if (/[mwMW%@]/.test(c)) return 0.9;
  if (c >= "A" && c <= "Z") return 0.7;
  if (/[ijlI.,:;'!|]/.test(c)) return 0.32;
  if (c === " ") return 0.32;
  if (c >= "a" && c <= "z") return 0.56;
  return 0.66;
}

export function textWidth(s: string, size: number, bold = false): number {
  let em = 0;
  for (const c of s) em += charEm(c);
  return em * size * (bold ? 1.06 : 1);
}

const CLOSING = /^[，。、；：！？）》」』】〕”’%,.;:!?)\]]$/u;
const OPENING = /^[（《「『【〔“‘(\[]$/u;

/** Breakable pieces: one CJK character, one Latin word or number, or a space; punctuation sticks to its neighbour. */
function tokenize(s: string): string[] {
  const raw = s.match(/[+\-±]?[A-Za-z0-9][A-Za-z0-9.,%+\-/:_]*| |[\s\S]/gu) ?? [];
  const out: string[] = [];
  let opening = "";
  for (const tok of raw) {
    if (OPENING.test(tok)) opening += tok;
    else if (CLOSING.test(tok) && out.length > 0 && out[out.length - 1] !== " ") out[out.length - 1] += tok;
    else {
      out.push(opening + tok);
      opening = "";
    }
  }
  if (opening) out.push(opening);
  return out;
}

/** Greedy line breaking for mixed Chinese and Latin text; never returns an empty list. */
export function wrapText(s: string, maxWidth: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const tok of tokenize(s.replace(/\s+/g, " ").trim())) {
    if (tok === " " && line === "") continue;
    if (textWidth((line + tok).trimEnd(), size, bold) <= maxWidth) {
      line += tok;
      continue;
    }
    if (line.trim() !== "") lines.push(line.trimEnd());
    line = "";
    if (tok === " ") continue;
    if (textWidth(tok, size, bold) <= maxWidth) {
      line = tok;
      continue;
    }
    for (const c of tok) {
      if (line !== "" && textWidth(line + c, size, bold) > maxWidth) {
        lines.push(line);
        line = "";
      }
      line += c;
    }
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [""];
}

// ---- colours (CSS custom properties with fallbacks) ----

export const INK = "var(--c-text, #1f2328)";
export const MUTED = "var(--c-muted, #57606a)";
export const RULE = "var(--c-rule, #d0d7de)";
export const TRACK = "var(--c-track, #eef1f4)";
export const PAPER = "var(--c-bg, #ffffff)";
/** The edge of a light mark (未填报, 无目标), so that it stands out from the paper and the track at ≥ 3:1. */
export const EDGE = "var(--c-mark-edge, #6e7781)";

export function cssColor(name: string, fallback: string): string {
  return `var(--c-${name}, ${fallback})`;
}

/** Categorical colours that all carry white text at ≥ 4.5:1. */
export const CATEGORICAL = [
  cssColor("cat-1", "#2f6db5"),
  cssColor("cat-2", "#b4521a"),
  cssColor("cat-3", "#2e7d4f"),
  cssColor("cat-4", "#7b4fa8"),
  cssColor("cat-5", "#8a6a00"),
  cssColor("cat-6", "#4d5a66"),
];

// ---- text elements ----

export interface TextStyle {
  size?: number;
  weight?: number;
  anchor?: "start" | "middle" | "end";
  fill?: string;
  cls?: string;
  /**
   * A solid chip of this colour behind the text, so a label over a pattern sits on its plain fill
   * (the pair the contrast test measures). A chip, not a stroke round the glyphs: Chromium's PDF
   * writer can only draw stroked text as Type 3 outlines, never as the subset font.
   */
  halo?: string;
}

/** One line of text; y is the baseline. */
export function text(x: number, y: number, s: string, style: TextStyle = {}): string {
  const a = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (style.size !== undefined && style.size !== 13) a.push(`font-size="${style.size}"`);
  if (style.weight !== undefined) a.push(`font-weight="${style.weight}"`);
  if (style.anchor !== undefined && style.anchor !== "start") a.push(`text-anchor="${style.anchor}"`);
  if (style.fill !== undefined) a.push(`fill="${style.fill}"`);
  if (style.cls !== undefined) a.push(`class="${style.cls}"`);
  let chip = "";
  if (style.halo !== undefined) {
    const size = style.size ?? 13;
    const w = textWidth(s, size, (style.weight ?? 400) >= 600) + 6;
    const left = style.anchor === "middle" ? x - w / 2 : style.anchor === "end" ? x - w + 3 : x - 3;
    chip = `<rect x="${n(left)}" y="${n(y - size * 0.86 - 2)}" width="${n(w)}" height="${n(size * 1.16 + 4)}" rx="2" fill="${style.halo}" aria-hidden="true"/>`;
  }
  return `${chip}<text ${a.join(" ")}>${esc(s)}</text>`;
}

/** Baseline that centres a line of `size` text in a box of height `h` starting at `top`. */
export function baseline(top: number, h: number, size: number): number {
  return top + h / 2 + size * 0.36;
}

/** Several lines, the first box starting at `top`, each `lineHeight` tall. */
export function textLines(x: number, top: number, lines: string[], lineHeight: number, style: TextStyle = {}): string {
  const size = style.size ?? 13;
  return lines.map((line, i) => text(x, baseline(top + i * lineHeight, lineHeight, size), line, style)).join("\n");
}

// ---- patterns: colour is never the only carrier of a category ----
//
// Drawn without SVG <pattern>: Chromium's PDF writer (Skia) cannot keep a pattern paint server
// as vectors and rasterizes it over each filled shape's box (a 455×411 image per bar, ~2 MB a
// report). Stripes are a linearGradient repeating with hard stops (a PDF shading, a few hundred
// bytes) and dots are one dashed path with round caps, so screen, print and PDF draw the same
// vectors.

export type PatternName = "solid" | "hatch" | "dots" | "cross";
export type Tone = "light" | "dark";

const PATTERN_INK: Record<Tone, string> = {
  light: "var(--c-pattern-light, #ffffff)",
  dark: "var(--c-pattern-dark, #1f2328)",
};
const PATTERN_OPACITY = "0.4";

/** Stripes of width `bar` every `period` user units, across the direction (dx, dy) (a unit vector). */
function stripes(pid: string, tone: Tone, period: number, bar: number, dx: number, dy: number): string {
  const ink = PATTERN_INK[tone];
  const at = Math.round((bar / period) * 1000) / 1000;
  return (
    `<linearGradient id="${pid}" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="${n(dx * period)}" y2="${n(dy * period)}" spreadMethod="repeat">` +
    `<stop offset="0" stop-color="${ink}" stop-opacity="${PATTERN_OPACITY}"/><stop offset="${at}" stop-color="${ink}" stop-opacity="${PATTERN_OPACITY}"/>` +
    `<stop offset="${at}" stop-color="${ink}" stop-opacity="0"/><stop offset="1" stop-color="${ink}" stop-opacity="0"/></linearGradient>`
  );
}

const D = Math.SQRT1_2;

function patternDef(pid: string, name: Exclude<PatternName, "solid">, tone: Tone): string {
  // The stripes of the former 6-unit tile rotated by 45°: 2.2 wide for hatch, 1.8 both ways for cross.
  if (name === "hatch") return stripes(pid, tone, 6, 2.2, D, D);
  if (name === "cross") return stripes(pid, tone, 6, 1.8, D, D) + stripes(`${pid}-b`, tone, 6, 1.8, -D, D);
  return ""; // dots are drawn in place (patchRect)
}

const PATTERN_URL = /^url\(#([A-Za-z][\w-]*)-(hatch|dots|cross)-(light|dark)\)$/;

/** Collects the patterns one chart uses, with ids derived from the chart id. */
export function patternSet(id: string) {
  const used = new Map<string, string>();
  return {
    /** `url(#…)` naming the overlay (patchRect draws it), or null for a solid fill. */
    url(name: PatternName, tone: Tone = "light"): string | null {
      if (name === "solid") return null;
      const pid = `${id}-${name}-${tone}`;
      if (!used.has(pid)) used.set(pid, patternDef(pid, name, tone));
      return `url(#${pid})`;
    },
    defs(): string {
      return [...used.values()].filter(Boolean).join("\n");
    },
  };
}

export const INDEXED_PATTERNS: PatternName[] = ["solid", "hatch", "dots", "cross"];

/** Dots 2.4 across every 5 units, inside the box: one dashed path with round caps. */
function dots(x: number, y: number, w: number, h: number, tone: Tone): string {
  const r = 1.2;
  const rows: string[] = [];
  for (let cy = y + 2.5; cy <= y + h - r; cy += 5) rows.push(`M${n(x + 2.5)} ${n(cy)}H${n(Math.max(x + 2.5, x + w - r))}`);
  if (rows.length === 0 || w < 2 * r) return "";
  return `<path d="${rows.join("")}" fill="none" stroke="${PATTERN_INK[tone]}" stroke-opacity="${PATTERN_OPACITY}" stroke-width="${2 * r}" stroke-linecap="round" stroke-dasharray="0 5" aria-hidden="true"/>`;
}

/** A filled rectangle with an optional pattern (from patternSet) laid over it. */
export function patchRect(x: number, y: number, w: number, h: number, fill: string, pattern: string | null, extra = ""): string {
  const box = `x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(h)}"`;
  const base = `<rect ${box} fill="${fill}"${extra ? ` ${extra}` : ""}/>`;
  if (!pattern) return base;
  const m = PATTERN_URL.exec(pattern);
  if (!m) return `${base}<rect ${box} fill="${pattern}"/>`;
  const [, , name, tone] = m;
  if (name === "dots") return base + dots(x, y, Math.max(0, w), h, tone as Tone);
  const overlay = `${base}<rect ${box} fill="${pattern}"/>`;
  return name === "cross" ? `${overlay}<rect ${box} fill="${pattern.replace(/\)$/, "-b)")}"/>` : overlay;
}

// ---- shared blocks ----

export interface Block {
  svg: string;
  height: number;
}

export function sampleLabel(f: Frame): string {
  return t(f.lang, "chart.sample");
}

/** The visible 示例数据 badge row (empty when the data is declared). */
export function header(f: Frame): Block {
  if (!f.sampleBadge) return { svg: "", height: 0 };
  const label = sampleLabel(f);
  const w = textWidth(label, 12, true) + 16;
  const svg =
    `<g class="jx-sample-badge">` +
    `<rect x="${f.pad}" y="4" width="${n(w)}" height="22" rx="4" fill="var(--c-sample-bg, #fff4d6)" stroke="var(--c-sample, #8a6a00)"/>` +
    text(f.pad + 8, baseline(4, 22, 12), label, { size: 12, weight: 600, fill: "var(--c-sample-ink, #5c4600)" }) +
    `</g>`;
  return { svg, height: 34 };
}

export interface LegendItem {
  label: string;
  fill: string;
  pattern: string | null;
  /** An edge for a light swatch (at ≥ 3:1 where its fill is not). */
  edge?: string;
}

/** Swatch + label pairs that flow onto as many lines as the width needs. */
export function legend(f: Frame, y: number, items: LegendItem[]): Block {
  const lh = 22;
  const parts: string[] = [];
  let x = f.pad;
  let line = 0;
  for (const item of items) {
    const w = 14 + 6 + textWidth(item.label, 13);
    if (x > f.pad && x + w > f.pad + f.inner) {
      x = f.pad;
      line += 1;
    }
    const top = y + line * lh;
    parts.push(
      `<g class="jx-legend-item">${patchRect(x, top + 4, 14, 14, item.fill, item.pattern, item.edge ? `stroke="${item.edge}"` : `stroke="${INK}" stroke-opacity="0.25"`)}` +
        text(x + 20, baseline(top, lh, 13), item.label) +
        `</g>`,
    );
    x += w + 16;
  }
  return { svg: `<g class="jx-legend">\n${parts.join("\n")}\n</g>`, height: (line + 1) * lh };
}

/** A bold heading with a muted note at the right (or under it when the width is short). */
export function heading(f: Frame, y: number, label: string, aside: string): Block {
  const lh = 20;
  const asideW = textWidth(aside, 13);
  const beside = f.inner - asideW - 12 >= f.inner * 0.45;
  const lines = wrapText(label, beside ? f.inner - asideW - 12 : f.inner, 14, true);
  const parts = [textLines(f.pad, y, lines, lh, { size: 14, weight: 600, cls: "jx-heading" })];
  const asideTop = beside ? y : y + lines.length * lh;
  parts.push(text(beside ? f.pad + f.inner : f.pad, baseline(asideTop, lh, 13), aside, { anchor: beside ? "end" : "start", fill: MUTED }));
  return { svg: parts.join("\n"), height: (beside ? lines.length : lines.length + 1) * lh };
}

export function summaryPrefix(f: Frame): string {
  return f.sample ? t(f.lang, "chart.samplePrefix") : "";
}

export function caption(f: Frame): string {
  return f.sample ? f.title + t(f.lang, "chart.sampleSuffix") : f.title;
}

const HAN = /\p{Script=Han}/u;

/**
 * In an English chart, text from the data (unit names, items — Chinese as declared) is marked
 * lang="zh-CN", as the page marks it around the chart; the chart's own words are English.
 */
function markChinese(f: Frame, body: string): string {
  if (f.lang !== "en") return body;
  return body.replace(/<text ([^>]*)>([^<]*)<\/text>/g, (whole, attrs: string, content: string) => (HAN.test(content) ? `<text ${attrs} lang="zh-CN">${content}</text>` : whole));
}

/**
 * What the arrow keys say in a chart walked by keyboard (src/site/chartKeys.ts, the one script of site and
 * workspace): where the reader is, a template of {level}, {pos} and {size}, and, on entering, what the keys do.
 * A chart whose groups hold parts (graphics-object) has levels; one of single rows is one list.
 */
function navWords(f: Frame, body: string): string {
  const levels = body.includes('role="graphics-object"');
  const where = t(f.lang, levels ? "chart.keysWhereLevel" : "chart.keysWhere");
  const enter = levels ? t(f.lang, "chart.keysEnterLevels", where) : t(f.lang, "chart.keysEnter", where);
  return ` data-nav-where="${esc(where)}" data-nav-enter="${esc(enter)}"`;
}

/**
 * The outer <svg>: labelled by its own <title> and <desc>, sized by its viewBox. A chart with a
 * structure to walk (`nav`: groups and rows made focusable by `navAttrs`) is a graphics document,
 * whose parts keep their roles and names; any other is one image.
 */
export function svgDocument(f: Frame, cls: string, height: number, desc: string, defs: string, body: string, nav = false): string {
  const h = Math.ceil(height);
  body = markChinese(f, body);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="jx-chart ${cls}${nav ? " jx-nav" : ""}" role="${nav ? "graphics-document" : "img"}" aria-labelledby="${f.id}-title ${f.id}-desc"${nav ? navWords(f, body) : ""} viewBox="0 0 ${f.width} ${h}" width="100%" font-family="inherit" font-size="13" fill="${INK}">`,
    `<title id="${f.id}-title">${esc(f.title)}</title>`,
    `<desc id="${f.id}-desc">${esc(desc)}</desc>`,
    ...(defs ? [`<defs>\n${defs}\n</defs>`] : []),
    body,
    `</svg>`,
  ].join("\n");
}
