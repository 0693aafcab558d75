// Files nobody should send, and someone will: markup and scripts in cells,
// spreadsheet formulas, absurd numbers, ragged and truncated files, binaries,
// huge cells. The importer either reads them (with findings) or throws
// ImportError — never another exception, never markup passed on, never a hang.
import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { importFile } from "../src/core/import.ts";
import { ImportError, type Dataset } from "../src/core/model.ts";
import { parseTarget } from "../src/core/target.ts";
import { toParagraphs } from "../src/core/text.ts";
import { SEED_BYTES, SEED_LINES, SEED_TEXT, concat, seedAsExcelCsv, utf8 } from "./fixtures/variants.ts";

/** The seed with some of its lines replaced (index = row − 1). */
const edit = (changes: Record<number, string>) => utf8(SEED_LINES.map((l, i) => changes[i + 1] ?? l).join("\n"));

/** Every string anywhere in a dataset (names, targets, paragraphs, notes, messages…). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** A complete HTML tag: what a browser would build an element from. */
const TAG = /<\/?[a-z!?][^<>]*>/i;
const expectNoMarkup = (d: Dataset) => {
  for (const s of strings(d)) expect(s, s.slice(0, 80)).not.toMatch(TAG);
};

/** "ok" or "ImportError"; any other exception fails the test. */
function outcome(name: string, bytes: Uint8Array): "ok" | "ImportError" {
  try {
    importFile(name, bytes);
    return "ok";
  } catch (e) {
    if (e instanceof ImportError) return "ImportError";
    throw e;
  }
}

const XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '<svg onload="alert(1)">', "<iframe src=javascript:alert(1)></iframe>"];

describe("markup and scripts in cells never come out as markup", () => {
  it("refuses a unit name that is nothing but a script: ImportError, no name left", () => {
    expect(() => importFile("x.txt", edit({ 5: "单位名称\t<script>alert(1)</script>" }))).toThrow(/找不到单位名称/);
  });

  it.each(XSS)("drops %s from the unit name, keeping the text around it", (markup) => {
    const d = importFile("x.txt", edit({ 5: `单位名称\t江川路${markup}中心` }));
    expect(d.units[0].name).toBe("江川路中心");
    expectNoMarkup(d);
    expect(d.findings.find((f) => f.code === "text.markup_stripped")?.location).toMatchObject({ row: 5, column: 2 });
  });

  it.each(XSS)("drops %s from an indicator name, a target and a task, and says so", (markup) => {
    const d = importFile("x.txt", edit({ 11: `(一) 任务${markup}\t内容${markup}`, 42: `产出指标\t数量指标\t器材${markup}购置\t≥200.00(个)${markup}` }));
    expectNoMarkup(d);
    expect(strings(d).join("\n")).not.toMatch(/<script|onerror=|onload=|javascript:/i);
    const i = d.indicators.find((x) => x.source.row === 42)!;
    expect([i.name, i.target, i.parsed.kind]).toEqual(["器材购置", "≥200.00(个)", "quantitative"]);
    expect(d.tasks[0].name).toBe("任务");
    expect(d.findings.filter((f) => f.code === "text.markup_stripped").map((f) => f.location.row)).toEqual(expect.arrayContaining([11, 42]));
  });

  it("drops markup typed into a rich-text editor (<p>&lt;script&gt;…</p>) instead of decoding it into a tag", () => {
    const d = importFile("x.txt", edit({ 7: "单位职责\t<p>&lt;img src=x onerror=alert(1)&gt;第一条</p><p>&lt;script&gt;alert(1)&lt;/script&gt;第二条 a &lt; b</p>" }));
    expect(d.units[0].duties).toEqual(["第一条", "第二条 a < b"]);
    expectNoMarkup(d);
  });

  it("keeps entity-only text (no real tag) as inert literal text", () => {
    const d = importFile("x.txt", edit({ 42: "\t\t&lt;script&gt;alert(1)&lt;/script&gt;\t≥1(个)" }));
    expect(d.indicators.find((i) => i.source.row === 42)!.name).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expectNoMarkup(d);
  });

  it("keeps an unclosed tag (not markup to any parser until a >) as inert text", () => {
    const d = importFile("x.txt", edit({ 42: "\t\t<img src=x onerror=alert(1)\t≥1(个)" }));
    expect(d.indicators.find((i) => i.source.row === 42)!.name).toBe("<img src=x onerror=alert(1)");
    expectNoMarkup(d);
  });

  it.each(XSS)("drops %s from a canonical indicators CSV and a JSON file too", (markup) => {
    const csv = `单位名称,年度,一级指标,二级指标,三级指标,指标值\r\n"A${markup.replace(/"/g, '""')}",2026,产出指标,数量指标,"x${markup.replace(/"/g, '""')}",≥1(个)\r\n`;
    const fromCsv = importFile("h.csv", utf8(csv));
    expect(fromCsv.indicators[0].name).toBe("x");
    expectNoMarkup(fromCsv);
    const json = JSON.stringify({ units: [{ name: `A${markup}`, year: 2026, duties: [`d${markup}`] }], indicators: [{ unitId: "u1", year: 2026, level1: "产出指标", level2: "数量指标", name: `x${markup}`, target: "≥1(个)" }] });
    const fromJson = importFile("h.json", utf8(json));
    expect([fromJson.units[0].name, fromJson.units[0].duties, fromJson.indicators[0].name]).toEqual(["A", ["d"], "x"]);
    expectNoMarkup(fromJson);
  });
});

