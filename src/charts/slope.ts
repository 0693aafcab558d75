// Budget items across years: one line per item from year to year, the first amount at the
// left, and at the right the item, its latest amount and the change on the previous year in
// 万元 and percent. Labels are nudged apart so they never overlap; a leader line keeps them tied.

import { t } from "../i18n/messages.ts";
import { line, scaleLinear, scalePoint } from "d3";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  CATEGORICAL,
  INK,
  MUTED,
  PAPER,
  RULE,
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
import { formatChange, formatWan, formatYuan } from "../core/format.ts";

export interface SlopeRow {
  item: string;
  values: { year: number; amountFen: bigint }[];
}

interface Item {
  item: string;
  byYear: Map<number, bigint>;
}

function itemsOf(rows: readonly SlopeRow[]): Item[] {
  const seen = new Set<string>();
  return checkRows(rows).map((row, i) => {
    const item = checkText(row.item, `rows[${i}].item`);
    if (seen.has(item)) fail("rows", `rows[${i}].item repeats ${item}`);
    seen.add(item);
    if (!Array.isArray(row.values) || row.values.length === 0) fail("rows", `rows[${i}].values must be a non-empty array`);
    const byYear = new Map<number, bigint>();
    row.values.forEach((v, j) => {
      const at = `rows[${i}].values[${j}]`;
      if (v == null || !Number.isInteger(v.year) || v.year < 1900 || v.year > 2200) fail("rows", `${at}.year must be a year`);
      if (typeof v.amountFen !== "bigint") fail("rows", `${at}.amountFen must be a bigint`);
      if (byYear.has(v.year)) fail("rows", `${at}.year repeats ${v.year}`);
      byYear.set(v.year, v.amountFen);
    });
    return { item, byYear };
  });
}

interface Placed {
  want: number;
  h: number;
  top: number;
}

/**
 * Moves label boxes apart (keeping their order) so none overlap: each box wants its first line
 * (`anchor` below its top) level with its point, and is pushed down only as far as needed.
 * The chart grows to fit, so nothing is ever pushed off the bottom.
 */
function dodge(boxes: Placed[], gap: number, minTop: number, anchor: number): void {
  let floor = minTop;
  for (const b of [...boxes].sort((a, b) => a.want - b.want)) {
    b.top = Math.max(b.want - anchor, floor);
    floor = b.top + b.h + gap;
  }
}

