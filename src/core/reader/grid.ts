// A sheet as the reader sees it: rows of cells with their place as a
// spreadsheet shows it (row = the record's number, so a header with line breaks
// shifts nothing; column 1-based), each cell's label normalised once. And where
// one form ends and the next begins when a file or sheet holds several.
import type { TableRecord } from "../table.ts";
import { cleanText, hasMarkup, toParagraphs } from "../text.ts";
import { joinBrokenLines, label, type Label } from "./labels.ts";
import { headField, indicatorField } from "./synonyms.ts";

export interface Cell {
  /** The cell as text: markup dropped, broken labels joined. */
  text: string;
  /** The normalised label (see labels.ts). */
  label: Label;
  /** 1-based row as a spreadsheet shows it. */
  row: number;
  /** 0-based column. */
  col: number;
  /** True when the cell held markup (converted to text). */
  markup: boolean;
}

export interface Row {
  row: number;
  /** The non-empty cells, left to right. */
  cells: Cell[];
}

/** Records → rows of non-empty cells; empty rows are kept (they end blocks). `before`: records that come before these (their rows count on from there). */
export function toRows(records: readonly TableRecord[], before = 0): Row[] {
  // A form repeats its cells (一级 and 二级 on every indicator row, 「/」, units): each distinct one is read once.
  const read = new Map<string, Pick<Cell, "text" | "label" | "markup">>();
  return records.map((r, i) => {
    const row = before + i + 1;
    const cells: Cell[] = [];
    r.cells.forEach((raw, col) => {
      if (raw === "") return;
      let c = read.get(raw);
      if (!c) {
        const markup = hasMarkup(raw);
        const text = markup ? toParagraphs(raw).join("\n") : joinBrokenLines(cleanTextKeepingLines(raw));
        read.set(raw, (c = { text, label: label(text), markup }));
      }
      if (c.text !== "") cells.push({ text: c.text, label: c.label, row, col, markup: c.markup });
    });
    return { row, cells };
  });
}

function cleanTextKeepingLines(raw: string): string {
  if (!raw.includes("\n") && !raw.includes("\r")) return cleanText(raw);
  return raw.split(/\r\n?|\n/).map((line) => cleanText(line)).join("\n").trim();
}

/** A form's title: 项目支出绩效自评表, 部门整体支出绩效目标表, 黄石市项目支出绩效监控表 (申遗) … */
export const TITLE = /(绩效|支出).{0,16}表|绩效(目标|自评|监控|评价)/;

export function isTitleRow(r: Row): boolean {
  if (r.cells.length === 0 || r.cells.length > 2) return false;
  return isTitleText(r.cells[0].label.key);
}

/** A title's words: a 表 (申报表, 自评表 …) or a 报告 (绩效评价自评报告, a report whose tables follow its cover). */
export function isTitleText(t: string): boolean {
  return TITLE.test(t) && t.length <= 40 && /表|报告/.test(t) && !headField(t);
}

/**
 * A title broken over two rows (`岳阳市2018年度部门整体支出` over `绩效评价自评报告`):
 * the joined text when row i is a lone cell, the next row is a title's second line
 * and neither is a title alone; else null.
 */
export function brokenTitle(rows: readonly Row[], i: number): string | null {
  const a = rows[i];
  const b = rows[i + 1];
  if (!b || a.cells.length !== 1 || b.cells.length !== 1 || b.row !== a.row + 1) return null;
  const first = a.cells[0].label.key;
  const second = b.cells[0].label.key;
  // A row above a whole title (附件1 over 项目支出绩效自评表) is not its first line.
  if (isTitleText(first) || (isTitleText(second) && /表$/.test(second)) || !/绩效|支出|年度/.test(first) || /[:：]/.test(first) || headField(first)) return null;
  return isTitleText(first + second) ? a.cells[0].text.replace(/\s+/g, "") + b.cells[0].text.replace(/\s+/g, "") : null;
}

/** True when the row names a form's body or project (a new form's head when met after a table). */
function isHeadStart(r: Row): boolean {
  return r.cells.some((c) => {
    const f = headField(c.label.key) ?? headField(c.label.key.split(":")[0]);
    return f === "project" || f === "unit";
  });
}

function isIndicatorHeader(r: Row): boolean {
  const fields = new Set(r.cells.map((c) => indicatorField(c.label.key)).filter(Boolean));
  return (fields.has("l1") || fields.has("l2") || fields.has("name")) && fields.size >= 2;
}

/**
 * Splits a sheet where a new form starts: a title row after the previous form
 * had content, or a body/project label after the previous form's indicator
 * table. Returns [start, end) row indexes; one part when the sheet holds one form.
 */
export function splitForms(rows: readonly Row[]): [number, number][] {
  const parts: [number, number][] = [];
  let start = 0;
  let content = false; // the current part has more than titles
  let table = false; // the current part has an indicator table
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r.cells.length) continue;
    const title = isTitleRow(r);
    if ((title && content && table) || (!title && table && isHeadStart(r))) {
      // The new form starts at its title, or at the rows just above its head that are titles or years.
      let s = i;
      if (!title) while (s - 1 > start && rows[s - 1].cells.length <= 2 && rows[s - 1].cells.every((c) => isTitleRow(rows[s - 1]) || /^\(?\s*(19|20)\d{2}\s*年/.test(c.label.key))) s--;
      parts.push([start, s]);
      start = s;
      content = title ? false : true;
      table = false;
      continue;
    }
    if (!title) content = true;
    if (isIndicatorHeader(r)) table = true;
  }
  parts.push([start, rows.length]);
  return parts.filter(([s, e]) => rows.slice(s, e).some((r) => r.cells.length));
}