describe("formula-like cells are kept as text, with a finding", () => {
  it.each([['=HYPERLINK("http://x","y")'], ["+1+1"], ["@SUM(A1)"]])("keeps %s as the name and as the target, and flags each", (cell) => {
    const d = importFile("f.txt", edit({ 43: `\t\t${cell}\t≥1(本)`, 44: `\t\t器材维修工作完成数\t${cell}` }));
    const byRow = (row: number) => d.indicators.find((i) => i.source.row === row)!;
    expect(byRow(43).name).toBe(cell);
    expect(byRow(44).target).toBe(cell);
    expect(byRow(44).parsed).toEqual({ kind: "qualitative", text: cell, recognised: false });
    expect(d.findings.filter((f) => f.code === "cell.formula_like").map((f) => f.location.row)).toEqual([43, 44]);
  });
});

describe("absurd numbers neither crash nor lose exactness", () => {
  const d = importFile(
    "n.txt",
    edit({
      25: "部门整体预算总额(元)\t999,999,999,999,999,999.99",
      42: "产出指标\t数量指标\t器材购置更新完成数\t≥1e309",
      43: "\t\t书籍购置完成量\t≥99999999999999999999999.99(元)",
    }),
  );

  it("keeps a 21-digit amount exact in fen", () => {
    expect(d.budget[0].amountFen).toBe(99999999999999999999n);
    expect(findingText(d.findings.find((f) => f.code === "budget.implausible")!, "zh")).toContain("999,999,999,999,999,999.99 元");
    expect(findingText(d.findings.find((f) => f.code === "budget.source_mismatch")!, "en")).toContain("¥999,999,999,999,999,999.99");
  });

  it("reads ≥1e309 as an unrecognised qualitative target, not Infinity", () => {
    expect(d.indicators.find((i) => i.source.row === 42)!.parsed).toEqual({ kind: "qualitative", text: "≥1e309", recognised: false });
    expect(d.findings.filter((f) => f.location.row === 42).map((f) => f.code)).toContain("target.unparsed");
  });

  it("keeps ≥99999999999999999999999.99(元) as an exact decimal string, and flags its digits", () => {
    expect(d.indicators.find((i) => i.source.row === 43)!.parsed).toEqual({ kind: "quantitative", op: ">=", value: "99999999999999999999999.99", unit: "元", direction: "higher" });
    expect(d.findings.filter((f) => f.location.row === 43).map((f) => f.code)).toContain("target.implausible_number");
  });

  it("handles a 200,000-digit amount and cost ceiling in linear time, exactly", () => {
    const digits = "9".repeat(200_000);
    const t = performance.now();
    const big = importFile("big.txt", edit({ 25: `部门整体预算总额(元)\t${digits}.00`, 75: `\t\t文化馆成本预算控制数\t≤${digits}(元)` }));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(big.budget[0].amountFen).toBe(BigInt(digits + "00"));
    expect(big.indicators.find((i) => i.source.row === 75)!.parsed).toMatchObject({ kind: "quantitative", value: digits });
  });
});

describe("ragged rows", () => {
  it("joins extra cells in an indicator row into the name and says so", () => {
    const d = importFile("r.txt", edit({ 42: "产出指标\t数量指标\t器材\t≥1(个)\textra\tmore\tcells" }));
    const i = d.indicators.find((x) => x.source.row === 42)!;
    expect([i.name, i.target]).toEqual(["器材 ≥1(个) extra more", "cells"]);
    expect(d.findings.find((f) => f.code === "layout.extra_cells")?.location.row).toBe(42);
  });

  it("reads short rows (an amount and a count missing) as missing values, never as “undefined”", () => {
    const d = importFile("r.txt", edit({ 25: "部门整体预算总额(元)", 31: "0" }));
    expect(d.units[0].staffCount).toBe(0);
    expect(d.units[0].orgCount).toBeNull();
    expect(d.findings.find((f) => f.code === "budget.amount_unreadable")?.location.row).toBe(25);
    expect(strings(d).join("\n")).not.toContain("undefined");
  });

  it("reads rows of 1 to 30 cells anywhere in the table", () => {
    const rows: Record<number, string> = {};
    for (let r = 42; r <= 95; r++) rows[r] = SEED_LINES[r - 1] + "\t".repeat(r % 27);
    rows[50] = "x";
    const d = importFile("r.txt", edit(rows));
    expect(d.indicators.length).toBeGreaterThanOrEqual(60);
  });
});

