// Small helpers that shape query rows for the pages (kept out of .astro files
// so that they can be unit-tested).
import { parseYuanToFen } from "../core/money.ts";
import { formatWan, formatYuan } from "../core/format.ts";
import type { BudgetRow, IndicatorRow } from "../query/queries.ts";

/** Exact fen from a DECIMAL that DuckDB returned as text. */
export function fen(amount: string | null | undefined): bigint | null {
  return amount === null || amount === undefined ? null : parseYuanToFen(amount);
}

export const yuanText = (amount: string | null) => {
  const f = fen(amount);
  return f === null ? "—" : formatYuan(f);
};
export const wanText = (amount: string | null) => {
  const f = fen(amount);
  return f === null ? "—" : formatWan(f);
};

/** Share of a part in a whole, exact to 0.1 %, as text. */
export function shareText(part: string | null, whole: string | null): string {
  const p = fen(part);
  const w = fen(whole);
  if (p === null || w === null || w === 0n) return "—";
  const tenths = (p * 2000n + w) / (2n * w); // half-up, in 0.1 %
  return `${tenths / 10n}.${tenths % 10n}%`;
}

export const BUDGET_GROUP = { source: "资金来源", structure: "资金结构" } as const;

export function budgetChartRows(rows: BudgetRow[]) {
  return rows
    .filter((r) => r.kind !== "total")
    .map((r) => ({ group: BUDGET_GROUP[r.kind as "source" | "structure"], item: r.item, amountFen: fen(r.amount)! }));
}

export const KIND_LABEL = { quantitative: "定量", deadline: "期限", qualitative: "定性", none: "无目标" } as const;
const OP_LABEL: Record<string, string> = { ">=": "不低于", "<=": "不高于", "=": "等于", ">": "高于", "<": "低于" };

/** A short reading of the parsed target (what Jixiao understood), e.g. “不低于 200.00 个”. */
export function parsedText(r: IndicatorRow): string {
  if (r.target_kind === "quantitative") return `${OP_LABEL[r.op ?? ""] ?? r.op} ${r.value}${r.measure_unit ? ` ${r.measure_unit}` : ""}`;
  if (r.target_kind === "deadline") return `${r.deadline} 前`;
  if (r.target_kind === "qualitative") return "定性描述";
  return "—";
}

/** Groups indicators into 一级 → 二级 → rows, keeping declared order. */
export function indicatorTree(rows: IndicatorRow[]) {
  const tree: { level1: string; groups: { level2: string; rows: IndicatorRow[] }[] }[] = [];
  for (const r of rows) {
    let l1 = tree.find((t) => t.level1 === r.level1);
    if (!l1) tree.push((l1 = { level1: r.level1, groups: [] }));
    let l2 = l1.groups.find((g) => g.level2 === r.level2);
    if (!l2) l1.groups.push((l2 = { level2: r.level2, rows: [] }));
    l2.rows.push(r);
  }
  return tree;
}

export const SEVERITY_LABEL = { error: "错误", warning: "警告", info: "提示" } as const;

export function sourceText(file: string | null, row: number | null, column?: number | null): string {
  const name = file ? (file.split("/").pop() ?? file) : "来源文件未注明";
  return [name, row ? `第 ${row} 行` : "", column ? `第 ${column} 列` : ""].filter(Boolean).join(" ");
}
