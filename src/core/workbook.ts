// An .xlsx workbook → one record list per sheet, for the CLI and the browser's
// import worker alike: cells read by read-excel-file (merged cells hold their
// value in the top-left cell), and shown as the sheet shows them — a number
// with a percentage format is `100.00%`, not `1`; a date is yyyy-mm-dd. The
// formats come from the workbook's own styles (fflate unzips it; no DOM).
import { strFromU8, unzipSync } from "fflate";
import { ImportError, type DataStatus, type Dataset } from "./model.ts";
import type { TableRecord } from "./table.ts";

export interface SheetRecords {
  sheet: string;
  records: TableRecord[];
}

/** True when the bytes start a zip archive (an .xlsx is one). */
export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** A spreadsheet cell as the text an export would hold. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return String(v);
}

/** Sheet rows (as read-excel-file returns them) → records with their 1-based row. */
export function sheetRecords(rows: readonly (readonly unknown[])[], percent?: (row: number, col: number) => number | null): TableRecord[] {
  return rows.map((r, i) => ({
    cells: r.map((v, c) => {
      const decimals = typeof v === "number" && percent ? percent(i, c) : null;
      return decimals === null || typeof v !== "number" ? cellText(v) : percentText(v, decimals);
    }),
    row: i + 1,
  }));
}

/** 0.9537 with 2 decimals → "95.37%", exactly from the number's decimal text (no float rounding of the shown digits). */
export function percentText(v: number, decimals: number): string {
  const [int, frac = ""] = String(Math.abs(v)).includes("e") ? Math.abs(v).toFixed(12).split(".") : String(Math.abs(v)).split(".");
  const digits = (int + (frac + "00").slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2);
  let whole = BigInt(digits + (rest + "0".repeat(decimals)).slice(0, decimals));
  if ((rest[decimals] ?? "0") >= "5") whole += 1n;
  const s = whole.toString().padStart(decimals + 1, "0");
  const shown = decimals ? `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}` : s;
  return `${v < 0 ? "-" : ""}${shown}%`;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** Column letters of a cell reference → 0-based column. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? "") n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * Per sheet (in workbook order): which cells carry a percentage format, with
 * how many decimals it shows. Built-in formats 9 (0%) and 10 (0.00%), and
 * custom formats whose code ends in %.
 */
export function percentCells(bytes: Uint8Array): Map<string, number>[] {
  const files = unzipSync(bytes, { filter: (f) => f.name === "xl/styles.xml" || f.name === "xl/workbook.xml" || f.name === "xl/_rels/workbook.xml.rels" || f.name.startsWith("xl/worksheets/sheet") });
  const styles = files["xl/styles.xml"] ? strFromU8(files["xl/styles.xml"]) : "";
  const custom = new Map<string, string>();
  for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) custom.set(attr(m[0], "numFmtId") ?? "", (attr(m[0], "formatCode") ?? "").replace(/&quot;/g, '"'));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const styleDecimals: (number | null)[] = [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = attr(m[0], "numFmtId") ?? "0";
    const code = id === "9" ? "0%" : id === "10" ? "0.00%" : custom.get(id) ?? "";
    if (!/%\s*$/.test(code.replace(/"[^"]*"/g, ""))) return null;
    return /\.(0+)%/.exec(code)?.[1].length ?? 0;
  });
  // Sheets in workbook order, through the relationships.
  const wb = files["xl/workbook.xml"] ? strFromU8(files["xl/workbook.xml"]) : "";
  const rels = files["xl/_rels/workbook.xml.rels"] ? strFromU8(files["xl/_rels/workbook.xml.rels"]) : "";
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) target.set(attr(m[0], "Id") ?? "", (attr(m[0], "Target") ?? "").replace(/^\/?(xl\/)?/, "xl/"));
  return [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const path = target.get(attr(m[0], "r:id") ?? "") ?? "";
    const xml = files[path] ? strFromU8(files[path]) : "";
    const out = new Map<string, number>();
    for (const c of xml.matchAll(/<c\b[^>]*>/g)) {
      const s = attr(c[0], "s");
      const ref = attr(c[0], "r");
      const d = s === null ? null : styleDecimals[Number(s)] ?? null;
      if (d !== null && ref) out.set(`${Number(/\d+/.exec(ref)?.[0]) - 1}|${columnIndex(ref)}`, d);
    }
    return out;
  });
}

/** Every sheet of a workbook as records; throws ImportError when the bytes are no readable .xlsx. */
export async function readWorkbook(file: string, bytes: Uint8Array): Promise<SheetRecords[]> {
  const { default: readXlsxFile } = await import("read-excel-file/universal");
  let sheets: { sheet: string; data: unknown[][] }[];
  let percents: Map<string, number>[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: unknown[][] }[];
    percents = percentCells(bytes);
  } catch (e) {
    throw new ImportError(`${file}：不是可读取的 Excel 工作簿（.xlsx）：${(e as Error).message}`, `${file}: not a readable .xlsx workbook`, { file });
  }
  return sheets.map((s, i) => ({ sheet: s.sheet, records: sheetRecords(s.data, (r, c) => percents[i]?.get(`${r}|${c}`) ?? null) }));
}

/**
 * A workbook through the same readers as a text file: each sheet that holds
 * anything is read on its own (`file!sheet` when there are several).
 */
export async function importWorkbook(
  file: string,
  bytes: Uint8Array,
  readRecords: (part: string, records: TableRecord[], status: DataStatus) => Dataset,
  merge: (parts: Dataset[]) => Dataset,
  status: DataStatus = "declared",
): Promise<Dataset> {
  const sheets = (await readWorkbook(file, bytes)).filter((s) => s.records.some((r) => r.cells.some((c) => c.trim() !== "")));
  if (!sheets.length) throw new ImportError(`${file}：工作簿中没有可读取的工作表`, `${file}: no sheet with data`, { file });
  return merge(sheets.map((s) => readRecords(sheets.length > 1 ? `${file}!${s.sheet}` : file, s.records, status)));
}
