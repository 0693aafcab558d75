// Funding blocks of every layout, read by their labels: a header row of
// amount columns (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, or
// 1-6月执行数, 调整后预算数, 小计 …) over rows labelled 年度资金总额 / 其中:财政拨款 /
// 其他资金; or plain item–amount pairs (资金总额 | 171.41). Amounts are exact
// fen in the unit the block, its header, the title or the cell declares.
import { moneyTargetToFen } from "../target.ts";
import { parseYuanToFen } from "../money.ts";
import type { Cell, Row } from "./grid.ts";
import { halfwidth, type MoneyUnit } from "./labels.ts";
import { fundingField, fundingItemOf, isFundingBlock, monthOf, type FundingField } from "./synonyms.ts";

export interface FundingHeader {
  cols: Map<number, FundingField>;
  month: number | null;
  unit: MoneyUnit | null;
  row: number;
}

export interface FundingValue {
  text: string;
  fen: bigint | null;
  cell: Cell;
}

export interface FundingLine {
  item: string;
  kind: "total" | "source" | "structure";
  values: Partial<Record<FundingField, FundingValue>>;
  /** Further amounts of an item–amount row in columns of their own (a block's 近两年 columns `2021 年 | 2022 年`), by column. */
  more?: Map<number, FundingValue>;
  row: number;
  /** The label cell (its column is where the item stands). */
  cell: Cell;
  /** The label names the line's group in front (`1、资金来源：(1) 财政拨款`): a form laid out in 资金来源 and 资金结构. */
  grouped?: true;
}

/** The amount columns of a header row, or null when fewer than two stand in it. */
export function fundingHeader(r: Row): FundingHeader | null {
  const cols = new Map<number, FundingField>();
  let month: number | null = null;
  let unit: MoneyUnit | null = null;
  for (const c of r.cells) {
    if (c.label.unit) unit = c.label.unit;
    const f = fundingField(c.label.key);
    if (!f || [...cols.values()].includes(f)) continue;
    cols.set(c.col, f);
    month = monthOf(c.label.key) ?? month;
  }
  const amounts = [...cols.values()].filter((f) => f === "budget_initial" || f === "budget_full_year" || f === "executed" || f === "amount" || f === "expected_executed");
  return amounts.length >= 2 || (amounts.length === 1 && cols.size >= 2 && r.cells.some((c) => isFundingBlock(c.label.key))) ? { cols, month, unit, row: r.row } : null;
}

/** An amount cell → fen in `unit`, or in the unit written in the cell (`250万`, `10000万元`); null when it is no amount. */
export function amountFen(text: string, unit: MoneyUnit): bigint | null {
  let s = halfwidth(text).replace(/[\s,，]/g, "").replace(/^[¥￥]/, "");
  let u: string = unit;
  const m = /^(.*?)(亿元|万元|万|元)$/.exec(s);
  if (m) {
    s = m[1];
    u = m[2] === "万" ? "万元" : m[2];
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return u === "元" ? parseYuanToFen(s) : moneyTargetToFen(s, u);
}

const isNumberLike = (text: string) => /^[-+]?[\d,，.]+\s*(%|万元|万|元|亿元)?$/.test(halfwidth(text).trim());

/**
 * A funding row under a header: its item label (the text cell left of the
 * amount columns) and the values in the header's columns. Null when the row is
 * not one (it ends the block).
 */
export function fundingRow(r: Row, header: FundingHeader, unit: MoneyUnit): FundingLine | null {
  const first = Math.min(...header.cols.keys());
  const labels = r.cells.filter((c) => c.col < first && !isFundingBlock(c.label.key));
  const itemCell = labels[labels.length - 1];
  if (!itemCell) return null;
  const named = fundingItemOf(itemCell.label.key);
  const kind = named?.kind ?? null;
  const valueCells = r.cells.filter((c) => c.col >= first);
  if (!kind && !valueCells.some((c) => isNumberLike(c.text))) return null;
  const values: Partial<Record<FundingField, FundingValue>> = {};
  for (const c of valueCells) {
    const f = header.cols.get(c.col);
    if (!f) continue;
    const money = f === "budget_initial" || f === "budget_full_year" || f === "executed" || f === "expected_executed" || f === "amount" || f === "balance";
    values[f] = { text: c.text, fen: money ? amountFen(c.text, unit) : null, cell: c };
  }
  return { item: named?.item ?? itemCell.label.key, kind: kind ?? "source", values, row: r.row, cell: itemCell, ...(named?.grouped ? { grouped: true as const } : {}) };
}

/** Item–amount pairs in a row (资金总额 | 171.41 | 其中:财政拨款 | 150); used where a block has no column header. */
export function fundingPairs(r: Row, unit: MoneyUnit): FundingLine[] {
  const out: FundingLine[] = [];
  r.cells.forEach((c, i) => {
    const named = fundingItemOf(c.label.key);
    const next = r.cells[i + 1];
    if (!named || !next) return;
    const cellUnit = c.label.unit ?? unit;
    const fen = amountFen(next.text, cellUnit);
    if (fen === null) return;
    // Amounts further right, up to the next item label; a share (`88.3%`) is no amount.
    const more = new Map<number, FundingValue>();
    for (const x of r.cells.slice(i + 2)) {
      if (fundingItemOf(x.label.key)) break;
      const f = /%$/.test(x.text.trim()) ? null : amountFen(x.text, cellUnit);
      if (f !== null) more.set(x.col, { text: x.text, fen: f, cell: x });
    }
    out.push({ item: named.item, kind: named.kind, values: { amount: { text: next.text, fen, cell: next } }, ...(more.size ? { more } : {}), row: r.row, cell: c, ...(named.grouped ? { grouped: true as const } : {}) });
  });
  return out;
}

/** The unit of a funding block's own label cell (`项目资金(万元)`, `年度预算安排(万元)`). */
export function blockUnit(r: Row): MoneyUnit | null {
  for (const c of r.cells) if (isFundingBlock(c.label.key) && c.label.unit) return c.label.unit;
  return null;
}

