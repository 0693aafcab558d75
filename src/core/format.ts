// The one formatter: numbers, money, shares and dates for the pages, the charts, the explore
// workspace and the CLI. Chinese first, English beside it. Pure and DOM-free.
// Two explicit d3-format locales (the global d3 locale is never touched). Money is bigint fen
// and d3 formats Numbers, so money takes an exact path: integer and fraction split with
// BigInt, then grouped by the same locale definition d3 uses.
//
// Money reads one way per language everywhere: zh `92,787,331.00 元` / `9,278.73 万元` / `1.23 亿元`,
// en `¥92,787,331.00` / `¥92.79M` / `¥1.23B`. Where a column head or a note names the unit
// (a table's `金额（元）`, a chart's `金额单位：万元`), `{ unit: false }` drops it.

import { formatLocale, type FormatLocaleDefinition } from "d3-format";

export type Lang = "zh" | "en";

const LOCALE_DEFINITIONS: Record<Lang, FormatLocaleDefinition> = {
  zh: { decimal: ".", thousands: ",", grouping: [3], currency: ["", " 元"], minus: "-", nan: "—" },
  en: { decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""], minus: "-", nan: "—" },
};

const LOCALES = {
  zh: formatLocale(LOCALE_DEFINITIONS.zh),
  en: formatLocale(LOCALE_DEFINITIONS.en),
};

const COUNT = { zh: LOCALES.zh.format(",d"), en: LOCALES.en.format(",d") };

/** Groups a string of digits the way d3 does: sizes from `grouping`, cycled, joined by `thousands`. */
function group(digits: string, def: FormatLocaleDefinition): string {
  const parts: string[] = [];
  let end = digits.length;
  for (let j = 0; end > 0; j++) {
    const size = def.grouping[j % def.grouping.length];
    if (!(size > 0)) {
      parts.push(digits.slice(0, end));
      break;
    }
    parts.push(digits.slice(Math.max(0, end - size), end));
    end -= size;
  }
  return parts.reverse().join(def.thousands);
}

/** `[minus]int.frac` with the locale's separators; no minus when the shown value is zero. */
function decimal(negative: boolean, int: string, frac: string, def: FormatLocaleDefinition): string {
  const zero = /^0*$/.test(int) && /^0*$/.test(frac);
  const body = group(int === "" ? "0" : int, def) + (frac === "" ? "" : def.decimal + frac);
  return (negative && !zero ? (def.minus ?? "-") : "") + body;
}

/** Divides a non-negative amount, rounding half up. */
function roundDiv(abs: bigint, divisor: bigint): bigint {
  const q = abs / divisor;
  return (abs % divisor) * 2n >= divisor ? q + 1n : q;
}

/**
 * Hundredths of some unit, as `[minus]prefix int.ff suffix` with the locale's separators.
 * The minus comes first, as d3 puts it (-¥1.00); a value shown as zero has none.
 */
function money(negative: boolean, h: bigint, prefix: string, suffix: string, def: FormatLocaleDefinition): string {
  const body = group((h / 100n).toString(), def) + def.decimal + (h % 100n).toString().padStart(2, "0");
  return (negative && h !== 0n ? (def.minus ?? "-") : "") + prefix + body + suffix;
}

function abs(fen: bigint): bigint {
  return fen < 0n ? -fen : fen;
}

export interface MoneyOptions {
  /**
   * false: the figure without its unit, for a cell under a head that names it (`金额（元）`,
   * `Amount (yuan)`) or a chart with a unit note. English scaled figures keep `¥…M`: in English
   * the prefix and suffix are how the scale is read, so they never come off.
   */
  unit?: boolean;
  /** A `+` before a positive amount that does not show as zero (`+¥7.30M`, `+729.82 万元`). */
  signed?: boolean;
}

function sign(text: string, fen: bigint, h: bigint, signed: boolean | undefined): string {
  return signed && fen > 0n && h !== 0n ? `+${text}` : text;
}

