// Bytes → text: the same declaration as the budget system exports it (UTF-8 TSV)
// and as Excel on a Chinese Windows PC saves it (CSV in UTF-8 with or without BOM,
// CSV in GBK, "Unicode text" in UTF-16LE) must give the same indicators and budget;
// bytes that cannot be decoded are findings with their row and column, never mojibake.
import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { decodeBytes } from "../src/core/decode.ts";
import { importFile } from "../src/core/import.ts";
import { ImportError, type Dataset } from "../src/core/model.ts";
import { parseDelimited } from "../src/core/table.ts";
import {
  SEED_BYTES,
  SEED_LINES,
  SEED_NAME,
  SEED_TEXT,
  concat,
  gbk,
  seedAsExcelCsv,
  seedRows,
  utf16le,
  utf8,
  withUtf8Bom,
  writeDelimited,
} from "./fixtures/variants.ts";

const seed = importFile(SEED_NAME, SEED_BYTES);

/** What must not depend on how the file was saved (rows may: a quoted multi-line cell adds lines). */
const content = (d: Dataset) => ({
  units: d.units.map((u) => [u.id, u.name, u.year, u.fundingMethod, u.duties, u.goals, u.staffCount, u.orgCount]),
  budget: d.budget.map((b) => [b.id, b.kind, b.item, b.amountFen]),
  tasks: d.tasks.map((t) => [t.id, t.order, t.name]),
  indicators: d.indicators.map((i) => [i.id, i.order, i.level1, i.level2, i.name, i.target, i.parsed, i.note]),
  findings: d.findings.filter((f) => !f.code.startsWith("encoding.")).map((f) => f.code),
});

// Excel quotes the amounts ("92,787,331.00") by itself; to exercise the rest of
// RFC 4180 the duties go in as one cell with a line break per paragraph, and task 2
// gets ASCII quotes and a comma.
const QUOTED_EXTRA = ' 含"引号", 和逗号';
const excelRows = () => {
  const rows = seedRows();
  rows[6][1] = rows[6][1].replace(/<\/p> <p>/g, "</p>\r\n<p>"); // row 7: 单位职责, 12 paragraphs
  rows[13][1] += QUOTED_EXTRA; // row 14: task (二)
  return rows;
};
const EXCEL_CSV = writeDelimited(excelRows(), ",", "\r\n");
const EXCEL_UNICODE_TEXT = writeDelimited(excelRows(), "\t", "\r\n");
/** The duties cell spans 12 lines in the Excel variants: every later record starts 11 lines further down. */
const SHIFT = 11;

describe("the Excel variants are what Excel writes", () => {
  it("quotes the amounts, the multi-line duties and the cell with quotes, with CRLF line ends", () => {
    expect(EXCEL_CSV).toContain('部门整体预算总额(元),"92,787,331.00"\r\n');
    expect(EXCEL_CSV).toContain('(2) 其他资金,0.00\r\n');
    expect(EXCEL_CSV).toContain('单位职责,"<p>(一)');
    expect(EXCEL_CSV).toContain('含""引号"", 和逗号"\r\n');
    expect(EXCEL_CSV.split("\r\n").length).toBeGreaterThan(SEED_LINES.length + SHIFT);
  });

  it("encodes GBK so that the platform's own decoder gives the text back", () => {
    expect(new TextDecoder("gbk").decode(gbk(EXCEL_CSV))).toBe(EXCEL_CSV);
    expect(gbk("≥200.00(个)")).toEqual(new Uint8Array([0xa1, 0xdd, 0x32, 0x30, 0x30, 0x2e, 0x30, 0x30, 0x28, 0xb8, 0xf6, 0x29]));
  });
});

