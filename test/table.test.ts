// The incremental tokenizer: RFC 4180 quoting, every line ending, ragged rows,
// and the same records however the text is cut into chunks.
import { describe, expect, it } from "vitest";
import { createTokenizer, detectDelimiter, parseDelimited, type Delimiter, type TableRecord } from "../src/core/table.ts";
import { SEED_TEXT, seedAsExcelCsv } from "./fixtures/variants.ts";

const parse = (text: string, d: Delimiter = ",") => parseDelimited(text, d).records;
const cells = (text: string, d: Delimiter = ",") => parse(text, d).map((r) => r.cells);

function chunked(text: string, cuts: number[], d: Delimiter = ","): { records: TableRecord[]; unterminatedQuoteRow: number | null } {
  const records: TableRecord[] = [];
  const t = createTokenizer(d, (r) => records.push(r));
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    t.push(text.slice(at, cut));
    at = cut;
  }
  return { records, ...t.end() };
}

describe("parseDelimited splits cells as RFC 4180 says", () => {
  it.each([
    ["plain cells", "a,b,c", [["a", "b", "c"]]],
    ["a quoted cell with the delimiter", 'a,"b,c",d', [["a", "b,c", "d"]]],
    ["the amount Excel quotes", '总额,"92,787,331.00"', [["总额", "92,787,331.00"]]],
    ["doubled quotes inside a quoted cell", '"say ""hi""",x', [['say "hi"', "x"]]],
    ["a cell that is only a doubled quote", '"""",x', [['"', "x"]]],
    ["an empty quoted cell", 'a,"",b', [["a", "", "b"]]],
    ["a quote inside an unquoted cell (kept literally)", 'a"b,c', [['a"b', "c"]]],
    ["text after a closing quote (kept, as spreadsheets do)", '"a"b,c', [["ab", "c"]]],
    ["empty cells", ",,", [["", "", ""]]],
    ["an embedded LF", '"x\ny",z', [["x\ny", "z"]]],
    ["an embedded CRLF", '"x\r\ny",z', [["x\r\ny", "z"]]],
    ["tabs inside a comma-separated cell", "a\tb,c", [["a\tb", "c"]]],
  ])("reads %s", (_label, text, expected) => {
    expect(cells(text)).toEqual(expected);
  });

  it.each([
    ["LF", "a,b\nc,d\n"],
    ["CRLF", "a,b\r\nc,d\r\n"],
    ["CR only (old Mac)", "a,b\rc,d\r"],
    ["no final line end", "a,b\nc,d"],
  ])("ends lines on %s", (_label, text) => {
    expect(parse(text)).toEqual([
      { cells: ["a", "b"], row: 1 },
      { cells: ["c", "d"], row: 2 },
    ]);
  });

  it("keeps blank lines as records with one empty cell, so rows keep counting", () => {
    expect(parse("a\n\n\nb")).toEqual([
      { cells: ["a"], row: 1 },
      { cells: [""], row: 2 },
      { cells: [""], row: 3 },
      { cells: ["b"], row: 4 },
    ]);
  });

  it("keeps ragged rows as they are", () => {
    expect(cells("a\nb,c,d,e\n,f\ng,h,")).toEqual([["a"], ["b", "c", "d", "e"], ["", "f"], ["g", "h", ""]]);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("numbers later records by the line they start on after %s inside quoted cells", (_label, eol) => {
    const text = ["h1,h2", `"one${eol}two${eol}three",x`, "after,y", `"p${eol}q",z`, "last,w"].join(eol);
    expect(parse(text).map((r) => [r.cells[0], r.row])).toEqual([
      ["h1", 1],
      [`one${eol}two${eol}three`, 2],
      ["after", 5],
      [`p${eol}q`, 6],
      ["last", 8],
    ]);
  });

  it("reports the row of a quote that is never closed, and keeps what it read", () => {
    const { records, unterminatedQuoteRow } = parseDelimited('a,b\nc,"d\ne,f\n', ",");
    expect(unterminatedQuoteRow).toBe(2);
    expect(records).toEqual([
      { cells: ["a", "b"], row: 1 },
      { cells: ["c", "d\ne,f\n"], row: 2 },
    ]);
  });

  it("a stray quote after a closing quote spoils one cell, not the rest of the file (papaparse would read every later row into that cell)", () => {
    expect(cells('a,"b"c,d\nx,y\n')).toEqual([["a", "bc", "d"], ["x", "y"]]);
  });

  it("splits tab-separated text on tabs only, leaving commas in amounts alone", () => {
    expect(cells("部门整体预算总额(元)\t92,787,331.00", "\t")).toEqual([["部门整体预算总额(元)", "92,787,331.00"]]);
  });

  it("reads the seed into 95 records, the last on row 95", () => {
    const records = parse(SEED_TEXT, "\t");
    expect(records).toHaveLength(95);
    expect(records.at(-1)).toEqual({ cells: ["", "", "相关居民满意度", "≥90.00(次)"], row: 95 });
  });
});

describe("createTokenizer gives identical records however the text is chunked", () => {
  const tricky = [
    "h1,h2,h3\r\n",
    '"quoted, with comma","say ""hi""",plain\r\n',
    '"multi\r\nline\r\ncell",x,"ends with quote"""\r\n',
    "cr only\rnext,row\r",
    '"lf\ninside",y\n',
    'ragged\r\n"",,\r\n',
    '"a"b,c\r\n',
    "last,no end",
  ].join("");
  const whole = parseDelimited(tricky, ",");

  it("has the expected records when parsed whole", () => {
    expect(whole.records.map((r) => r.row)).toEqual([1, 2, 3, 6, 7, 8, 10, 11, 12, 13]);
    expect(whole.records[2].cells).toEqual(["multi\r\nline\r\ncell", "x", 'ends with quote"']);
  });

  it("gives the same records for every split into two chunks (CRLF, doubled quotes and closing quotes cut in half)", () => {
    for (let cut = 0; cut <= tricky.length; cut++) {
      expect(chunked(tricky, [cut]), `cut at ${cut}: ${JSON.stringify(tricky.slice(cut - 2, cut + 2))}`).toEqual(whole);
    }
  });

  it("gives the same records for every split into three chunks", () => {
    for (let a = 0; a <= tricky.length; a += 3) {
      for (let b = a; b <= tricky.length; b += 5) expect(chunked(tricky, [a, b])).toEqual(whole);
    }
  });

  it("gives the same records one character at a time, and with empty chunks in between", () => {
    const ones = Array.from({ length: tricky.length }, (_, i) => i);
    expect(chunked(tricky, ones)).toEqual(whole);
    const withEmpty = ones.flatMap((i) => [i, i]);
    expect(chunked(tricky, withEmpty)).toEqual(whole);
  });

  it("streams the Excel CSV of the seed in 7-character chunks to the same records as parsing it whole", () => {
    const csv = seedAsExcelCsv((rows) => {
      rows[6][1] = rows[6][1].replace(/<\/p> <p>/g, "</p>\r\n<p>");
    });
    const cuts = Array.from({ length: Math.floor(csv.length / 7) }, (_, i) => (i + 1) * 7);
    expect(chunked(csv, cuts)).toEqual(parseDelimited(csv, ","));
  });

  it("reports an unterminated quote the same way when chunked", () => {
    const text = 'a\n"b\nc';
    expect(chunked(text, [2, 3, 4])).toEqual(parseDelimited(text, ","));
    expect(chunked(text, [2, 3, 4]).unterminatedQuoteRow).toBe(2);
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["the seed (tabs, with commas in amounts)", SEED_TEXT, "\t"],
    ["Excel CSV of the seed", seedAsExcelCsv(), ","],
    ["a semicolon CSV (European Excel)", "a;b;c\n1;2;3\n", ";"],
    ["a one-column file", "unit_name\nA\n", ","],
    ["a CSV whose quoted cells hold tabs", '"a\tb",c\n"d\te",f\n', ","],
  ] as const)("picks the right delimiter for %s", (_label, text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});