/**
 * Exact amount in yuan with two decimals: 9278733100n → zh `92,787,331.00 元`, en `¥92,787,331.00`;
 * `{ unit: false }` → `92,787,331.00` in both.
 */
export function formatYuan(fen: bigint, lang: Lang = "zh", options: MoneyOptions = {}): string {
  const def = LOCALE_DEFINITIONS[lang];
  const [prefix, suffix] = options.unit === false ? ["", ""] : def.currency;
  return sign(money(fen < 0n, abs(fen), prefix, suffix, def), fen, abs(fen), options.signed);
}

/** Fen per hundredth of each display unit, with how each language writes the unit. */
const SCALES = {
  wan: { hundredth: 10_000n, prefix: "", suffix: " 万元" }, // 0.01 万元 = 100 元
  yi: { hundredth: 100_000_000n, prefix: "", suffix: " 亿元" }, // 0.01 亿元 = 1,000,000 元
  million: { hundredth: 1_000_000n, prefix: "¥", suffix: "M" }, // ¥0.01M = ¥10,000
  billion: { hundredth: 1_000_000_000n, prefix: "¥", suffix: "B" }, // ¥0.01B = ¥10,000,000
};

type Scale = (typeof SCALES)[keyof typeof SCALES];

function scaled(fen: bigint, scale: Scale, lang: Lang, options: MoneyOptions = {}): string {
  const h = roundDiv(abs(fen), scale.hundredth);
  const bare = options.unit === false && lang === "zh";
  const text = money(fen < 0n, h, bare ? "" : scale.prefix, bare ? "" : scale.suffix, LOCALE_DEFINITIONS[lang]);
  return sign(text, fen, h, options.signed);
}

/**
 * In 万元 (zh) or millions of yuan (en), two decimals, rounded half up exactly:
 * 9278733100n → zh `9,278.73 万元`, en `¥92.79M`. `{ unit: false }` → zh `9,278.73`, en still `¥92.79M`.
 */
export function formatWan(fen: bigint, lang: Lang = "zh", options: MoneyOptions = {}): string {
  return scaled(fen, lang === "zh" ? SCALES.wan : SCALES.million, lang, options);
}

/**
 * Money as a screen reader should say it, for English text this formatter wrote: `¥92.79M` → `92.79 million
 * yuan`, `+¥1.23B` → `plus 1.23 billion yuan`, `¥92,787,331.00` → `92,787,331.00 yuan` (screen readers say ¥ as
 * “yen” and M as “em”). Null for anything else, and for Chinese (万元, 亿元 and 元 read as written).
 */
export function spokenMoney(text: string, lang: Lang): string | null {
  if (lang !== "en") return null;
  const m = /^([+-]?)¥([\d,]+(?:\.\d+)?)([MB]?)$/.exec(text.trim());
  if (!m) return null;
  const sign = m[1] === "+" ? "plus " : m[1] === "-" ? "minus " : "";
  return `${sign}${m[2]} ${m[3] === "M" ? "million " : m[3] === "B" ? "billion " : ""}yuan`;
}

/**
 * The shortest honest reading. zh: 元 below 1万, 万元 below 1亿, then 亿元.
 * en: yuan below a million, then M, then B. The scale is chosen after rounding,
 * so 9,999.995 万元 reads 1.00 亿元, never 10,000.00 万元.
 */
export function formatMoneyShort(fen: bigint, lang: Lang = "zh"): string {
  const a = abs(fen);
  if (lang === "zh") {
    if (a < 1_000_000n) return formatYuan(fen, lang);
    if (roundDiv(a, SCALES.wan.hundredth) < 1_000_000n) return scaled(fen, SCALES.wan, lang);
    return scaled(fen, SCALES.yi, lang);
  }
  if (a < 100_000_000n) return formatYuan(fen, lang);
  if (roundDiv(a, SCALES.million.hundredth) < 100_000n) return scaled(fen, SCALES.million, lang);
  return scaled(fen, SCALES.billion, lang);
}

