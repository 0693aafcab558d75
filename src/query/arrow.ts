// Arrow results (what DuckDB-wasm returns) → plain JSON rows, exactly: DECIMAL
// becomes its decimal text (never a float), BIGINT a number only while it is
// safe, dates ISO text. DOM-free and independent of the apache-arrow package
// (it only reads the shape), so it is unit-tested in Node.
import type { Row, Value } from "./engine.ts";

/** Arrow type ids used here (apache-arrow's `Type` enum). */
export const ArrowType = { Int: 2, Float: 3, Binary: 4, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Time: 9, Timestamp: 10 } as const;

export interface ArrowField {
  name: string;
  type: { typeId: number; scale?: number; unit?: number; toString?(): string };
}

export interface ArrowLike {
  schema: { fields: ArrowField[] };
  numRows: number;
  getChildAt(i: number): { get(i: number): unknown } | null;
}

/** The decimal text of an unscaled integer (as digits) at a scale: ("-12345", 2) → "-123.45". */
export function unscaledToDecimal(digits: string, scale: number): string {
  if (!scale) return digits;
  const negative = digits.startsWith("-");
  const abs = (negative ? digits.slice(1) : digits).padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${abs.slice(0, -scale)}.${abs.slice(-scale)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${isoDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const jsonSafe = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** One Arrow value as a plain JSON value, given its field's type. */
export function plainValue(v: unknown, type: ArrowField["type"]): Value {
  if (v === null || v === undefined) return null;
  if (type.typeId === ArrowType.Decimal) return unscaledToDecimal(String(v), type.scale ?? 0);
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (type.typeId === ArrowType.Date && (typeof v === "number" || v instanceof Date)) return isoDate(Number(v));
  if (type.typeId === ArrowType.Timestamp && (typeof v === "number" || v instanceof Date)) return isoTimestamp(Number(v));
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => `\\x${b.toString(16).padStart(2, "0")}`).join("");
  const json = (v as { toJSON?: () => unknown }).toJSON ? (v as { toJSON: () => unknown }).toJSON() : v;
  return JSON.stringify(json, jsonSafe);
}

/** Every row of an Arrow table as a plain object. */
export function plainRows(table: ArrowLike): Row[] {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: Row[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    fields.forEach((f, i) => (row[f.name] = plainValue(columns[i]?.get(r), f.type)));
    rows.push(row);
  }
  return rows;
}

/** Column names and a matrix of plain values (for the console's table and exports). */
export function plainMatrix(table: ArrowLike): { columns: string[]; types: string[]; rows: Value[][] } {
  const fields = table.schema.fields;
  const cols = fields.map((_, i) => table.getChildAt(i));
  const rows: Value[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(fields.map((f, i) => plainValue(cols[i]?.get(r), f.type)));
  return { columns: fields.map((f) => f.name), types: fields.map((f) => String(f.type.toString?.() ?? f.type.typeId)), rows };
}
