// The make-up of several totals side by side (e.g. each unit's 基本支出 / 项目支出): one stacked
// bar per row, either in amounts on a shared scale or as shares of each row's total. Items keep
// one colour and pattern across rows; an item too small to label in its segment is written out
// under the bar (a 0.00 item included), so nothing is hidden.

import { t } from "../i18n/messages.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  CATEGORICAL,
  INDEXED_PATTERNS,
  MUTED,
  PAPER,
  TRACK,
  baseline,
  caption,
  checkRows,
  checkText,
  esc,
  fail,
  header,
  legend,
  n,
  navAttrs,
  normalizeOptions,
  patchRect,
  patternSet,
  summaryPrefix,
  svgDocument,
  text,
  textLines,
  textWidth,
  wrapText,
} from "./util.ts";
import { formatShare, formatWan, formatYuan } from "../core/format.ts";

export interface StructureBarRow {
  label: string;
  items: { item: string; amountFen: bigint }[];
}

export interface StructureBarOptions extends ChartOptions {
  /** Amounts on one scale, or each bar as 100% of its row. */
  mode: "absolute" | "share";
}

interface Row {
  label: string;
  amounts: Map<string, bigint>;
  total: bigint;
}

function rowsOf(rows: readonly StructureBarRow[]): { rows: Row[]; items: string[] } {
  const items: string[] = [];
  const out = checkRows(rows).map((row, i) => {
    const label = checkText(row.label, `rows[${i}].label`);
    if (!Array.isArray(row.items)) fail("rows", `rows[${i}].items must be an array`);
    const amounts = new Map<string, bigint>();
    let total = 0n;
    row.items.forEach((it, j) => {
      const item = checkText(it?.item, `rows[${i}].items[${j}].item`);
      if (typeof it.amountFen !== "bigint" || it.amountFen < 0n) fail("rows", `rows[${i}].items[${j}].amountFen must be a bigint ≥ 0`);
      if (amounts.has(item)) fail("rows", `rows[${i}] repeats ${item}`);
      if (!items.includes(item)) items.push(item);
      amounts.set(item, it.amountFen);
      total += it.amountFen;
    });
    return { label, amounts, total };
  });
  return { rows: out, items };
}

const LH = 18;
const BAR_H = 22;

/** Items joined by " · " onto as few lines as fit, an item broken only when it is wider than a line. */
function packItems(items: string[], maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const it of items) {
    const next = line ? `${line} · ${it}` : it;
    if (textWidth(next, size) <= maxWidth) line = next;
    else {
      if (line) lines.push(line);
      const parts = wrapText(it, maxWidth, size);
      line = parts.pop()!;
      lines.push(...parts);
    }
  }
  if (line) lines.push(line);
  return lines;
}
const ON_FILL = "var(--c-on-fill, #ffffff)";

