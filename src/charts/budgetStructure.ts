// 资金来源 / 资金结构: one 100%-stacked bar per group, every segment labelled, and a key that
// lists every item, zero amounts included (a 0.00 item is a fact, not something to hide).

import { t } from "../i18n/messages.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  CATEGORICAL,
  INDEXED_PATTERNS,
  INK,
  MUTED,
  PAPER,
  TRACK,
  type Block,
  type Frame,
  baseline,
  caption,
  checkRows,
  esc,
  checkText,
  fail,
  header,
  heading,
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

export interface BudgetStructureRow {
  group: string;
  item: string;
  amountFen: bigint;
}

interface Item {
  item: string;
  amountFen: bigint;
  fill: string;
  pattern: string | null;
}

interface Group {
  group: string;
  items: Item[];
  total: bigint;
}

type Patterns = ReturnType<typeof patternSet>;

function groupsOf(rows: readonly BudgetStructureRow[], pats: Patterns): Group[] {
  const groups = new Map<string, Group>();
  checkRows(rows).forEach((row, i) => {
    const group = checkText(row.group, `rows[${i}].group`);
    const item = checkText(row.item, `rows[${i}].item`);
    const amountFen = row.amountFen;
    if (typeof amountFen !== "bigint" || amountFen < 0n) fail("rows", `rows[${i}].amountFen must be a bigint ≥ 0`);
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { group, items: [], total: 0n }));
    if (g.items.some((x) => x.item === item)) fail("rows", `rows[${i}] repeats ${group} / ${item}`);
    const k = g.items.length;
    g.items.push({ item, amountFen, fill: CATEGORICAL[k % CATEGORICAL.length], pattern: pats.url(INDEXED_PATTERNS[k % INDEXED_PATTERNS.length]) });
    g.total += amountFen;
  });
  return [...groups.values()];
}

const ON_FILL = "var(--c-on-fill, #ffffff)";

function bar(f: Frame, g: Group, y: number, h: number): string {
  const parts = [`<rect x="${f.pad}" y="${n(y)}" width="${n(f.inner)}" height="${h}" fill="${TRACK}"/>`];
  if (g.total === 0n) {
    parts.push(text(f.pad + f.inner / 2, baseline(y, h, 13), t(f.lang, "chart.allZero"), { anchor: "middle", fill: MUTED }));
    return parts.join("\n");
  }
  const at = (fen: bigint) => f.pad + (Number((fen * 1_000_000n) / g.total) / 1_000_000) * f.inner;
  let cum = 0n;
  const edges: number[] = [];
  for (const it of g.items) {
    if (it.amountFen === 0n) continue;
    const x0 = at(cum);
    cum += it.amountFen;
    const x1 = at(cum);
    const share = formatShare(it.amountFen, g.total);
    const tip = `${it.item} ${formatYuan(it.amountFen, f.lang)} (${share})`;
    const wan = formatWan(it.amountFen, f.lang);
    const label = [`${it.item} ${share} · ${wan}`, `${it.item} ${share}`, share].find((s) => textWidth(s, 13) + 12 <= x1 - x0);
    parts.push(
      `<g class="jx-segment" ${navAttrs("symbol", t(f.lang, "chart.partNav", it.item, formatYuan(it.amountFen, f.lang), share))}><title>${esc(tip)}</title>` +
        patchRect(x0, y, x1 - x0, h, it.fill, it.pattern) +
        (label ? text(x0 + 6, baseline(y, h, 13), label, { fill: ON_FILL, halo: it.fill }) : "") +
        `</g>`,
    );
    if (cum < g.total) edges.push(x1);
  }
  for (const x of edges) parts.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${n(y)}" y2="${n(y + h)}" stroke="${PAPER}" stroke-width="1.5"/>`);
  return parts.join("\n");
}

