// The fuzz cases and invariants shared by test/fuzz.test.ts (seeded, bounded)
// and bench/fuzz.ts (`npm run fuzz`, a longer campaign). Inputs are mutations of
// real forms — data/raw, the canonical tables, and the real forms kept in the repo
// (test/fixtures/real/*.csv, UTF-8) — through importFile's public API only:
//   cells shifted left/right, rows inserted, deleted, repeated, blank or junk rows,
//   merged-cell gaps, hostile cell values (1e400, -0, =1+1, @SUM, bidi and
//   zero-width characters, markup, 200k-character cells, random Unicode), quoting,
//   delimiters, line ends, re-encoding (UTF-8/GBK/UTF-16LE/BE, with and without BOM),
//   truncation at any byte, two copies in one file.
import { readFileSync, readdirSync } from "node:fs";
import { findingText } from "../src/core/findingText.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { importFile } from "../src/core/import.ts";
import { decodeBytes } from "../src/core/decode.ts";
import { ImportError, type Dataset, type Finding } from "../src/core/model.ts";
import { budgetStructureChart, indicatorGroupChart } from "../src/charts/index.ts";
import { esc } from "../src/charts/util.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REAL_FORMS = join(ROOT, "test/fixtures/real");

export interface Seed {
  name: string;
  text: string;
}

/** The forms and tables mutated: the bundled declaration, its canonical tables, and the repo's real forms (the same on every machine). */
export function loadSeeds(): Seed[] {
  const dec = new TextDecoder("utf-8");
  const read = (path: string, name: string): Seed => ({ name, text: dec.decode(readFileSync(path)).replace(/^\uFEFF/, "") });
  const seeds: Seed[] = [];
  for (const dir of ["data/raw", "data/canonical"]) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) seeds.push(read(join(ROOT, dir, f), `${dir}/${f}`));
  }
  for (const f of readdirSync(REAL_FORMS).sort()) {
    if (f.endsWith(".csv") && !f.includes(".gbk.")) seeds.push(read(join(REAL_FORMS, f), f));
  }
  return seeds;
}

// ---- encodings ----

let gbkTable: Map<string, number> | null = null;

/** GBK bytes of text, from a reverse table of TextDecoder("gbk") over the double-byte range; null when a character has no GBK form. */
export function encodeGbk(text: string): Uint8Array | null {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gbk");
    const pair = new Uint8Array(2);
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        pair[0] = lead;
        pair[1] = trail;
        const ch = decoder.decode(pair);
        if (ch.length === 1 && ch !== "\uFFFD" && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail);
      }
    }
  }
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out[n++] = c;
    else {
      const code = gbkTable.get(ch);
      if (code === undefined) return null;
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    }
  }
  return out.slice(0, n);
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const body = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(body.length * 2);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

export type Encoding = "utf-8" | "utf-8-bom" | "gbk" | "utf-16le" | "utf-16le-bom" | "utf-16be" | "utf-16be-bom";
const ENCODINGS: readonly Encoding[] = ["utf-8", "utf-8-bom", "gbk", "utf-16le", "utf-16le-bom", "utf-16be", "utf-16be-bom"];

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case "utf-8": return new TextEncoder().encode(text);
    case "utf-8-bom": return new TextEncoder().encode("\uFEFF" + text);
    // Text with characters GBK lacks (emoji, bidi marks) is saved as UTF-8, as Excel's "CSV UTF-8" would be.
    case "gbk": return encodeGbk(text) ?? new TextEncoder().encode(text);
    default: return utf16(text, encoding.startsWith("utf-16be"), encoding.endsWith("-bom"));
  }
}

// ---- mutations of the grid ----

type Grid = string[][];

export type Mutation =
  | { op: "shift-left"; row: number; by: number }
  | { op: "shift-right"; row: number; by: number }
  | { op: "insert-row"; at: number; cells: string[] }
  | { op: "blank-row"; at: number }
  | { op: "delete-row"; row: number }
  | { op: "repeat-row"; row: number }
  | { op: "merged-gap"; row: number; col: number; down: number }
  | { op: "set-cell"; row: number; col: number; value: string }
  | { op: "append-to-cell"; row: number; col: number; value: string };

