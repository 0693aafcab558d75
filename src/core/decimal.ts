// Exact decimals (scaled to 1e-6) for reading and cross-checking the figures a
// form states (rates, scores, amounts in 元 or 万元); months of `1-N月` headers.
import { parseYuanToFen } from "./money.ts";
import { moneyTargetToFen } from "./target.ts";

export const SCALE = 1_000_000n;

export function halfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** A plain decimal (“95”, “9.54”, “1,234.5”, “95.37%”) → scaled bigint; null otherwise. */
export function readDecimal(text: string): bigint | null {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*%?$/.exec(halfwidth(text).trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  const frac = m[3] ?? "";
  let v = BigInt((m[2] ?? "0").replace(/,/g, "")) * SCALE + BigInt((frac + "000000").slice(0, 6));
  if (frac.length > 6 && frac.charCodeAt(6) >= 53) v += 1n;
  return m[1] === "-" ? -v : v;
}

function decimalsOf(text: string): number {
  const m = /\.(\d+)/.exec(halfwidth(text));
  return m ? m[1].length : 0;
}

/** |a − b| ≤ half a unit of the last decimal written in `as` (a rounded figure agrees with the exact one). */
export function agrees(exact: bigint, stated: bigint, statedText: string): boolean {
  const d = Math.min(decimalsOf(statedText), 6);
  const half = SCALE / 10n ** BigInt(d) / 2n;
  const diff = exact > stated ? exact - stated : stated - exact;
  return diff <= half;
}

export function scaledToString(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const int = a / SCALE;
  const frac = (a % SCALE).toString().padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`;
}

/** An exact fen amount expressed in a money unit (元, 万元 …) as a plain decimal string. */
export function fenInUnit(fen: bigint, unit: string): string | null {
  const exponent: Record<string, number> = { 元: 2, 千元: 5, 万元: 6, 百万元: 8, 亿元: 10 };
  const e = exponent[unit];
  if (e === undefined) return null;
  const neg = fen < 0n;
  const digits = (neg ? -fen : fen).toString().padStart(e + 1, "0");
  const int = digits.slice(0, digits.length - e);
  const frac = digits.slice(digits.length - e).replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`;
}

/** An amount in 元 or 万元 (“92,787,331.00”, “9278.7331”, “12.30万元”) → fen; null when unreadable. */
export function readAmountFen(text: string, unit: "元" | "万元" = "元"): bigint | null {
  let s = halfwidth(text).trim().replace(/^[¥￥]\s*/, "");
  let u: string = unit;
  const m = /^(.*?)\s*(万元|元)$/.exec(s);
  if (m) {
    s = m[1];
    u = m[2];
  }
  if (u === "万元") return moneyTargetToFen(s, "万元");
  return parseYuanToFen(s);
}

export function lastDayOfMonth(year: number, month: number): string {
  const days = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return `${year}-${String(month).padStart(2, "0")}-${days}`;
}

/** “1-6月执行情况”, “1～8月执行数” → the month N; null otherwise. */
export function monthOfHeader(text: string): number | null {
  const m = /^1\s*[-－—~～至到]\s*(\d{1,2})\s*月/.exec(halfwidth(text).replace(/\s/g, ""));
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? n : null;
}
