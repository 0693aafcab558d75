// One row per quantitative indicator: the actual value as a bar, the target as a tick, and the
// status in words. Each row has its own scale (units differ), so bars compare to their own
// target, never to each other. An indicator with no reported value gets no bar at all: a zero
// bar would claim a value of 0.

import { t } from "../i18n/messages.ts";
import { scaleLinear } from "d3";
import type { Direction } from "../core/model.ts";
import { STATUS_STYLE, type Status } from "./status.ts";
import type { ChartOptions, ChartResult } from "./types.ts";
import {
  INK,
  MUTED,
  RULE,
  TRACK,
  baseline,
  caption,
  checkOneOf,
  checkRows,
  checkText,
  esc,
  fail,
  header,
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
import { formatNumber } from "../core/format.ts";

export type BulletStatus = Status;

export interface BulletRow {
  id: string;
  label: string;
  target: number;
  actual: number | null;
  unit: string | null;
  direction: Direction;
  status: BulletStatus;
}

export interface BulletOptions extends ChartOptions {
  /** Wrap each row in <a href="{linkPrefix}{id}">, e.g. "#ind-". */
  linkPrefix?: string;
}

const STATUSES: readonly BulletStatus[] = ["met", "partly", "not_met", "no_data", "not_applicable"];
const DIRECTIONS: readonly Direction[] = ["higher", "lower", "equal"];
const OP: Record<Direction, string> = { higher: "≥", lower: "≤", equal: "=" };
const STYLE = STATUS_STYLE;

function rowsOf(rows: readonly BulletRow[]): BulletRow[] {
  const ids = new Set<string>();
  return checkRows(rows).map((row, i) => {
    const id = checkText(row.id, `rows[${i}].id`);
    if (ids.has(id)) fail("rows", `rows[${i}].id repeats ${id}`);
    ids.add(id);
    const label = checkText(row.label, `rows[${i}].label`);
    if (typeof row.target !== "number" || !Number.isFinite(row.target)) fail("rows", `rows[${i}].target must be a finite number`);
    const actual = row.actual;
    if (actual !== null && (typeof actual !== "number" || !Number.isFinite(actual))) {
      fail("rows", `rows[${i}].actual must be a finite number or null`);
    }
    if (row.unit !== null && typeof row.unit !== "string") fail("rows", `rows[${i}].unit must be a string or null`);
    const direction = checkOneOf(row.direction, DIRECTIONS, `rows[${i}].direction`);
    const status = checkOneOf(row.status, STATUSES, `rows[${i}].status`);
    // A status must agree with the value it judges.
    if (status === "no_data" && actual !== null) fail("rows", `rows[${i}] is no_data but has an actual value`);
    if (actual === null && status !== "no_data" && status !== "not_applicable") {
      fail("rows", `rows[${i}] is ${status} but has no actual value`);
    }
    const unit = row.unit === null || row.unit.trim() === "" ? null : row.unit.trim();
    return { id, label, target: row.target, actual, unit, direction, status };
  });
}

const isPercent = (unit: string | null) => unit === "%" || unit === "百分比";

function withUnit(v: number, unit: string | null): string {
  if (isPercent(unit)) return `${formatNumber(v)}%`;
  return unit ? `${formatNumber(v)} ${unit}` : formatNumber(v);
}

/** Each row's own domain: from 0 (or below, for negatives) past the larger of target and actual. */
function domainOf(row: BulletRow): [number, number] {
  const values = [0, row.target, ...(row.actual === null ? [] : [row.actual])];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (isPercent(row.unit) && lo >= 0 && hi <= 100) return [0, 100];
  if (hi === lo) return [lo, lo + 1];
  const span = hi - lo;
  return [lo < 0 ? lo - span * 0.08 : lo, hi > 0 ? hi + span * 0.12 : hi];
}

export function bulletChart(rows: readonly BulletRow[], options: BulletOptions): ChartResult {
  const f = normalizeOptions(options);
  const linkPrefix = options.linkPrefix;
  if (linkPrefix !== undefined && (typeof linkPrefix !== "string" || /^\s*(javascript|data|vbscript):/i.test(linkPrefix))) {
    fail("linkPrefix", JSON.stringify(linkPrefix));
  }
  const list = rowsOf(rows);
  const pats = patternSet(f.id);
  const label = (s: BulletStatus) => t(f.lang, "chart.status")[s];

  const LH = 18;
  const TRACK_H = 18;
  const BAR_H = 10;
  const labelW = f.compact ? f.inner : Math.round(f.inner * 0.36);
  const statusW = Math.max(...list.map((r) => textWidth(label(r.status), 13, true))) + 12;
  const x0 = f.compact ? f.pad : f.pad + labelW;
  const trackW = f.pad + f.inner - statusW - x0;

  const head = header(f);
  const parts = [head.svg];
  let y = head.height;
  // Key: which mark is the actual value and which the target.
  const keyActual = t(f.lang, "chart.actualKey");
  const keyX = f.pad + 30 + textWidth(keyActual, 13) + 18;
  parts.push(
    `<g class="jx-bullet-key">` +
      `<rect x="${f.pad}" y="${y + 6}" width="24" height="${BAR_H}" fill="${MUTED}"/>` +
      text(f.pad + 30, baseline(y, 22, 13), keyActual) +
      `<line x1="${n(keyX + 4)}" x2="${n(keyX + 4)}" y1="${y + 2}" y2="${y + 20}" stroke="${INK}" stroke-width="2.5"/>` +
      text(keyX + 12, baseline(y, 22, 13), t(f.lang, "chart.targetKey")) +
      `</g>`,
  );
  y += 22 + 14;
  list.forEach((row, i) => {
    if (i > 0) parts.push(`<line x1="${f.pad}" x2="${f.pad + f.inner}" y1="${n(y - 6)}" y2="${n(y - 6)}" stroke="${RULE}"/>`);
    const lines = wrapText(row.label, f.compact ? f.inner : labelW - 14, 13);
    const trackTop = f.compact ? y + lines.length * LH + 4 : y;
    const style = STYLE[row.status];
    const sx = scaleLinear().domain(domainOf(row)).range([x0, x0 + trackW]);
    const g: string[] = [textLines(f.pad, f.compact ? y : trackTop + TRACK_H / 2 - LH / 2, lines, LH, { cls: "jx-row-label" })];
    if (row.actual === null) {
      g.push(`<rect x="${n(x0)}" y="${n(trackTop)}" width="${n(trackW)}" height="${TRACK_H}" fill="none" stroke="${RULE}" stroke-dasharray="3 3"/>`);
    } else {
      g.push(`<rect x="${n(x0)}" y="${n(trackTop)}" width="${n(trackW)}" height="${TRACK_H}" fill="${TRACK}"/>`);
      const a = sx(row.actual);
      const z = sx(0);
      const w = Math.max(2, Math.abs(a - z)); // an actual of 0 is data: keep a visible stub
      g.push(patchRect(a < z ? a : Math.min(z, x0 + trackW - w), trackTop + (TRACK_H - BAR_H) / 2, w, BAR_H, style.fill, pats.url(style.pattern, style.tone), `class="jx-actual"`));
    }
    const tx = sx(row.target);
    g.push(`<line class="jx-target" x1="${n(tx)}" x2="${n(tx)}" y1="${n(trackTop - 4)}" y2="${n(trackTop + TRACK_H + 4)}" stroke="${INK}" stroke-width="2.5"/>`);
    g.push(text(f.pad + f.inner, baseline(trackTop, TRACK_H, 13), label(row.status), { anchor: "end", weight: 600, fill: style.ink, cls: "jx-status" }));
    const actual = row.actual === null ? label("no_data") : withUnit(row.actual, row.unit);
    const target = `${OP[row.direction]} ${withUnit(row.target, row.unit)}`;
    const values = t(f.lang, "chart.actualTarget", actual, target);
    const valueLines = wrapText(values, f.pad + f.inner - x0, 12);
    g.push(textLines(x0, trackTop + TRACK_H + 5, valueLines, 16, { size: 12, fill: MUTED, cls: "jx-values" }));
    const bottom = Math.max(trackTop + TRACK_H + 5 + valueLines.length * 16, f.compact ? 0 : trackTop + TRACK_H / 2 - LH / 2 + lines.length * LH);
    // Each row is one keyboard stop named with its values and status: the row itself, or the
    // link round it (a link is focusable already, and one stop per row is enough).
    const name = t(f.lang, "chart.bulletNav", row.label, values, label(row.status));
    const cls = `jx-bullet-row jx-${row.status.replace("_", "-")}`;
    parts.push(
      linkPrefix === undefined
        ? `<g class="${cls}" ${navAttrs("symbol", name)}>\n${g.join("\n")}\n</g>`
        : `<a href="${esc(linkPrefix + row.id)}" aria-label="${esc(name)}">\n<g class="${cls}">\n${g.join("\n")}\n</g>\n</a>`,
    );
    y = bottom + 14;
  });

  const counts = STATUSES.map((s) => [s, list.filter((r) => r.status === s).length] as const).filter(([, c]) => c > 0);
  const notMet = list.filter((r) => r.status === "not_met").map((r) => r.label);
  const names = notMet.length > 0 && notMet.length <= 5;
  const summary =
    summaryPrefix(f) +
    t(f.lang, "chart.bulletSummary", list.length, counts.map(([s, c]) => [label(s), c] as [string, number]), names ? notMet : null);

  const table = {
    caption: caption(f),
    head: [t(f.lang, "chart.colIndicator"), t(f.lang, "chart.colTarget"), t(f.lang, "chart.colActual"), t(f.lang, "chart.colUnit"), t(f.lang, "chart.colStatus")],
    rows: list.map((r) => [
      r.label,
      `${OP[r.direction]} ${formatNumber(r.target)}`,
      r.actual === null ? "—" : formatNumber(r.actual),
      isPercent(r.unit) ? "%" : (r.unit ?? ""),
      label(r.status),
    ]),
    numeric: [false, true, true, false, false],
  };

  const met = list.filter((r) => r.status === "met").length;
  const takeaway = notMet.length
    ? t(f.lang, "chart.bulletNotMet", list.length, notMet.length, names ? notMet : null)
    : met === list.length
      ? t(f.lang, "chart.bulletAllMet", list.length)
      : t(f.lang, "chart.bulletNoneNotMet", list.length, met);

  return { svg: svgDocument(f, "jx-bullet", y - 6, summary, pats.defs(), parts.filter(Boolean).join("\n"), true), summary, table, takeaway };
}