/** Cell values real exports and hostile files hold. */
const HOSTILE = [
  "1e400", "-1e400", "-0", "0", "-0.00", "NaN", "Infinity", "1e-400", "0x10", "9007199254740993", "99999999999999999999.999",
  "=1+1", "@SUM(A1:A9)", "+1+1", "-1-1", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0",
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</svg><svg onload=alert(1)>", "&amp;&lt;", "\"", "\"\"", "'", "]]>", "<![CDATA[x]]>",
  "\u202Eevil\u202C", "\u2066x\u2069", "\u200B", "\u200D", "\uFEFF", "\u00A0", "\u3000", "\u0000", "\u0007", "\uFFFD", "\uD800", "😀",
  "≥200.00(个)", "≤685.74(万元)", "=100(%)", "10月底前", "2024年底", "提升", "92,787,331.00", "（1,000.00）", "￥1,000", "１２３４", "1,2,3", "12.345.678",
  "一级指标", "二级指标", "三级指标", "指标值", "单位名称", "部门整体预算总额(元)", "财政拨款", "基本支出", "产出指标", "数量指标", "年度", "2026", "19999",
  "unit_id", "fiscal_year", "severity", "code", "source_row", "source_file", "1.5", "-3",
];

const hostileCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom("\t", ",", "\"", "\r", "\n", "\r\n", " ", "a", "中"), maxLength: 12 }) },
);

/** A 200,000-character cell (rare: it costs ~10 ms to read). */
const hugeCell = fc.constantFrom("指", "a", "1", "<", "\u200B").map((c) => c.repeat(200_000));

const idx = fc.nat({ max: 400 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("shift-left" as const), row: idx, by: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("shift-right" as const), row: idx, by: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("insert-row" as const), at: idx, cells: fc.array(hostileCell, { maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("blank-row" as const), at: idx }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("delete-row" as const), row: idx }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("repeat-row" as const), row: idx }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("merged-gap" as const), row: idx, col: fc.nat({ max: 6 }), down: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant("set-cell" as const), row: idx, col: fc.nat({ max: 6 }), value: hostileCell }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("append-to-cell" as const), row: idx, col: fc.nat({ max: 6 }), value: hostileCell }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("set-cell" as const), row: idx, col: fc.nat({ max: 6 }), value: hugeCell }) },
);

function mutate(grid: Grid, m: Mutation): void {
  const at = (i: number) => (grid.length ? i % grid.length : 0);
  switch (m.op) {
    case "shift-left": if (grid.length) grid[at(m.row)].splice(0, m.by); break;
    case "shift-right": if (grid.length) grid[at(m.row)].unshift(...Array(m.by).fill("")); break;
    case "insert-row": grid.splice(at(m.at), 0, m.cells); break;
    case "blank-row": grid.splice(at(m.at), 0, [""]); break;
    case "delete-row": grid.splice(at(m.row), 1); break;
    case "repeat-row": if (grid.length) grid.splice(at(m.row), 0, [...grid[at(m.row)]]); break;
    case "merged-gap":
      // A merged cell keeps its value in the top-left cell only: the cells below it are empty.
      for (let r = at(m.row) + 1; r < Math.min(grid.length, at(m.row) + 1 + m.down); r++) if (m.col < grid[r].length) grid[r][m.col] = "";
      break;
    case "set-cell":
    case "append-to-cell": {
      if (!grid.length) break;
      const row = grid[at(m.row)];
      while (row.length <= m.col) row.push("");
      row[m.col] = m.op === "set-cell" ? m.value : row[m.col] + m.value;
      break;
    }
  }
}

function splitGrid(text: string, delimiter: string): Grid {
  return text.split(/\r?\n/).map((line) => line.split(delimiter));
}

const quoteCell = (c: string) => `"${c.replace(/"/g, '""')}"`;

export interface Case {
  seed: number;
  mutations: Mutation[];
  delimiter: "\t" | "," | "same";
  quoting: "none" | "needed" | "all";
  eol: "\n" | "\r\n" | "\r";
  encoding: Encoding;
  /** Cut the bytes here (a fraction of their length), or not. */
  truncate: number | null;
  /** Flip these bytes (position fraction, xor value). */
  flips: [number, number][];
  /** Two copies of the mutated file in one file. */
  twice: boolean;
}

export function caseArbitrary(seeds: readonly Seed[]): fc.Arbitrary<Case> {
  return fc.record({
    seed: fc.nat({ max: seeds.length - 1 }),
    mutations: fc.array(mutation, { minLength: 0, maxLength: 5 }),
    delimiter: fc.constantFrom("same" as const, "same" as const, "\t" as const, "," as const),
    quoting: fc.constantFrom("none" as const, "needed" as const, "all" as const),
    eol: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const),
    encoding: fc.constantFrom(...ENCODINGS),
    truncate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 5 }),
    flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 2 }),
    twice: fc.boolean(),
  });
}