export function slopeChart(rows: readonly SlopeRow[], options: ChartOptions): ChartResult {
  const f = normalizeOptions(options);
  const items = itemsOf(rows);
  const years = [...new Set(items.flatMap((it) => [...it.byYear.keys()]))].sort((a, b) => a - b);
  if (years.length < 2) fail("rows", "needs values for at least two years");
  const first = years[0];
  const last = years[years.length - 1];
  const prevYear = years[years.length - 2];
  const signed = (fen: bigint) => (fen > 0n ? "+" : fen < 0n ? "-" : "±") + formatWan(fen < 0n ? -fen : fen, f.lang);
  const changeText = (it: Item) => {
    const cur = it.byYear.get(last);
    const prev = it.byYear.get(prevYear);
    if (cur === undefined || prev === undefined) return t(f.lang, "chart.noEarlier", prevYear);
    if (cur === prev) return t(f.lang, "chart.unchanged");
    return `${signed(cur - prev)}${t(f.lang, "chart.paren", formatChange(cur, prev, f.lang))}`;
  };

  // Columns: first-year amounts | lines | item, latest amount and change.
  const LH = 17;
  const leftW = Math.max(...items.map((it) => (it.byYear.has(first) ? textWidth(formatWan(it.byYear.get(first)!, f.lang, { unit: false }), 12) : 0))) + 10;
  const rightW = Math.round(f.compact ? f.inner * 0.52 : Math.min(280, f.inner * 0.42));
  const labels = items.map((it) => {
    const latest = [...it.byYear.keys()].sort((a, b) => b - a)[0];
    const amount = `${formatWan(it.byYear.get(latest)!, f.lang)}${latest === last ? "" : t(f.lang, "chart.inYear", latest)}`;
    const change = changeText(it);
    const tail = textWidth(`${amount} · ${change}`, 12) <= rightW ? [`${amount} · ${change}`] : [...wrapText(amount, rightW, 12), ...wrapText(change, rightW, 12)];
    return { name: wrapText(it.item, rightW, 13), tail, latest };
  });
  const blockH = (k: number) => labels[k].name.length * LH + labels[k].tail.length * LH;

  const head = header(f);
  const yearsTop = head.height + 2;
  const plotTop = yearsTop + 30;
  const plotH = Math.max(200, labels.reduce((s, _, k) => s + blockH(k) + 10, 0));
  const xLeft = f.pad + leftW;
  const xRight = f.pad + f.inner - rightW - 12;
  const sx = scalePoint<number>().domain(years).range([xLeft, xRight]);
  const all = items.flatMap((it) => [...it.byYear.values()].map((v) => Number(v) / 100));
  // Amounts start from zero, so a line's slope is not exaggerated by a cropped axis.
  let lo = Math.min(0, ...all);
  let hi = Math.max(0, ...all);
  if (lo === hi) hi = lo + 1;
  const sy = scaleLinear().domain([lo, hi]).range([plotTop + plotH - 8, plotTop + 8]);
  const yOf = (fen: bigint) => sy(Number(fen) / 100);

  const parts = [head.svg];
  for (const year of years) {
    const x = sx(year)!;
    parts.push(text(x, baseline(yearsTop, 22, 13), String(year), { anchor: "middle", weight: 600 }));
    parts.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(plotTop - 4)}" y2="${n(plotTop + plotH)}" stroke="${RULE}"/>`);
  }

  const path = line<number>()
    .defined((_, i, data) => data[i] !== undefined && !Number.isNaN(data[i]))
    .x((_, i) => sx(years[i])!)
    .y((d) => d);
  const right: Placed[] = labels.map((_, k) => ({ want: yOf(items[k].byYear.get(labels[k].latest)!) , h: blockH(k), top: 0 }));
  dodge(right, 10, plotTop - 6, LH / 2);
  const left: Placed[] = items.map((it) => ({ want: it.byYear.has(first) ? yOf(it.byYear.get(first)!) : NaN, h: LH, top: 0 }));
  const leftShown = left.filter((b) => !Number.isNaN(b.want));
  dodge(leftShown, 2, plotTop - 6, LH / 2);

  let bottom = plotTop + plotH;
  items.forEach((it, k) => {
    const colour = CATEGORICAL[k % CATEGORICAL.length];
    const ys = years.map((year) => (it.byYear.has(year) ? yOf(it.byYear.get(year)!) : NaN));
    const g = [`<path d="${path(ys) ?? ""}" fill="none" stroke="${colour}" stroke-width="2.5"/>`];
    const lb = left[k];
    if (!Number.isNaN(lb.want)) {
      const ly = lb.top + LH / 2;
      g.push(text(xLeft - 8, baseline(lb.top, LH, 12), formatWan(it.byYear.get(first)!, f.lang, { unit: false }), { anchor: "end", size: 12, fill: MUTED }));
      if (Math.abs(ly - lb.want) > 2) {
        g.push(`<polyline points="${n(xLeft - 5)},${n(lb.want)} ${n(xLeft - 7)},${n(ly)}" fill="none" stroke="${colour}" stroke-width="1"/>`);
      }
    }
    const box = right[k];
    const lx = xRight + 12;
    const px = sx(labels[k].latest)!;
    const nameTop = box.top;
    // A leader from the point to the label's first line when the label had to move.
    const ly = nameTop + LH / 2;
    if (Math.abs(ly - box.want) > 2 || px !== xRight) {
      g.push(`<polyline points="${n(px + 5)},${n(box.want)} ${n(lx - 8)},${n(box.want)} ${n(lx - 3)},${n(ly)}" fill="none" stroke="${colour}" stroke-width="1"/>`);
    }
    g.push(textLines(lx, nameTop, labels[k].name, LH, { weight: 600, fill: INK }));
    g.push(textLines(lx, nameTop + labels[k].name.length * LH, labels[k].tail, LH, { size: 12, fill: MUTED }));
    bottom = Math.max(bottom, box.top + box.h);
    parts.push(`<g class="jx-slope-item"><title>${esc(it.item)}</title>\n${g.join("\n")}\n</g>`);
  });
  // The points, drawn over every line and walked by keyboard year by year (year → item): each
  // year a group named with its count and total, each point named with its amount and change.
  for (const [i, year] of years.entries()) {
    const here = items.map((it, k) => ({ it, k })).filter(({ it }) => it.byYear.has(year));
    const total = here.reduce((s, { it }) => s + it.byYear.get(year)!, 0n);
    const points = here.map(({ it, k }) => {
      const cur = it.byYear.get(year)!;
      const prev = i > 0 ? it.byYear.get(years[i - 1]) : undefined;
      const change = prev === undefined ? null : cur === prev ? t(f.lang, "chart.unchanged") : `${cur > prev ? "+" : "-"}${formatYuan(cur > prev ? cur - prev : prev - cur, f.lang)}${t(f.lang, "chart.paren", formatChange(cur, prev, f.lang))}`;
      const name = t(f.lang, "chart.pointNav", it.item, year, formatYuan(cur, f.lang), change);
      return `<circle ${navAttrs("symbol", name)} cx="${n(sx(year)!)}" cy="${n(yOf(cur))}" r="4" fill="${CATEGORICAL[k % CATEGORICAL.length]}" stroke="${PAPER}" stroke-width="1.5"/>`;
    });
    parts.push(`<g class="jx-slope-year" ${navAttrs("object", t(f.lang, "chart.yearNav", year, here.length, formatYuan(total, f.lang)))}>\n${points.join("\n")}\n</g>`);
  }
  parts.push(text(f.pad, baseline(bottom + 6, LH, 12), t(f.lang, "chart.wanNote"), { size: 12, fill: MUTED, cls: "jx-unit-note" }));
  bottom += 6 + LH;

  const describe = (it: Item) => {
    const cur = it.byYear.get(last);
    const prev = it.byYear.get(prevYear);
    if (cur === undefined || prev === undefined) {
      const shown = years.filter((yr) => it.byYear.has(yr)).map((yr) => t(f.lang, "chart.amountInYear", yr, formatYuan(it.byYear.get(yr)!, f.lang)));
      return `${it.item} ${shown.join(t(f.lang, "chart.listSep"))}`;
    }
    const diff = cur - prev;
    if (diff === 0n) {
      return t(f.lang, "chart.sameBoth", it.item, prevYear, last, formatYuan(cur, f.lang));
    }
    return t(f.lang, "chart.moved", it.item, prevYear, formatYuan(prev, f.lang), last, formatYuan(cur, f.lang), `${diff < 0n ? "-" : "+"}${formatYuan(diff < 0n ? -diff : diff, f.lang)}`, formatChange(cur, prev, f.lang));
  };
  const summary = summaryPrefix(f) + items.map(describe).join(t(f.lang, "chart.clauseSep")) + t(f.lang, "chart.stop");

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colItem"), t(f.lang, "chart.colYear"), t(f.lang, "chart.colYuan"), t(f.lang, "chart.colChange"), t(f.lang, "chart.colChangePct")],
    rows: items.flatMap((it) =>
      years
        .filter((yr) => it.byYear.has(yr))
        .map((yr) => {
          const cur = it.byYear.get(yr)!;
          const i = years.indexOf(yr);
          const prev = i > 0 ? it.byYear.get(years[i - 1]) : undefined;
          const diff = prev === undefined ? null : cur - prev;
          return [
            it.item,
            String(yr),
            formatYuan(cur, f.lang, { unit: false }),
            diff === null ? "—" : formatYuan(diff, f.lang, { unit: false, signed: true }),
            prev === undefined ? "—" : formatChange(cur, prev, f.lang),
          ];
        }),
    ),
    numeric: [false, true, true, true, true],
  };

  return { svg: svgDocument(f, "jx-slope", bottom + 10, summary, "", parts.filter(Boolean).join("\n"), true), summary, table };
}
