// Exact money: amounts live as integer fen (bigint) from file to screen. Parsing and
// arithmetic only; every text for a reader comes from format.ts (formatYuan, formatWan, …).

const FULLWIDTH = /[０-９．，－（）]/g;

function halfwidth(s: string): string {
  return s.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Parses a declared amount in yuan ("92,787,331.00", "-1.5", "（12.30）", "¥ 8.00") into fen.
 * Returns null when the text is not a plain amount, or has more than two decimals
 * (a sub-fen amount is not rounded silently: the caller reports it).
 */
export function parseYuanToFen(text: string): bigint | null {
  let s = halfwidth(text).trim().replace(/^[¥￥]\s*/, "").replace(/元$/, "").trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) s = s.slice(1).trim();
  // Thousands separators only in groups of three.
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(s)) return null;
  const [int, frac = ""] = s.replace(/,/g, "").split(".");
  const fen = BigInt(int) * 100n + BigInt((frac + "00").slice(0, 2));
  return negative ? -fen : fen;
}

/** Scales a fen amount declared in 万元 (×10,000) or 亿元 (×100,000,000) to fen of yuan. */
export function scaleFen(fen: bigint, unit: "元" | "万元" | "亿元"): bigint {
  return unit === "万元" ? fen * 10_000n : unit === "亿元" ? fen * 100_000_000n : fen;
}

/** Exact yuan string with two decimals, no separators: 5083928487n → "50839284.87". */
export function fenToYuanString(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${int}.${frac}`;
}

export function sumFen(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