/** Every item on its own line: swatch, name, share, amount in 万元. */
function key(f: Frame, g: Group, y: number): Block {
  const lh = 20;
  const amounts = g.items.map((it) => formatWan(it.amountFen, f.lang));
  const shares = g.items.map((it) => formatShare(it.amountFen, g.total));
  const amountW = Math.max(...amounts.map((s) => textWidth(s, 13)));
  const shareW = Math.max(textWidth("100.0%", 13), ...shares.map((s) => textWidth(s, 13)));
  const nameX = f.pad + 22;
  const nameW = f.inner - 22 - shareW - amountW - 28;
  const stacked = nameW < 72;
  const parts: string[] = [];
  let top = y;
  g.items.forEach((it, k) => {
    const lines = wrapText(it.item, stacked ? f.inner - 22 : nameW, 13);
    const fillText = it.amountFen === 0n ? MUTED : INK;
    parts.push(`<g class="jx-key-item">`);
    parts.push(patchRect(f.pad, top + 3, 14, 14, it.fill, it.pattern, `stroke="${INK}" stroke-opacity="0.25"`));
    parts.push(textLines(nameX, top, lines, lh, { fill: INK }));
    if (stacked) {
      parts.push(text(nameX, baseline(top + lines.length * lh, lh, 13), `${shares[k]} · ${amounts[k]}`, { fill: fillText }));
    } else {
      parts.push(text(f.pad + f.inner - amountW - 20, baseline(top, lh, 13), shares[k], { anchor: "end", fill: fillText }));
      parts.push(text(f.pad + f.inner, baseline(top, lh, 13), amounts[k], { anchor: "end", fill: fillText }));
    }
    parts.push(`</g>`);
    top += (lines.length + (stacked ? 1 : 0)) * lh + 2;
  });
  return { svg: parts.join("\n"), height: top - y };
}

export function budgetStructureChart(rows: readonly BudgetStructureRow[], options: ChartOptions): ChartResult {
  const f = normalizeOptions(options);
  const pats = patternSet(f.id);
  const groups = groupsOf(rows, pats);
  const barH = f.compact ? 28 : 30;

  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  groups.forEach((g, gi) => {
    if (gi > 0) y += 18;
    const h = heading(f, y, g.group, `${t(f.lang, "chart.total")} ${formatWan(g.total, f.lang)}`);
    parts.push(`<g class="jx-group" ${navAttrs("object", t(f.lang, "chart.amountsNav", g.group, formatYuan(g.total, f.lang), g.items.length))}>`, h.svg);
    y += h.height + 4;
    parts.push(bar(f, g, y, barH));
    y += barH + 8;
    const k = key(f, g, y);
    parts.push(k.svg, `</g>`);
    y += k.height;
  });

  const summary =
    summaryPrefix(f) +
    groups
      .map((g) => {
        const items = g.items.map((it) => {
          const share = formatShare(it.amountFen, g.total);
          return `${it.item} ${formatYuan(it.amountFen, f.lang)}${t(f.lang, "chart.paren", share)}`;
        });
        return `${g.group}${t(f.lang, "chart.totalOf")} ${formatYuan(g.total, f.lang)}${t(f.lang, "chart.colon")}${items.join(t(f.lang, "chart.listSep"))}`;
      })
      .join(t(f.lang, "chart.clauseSep")) +
    t(f.lang, "chart.stop");

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colGroup"), t(f.lang, "chart.colItem"), t(f.lang, "chart.colYuan"), t(f.lang, "chart.colShare")],
    rows: groups.flatMap((g) => [
      ...g.items.map((it) => [g.group, it.item, formatYuan(it.amountFen, f.lang, { unit: false }), formatShare(it.amountFen, g.total)]),
      [g.group, t(f.lang, "chart.total"), formatYuan(g.total, f.lang, { unit: false }), g.total > 0n ? "100.0%" : "—"],
    ]),
    numeric: [false, false, true, true],
  };

  return { svg: svgDocument(f, "jx-budget-structure", y + 8, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table };
}
