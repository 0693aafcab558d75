// What moved a total from one year to the next: the old total, one floating bar per change
// (increases and decreases told apart by pattern and sign as well as colour), and the new
// total, on a scale that starts at zero. The steps must add up to the change to the fen.

import { t } from "../i18n/messages.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  CATEGORICAL,
  INK,
  MUTED,
  RULE,
  baseline,
  caption,
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
import { formatWan, formatYuan } from "../core/format.ts";

export interface WaterfallInput {
  start: { label: string; amountFen: bigint };
  /** Each change, in the order to draw; they must add up to end − start. */
  steps: { item: string; changeFen: bigint }[];
  end: { label: string; amountFen: bigint };
}

const LH = 18;
const BAR_H = 20;

function checked(input: WaterfallInput): WaterfallInput {
  if (input == null || typeof input !== "object") fail("rows", "not an object");
  const amount = (v: unknown, at: string) => {
    if (typeof v !== "bigint") fail("rows", `${at} must be a bigint`);
    return v;
  };
  const start = { label: checkText(input.start?.label, "start.label"), amountFen: amount(input.start?.amountFen, "start.amountFen") };
  const end = { label: checkText(input.end?.label, "end.label"), amountFen: amount(input.end?.amountFen, "end.amountFen") };
  if (!Array.isArray(input.steps)) fail("rows", "steps must be an array");
  const steps = input.steps.map((s, i) => ({ item: checkText(s?.item, `steps[${i}].item`), changeFen: amount(s?.changeFen, `steps[${i}].changeFen`) }));
  const sum = steps.reduce((a, s) => a + s.changeFen, 0n);
  if (start.amountFen + sum !== end.amountFen) fail("rows", `steps add up to ${sum} fen, but end − start is ${end.amountFen - start.amountFen} fen`);
  return { start, steps, end };
}

const signed = (fen: bigint, format: (f: bigint) => string) => (fen > 0n ? "+" : fen < 0n ? "-" : "±") + format(fen < 0n ? -fen : fen);

