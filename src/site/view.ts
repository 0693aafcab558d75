// Small helpers that shape query rows for the pages (kept out of .astro files
// so that they can be unit-tested). Every text goes through the page's language.
import { parseYuanToFen } from "../core/money.ts";
import { formatShare, formatWan, formatYuan, type Lang } from "../core/format.ts";
import type { BudgetRow, IndicatorRow, ReconciliationRow } from "../query/queries.ts";
import { t } from "../i18n/messages.ts";

/** Exact fen from a DECIMAL that DuckDB returned as text. */
export function fen(amount: string | null | undefined): bigint | null {
  return amount === null || amount === undefined ? null : parseYuanToFen(amount);
}

export const yuanText = (amount: string | null | undefined, lang: Lang = "zh") => {
  const f = fen(amount);
  return f === null ? "—" : formatYuan(f, lang);
};
export const wanText = (amount: string | null | undefined, lang: Lang = "zh") => {
  const f = fen(amount);
  return f === null ? "—" : formatWan(f, lang);
};

/** Share of a part in a whole from DECIMAL text, as formatShare writes it (`54.8%`, `<0.1%`). */
export function shareText(part: string | null | undefined, whole: string | null | undefined, lang: Lang = "zh"): string {
  const p = fen(part);
  const w = fen(whole);
  return p === null || w === null ? "—" : formatShare(p, w, lang);
}

export function budgetGroupLabel(kind: "total" | "source" | "structure", lang: Lang): string {
  return kind === "total" ? t(lang, "site.kindTotal") : kind === "source" ? t(lang, "site.kindSource") : t(lang, "site.kindStructure");
}

export function budgetChartRows(rows: readonly BudgetRow[], lang: Lang = "zh") {
  return rows
    .filter((r) => r.kind !== "total")
    .map((r) => ({ group: budgetGroupLabel(r.kind, lang), item: r.item, amountFen: fen(r.amount)! }));
}

/** A short reading of the parsed target (what Jixiao understood), e.g. “不低于 200.00 个”. */
export function parsedText(r: IndicatorRow, lang: Lang = "zh"): string {
  if (r.target_kind === "quantitative") return `${t(lang, "site.ops")[r.op ?? ""] ?? r.op} ${r.value}${r.measure_unit ? ` ${r.measure_unit}` : ""}`;
  if (r.target_kind === "deadline") return t(lang, "site.before", r.deadline ?? "");
  if (r.target_kind === "qualitative") return t(lang, "site.qualitativeRead");
  return "—";
}

/** Groups indicators into 一级 → 二级 → rows, keeping declared order. */
export function indicatorTree(rows: IndicatorRow[]) {
  const tree: { level1: string; groups: { level2: string; rows: IndicatorRow[] }[] }[] = [];
  for (const r of rows) {
    let l1 = tree.find((x) => x.level1 === r.level1);
    if (!l1) tree.push((l1 = { level1: r.level1, groups: [] }));
    let l2 = l1.groups.find((g) => g.level2 === r.level2);
    if (!l2) l1.groups.push((l2 = { level2: r.level2, rows: [] }));
    l2.rows.push(r);
  }
  return tree;
}

export function sourceText(file: string | null, row: number | null, column?: number | null, lang: Lang = "zh"): string {
  const name = file ? (file.split("/").pop() ?? file) : t(lang, "site.fileUnknown");
  return [name, row ? t(lang, "site.rowOf", row) : "", column ? t(lang, "site.colOf", column) : ""].filter(Boolean).join(" ");
}

export interface ReconciliationCheck {
  label: string;
  state: "ok" | "mismatch" | "missing";
  text: string;
}

/** The unit page's reconciliation lines: the sources, then the structure, against the budget total, to the fen. */
export function reconciliationChecks(rec: ReconciliationRow, lang: Lang = "zh"): ReconciliationCheck[] {
  const check = (kind: "source" | "structure", sum: string | null, lines: number): ReconciliationCheck => {
    const label = budgetGroupLabel(kind, lang);
    const total = fen(rec.total);
    const s = fen(sum);
    if (total === null || lines === 0 || s === null) return { label, state: "missing", text: t(lang, "site.recMissing", label) };
    return s === total
      ? { label, state: "ok", text: t(lang, "site.recText", label, formatYuan(s, lang), formatYuan(total, lang)) }
      : { label, state: "mismatch", text: t(lang, "site.recMismatch", label, formatYuan(s, lang), formatYuan(total, lang), formatYuan(s - total, lang)) };
  };
  return [check("source", rec.sources, rec.source_lines), check("structure", rec.structure, rec.structure_lines)];
}

/** A grade (优/良/中/差) in the page's language; anything else (未填报, —) as it is. */
export const gradeName = (grade: string, lang: Lang = "zh"): string => (t(lang, "common.grade") as Record<string, string>)[grade] ?? grade;