/**
 * Share of a part in a whole, half up to 0.1%: never `0.0%` for a part that is not zero, nor
 * `100.0%` for a part that is not the whole (`<0.1%`, `>99.9%`). Signed when part and whole
 * differ in sign (`-2.5%`, `>-0.1%`); `—` when the whole is zero.
 */
export function formatShare(part: bigint, whole: bigint, lang: Lang = "zh"): string {
  const nan = LOCALE_DEFINITIONS[lang].nan ?? "—";
  if (whole === 0n) return nan;
  const minus = LOCALE_DEFINITIONS[lang].minus ?? "-";
  const negative = part !== 0n && part < 0n !== whole < 0n;
  const p = abs(part);
  const w = abs(whole);
  const tenths = roundDiv(p * 1_000n, w);
  if (part === 0n) return "0.0%";
  if (tenths === 0n) return negative ? `>${minus}0.1%` : "<0.1%";
  if (tenths >= 1_000n && p < w) return negative ? `<${minus}99.9%` : ">99.9%";
  return `${negative ? minus : ""}${group((tenths / 10n).toString(), LOCALE_DEFINITIONS[lang])}.${tenths % 10n}%`;
}

/** Signed change of an amount on a positive base, half up to 0.1%: `+2.5%`, `-0.4%`, `<+0.1%`; `—` with no base. */
export function formatChange(current: bigint, previous: bigint, lang: Lang = "zh"): string {
  const def = LOCALE_DEFINITIONS[lang];
  if (previous <= 0n) return def.nan ?? "—";
  const diff = current - previous;
  const neg = diff < 0n;
  const minus = def.minus ?? "-";
  const tenths = roundDiv(abs(diff) * 1_000n, previous);
  if (tenths === 0n) return diff === 0n ? "0.0%" : neg ? `>${minus}0.1%` : "<+0.1%";
  return `${neg ? minus : "+"}${group((tenths / 10n).toString(), def)}.${tenths % 10n}%`;
}

/** A number as written (no float rounding added), with thousands separators: 15000.5 → `15,000.5`. */
export function formatNumber(v: number, lang: Lang = "zh"): string {
  const s = String(Math.abs(v));
  if (!Number.isFinite(v) || s.includes("e")) return String(v);
  const [int, frac = ""] = s.split(".");
  return decimal(v < 0, int, frac, LOCALE_DEFINITIONS[lang]);
}

/** An integer with thousands separators (rounded if not an integer); `—` when not a finite number. */
export function formatCount(n: number, lang: Lang = "zh"): string {
  if (!Number.isFinite(n)) return LOCALE_DEFINITIONS[lang].nan ?? "—";
  return COUNT[lang](n);
}

/** A ratio as a percentage: 0.95 → `95.0%`. */
export function formatPercent(ratio: number, lang: Lang = "zh", digits = 1): string {
  if (!Number.isFinite(ratio)) return LOCALE_DEFINITIONS[lang].nan ?? "—";
  const precision = Math.max(0, Math.min(20, Math.trunc(digits)));
  return LOCALES[lang].format(`,.${precision}%`)(ratio);
}

/**
 * An exact decimal string with thousands separators, its decimals kept as written:
 * "15000.00" → "15,000.00", "-1234567.5" → "-1,234,567.5". Anything not a plain decimal comes back unchanged.
 */
export function formatDecimalString(value: string, lang: Lang = "zh"): string {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?$/.exec(value.trim());
  if (m === null || (m[2] === "" && m[3] === undefined)) return value;
  const int = m[2].replace(/,/g, "").replace(/^0+(?=\d)/, "");
  return decimal(m[1] === "-", int, m[3] ?? "", LOCALE_DEFINITIONS[lang]);
}

/** The calendar date (yyyy-mm-dd) of an instant in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An ISO date (yyyy-mm-dd): zh `2026年10月31日`, en `31 Oct 2026`. Anything else comes back unchanged. */
export function formatDate(iso: string, lang: Lang = "zh"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (m === null) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (last === undefined || day < 1 || day > last) return iso;
  return lang === "zh" ? `${year}年${month}月${day}日` : `${day} ${MONTHS_EN[month - 1]} ${year}`;
}