describe("importFile reads the same declaration in every encoding and layout Excel produces", () => {
  it.each([
    ["UTF-8 TSV (the budget system's export)", () => SEED_BYTES, "utf-8", 0],
    ["UTF-8 TSV with BOM", () => withUtf8Bom(SEED_BYTES), "utf-8", 0],
    ["GBK TSV", () => gbk(SEED_TEXT), "gb18030", 0],
    ["Excel CSV, UTF-8 with BOM (CSV UTF-8)", () => withUtf8Bom(utf8(EXCEL_CSV)), "utf-8", SHIFT],
    ["Excel CSV, UTF-8 without BOM", () => utf8(EXCEL_CSV), "utf-8", SHIFT],
    ["Excel CSV, GBK (CSV 逗号分隔 on Chinese Windows)", () => gbk(EXCEL_CSV), "gb18030", SHIFT],
    ["Excel Unicode text, UTF-16LE with BOM, tab-separated", () => utf16le(EXCEL_UNICODE_TEXT), "utf-16le", SHIFT],
    ["UTF-16LE without BOM, tab-separated", () => utf16le(EXCEL_UNICODE_TEXT, false), "utf-16le", SHIFT],
    ["UTF-16BE with BOM, tab-separated", () => swapBytes(utf16le(EXCEL_UNICODE_TEXT)), "utf-16be", SHIFT],
  ] as const)("%s → the same 60 indicators, budget and findings", (_label, bytes, encoding, shift) => {
    const b = bytes();
    expect(decodeBytes(b, "x").encoding).toBe(encoding);
    const d = importFile("x", b);
    const expected = content(seed);
    if (shift) {
      // Task 2 carries the quoted extra text in the Excel variants.
      expect(d.tasks[1].content).toBe(seed.tasks[1].content + QUOTED_EXTRA);
    }
    expect(content(d)).toEqual(expected);
    expect(d.indicators).toHaveLength(60);
    expect(d.budget.map((x) => x.amountFen)).toEqual([9278733100n, 9278733100n, 0n, 5083928487n, 4194804613n]);
    // Rows are the records' numbers, as a spreadsheet shows them: a quoted cell's extra lines shift no later row.
    expect(d.findings.filter((f) => f.code === "target.impossible").map((f) => f.location.row)).toEqual([78, 82]);
    const detected = d.findings.filter((f) => f.code === "encoding.detected");
    expect(detected).toHaveLength(encoding === "utf-8" ? 0 : 1);
    expect(d.findings.filter((f) => f.code === "encoding.undecodable")).toEqual([]);
  });
});

function swapBytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1];
    out[i + 1] = b[i];
  }
  return out;
}

/** The seed in GBK with the character `ch` (first found after `after`) given a broken trailing byte. */
function gbkWithBrokenTrail(text: string, ch: string, after: string, trail: number): Uint8Array {
  const at = text.indexOf(ch, text.indexOf(after));
  const [lead] = gbk(ch);
  return concat(gbk(text.slice(0, at)), new Uint8Array([lead, trail]), gbk(text.slice(at + 1)));
}