describe("truncated files import with findings or throw ImportError — nothing else", () => {
  const csv = utf8(
    seedAsExcelCsv((rows) => {
      rows[94][2] = "相关居民满意度, 抽样"; // quoted: the last record holds a quote to cut inside
    }),
  );
  const lastQuote = new TextDecoder().decode(csv).lastIndexOf('"相关居民');
  const nameAt = SEED_TEXT.indexOf("江川路");
  const lastRowAt = utf8(SEED_TEXT.slice(0, SEED_TEXT.lastIndexOf("相关居民"))).length;

  it.each([
    ["at byte 1", SEED_BYTES, 1],
    ["mid-UTF-8 in the unit name", SEED_BYTES, utf8(SEED_TEXT.slice(0, nameAt)).length + 1],
    ["before the indicator table", SEED_BYTES, utf8(SEED_TEXT.slice(0, SEED_TEXT.indexOf("绩效指标"))).length],
    ["mid-UTF-8 in the last indicator", SEED_BYTES, lastRowAt + 2],
    ["mid-quote in the Excel CSV's last record", csv, utf8(new TextDecoder().decode(csv).slice(0, lastQuote + 5)).length],
  ])("cut %s", (_label, bytes, at) => {
    expect(["ok", "ImportError"]).toContain(outcome("cut.txt", bytes.subarray(0, at)));
  });

  it("reports a cut mid-UTF-8 after the table as encoding.undecodable on the last row, with 59 whole indicators and the 60th cut", () => {
    const d = importFile("cut.txt", SEED_BYTES.subarray(0, lastRowAt + 2));
    expect(d.findings[0]).toMatchObject({ code: "encoding.undecodable", location: { row: 95, column: 3 } });
    expect(d.indicators).toHaveLength(60);
    expect(d.indicators[59].name).toBe("\uFFFD");
    expect(d.indicators[58].name).toBe("培训参加人员满意度");
  });

  it("reports a cut inside a quoted cell as csv.unterminated_quote on its row", () => {
    const cut = utf8(new TextDecoder().decode(csv).slice(0, lastQuote + 5));
    const d = importFile("cut.csv", cut);
    expect(d.findings.find((f) => f.code === "csv.unterminated_quote")?.location.row).toBe(95);
    expect(d.indicators.at(-1)!.name).toBe("相关居民"); // the cell as far as the file goes
  });

  it("never throws anything but ImportError, wherever the seed or its CSV is cut (every 37th byte)", () => {
    for (const bytes of [SEED_BYTES, csv]) {
      for (let at = 0; at <= bytes.length; at += 37) outcome("cut.txt", bytes.subarray(0, at));
    }
  });
});

describe("files that are not declarations", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
  const xlsx = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]), utf8("[Content_Types].xml"));
  let seed = 7;
  const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
  random[100] = 0;

  it.each([
    ["an empty file", new Uint8Array(), /文件为空/],
    ["a whitespace-only file", utf8("  \r\n\t\t\n \u3000\n"), /没有内容/],
    ["a file of blank lines", utf8("\n\n\n"), /没有内容/],
    ["PNG bytes", png, /不是文本文件/],
    ["an xlsx (zip) signature", xlsx, /不是文本文件（zip\/xlsx）.*另存为 CSV/],
    ["an xls (OLE) signature", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /不是文本文件（xls）/],
    ["a PDF", utf8("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"), /不是文本文件（pdf）/],
    ["random bytes with a NUL", random, /./],
    ["a text file of another kind", utf8("Dear colleague,\nplease find attached.\n"), /无法识别的文件格式/],
  ])("throws ImportError for %s", (_label, bytes, message) => {
    let error: unknown;
    try {
      importFile("bad.bin", bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(message);
    expect((error as ImportError).message).toContain("bad.bin");
    expect((error as ImportError).messageEn).not.toBe("");
  });
});

describe("huge cells parse in linear time", () => {
  const big = "长".repeat(200_000);

  it.each([
    ["an indicator target", { 42: `产出指标\t数量指标\t器材购置更新完成数\t${big}` }],
    ["an indicator name", { 42: `产出指标\t数量指标\t${big}\t≥200.00(个)` }],
    ["the duties", { 7: `单位职责\t<p>${big}</p>` }],
    ["a task", { 11: `(一) 任务\t${big}` }],
  ])("reads a 200,000-character cell in %s", (_label, rows) => {
    const t = performance.now();
    const d = importFile("big.txt", edit(rows));
    expect(performance.now() - t).toBeLessThan(5000);
    expect(d.indicators).toHaveLength(60);
    expect(strings(d).some((s) => s.includes(big))).toBe(true);
  });

  it("parseTarget on a 200,000-character cell returns an unrecognised qualitative target", () => {
    expect(parseTarget(big, 2026)).toEqual({ kind: "qualitative", text: big, recognised: false });
  });

  it.each([
    ["unclosed <p a", "<p a".repeat(50_000)],
    ["unclosed <script>", "<script>".repeat(25_000)],
    ["nested-looking tags", "<a <b <c ".repeat(22_000)],
  ])("strips 200,000 characters of %s quickly (no quadratic regex)", (_label, cell) => {
    const t = performance.now();
    toParagraphs(cell);
    importFile("big.txt", edit({ 7: `单位职责\t${cell}`, 42: `产出指标\t数量指标\t${cell}\t≥1(个)` }));
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