/** The bytes of a case and a name for the file. */
export function caseBytes(seeds: readonly Seed[], c: Case): { file: string; bytes: Uint8Array } {
  const seed = seeds[c.seed];
  const original = seed.text.includes("\t") ? "\t" : ",";
  const delimiter = c.delimiter === "same" ? original : c.delimiter;
  // Quoted seeds (Excel CSV) are split as they come: a quoted cell broken by the split is itself a case.
  const grid = splitGrid(seed.text, original);
  for (const m of c.mutations) mutate(grid, m);
  const cell = (s: string) => (c.quoting === "all" ? quoteCell(s) : c.quoting === "needed" && /["\r\n,\t]/.test(s) ? quoteCell(s) : s);
  let text = grid.map((r) => r.map(cell).join(delimiter)).join(c.eol);
  if (c.twice) text = `${text}${c.eol}${text}`;
  let bytes = encode(text, c.encoding);
  if (c.truncate !== null) bytes = bytes.slice(0, Math.floor(bytes.length * c.truncate));
  if (c.flips.length) {
    bytes = bytes.slice();
    for (const [at, x] of c.flips) if (bytes.length) bytes[Math.floor(at * bytes.length)] ^= x;
  }
  return { file: `fuzz/${seed.name.replace(/^.*\//, "")}`, bytes };
}

// ---- invariants ----

export class InvariantError extends Error {}

function must(ok: unknown, message: string): asserts ok {
  if (!ok) throw new InvariantError(message);
}

const wholeOrUndefined = (n: unknown) => n === undefined || (typeof n === "number" && Number.isSafeInteger(n) && n > 0);

/** Tags balance, and text and attributes hold no raw < or bare & (as test/chartAssertions.ts's expectWellFormed). */
function wellFormed(svg: string): string | null {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    if (/<|&(?!(amp|lt|gt|quot|#\d+);)/.test(between)) return `raw markup in text before <${m[1]}${m[2]}>: ${between.slice(0, 80)}`;
    if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(m[3])) return `bare & in attributes of <${m[2]}>`;
    if (/\son\w+=/i.test(m[3]) || /^(script|foreignObject|iframe|img)$/i.test(m[2])) return `unexpected <${m[2]}${m[3].slice(0, 60)}>`;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `unbalanced </${m[2]}>`;
    } else if (!m[4]) stack.push(m[2]);
    last = tag.lastIndex;
  }
  if (svg.slice(last).trim() !== "") return "text after the last tag";
  return stack.length ? `unclosed <${stack.at(-1)}>` : null;
}

const ESCAPED = /^(?:[^<>"'&]|&(?:amp|lt|gt|quot|#39);)*$/s;

/** Every text from a cell that a page or chart shows, escaped by the project's helper. */
function cellTexts(d: Dataset): string[] {
  return [
    ...d.units.flatMap((u) => [u.name, u.fundingMethod ?? "", ...u.duties, ...u.goals]),
    ...d.budget.map((b) => b.item),
    ...d.tasks.flatMap((t) => [t.name, t.content]),
    ...d.indicators.flatMap((i) => [i.level1, i.level2, i.name ?? "", i.target ?? "", i.note ?? ""]),
    ...d.findings.flatMap((f) => [findingText(f, "zh"), findingText(f, "en")]),
  ];
}

/**
 * Reads the bytes with importFile and checks what Jixiao promises of any input:
 * only ImportError escapes (with the file, a whole row where it names one); every
 * finding has a location with the file; amounts are bigint fen; what the charts
 * and esc() render of cell text holds no markup; no amount is summed twice.
 * Throws InvariantError (or the escaped error) when one does not hold.
 */
export function checkImport(file: string, bytes: Uint8Array): void {
  let d: Dataset;
  try {
    d = importFile(file, bytes);
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    must(e.location.file === file, `ImportError without the file: ${JSON.stringify(e.location)}`);
    must(wholeOrUndefined(e.location.row), `ImportError row is not a whole row number: ${e.location.row}`);
    must(e.message.startsWith(file) && e.messageEn.length > 0, `ImportError message does not name the file: ${e.message.slice(0, 80)}`);
    return;
  }
  checkFindings(d.findings, file, bytes);
  for (const b of d.budget) {
    must(typeof b.amountFen === "bigint", `budget amount is not bigint fen: ${String(b.amountFen)}`);
  }
  for (const e of d.execution ?? []) {
    for (const v of [e.budgetInitialFen, e.budgetFullYearFen, e.executedFen]) must(v === null || typeof v === "bigint", `execution amount is not bigint fen: ${String(v)}`);
  }
  for (const x of [...d.units, ...d.budget, ...d.tasks, ...d.indicators, ...(d.actuals ?? []), ...(d.execution ?? [])]) {
    must(Number.isSafeInteger(x.year), `year is not a whole number: ${x.year}`);
    must(typeof x.source.file === "string" && x.source.file.length > 0, "a row without its file");
    must(wholeOrUndefined(x.source.row) && wholeOrUndefined(x.source.column), `source row/column not whole numbers: ${JSON.stringify(x.source)}`);
  }
  for (const x of [...d.tasks, ...d.indicators]) must(Number.isSafeInteger(x.order), `order is not a whole number: ${x.order}`);
  for (const u of d.units) {
    for (const n of [u.staffCount, u.orgCount]) must(n === null || (Number.isSafeInteger(n) && n >= 0), `count is not a whole number: ${n}`);
  }
  // No amount summed twice: a unit-year's (or a project's) kind and item once, or a finding that says it repeats.
  const lines = new Map<string, number>();
  for (const b of d.budget) {
    const k = `${b.unitId}|${b.projectId ?? ""}|${b.year}|${b.kind}|${b.item}`;
    lines.set(k, (lines.get(k) ?? 0) + 1);
  }
  for (const [k, count] of lines) {
    must(count === 1 || d.findings.some((f) => f.code === "budget.repeated_item"), `budget line ${k} counted ${count} times without a finding`);
  }
  // Markup: every cell text escaped, and the charts of what was read well formed.
  for (const t of cellTexts(d)) must(ESCAPED.test(esc(t)), `esc() left markup in ${JSON.stringify(t.slice(0, 60))}`);
  const kindLabel = { total: "总额", source: "资金来源", structure: "资金结构" } as const;
  // One row per group and item, as the pages give the chart (an item twice with two amounts is budget.repeated_item;
  // a line without its label, which the form reader can make of a shifted layout, is reported to the reader's owner).
  const budgetRows = [...new Map(d.budget.filter((b) => b.kind !== "total" && b.item && b.amountFen >= 0n).map((b) => [`${b.kind}\u0000${b.item}`, { group: kindLabel[b.kind], item: b.item, amountFen: b.amountFen }])).values()];
  const groups = new Map<string, { level1: string; level2: string; kind: Dataset["indicators"][number]["parsed"]["kind"]; count: number }>();
  // The chart refuses a group without a name (fail fast); the form reader can leave 一级/二级 blank on a
  // shifted layout (reported to the reader's owner): those rows are not what this invariant is about.
  for (const i of d.indicators.filter((x) => x.level1 && x.level2)) {
    const k = `${i.level1}\u0000${i.level2}\u0000${i.parsed.kind}`;
    const g = groups.get(k);
    if (g) g.count++;
    else groups.set(k, { level1: i.level1, level2: i.level2, kind: i.parsed.kind, count: 1 });
  }
  const title = d.units[0]?.name || "图";
  for (const svg of [
    budgetRows.length ? budgetStructureChart(budgetRows, { id: "fz1", title }).svg : "",
    groups.size ? indicatorGroupChart([...groups.values()], { id: "fz2", title }).svg : "",
  ]) {
    if (!svg) continue;
    const problem = wellFormed(svg);
    must(problem === null, `chart markup: ${problem}`);
  }
}

/** Text without whitespace, quotes or delimiters: a cell's text as it stands in the file, whatever the quoting. */
const squash = (s: string) => s.replace(/[\s",\t\u200b\ufeff]/g, "");

function checkFindings(findings: readonly Finding[], file: string, bytes: Uint8Array): void {
  let text: string | null = null;
  for (const f of findings) {
    must(typeof f.code === "string" && f.code.length > 0 && findingText(f, "zh").length > 0, `finding without code or message: ${JSON.stringify(f).slice(0, 120)}`);
    must(["error", "warning", "info"].includes(f.severity), `finding severity ${f.severity}`);
    // Findings read from a findings table keep the file they were first found in: a name the file itself holds.
    must(typeof f.location.file === "string" && f.location.file.length > 0, `finding ${f.code} without a file`);
    if (f.location.file !== file) {
      text ??= squash(decodeBytes(bytes, file).text);
      must(text.includes(squash(f.location.file)), `finding ${f.code} located in ${JSON.stringify(f.location.file)}, not ${file}`);
    }
    must(wholeOrUndefined(f.location.row) && wholeOrUndefined(f.location.column), `finding ${f.code} at row/column ${f.location.row}/${f.location.column}`);
  }
}

/** Runs one case; the error message when an invariant fails, else null. */
export function runCase(seeds: readonly Seed[], c: Case): string | null {
  const { file, bytes } = caseBytes(seeds, c);
  try {
    checkImport(file, bytes);
    return null;
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}