export function structureBarsChart(input: readonly StructureBarRow[], options: StructureBarOptions): ChartResult {
  const f = normalizeOptions(options);
  const mode = options.mode;
  if (mode !== "absolute" && mode !== "share") fail("options", `mode must be absolute or share, not ${JSON.stringify(mode)}`);
  const { rows, items } = rowsOf(input);
  const pats = patternSet(f.id);
  const style = new Map(items.map((item, k) => [item, { fill: CATEGORICAL[k % CATEGORICAL.length], pattern: pats.url(INDEXED_PATTERNS[k % INDEXED_PATTERNS.length]) }]));
  const max = rows.reduce((m, r) => (r.total > m ? r.total : m), 0n);
  const endText = (r: Row) => formatWan(r.total, f.lang);

  const endW = Math.max(...rows.map((r) => textWidth(endText(r), 13, true))) + 12;
  const labelW = f.compact ? f.inner : Math.min(240, Math.round(f.inner * 0.36));
  const barX = f.compact ? f.pad : f.pad + labelW;
  const barW = Math.max(60, f.pad + f.inner - barX - endW);

  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  const key = legend(f, y, items.map((item) => ({ label: item, ...style.get(item)! })));
  parts.push(key.svg);
  y += key.height + 12;
  for (const r of rows) {
    const lines = wrapText(r.label, f.compact ? f.inner : labelW - 12, 13);
    const barTop = f.compact ? y + lines.length * LH + 2 : y + Math.max(0, (lines.length * LH - BAR_H) / 2);
    const g = [`<g class="jx-structure-row" ${navAttrs("object", t(f.lang, "chart.amountsNav", r.label, formatYuan(r.total, f.lang), r.amounts.size))}>`, textLines(f.pad, y, lines, LH, { cls: "jx-row-label" })];
    const scale = mode === "share" ? r.total : max;
    const trackW = mode === "share" || max === 0n ? barW : (Number((r.total * 1_000_000n) / max) / 1_000_000) * barW;
    if (mode === "share") g.push(`<rect x="${n(barX)}" y="${n(barTop)}" width="${n(barW)}" height="${BAR_H}" fill="${TRACK}"/>`);
    const untold: string[] = [];
    let cum = 0n;
    const at = (fen: bigint) => barX + (scale === 0n ? 0 : (Number((fen * 1_000_000n) / scale) / 1_000_000) * barW);
    for (const item of items) {
      if (!r.amounts.has(item)) continue;
      const amount = r.amounts.get(item)!;
      const share = formatShare(amount, r.total);
      const told = `${item} ${formatWan(amount, f.lang)}${t(f.lang, "chart.paren", share)}`;
      if (amount === 0n) {
        untold.push(told);
        continue;
      }
      const x0 = at(cum);
      cum += amount;
      const x1 = at(cum);
      const inside = mode === "share" ? share : formatWan(amount, f.lang, { unit: false });
      const fits = textWidth(inside, 13) + 10 <= x1 - x0;
      if (!fits) untold.push(told);
      const s = style.get(item)!;
      g.push(
        `<g class="jx-segment" ${navAttrs("symbol", t(f.lang, "chart.partNav", item, formatYuan(amount, f.lang), share))}><title>${esc(`${r.label} · ${item} ${formatYuan(amount, f.lang)} (${share})`)}</title>` +
          patchRect(x0, barTop, x1 - x0, BAR_H, s.fill, s.pattern) +
          (fits ? text((x0 + x1) / 2, baseline(barTop, BAR_H, 13), inside, { anchor: "middle", fill: ON_FILL, halo: s.fill }) : "") +
          `</g>`,
      );
      if (cum < r.total) g.push(`<line x1="${n(x1)}" x2="${n(x1)}" y1="${n(barTop)}" y2="${n(barTop + BAR_H)}" stroke="${PAPER}" stroke-width="1.5"/>`);
    }
    if (r.total === 0n) g.push(text(barX + 6, baseline(barTop, BAR_H, 13), r.amounts.size ? t(f.lang, "chart.allZero") : t(f.lang, "chart.noItems"), { fill: MUTED }));
    const endX = (mode === "share" ? barX + barW : barX + trackW) + 6;
    g.push(text(endX, baseline(barTop, BAR_H, 13), endText(r), { weight: 600, cls: "jx-total" }));
    let bottom = barTop + BAR_H;
    if (untold.length) {
      const notes = packItems(untold, f.pad + f.inner - barX, 12);
      g.push(textLines(barX, bottom + 2, notes, 17, { size: 12, fill: MUTED, cls: "jx-breakdown" }));
      bottom += 2 + notes.length * 17;
    }
    g.push(`</g>`);
    parts.push(g.join("\n"));
    y = Math.max(bottom, y + lines.length * LH) + 12;
  }
  const note = wrapText(mode === "share" ? t(f.lang, "chart.shareNote") : t(f.lang, "chart.scaleNote"), f.inner, 12);
  parts.push(textLines(f.pad, y - 4, note, LH, { size: 12, fill: MUTED, cls: "jx-unit-note" }));
  y += note.length * LH;

  const summary =
    summaryPrefix(f) +
    rows
      .map((r) => {
        const parts = items.filter((i) => r.amounts.has(i)).map((i) => `${i} ${formatYuan(r.amounts.get(i)!, f.lang)}${t(f.lang, "chart.paren", formatShare(r.amounts.get(i)!, r.total))}`);
        return `${r.label}${t(f.lang, "chart.totalOf")} ${formatYuan(r.total, f.lang)}${parts.length ? t(f.lang, "chart.colon") + parts.join(t(f.lang, "chart.listSep")) : ""}`;
      })
      .join(t(f.lang, "chart.clauseSep")) +
    t(f.lang, "chart.stop");

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colName"), t(f.lang, "chart.colItem"), t(f.lang, "chart.colYuan"), t(f.lang, "chart.colShare")],
    rows: rows.flatMap((r) => [
      ...items.filter((i) => r.amounts.has(i)).map((i) => [r.label, i, formatYuan(r.amounts.get(i)!, f.lang, { unit: false }), formatShare(r.amounts.get(i)!, r.total)]),
      [r.label, t(f.lang, "chart.total"), formatYuan(r.total, f.lang, { unit: false }), r.total > 0n ? "100.0%" : "—"],
    ]),
    numeric: [false, false, true, true],
  };

  return { svg: svgDocument(f, `jx-structure-bars jx-${mode}`, y + 4, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table };
}