describe("decodeBytes reports undecodable bytes where they are, never as silent mojibake", () => {
  it.each([
    ["0xFF (outside the trail range)", 0xff],
    ["0x7F (DEL, never a trail byte)", 0x7f],
    ["0x20 (a space: the lead byte is left dangling)", 0x20],
  ])("a GBK 江 with a broken trailing byte %s on row 5 → encoding.undecodable at row 5, column 12", (_label, trail) => {
    const bytes = gbkWithBrokenTrail(SEED_TEXT, "江", "单位名称", trail);
    const decoded = decodeBytes(bytes, "broken.txt");
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.findings.map((f) => [f.code, f.severity, f.location])).toEqual([
      ["encoding.undecodable", "error", { file: "broken.txt", row: 5, column: 12 }],
    ]);
    // Everything else decodes as the Chinese it is.
    expect(decoded.text.split("\n")[4].startsWith("单位名称\t上海市闵行区\uFFFD")).toBe(true);
    expect(decoded.text.split("\n")[41]).toBe(SEED_LINES[41]);
  });

  it("importFile keeps going: 60 indicators, the unit name shows � where the byte was, and the finding is first", () => {
    const d = importFile("broken.txt", gbkWithBrokenTrail(SEED_TEXT, "江", "单位名称", 0xff));
    expect(d.units[0].name).toBe("上海市闵行区\uFFFD川路街道社区党群服务中心");
    expect(d.indicators).toHaveLength(60);
    expect(d.findings[0]).toMatchObject({ code: "encoding.undecodable", location: { row: 5, column: 12 } });
    expect(content(d).indicators.map((i) => i.slice(2, 6))).toEqual(content(seed).indicators.map((i) => i.slice(2, 6)));
  });

  it("finds a broken byte in an indicator row (row 78 “效益指标⇥社会效益指标⇥安全事故发生数”: 故 is character 16)", () => {
    const bytes = gbkWithBrokenTrail(SEED_TEXT, "故", "安全事", 0xff);
    const d = importFile("broken.txt", bytes);
    expect(d.findings.filter((f) => f.code === "encoding.undecodable").map((f) => f.location)).toEqual([{ file: "broken.txt", row: 78, column: 16 }]);
    expect(d.indicators.find((i) => i.source.row === 78)?.name).toBe("安全事\uFFFD发生数");
  });

  it("finds a UTF-8 file's missing continuation byte (row 42 “产出指标⇥数量指标⇥器…”: character 11) without switching to GBK", () => {
    const at = SEED_TEXT.indexOf("器材购置");
    const before = utf8(SEED_TEXT.slice(0, at));
    const qi = utf8("器"); // 3 bytes; drop the last
    const bytes = concat(before, qi.subarray(0, 2), utf8(SEED_TEXT.slice(at + 1)));
    const decoded = decodeBytes(bytes, "u.txt");
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.findings.map((f) => f.location)).toEqual([{ file: "u.txt", row: 42, column: 11 }]);
    expect(decoded.text).toBe(SEED_TEXT.slice(0, at) + "\uFFFD" + SEED_TEXT.slice(at + 1));
  });

  it("reports a UTF-16 file's lone surrogate", () => {
    const text = "单位名称\tA\uD800B\n";
    const decoded = decodeBytes(utf16le(text), "u16.txt");
    expect(decoded.findings.map((f) => [f.code, f.location.row, f.location.column])).toEqual([["encoding.undecodable", 1, 7]]);
  });

  it("caps the per-byte findings at 20 and says how many more", () => {
    const bytes = concat(gbk(SEED_TEXT.slice(0, 200)), new Uint8Array(Array.from({ length: 30 }, () => [0x81, 0xff]).flat()), gbk(SEED_TEXT.slice(200)));
    const findings = decodeBytes(bytes, "many.txt").findings;
    expect(findings.filter((f) => f.code === "encoding.undecodable")).toHaveLength(20);
    expect(findings.at(-1)).toMatchObject({ code: "encoding.undecodable_more", severity: "error" });
    expect(findingText(findings.at(-1)!, "zh")).toContain("共 30 处");
  });

  it("decodes a clean GBK file exactly, with no finding but the info that it was converted", () => {
    const decoded = decodeBytes(gbk(SEED_TEXT), "g.txt");
    expect(decoded.text).toBe(SEED_TEXT);
    expect(decoded.findings).toEqual([]);
    expect(importFile("g.txt", gbk(SEED_TEXT)).findings.filter((f) => f.code.startsWith("encoding."))).toEqual([
      expect.objectContaining({ code: "encoding.detected", severity: "info" }),
    ]);
  });

  it("prefers UTF-8 when text is valid in both (pure ASCII, and the seed itself)", () => {
    expect(decodeBytes(utf8("unit_name,fiscal_year\r\nA,2026\r\n"), "a.csv").encoding).toBe("utf-8");
    expect(decodeBytes(SEED_BYTES, "s.txt").text).toBe(SEED_TEXT);
  });

  it("drops the BOM from the text", () => {
    expect(decodeBytes(withUtf8Bom(utf8("单位名称")), "b").text).toBe("单位名称");
    expect(decodeBytes(utf16le("单位名称"), "b").text).toBe("单位名称");
  });

  it("throws ImportError for an empty file", () => {
    expect(() => decodeBytes(new Uint8Array(), "empty.txt")).toThrow(ImportError);
  });
});

describe("rows stay right after quoted multi-line cells in every encoding", () => {
  it("gives the Excel CSV's records the lines they start on", () => {
    const { records } = parseDelimited(EXCEL_CSV, ",");
    const nameRow = records.find((r) => r.cells[0] === "单位名称")!.row;
    const tableHeader = records.find((r) => r.cells[0] === "一级目标")!.row;
    expect(nameRow).toBe(5);
    expect(tableHeader).toBe(34 + SHIFT);
  });
});
