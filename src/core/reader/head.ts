// A form's head: label–value pairs anywhere in a row (`主管部门 | X | 实施单位 | Y`),
// a label and its value in one cell (`预算单位:某某局`), ticked options
// (`1、常年性项目 □ √ 2、延续性项目 □`), and long text fields whose value sits
// beside the label or in the row below it (年度总体目标 | 预期目标 … 实际完成情况).
import type { Cell, Row } from "./grid.ts";
import { label, type MoneyUnit } from "./labels.ts";
import { BLOCK_TITLES, TASK_HEADERS, fundingField, headField, indicatorField, textField, type HeadField, type TextField } from "./synonyms.ts";

export interface HeadValue {
  value: string;
  cell: Cell;
}

/** True when a cell is itself a label of some block (so it is no one's value). */
export function isLabel(c: Cell): boolean {
  const k = c.label.key;
  return headField(k) !== null || textField(k) !== null || indicatorField(k) !== null || fundingField(k) !== null;
}

/**
 * The ticked option of a checkbox cell (`1、常年性项目 □ √ 2、延续性项目 □`,
 * `新增项目□ 经常性专项业务费√`), or the text itself when none or several are ticked.
 */
export function tickedOption(text: string): string {
  if (!/[□☐■☑√✓✔]/.test(text)) return text;
  const options = [...text.matchAll(/([^□☐■☑√✓✔\s][^□☐■☑√✓✔]*?)\s*((?:[□☐■☑√✓✔]\s*)+)/g)].map((m) => ({ label: m[1].replace(/^\d+[、.．]\s*/, "").trim(), ticked: /[■☑√✓✔]/.test(m[2]) }));
  const ticked = options.filter((o) => o.ticked);
  return ticked.length === 1 ? ticked[0].label : text;
}

/** `预算单位:某某局` → ["预算单位", "某某局"]; null when the cell is not a label with its value after a colon. */
function inCellPair(c: Cell): { field: HeadField; value: string } | null {
  const m = /^([^:：]{2,12})[:：]\s*(.+)$/s.exec(c.text.trim());
  if (!m) return null;
  const field = headField(label(m[1]).key);
  return field ? { field, value: m[2].trim() } : null;
}

/** The head pairs of one row; several pairs may share it. */
export function headPairs(r: Row): { field: HeadField; value: HeadValue | null; cell: Cell }[] {
  const out: { field: HeadField; value: HeadValue | null; cell: Cell }[] = [];
  r.cells.forEach((c, i) => {
    const field = headField(c.label.key);
    if (field) {
      const next = r.cells[i + 1];
      const value = next && !isLabel(next) ? { value: next.text, cell: next } : null;
      out.push({ field, value, cell: c });
      return;
    }
    const pair = inCellPair(c);
    if (pair) out.push({ field: pair.field, value: { value: pair.value, cell: c }, cell: c });
  });
  return out;
}

/** A money unit declared anywhere in a row (`单位:万元`, `(万元)`). */
export function unitIn(r: Row): MoneyUnit | null {
  for (const c of r.cells) {
    if (c.label.unit) return c.label.unit;
    const m = /单位[:：]\s*(元|万元|亿元)/.exec(c.text);
    if (m) return m[1] as MoneyUnit;
  }
  return null;
}

/**
 * Text fields of a row: a label with its text to the right, or a row of labels
 * (年度总体目标 | 预期目标 | … | 实际完成情况) whose texts stand in the next row,
 * each under its label. Returns the fields found and how many rows were used.
 */
export function textFields(rows: readonly Row[], i: number): { fields: { field: TextField; text: string; cell: Cell }[]; used: number } | null {
  const r = rows[i];
  const labelled = r.cells.map((c) => ({ c, field: textField(c.label.key) }));
  if (!labelled.some((x) => x.field)) return null;
  const values = labelled.filter((x) => !x.field && !isLabel(x.c));
  const fields: { field: TextField; text: string; cell: Cell }[] = [];
  if (values.length) {
    // The text beside its label: each value belongs to the nearest label on its left.
    let current: { field: TextField; cell: Cell } | null = null;
    for (const x of labelled) {
      if (x.field) current = { field: x.field, cell: x.c };
      else if (current && !isLabel(x.c)) fields.push({ field: current.field, text: x.c.text, cell: x.c });
    }
    return { fields, used: 1 };
  }
  // A row of labels: the texts are in the next row, under the labels (the innermost label at or left of each text).
  const next = rows[i + 1];
  // A label left empty: the next row is a block of its own (a label, a section title such as 年度重点任务, a table's header).
  if (!next || !next.cells.length || next.cells.some((c) => isLabel(c) || BLOCK_TITLES.includes(c.label.key) || TASK_HEADERS[c.label.key])) return { fields: [], used: 1 };
  const anchors = labelled.filter((x) => x.field).map((x) => ({ col: x.c.col, field: x.field!, cell: x.c }));
  // The leftmost label frames the block when others follow it (年度总体目标 over 预期目标 / 实际完成情况).
  const inner = anchors.length > 1 && anchors[0].field === "goal_overall" ? anchors.slice(1) : anchors;
  for (const c of next.cells) {
    const a = [...inner].reverse().find((x) => x.col <= c.col) ?? inner[0];
    fields.push({ field: a.field, text: c.text, cell: c });
  }
  return { fields, used: 2 };
}
