// Files the explore tests drop into the page, made from the seed here (no
// package for GBK: TextDecoder('gb18030') gives the reverse map).
import Papa from "papaparse";
import type { Dataset } from "../src/core/model.ts";

/** GBK bytes of a string, with the reverse map built from TextDecoder('gb18030'). */
export function encodeGbk(s: string): Uint8Array {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder("gb18030");
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== "\uFFFD" && !map.has(ch)) map.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = map.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

/** The seed's indicators as an Excel-style CSV (Chinese headers, CRLF) in GBK, under another unit name. */
export function gbkIndicatorCsv(seed: Dataset, unitName: string): Uint8Array {
  const rows = seed.indicators.map((i) => ({ 单位名称: unitName, 年度: i.year, 一级指标: i.level1, 二级指标: i.level2, 三级指标: i.name ?? "", 指标值: i.target ?? "" }));
  return encodeGbk(Papa.unparse(rows, { newline: "\r\n" }) + "\r\n");
}

/** Rows of a workbook: an indicators sheet and a budget sheet for one unit, from the seed. */
export function workbookSheets(seed: Dataset, unitName: string): { sheet: string; data: (string | number)[][] }[] {
  return [
    { sheet: "绩效指标", data: [["单位名称", "年度", "一级指标", "二级指标", "三级指标", "指标值"], ...seed.indicators.map((i) => [unitName, i.year, i.level1, i.level2, i.name ?? "", i.target ?? ""])] },
    { sheet: "预算", data: [["单位名称", "年度", "类别", "项目", "金额"], ...seed.budget.map((b) => [unitName, b.year, b.kind, b.item, Number(b.amountFen) / 100])] },
  ];
}
