// A ranking: one horizontal bar per row in the order given, its rank at the left (equal values
// share one), the exact figure as text at the bar end, and rows without a value listed last with
// the words "no data" rather than left out.

import { t } from "../i18n/messages.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  CATEGORICAL,
  MUTED,
  baseline,
  caption,
  checkRows,
  checkText,
  esc,
  fail,
  header,
  n,
  navAttrs,
  normalizeOptions,
  summaryPrefix,
  svgDocument,
  text,
  textLines,
  textWidth,
  wrapText,
} from "./util.ts";

export interface RankBarRow {
  label: string;
  /** 1-based rank (equal values share one); null when unranked. */
  rank: number | null;
  /** Bar length, for drawing only (the exact figure is valueText); null: no bar. */
  value: number | null;
  /** The exact figure as it should read, e.g. "9,278.73 万元", "96.82%". */
  valueText: string;
  /** Words after the figure, e.g. a grade. */
  note?: string;
}

export interface RankBarOptions extends ChartOptions {
  /** What is ranked, for the summary and the table head, e.g. "预算总额". */
  measure: string;
  /** Head of the name column in the table (default 名称 / Name). */
  nameLabel?: string;
  /** Head of the note column in the table, when rows carry notes. */
  noteLabel?: string;
  /** The scale's end (default: the largest value). */
  max?: number;
}

interface Row extends RankBarRow {
  note: string;
}

function rowsOf(rows: readonly RankBarRow[]): Row[] {
  return checkRows(rows).map((row, i) => {
    const label = checkText(row.label, `rows[${i}].label`);
    if (row.rank !== null && (!Number.isSafeInteger(row.rank) || row.rank < 1)) fail("rows", `rows[${i}].rank must be an integer ≥ 1 or null`);
    if (row.value !== null && (typeof row.value !== "number" || !Number.isFinite(row.value))) fail("rows", `rows[${i}].value must be a finite number or null`);
    const valueText = checkText(row.valueText, `rows[${i}].valueText`);
    if (row.note !== undefined && typeof row.note !== "string") fail("rows", `rows[${i}].note must be a string`);
    return { label, rank: row.rank, value: row.value, valueText, note: row.note?.trim() ?? "" };
  });
}

const LH = 18;
const BAR_H = 18;

export function rankBarsChart(rows: readonly RankBarRow[], options: RankBarOptions): ChartResult {
  const f = normalizeOptions(options);
  const measure = checkText(options.measure, "options.measure");
  const list = rowsOf(rows);
  const max = Math.max(options.max ?? 0, ...list.map((r) => r.value ?? 0));
  if (!Number.isFinite(max)) fail("options", "max must be finite");
  const none = t(f.lang, "chart.noData");
  const endText = (r: Row) => (r.value === null ? none : r.note ? `${r.valueText} ${r.note}` : r.valueText);
  const rankText = (r: Row) => (r.rank === null ? "—" : String(r.rank));

  const rankW = Math.max(...list.map((r) => textWidth(rankText(r), 13, true))) + 10;
  const endW = Math.min(f.inner * 0.45, Math.max(...list.map((r) => textWidth(endText(r), 13))) + 12);
  const labelW = f.compact ? f.inner - rankW : Math.min(240, Math.round(f.inner * 0.36));
  const barX = f.compact ? f.pad + rankW : f.pad + rankW + labelW;
  const barW = Math.max(40, f.pad + f.inner - barX - endW);

  const head = header(f);
  const parts = [head.svg];
  let y = head.height + 4;
  const colour = CATEGORICAL[0];
  for (const r of list) {
    const lines = wrapText(r.label, labelW - (f.compact ? 0 : 12), 13);
    const barTop = f.compact ? y + lines.length * LH + 2 : y + Math.max(0, (lines.length * LH - BAR_H) / 2);
    const labelTop = f.compact ? y : y;
    const g = [`<g class="jx-rank-row" ${navAttrs("symbol", t(f.lang, "chart.rankNav", rankText(r), r.label, endText(r)))}><title>${esc(`${rankText(r)} ${r.label} ${endText(r)}`)}</title>`];
    g.push(text(f.pad + rankW - 10, baseline(labelTop, LH, 13), rankText(r), { anchor: "end", weight: 600, cls: "jx-rank" }));
    g.push(textLines(f.pad + rankW, labelTop, lines, LH, { cls: "jx-row-label" }));
    // A baseline at zero, so a row without a bar still shows where the bar would start.
    g.push(`<line x1="${n(barX)}" x2="${n(barX)}" y1="${n(barTop - 2)}" y2="${n(barTop + BAR_H + 2)}" stroke="${MUTED}"/>`);
    let end = barX;
    if (r.value !== null && max > 0 && r.value > 0) {
      const w = (Math.min(r.value, max) / max) * barW;
      g.push(`<rect x="${n(barX)}" y="${n(barTop)}" width="${n(w)}" height="${BAR_H}" fill="${colour}"/>`);
      end = barX + w;
    }
    // The figure after the bar's end, or inside the track's end when the bar is long.
    const figure = endText(r);
    const tw = textWidth(figure, 13);
    const after = end + 6 + tw <= f.pad + f.inner;
    g.push(text(after ? end + 6 : f.pad + f.inner, baseline(barTop, BAR_H, 13), figure, { anchor: after ? "start" : "end", weight: r.value === null ? undefined : 600, fill: r.value === null ? MUTED : undefined, cls: "jx-value" }));
    g.push(`</g>`);
    parts.push(g.join("\n"));
    y = Math.max(barTop + BAR_H, labelTop + lines.length * LH) + 8;
  }

  const ranked = list.filter((r) => r.value !== null);
  const unranked = list.filter((r) => r.value === null);
  const sep = t(f.lang, "chart.clauseSep");
  const summary =
    summaryPrefix(f) +
    t(f.lang, "chart.rankedBy", measure) +
    [
      ...ranked.map((r) => `${rankText(r)}. ${r.label} ${r.note ? `${r.valueText} ${r.note}` : r.valueText}`),
      ...(unranked.length ? [t(f.lang, "chart.noDataFor", unranked.map((r) => r.label))] : []),
    ].join(sep) +
    t(f.lang, "chart.stop");

  const withNotes = list.some((r) => r.note);
  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colRank"), options.nameLabel ?? t(f.lang, "chart.colName"), measure, ...(withNotes ? [options.noteLabel ?? t(f.lang, "chart.colNote")] : [])],
    rows: list.map((r) => [rankText(r), r.label, r.value === null ? none : r.valueText, ...(withNotes ? [r.note || "—"] : [])]),
    numeric: [true, false, true, ...(withNotes ? [false] : [])],
  };

  // By the rank given (the caller's order: highest first, or lowest first for a rate to watch).
  const byRank = ranked.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const first = byRank[0];
  const last = byRank[byRank.length - 1];
  const takeaway = !first
    ? undefined
    : ranked.length === 1
      ? t(f.lang, "chart.rankOne", measure, first.label, first.valueText)
      : t(f.lang, "chart.rankEnds", measure, first.label, first.valueText, last.label, last.valueText);

  return { svg: svgDocument(f, "jx-rank-bars", y + 4, summary, "", parts.filter(Boolean).join("\n"), true), summary, table, takeaway };
}
