// The streaming XLSX writer of the explore page's exports (src/explore/xlsx.ts),
// read back by read-excel-file (the library the page reads workbooks with).
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { columnName, escapeXml, XlsxWriter } from "../src/explore/xlsx.ts";
import { XLSX_MAX_ROWS } from "../src/explore/exports.ts";
import { concat } from "./fixtures/variants.ts";

async function readBack(w: XlsxWriter): Promise<{ sheet: string; data: unknown[][] }[]> {
  const { default: readXlsxFile } = await import("read-excel-file/universal");
  return (await readXlsxFile(concat(...(await w.finish())).buffer as ArrayBuffer)) as { sheet: string; data: unknown[][] }[];
}

describe("XlsxWriter: one sheet written batch by batch", () => {
  it("writes exact decimals as numbers, text as text (markup, formulas and Chinese kept; controls dropped), nulls empty", async () => {
    const w = new XlsxWriter("预算 [明细]".replace(/[[\]]/g, "_"), ["item", "amount", "n", "ok", "note"], ["VARCHAR", "DECIMAL(18,2)", "INTEGER", "BOOLEAN", "VARCHAR"]);
    await w.addRows([
      ["基本支出", "50839284.87", 3, true, "<script>alert(1)</script>"],
      ["=HYPERLINK(\"http://x\")", "-0.05", null, false, "a\u0000b\u0007c & \"d\""],
    ]);
    await w.addRows([["项目支出", "12345678901234.56", 7, null, null]]);
    const [sheet] = await readBack(w);
    expect(sheet.sheet).toBe("预算 _明细_");
    expect(sheet.data).toEqual([
      ["item", "amount", "n", "ok", "note"],
      ["基本支出", 50839284.87, 3, true, "<script>alert(1)</script>"],
      ["=HYPERLINK(\"http://x\")", -0.05, null, false, "abc & \"d\""],
      ["项目支出", 12345678901234.56, 7, null, null],
    ]);
  });

  it("a header with no rows is still a workbook", async () => {
    const [sheet] = await readBack(new XlsxWriter("s", ["a", "b"], ["VARCHAR", "VARCHAR"]));
    expect(sheet.data).toEqual([["a", "b"]]);
  });

  it("stops at Excel's row limit and counts what it left out (a million rows never held as one array)", async () => {
    const w = new XlsxWriter("big", ["i"], ["INTEGER"]);
    const batch = 100_000;
    for (let start = 0; start < XLSX_MAX_ROWS + 3; start += batch) {
      const n = Math.min(batch, XLSX_MAX_ROWS + 3 - start);
      await w.addRows(Array.from({ length: n }, (_, k) => [start + k]));
    }
    expect(w.cut).toBe(3);
    // read-excel-file cannot read a million rows back; the zip and the sheet XML are checked directly.
    const files = unzipSync(concat(...(await w.finish())));
    expect(Object.keys(files).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const xml = strFromU8(files["xl/worksheets/sheet1.xml"]);
    expect(xml.match(/<row /g)?.length).toBe(XLSX_MAX_ROWS + 1);
    expect(xml.endsWith(`<row r="${XLSX_MAX_ROWS + 1}"><c r="A${XLSX_MAX_ROWS + 1}"><v>${XLSX_MAX_ROWS - 1}</v></c></row></sheetData></worksheet>`)).toBe(true);
  }, 120_000);

  it("columnName and escapeXml", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(escapeXml("<a href=\"x\">&</a>\u0001\ud800")).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
