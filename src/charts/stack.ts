// One labelled horizontal stacked bar, shared by the indicator and completion charts:
// the label sits left of the bar (or above it when compact), counts are written inside the
// segments that have room, the total at the bar end, and a text breakdown appears under the
// bar whenever a segment was too narrow for its count.

import { t } from "../i18n/messages.ts";
import {
  MUTED,
  PAPER,
  TRACK,
  type Block,
  type Frame,
  baseline,
  esc,
  n,
  navAttrs,
  patchRect,
  text,
  textLines,
  textWidth,
  wrapText,
} from "./util.ts";

export interface StackSegment {
  label: string;
  value: number;
  fill: string;
  pattern: string | null;
  /** Text colour inside the segment, and the halo that keeps it clear of the pattern. */
  ink: string;
  /** An edge for a light segment (at ≥ 3:1 against the paper and the track where its fill is not). */
  edge?: string;
}

export interface StackRow {
  label: string;
  segments: StackSegment[];
  /** Written at the bar end, e.g. "11" or "共 8 项". */
  end: string;
  /** Reached with Tab and read as one line (the chart is drawn with svgDocument(…, nav)). */
  focus?: boolean;
  /** What the row stands for, as data-* attributes (data-level1 …): a host that narrows its tables by a click reads them. */
  data?: Record<string, string>;
}

export interface StackLayout {
  /** Left indent of labels. */
  indent: number;
  barX: number;
  barW: number;
  labelW: number;
  /** Stretch every bar to 100% (shares) or scale to this maximum (counts). */
  max: number | "percent";
}

const LH = 20;
const BAR_H = 22;

export function stackLayout(f: Frame, ends: string[], max: number | "percent", indent: number): StackLayout {
  const endW = Math.max(...ends.map((s) => textWidth(s, 13, true))) + 10;
  if (f.compact) return { indent: 0, barX: f.pad, barW: f.inner - endW, labelW: f.inner, max };
  const labelW = Math.min(220, Math.round(f.inner * 0.32));
  return { indent, barX: f.pad + labelW, barW: f.inner - labelW - endW, labelW, max };
}

export function stackRow(f: Frame, layout: StackLayout, y: number, row: StackRow): Block {
  const lines = wrapText(row.label, layout.labelW - layout.indent - (f.compact ? 0 : 12), 13);
  const labelX = f.pad + layout.indent;
  // Compact: label lines above the bar. Wide: first label line centred on the bar.
  const barTop = f.compact ? y + lines.length * LH + 2 : y + (LH - BAR_H) / 2 + 1;
  const labelTop = f.compact ? y : barTop + BAR_H / 2 - LH / 2;
  const total = row.segments.reduce((s, seg) => s + seg.value, 0);
  const scale = layout.max === "percent" ? total : layout.max;
  const said = row.segments.filter((s) => s.value > 0).map((s) => t(f.lang, "chart.segmentCount", s.label, s.value)).join(t(f.lang, "chart.listSep"));
  const data = Object.entries(row.data ?? {}).map(([k, v]) => ` data-${k}="${esc(v)}"`).join("");
  const open = row.focus ? `<g class="jx-stack-row"${data} ${navAttrs("symbol", t(f.lang, "chart.stackNav", row.label, said || t(f.lang, "chart.stackNone"), total))}>` : `<g class="jx-stack-row"${data}>`;
  const parts = [open, textLines(labelX, labelTop, lines, LH, { cls: "jx-row-label" })];
  if (layout.max === "percent") {
    parts.push(`<rect x="${n(layout.barX)}" y="${n(barTop)}" width="${n(layout.barW)}" height="${BAR_H}" fill="${TRACK}"/>`);
  }
  let x = layout.barX;
  let untold = false;
  for (const seg of row.segments) {
    if (seg.value === 0) continue;
    const w = scale > 0 ? (seg.value / scale) * layout.barW : 0;
    const count = String(seg.value);
    const fits = textWidth(count, 13) + 8 <= w;
    untold ||= !fits;
    parts.push(
      `<g class="jx-segment"><title>${esc(`${seg.label} ${count}`)}</title>` +
        patchRect(x, barTop, w, BAR_H, seg.fill, seg.pattern, seg.edge ? `stroke="${seg.edge}"` : "") +
        (fits ? text(x + w / 2, baseline(barTop, BAR_H, 13), count, { anchor: "middle", fill: seg.ink, halo: seg.fill }) : "") +
        `</g>`,
    );
    x += w;
    if (x < layout.barX + layout.barW - 0.5 && w > 0) {
      parts.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(barTop)}" y2="${n(barTop + BAR_H)}" stroke="${PAPER}" stroke-width="1.5"/>`);
    }
  }
  const endX = (layout.max === "percent" ? layout.barX + layout.barW : x) + 6;
  parts.push(text(endX, baseline(barTop, BAR_H, 13), row.end, { weight: 600, cls: "jx-total" }));
  let bottom = Math.max(barTop + BAR_H, labelTop + lines.length * LH);
  if (untold) {
    const told = row.segments.filter((s) => s.value > 0).map((s) => `${s.label} ${s.value}`).join(" · ");
    const notes = wrapText(told, f.pad + f.inner - layout.barX, 12);
    parts.push(textLines(layout.barX, barTop + BAR_H + 2, notes, 17, { size: 12, fill: MUTED, cls: "jx-breakdown" }));
    bottom = Math.max(bottom, barTop + BAR_H + 2 + notes.length * 17);
  }
  parts.push(`</g>`);
  return { svg: parts.join("\n"), height: bottom - y + 8 };
}