export function waterfallChart(input: WaterfallInput, options: ChartOptions): ChartResult {
  const f = normalizeOptions(options);
  const { start, steps, end } = checked(input);
  const pats = patternSet(f.id);
  const wan = (fen: bigint) => formatWan(fen, f.lang);
  const yuan = (fen: bigint) => formatYuan(fen, f.lang);
  const cell = (fen: bigint) => formatYuan(fen, f.lang, { unit: false });
  const UP = { fill: CATEGORICAL[2], pattern: null as string | null };
  const DOWN = { fill: CATEGORICAL[1], pattern: pats.url("hatch") };
  const TOTAL = { fill: CATEGORICAL[5], pattern: null as string | null };

  // Rows: [label, from, to, figure, kind].
  type Kind = "total" | "up" | "down" | "zero";
  const rows: { label: string; from: bigint; to: bigint; figure: string; kind: Kind }[] = [];
  rows.push({ label: start.label, from: 0n, to: start.amountFen, figure: `${formatWan(start.amountFen, f.lang)}`, kind: "total" });
  let running = start.amountFen;
  for (const s of steps) {
    rows.push({ label: s.item, from: running, to: running + s.changeFen, figure: signed(s.changeFen, wan), kind: s.changeFen > 0n ? "up" : s.changeFen < 0n ? "down" : "zero" });
    running += s.changeFen;
  }
  rows.push({ label: end.label, from: 0n, to: end.amountFen, figure: `${formatWan(end.amountFen, f.lang)}`, kind: "total" });

  const values = rows.flatMap((r) => [Number(r.from) / 100, Number(r.to) / 100]);
  const lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi === lo) hi = lo + 1;
  const endW = Math.min(f.inner * 0.4, Math.max(...rows.map((r) => textWidth(r.figure, 13))) + 12);
  const labelW = f.compact ? f.inner : Math.min(200, Math.round(f.inner * 0.3));
  const plotX = f.compact ? f.pad : f.pad + labelW;
  const plotW = f.pad + f.inner - plotX - endW;
  const x = (fen: bigint) => plotX + ((Number(fen) / 100 - lo) / (hi - lo)) * plotW;

  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  const key = legend(f, y, [
    { label: t(f.lang, "chart.increase"), ...UP },
    { label: t(f.lang, "chart.decrease"), ...DOWN },
    { label: t(f.lang, "chart.waterfallTotal"), ...TOTAL },
  ]);
  parts.push(key.svg);
  y += key.height + 10;
  const zeroX = x(0n);
  const plotTop = y;
  let prevBottom: { x: number; y: number } | null = null;
  for (const r of rows) {
    const lines = wrapText(r.label, f.compact ? f.inner : labelW - 12, 13);
    const barTop = f.compact ? y + lines.length * LH + 2 : y + Math.max(0, (lines.length * LH - BAR_H) / 2);
    const style = r.kind === "total" ? TOTAL : r.kind === "down" ? DOWN : UP;
    const x0 = Math.min(x(r.from), x(r.to));
    const x1 = Math.max(x(r.from), x(r.to));
    const exact = r.kind === "total" ? yuan(r.to) : signed(r.to - r.from, yuan);
    const g = [`<g class="jx-waterfall-row jx-${r.kind}" ${navAttrs("symbol", t(f.lang, "chart.stepNav", r.label, exact))}><title>${esc(`${r.label} ${exact}`)}</title>`];
    g.push(textLines(f.pad, y, lines, LH, { cls: "jx-row-label", weight: r.kind === "total" ? 600 : undefined }));
    if (prevBottom) g.push(`<line x1="${n(prevBottom.x)}" x2="${n(prevBottom.x)}" y1="${n(prevBottom.y)}" y2="${n(barTop)}" stroke="${MUTED}" stroke-dasharray="3 3"/>`);
    if (r.kind === "zero") g.push(`<line x1="${n(x0)}" x2="${n(x0)}" y1="${n(barTop)}" y2="${n(barTop + BAR_H)}" stroke="${INK}" stroke-width="2"/>`);
    else g.push(patchRect(x0, barTop, Math.max(1, x1 - x0), BAR_H, style.fill, style.pattern));
    g.push(text(x1 + 6, baseline(barTop, BAR_H, 13), r.figure, { weight: 600, cls: "jx-value" }));
    g.push(`</g>`);
    parts.push(g.join("\n"));
    prevBottom = { x: x(r.to), y: barTop + BAR_H };
    y = Math.max(barTop + BAR_H, y + lines.length * LH) + 10;
  }
  parts.splice(2, 0, `<line x1="${n(zeroX)}" x2="${n(zeroX)}" y1="${n(plotTop - 4)}" y2="${n(y - 6)}" stroke="${RULE}"/>`);
  const note = wrapText(t(f.lang, "chart.waterfallNote"), f.inner, 12);
  parts.push(textLines(f.pad, y, note, LH, { size: 12, fill: MUTED, cls: "jx-unit-note" }));
  y += note.length * LH;

  const change = end.amountFen - start.amountFen;
  const stepText = steps.map((s) => `${s.item} ${signed(s.changeFen, yuan)}`).join(t(f.lang, "chart.listSep"));
  const summary =
    summaryPrefix(f) +
    t(f.lang, "chart.waterfallSummary", `${start.label} ${formatYuan(start.amountFen, f.lang)}`, steps.length ? stepText : null, `${end.label} ${formatYuan(end.amountFen, f.lang)}`, signed(change, yuan));

  let cum = start.amountFen;
  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colItem"), t(f.lang, "chart.colChangeYuan"), t(f.lang, "chart.colRunning")],
    rows: [
      [start.label, "—", cell(start.amountFen)],
      ...steps.map((s) => {
        cum += s.changeFen;
        return [s.item, signed(s.changeFen, cell), cell(cum)];
      }),
      [end.label, signed(change, cell), cell(end.amountFen)],
    ],
    numeric: [false, true, true],
  };

  return { svg: svgDocument(f, "jx-waterfall", y + 6, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table };
}
