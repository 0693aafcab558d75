// Shared pieces for the chart modules: options, input checks, escaping, text metrics,
// patterns and the <svg> frame. Pure string building; no DOM, no clock. Numbers and money
// are formatted by src/core/format.ts, as everywhere else.

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

/** "1 indicator", "2 indicators". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Picks the zh or en wording. */
export function tr(f: { lang: Lang }, zh: string, en: string): string {
  return f.lang === "zh" ? zh : en;
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
  /** Outline in this colour behind the glyphs, so text stays legible over a pattern. */
  halo?: string;
}

/** One line of text; y is the baseline. */
export function text(x: number, y: number, s: string, style: TextStyle = {}): string {
  const a = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (style.size !== undefined && style.size !== 13) a.push(`font-size="${style.size}"`);
  if (style.weight !== undefined) a.push(`font-weight="${style.weight}"`);
  if (style.anchor !== undefined && style.anchor !== "start") a.push(`text-anchor="${style.anchor}"`);
  if (style.fill !== undefined) a.push(`fill="${style.fill}"`);
  if (style.halo !== undefined) {
    a.push(`stroke="${style.halo}"`, `stroke-width="3"`, `stroke-linejoin="round"`, `paint-order="stroke"`);
  }
  if (style.cls !== undefined) a.push(`class="${style.cls}"`);
  return `<text ${a.join(" ")}>${esc(s)}</text>`;
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

export type PatternName = "solid" | "hatch" | "dots" | "cross";
export type Tone = "light" | "dark";

const PATTERN_INK: Record<Tone, string> = {
  light: `fill="var(--c-pattern-light, #ffffff)" fill-opacity="0.4"`,
  dark: `fill="var(--c-pattern-dark, #1f2328)" fill-opacity="0.4"`,
};

function patternDef(pid: string, name: Exclude<PatternName, "solid">, tone: Tone): string {
  const ink = PATTERN_INK[tone];
  const open = (size: number, rotate: boolean) =>
    `<pattern id="${pid}" width="${size}" height="${size}" patternUnits="userSpaceOnUse"${rotate ? ` patternTransform="rotate(45)"` : ""}>`;
  if (name === "hatch") return `${open(6, true)}<rect width="2.2" height="6" ${ink}/></pattern>`;
  if (name === "dots") return `${open(5, false)}<circle cx="2.5" cy="2.5" r="1.2" ${ink}/></pattern>`;
  return `${open(6, true)}<rect width="1.8" height="6" ${ink}/><rect y="3" width="6" height="1.8" ${ink}/></pattern>`;
}

/** Collects the patterns one chart uses, with ids derived from the chart id. */
export function patternSet(id: string) {
  const used = new Map<string, string>();
  return {
    /** `url(#…)` for the overlay, or null for a solid fill. */
    url(name: PatternName, tone: Tone = "light"): string | null {
      if (name === "solid") return null;
      const pid = `${id}-${name}-${tone}`;
      if (!used.has(pid)) used.set(pid, patternDef(pid, name, tone));
      return `url(#${pid})`;
    },
    defs(): string {
      return [...used.values()].join("\n");
    },
  };
}

export const INDEXED_PATTERNS: PatternName[] = ["solid", "hatch", "dots", "cross"];

/** A filled rectangle with an optional pattern laid over it. */
export function patchRect(x: number, y: number, w: number, h: number, fill: string, pattern: string | null, extra = ""): string {
  const box = `x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, w))}" height="${n(h)}"`;
  const base = `<rect ${box} fill="${fill}"${extra ? ` ${extra}` : ""}/>`;
  return pattern ? `${base}<rect ${box} fill="${pattern}"/>` : base;
}

// ---- shared blocks ----

export interface Block {
  svg: string;
  height: number;
}

export function sampleLabel(f: Frame): string {
  return tr(f, "示例数据", "Illustrative data");
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
      `<g class="jx-legend-item">${patchRect(x, top + 4, 14, 14, item.fill, item.pattern, `stroke="${INK}" stroke-opacity="0.25"`)}` +
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
  return f.sample ? tr(f, "示例数据：", "Illustrative data: ") : "";
}

export function caption(f: Frame): string {
  return f.sample ? f.title + tr(f, "（示例数据）", " (illustrative data)") : f.title;
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

/** The outer <svg>: labelled by its own <title> and <desc>, sized by its viewBox. */
export function svgDocument(f: Frame, cls: string, height: number, desc: string, defs: string, body: string): string {
  const h = Math.ceil(height);
  body = markChinese(f, body);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="jx-chart ${cls}" role="img" aria-labelledby="${f.id}-title ${f.id}-desc" viewBox="0 0 ${f.width} ${h}" width="100%" font-family="inherit" font-size="13" fill="${INK}">`,
    `<title id="${f.id}-title">${esc(f.title)}</title>`,
    `<desc id="${f.id}-desc">${esc(desc)}</desc>`,
    ...(defs ? [`<defs>\n${defs}\n</defs>`] : []),
    body,
    `</svg>`,
  ].join("\n");
}
