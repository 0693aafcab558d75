// A console query's result drawn as a chart with one click: its first text column as the
// names, its first numeric column as the bars (DECIMAL stays its exact text in the labels; the
// bar length alone is a float), the largest first, ranked, at most QUERY_CHART_ROWS bars. Null
// when the result has no column to name the bars by or none to measure them.
import { formatDecimalString, formatNumber, type Lang } from "../core/format.ts";
import { rankBarsChart } from "../charts/rankBars.ts";
import type { Value } from "../query/engine.ts";
import { t } from "../i18n/messages.ts";
import type { ChartPair } from "./chart.ts";

export const QUERY_CHART_ROWS = 30;

export interface QueryChart {
  chart: ChartPair;
  label: string;
  measure: string;
  /** Rows drawn, and rows the result has. */
  shown: number;
  rows: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const isNumeric = (v: Value, type: string) => typeof v === "number" || (typeof v === "string" && /decimal|int|float|double/i.test(type) && DECIMAL.test(v));

export function queryChart(m: { columns: readonly string[]; types: readonly string[]; rows: readonly Value[][] }, lang: Lang): QueryChart | null {
  const filled = (i: number) => m.rows.filter((r) => r[i] !== null && r[i] !== undefined);
  const numeric = (i: number) => filled(i).length > 0 && filled(i).every((r) => isNumeric(r[i], m.types[i] ?? ""));
  const value = m.columns.findIndex((_, i) => numeric(i));
  const label = m.columns.findIndex((_, i) => i !== value && !numeric(i) && filled(i).length > 0);
  if (value === -1 || label === -1) return null;
  const rows = m.rows
    .map((r) => ({ label: r[label] === null ? "NULL" : String(r[label]), raw: r[value] }))
    .map((r) => ({ ...r, n: r.raw === null || r.raw === undefined ? null : Number(r.raw) }))
    .sort((a, b) => (b.n ?? -Infinity) - (a.n ?? -Infinity));
  const shown = rows.slice(0, QUERY_CHART_ROWS);
  const text = (raw: Value) => (typeof raw === "number" ? formatNumber(raw, lang) : typeof raw === "string" ? formatDecimalString(raw, lang) : t(lang, "chart.noData"));
  // Equal values share a rank (1, 2, 2, 4).
  const ranked = shown.map((r, i) => ({ label: r.label, value: r.n, valueText: text(r.raw), rank: r.n === null ? null : shown.findIndex((x) => x.n === r.n) + 1 }));
  const measure = m.columns[value];
  const title = t(lang, "explore.queryChartTitle", measure, m.columns[label]);
  const draw = (compact: boolean) => rankBarsChart(ranked, { id: compact ? "query-c" : "query", title, measure, nameLabel: m.columns[label], lang, ...(compact ? { width: 340 } : {}) });
  return { chart: { wide: draw(false), compact: draw(true) }, label: m.columns[label], measure, shown: shown.length, rows: rows.length };
}
