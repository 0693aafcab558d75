// The grammar of a declared target value (指标目标值): quantitative (≥200.00(个)),
// deadline (10月底前), qualitative (有效提升), or none. Pure and DOM-free.
// Every step is a single left-to-right pass or an anchored regex without nested
// quantifiers, so even a 200,000-character cell parses in linear time; nothing throws.

import type { Direction, Operator, ParsedTarget, TargetKind } from "./model.ts";

// ---------------------------------------------------------------------------
// Normalisation

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  ge: "≥",
  le: "≤",
  quot: '"',
  apos: "'",
};

function decodeEntity(whole: string, name: string): string {
  if (name[0] === "#") {
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}

/** Block-level tags separate words; inline ones (<b>, <span>) sit inside them. */
const BLOCK_TAG = /^<\/?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6])\b/i;

/** Strips HTML tags (only real ones: `<p>`, `</b>`, not `<0.00`), decodes entities, collapses whitespace, trims. */
function clean(text: string): string {
  return text
    .replace(/<\/?[A-Za-z][^<>]*>/g, (tag) => (BLOCK_TAG.test(tag) ? " " : ""))
    .replace(/&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,6});/g, decodeEntity)
    .replace(/\s+/g, " ")
    .trim();
}

/** Full-width ASCII (＞＝０-９．，％（）) to half-width; typographic minus and small percent too. */
function halfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u2212\ufe6a]/g, (c) =>
    c === "\u2212" ? "-" : c === "\ufe6a" ? "%" : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// ---------------------------------------------------------------------------
// Quantitative

/** Leading operators, longest first so 大于等于 wins over 大于 and >= over >. */
const PREFIX_OPS: ReadonlyArray<readonly [string, Operator]> = [
  ["大于或等于", ">="],
  ["小于或等于", "<="],
  ["大于等于", ">="],
  ["小于等于", "<="],
  ["不低于", ">="],
  ["不少于", ">="],
  ["不小于", ">="],
  ["不高于", "<="],
  ["不超过", "<="],
  ["不大于", "<="],
  ["不多于", "<="],
  ["至少", ">="],
  ["达到", ">="],
  ["至多", "<="],
  ["大于", ">"],
  ["高于", ">"],
  ["超过", ">"],
  ["多于", ">"],
  ["小于", "<"],
  ["低于", "<"],
  ["少于", "<"],
  ["等于", "="],
  [">=", ">="],
  ["<=", "<="],
  ["==", "="],
  ["≥", ">="],
  ["≧", ">="],
  ["⩾", ">="],
  ["≮", ">="],
  ["≤", "<="],
  ["≦", "<="],
  ["⩽", "<="],
  ["≯", "<="],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
  // Look-alikes published forms use for “=”: the small equals sign and a box-drawing double line (﹦100%, ═100%).
  ["﹦", "="],
  ["═", "="],
];

/** Trailing operators: 95%以上, 80元以下, 5%以内. */
const SUFFIX_OPS: ReadonlyArray<readonly [string, Operator]> = [
  ["及以上", ">="],
  ["以上", ">="],
  ["及以下", "<="],
  ["以下", "<="],
  ["以内", "<="],
];

const DIRECTION: Record<Operator, Direction> = {
  ">=": "higher",
  ">": "higher",
  "<=": "lower",
  "<": "lower",
  "=": "equal",
};

/**
 * A unit written without brackets (95%, 200个, 5km): a percent sign or a known unit, possibly
 * scaled (万人次). Only known ones, so 10月底后 is not "10 of 月底后" and 0x is not "0 of x".
 */
function isBareUnit(rest: string): boolean {
  if (rest === "%" || rest === "‰") return true;
  const unscaled = rest.length > 1 && "万亿千百".includes(rest[0]) ? rest.slice(1) : rest;
  return UNIT_FAMILIES[rest] !== undefined || UNIT_FAMILIES[unscaled] !== undefined || OTHER_MEASURES.has(rest);
}

const GROUPED = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/**
 * Reads `[op] [sign]number [unit] [以上|以下|以内]` from a half-width, whitespace-collapsed string.
 * Returns null when the string is anything else.
 */
function parseQuantitative(s: string): ParsedTarget | null {
  let i = 0;
  let op: Operator | null = null;
  for (const [word, o] of PREFIX_OPS) {
    if (s.startsWith(word)) {
      op = o;
      i = word.length;
      break;
    }
  }
  if (s[i] === " ") i++;
  let negative = false;
  if (s[i] === "+" || s[i] === "-") {
    negative = s[i] === "-";
    i++;
  }
  // Integer part with optional thousands commas, then an optional fraction.
  const intStart = i;
  while (isDigit(s[i]) || (s[i] === "," && isDigit(s[i + 1]))) i++;
  let int = s.slice(intStart, i);
  let frac = "";
  if (s[i] === "." && isDigit(s[i + 1])) {
    const fracStart = ++i;
    while (isDigit(s[i])) i++;
    frac = s.slice(fracStart, i);
  }
  if (int === "" && frac === "") return null;
  if (int === "") int = "0";
  if (!GROUPED.test(int)) return null;
  int = int.replace(/,/g, "").replace(/^0+(?=\d)/, "");

  let rest = s.slice(i).trim();
  for (const [word, o] of SUFFIX_OPS) {
    if (rest.endsWith(word)) {
      // A trailing 以上 agrees with ≥/>, 以下 with ≤/<; a contradiction is not a target we can read.
      if (op !== null && DIRECTION[op] !== DIRECTION[o]) return null;
      op ??= o;
      rest = rest.slice(0, rest.length - word.length).trim();
      break;
    }
  }

  let unit: string | null = null;
  if (rest !== "") {
    if (rest[0] === "(" && rest[rest.length - 1] === ")") {
      const inner = rest.slice(1, -1).trim();
      if (inner === "" || inner.length > 16 || /[()]/.test(inner)) return null;
      unit = inner;
    } else if (isBareUnit(rest)) {
      unit = rest;
    } else return null;
  }

  op ??= "=";
  const zero = /^0*$/.test(int + frac);
  const value = `${negative && !zero ? "-" : ""}${int}${frac === "" ? "" : "." + frac}`;
  return { kind: "quantitative", op, value, unit, direction: DIRECTION[op] };
}

// ---------------------------------------------------------------------------
// Deadlines

/** Optional tail after a deadline: 前, 之前, 以前, then optionally 完成 or similar. */
const TAIL = "(?:之前|以前|前)?(?:完成|办结|完工|实施完毕)?";
const YEAR = "(?:(\\d{4})年度?)?";

const MONTH_END = new RegExp(`^${YEAR}(\\d{1,2})月(?:底|末)${TAIL}$`);
const MONTH_DAY = new RegExp(`^${YEAR}(\\d{1,2})月(\\d{1,2})[日号]${TAIL}$`);
const YEAR_END = new RegExp(`^(?:(\\d{4})|本|当|今)?年度?(?:底|末|内)${TAIL}$`);
const HALF = new RegExp(`^${YEAR}(上|下)半年(?:底|末|内)?${TAIL}$`);
const QUARTER = new RegExp(`^${YEAR}(?:第|前)?([一二三四1-4])季度(?:底|末|内)?${TAIL}$`);
const ISO_DAY = new RegExp(`^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TAIL}$`);
const ISO_MONTH = new RegExp(`^(\\d{4})[-/](\\d{1,2})${TAIL}$`);

const QUARTER_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A deadline as written: `year: null` when the text names none, `day: null` for the month's last day. */
interface DeadlineMatch {
  year: number | null;
  month: number;
  day: number | null;
}

function matchDeadline(s: string): DeadlineMatch | null {
  const year = (y: string | undefined): number | null => (y === undefined ? null : Number(y));
  let m: RegExpExecArray | null;
  if ((m = MONTH_END.exec(s))) return { year: year(m[1]), month: Number(m[2]), day: null };
  if ((m = MONTH_DAY.exec(s))) return { year: year(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = YEAR_END.exec(s))) return { year: year(m[1]), month: 12, day: 31 };
  if ((m = HALF.exec(s))) return { year: year(m[1]), month: m[2] === "上" ? 6 : 12, day: null };
  if ((m = QUARTER.exec(s))) return { year: year(m[1]), month: QUARTER_NUMBER[m[2]] * 3, day: null };
  if ((m = ISO_DAY.exec(s))) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if ((m = ISO_MONTH.exec(s))) return { year: Number(m[1]), month: Number(m[2]), day: null };
  return null;
}

/** The ISO last allowed day, or null when the written date does not exist (13月底, 2月30日). */
function deadlineDate(year: number, d: DeadlineMatch): string | null {
  if (d.month < 1 || d.month > 12) return null;
  const last = daysInMonth(year, d.month);
  const day = d.day ?? last;
  return day >= 1 && day <= last ? isoDate(year, d.month, day) : null;
}

// ---------------------------------------------------------------------------
// Qualitative

/** Wordings seen (or expected) as qualitative targets. */
const VOCABULARY = new Set([
  "提升", "有效提升", "明显提升", "逐年提升", "水平提升", "稳步提升", "持续提升", "不断提升", "大幅提升",
  "提高", "有效提高", "明显提高", "逐步提高", "稳步提高",
  "改善", "持续改善", "明显改善", "有效改善",
  "健全", "健全有效", "完善", "逐步完善", "有效",
  "运行平稳", "平稳", "稳定", "保持稳定",
  "满意", "基本满意", "比较满意", "非常满意",
  "及时", "按时", "按期", "按计划", "按计划完成", "完成", "全部完成", "按时完成", "按期完成",
  "达标", "合格", "良好", "较好", "好", "优", "优秀", "显著", "明显", "高", "较高",
  "无", "是", "否", "符合", "符合要求", "保障", "规范", "到位", "落实", "准确", "正常", "全覆盖",
  "当日", "当天", "即时", "实时",
]);

/** Endings that make a wording a recognisable direction-of-travel target (…提升, …满意). */
const ENDINGS = [
  "提升", "提高", "改善", "健全", "完善", "有效", "平稳", "稳定", "满意", "及时", "按时", "按期",
  "达标", "合格", "良好", "保障", "增强", "加强", "降低", "减少", "优化", "规范", "到位", "落实",
];

/** 3个工作日内, 24小时内, 一个月以内: a duration, read as a recognised qualitative target. */
const DURATION = /^(?:\d+|[一二两三四五六七八九十百]+)个?(?:工作日|自然日|日|天|小时|分钟|周|星期|月|年)(?:以)?内(?:完成|办结|答复|回复|处理)?$/;

/** A cell holding only dashes or slashes is the spreadsheet's way of saying "nothing". */
const PLACEHOLDER = /^[-—–/\\]+$/;

function isRecognisedWording(text: string): boolean {
  if (VOCABULARY.has(text)) return true;
  for (const ending of ENDINGS) if (text.endsWith(ending)) return true;
  return false;
}

// ---------------------------------------------------------------------------
// The grammar

/** Sentence punctuation that may close a cell (满意。, 95%;), dropped before matching. */
const TRAILING_PUNCTUATION = new Set(["。", "．", ".", "!", "！", ";", "；", ",", "，", "、", " "]);
const TRAILING_ASCII = new Set(["。", ".", "!", ";", ",", "、", " "]);

/** Drops trailing characters from a set; a loop, since /[…]+$/ is quadratic on long runs. */
function trimEnd(s: string, chars: ReadonlySet<string>): string {
  let end = s.length;
  while (end > 0 && chars.has(s[end - 1])) end--;
  return s.slice(0, end);
}

/** The longest text tried against the deadline forms (the longest real one, 2026年12月31日之前完成, is 17). */
const DEADLINE_MAX = 40;

/**
 * Reads a declared target value. `declaredYear` (the declaration's year) dates deadlines that
 * name no year; without it such a deadline is kept as a recognised qualitative wording.
 * Never throws: text that fits no form comes back as `{ kind: "qualitative", recognised: false }`.
 */
export function parseTarget(text: string | null | undefined, declaredYear?: number): ParsedTarget {
  if (text === null || text === undefined) return { kind: "none" };
  const cleaned = clean(String(text));
  if (cleaned === "" || PLACEHOLDER.test(cleaned)) return { kind: "none" };
  const ascii = halfwidth(cleaned);
  const compact = ascii.replace(/ /g, "");

  if (compact.length <= DEADLINE_MAX) {
    const d = matchDeadline(compact);
    if (d !== null) {
      const year = d.year ?? declaredYear;
      // No year written and none declared: a deadline we recognise but cannot date.
      if (year === undefined) return { kind: "qualitative", text: cleaned, recognised: true };
      const date = Number.isInteger(year) ? deadlineDate(year, d) : null;
      if (date === null) return { kind: "qualitative", text: cleaned, recognised: false };
      return { kind: "deadline", date, explicitYear: d.year };
    }
    if (DURATION.test(compact)) return { kind: "qualitative", text: cleaned, recognised: true };
  }

  const q = parseQuantitative(trimEnd(ascii, TRAILING_ASCII));
  if (q !== null) return q;

  const wording = trimEnd(cleaned, TRAILING_PUNCTUATION);
  return { kind: "qualitative", text: wording === "" ? cleaned : wording, recognised: isRecognisedWording(wording) };
}

const KIND_LABELS: Record<TargetKind, { zh: string; en: string }> = {
  quantitative: { zh: "定量", en: "Quantitative" },
  deadline: { zh: "期限", en: "Deadline" },
  qualitative: { zh: "定性", en: "Qualitative" },
  none: { zh: "无目标", en: "No target" },
};

export function targetKindLabel(kind: TargetKind, lang: "zh" | "en"): string {
  return KIND_LABELS[kind][lang];
}

// ---------------------------------------------------------------------------
// Units

export type UnitFamily = "percent" | "count" | "money" | "time" | "other";

const UNIT_FAMILIES: Record<string, UnitFamily> = {};
for (const [family, units] of [
  ["percent", ["%", "‰", "百分比", "率", "百分点", "百分率"]],
  ["money", ["元", "万元", "亿元", "千元", "百万元"]],
  [
    "count",
    [
      "个", "本", "人", "人次", "万人次", "次", "场", "场次", "件", "项", "家", "户", "处", "台", "套", "篇",
      "期", "课时", "学时", "人数", "册", "份", "所", "座", "批", "名", "位", "间", "张", "条", "种", "类",
      "门", "部", "辆", "棵", "株", "头", "只", "节", "轮", "班", "批次", "宗", "起", "例", "单", "组",
    ],
  ],
  ["time", ["天", "日", "月", "年", "小时", "分钟", "秒", "工作日", "个工作日", "自然日", "周", "个月", "季度"]],
] as const) {
  for (const unit of units) UNIT_FAMILIES[unit] = family;
}

/** Units of other measures, recognised when written bare (≥90分, 5公里). */
const OTHER_MEASURES = new Set([
  "分", "米", "平方米", "立方米", "公里", "千米", "亩", "公顷", "吨", "千克", "公斤", "千瓦时", "度", "岁", "级", "星",
  "m", "m2", "㎡", "km", "㎞", "kg", "t", "kWh", "MB", "GB", "TB", "℃",
]);

/** Classifies a measure unit as declared (inside the brackets): 率 → percent, 万元 → money, 本 → count. */
export function unitFamily(unit: string | null): UnitFamily | null {
  if (unit === null) return null;
  return UNIT_FAMILIES[halfwidth(unit).trim()] ?? "other";
}

const ZERO = new Set(["0"]);

/** Fen per one of each money unit, as powers of ten. */
const FEN_EXPONENT: Record<string, number> = { 元: 2, 千元: 5, 万元: 6, 百万元: 8, 亿元: 10 };

/**
 * A money target exactly in fen: moneyTargetToFen("685.74", "万元") → 685740000n.
 * Null when the unit is not money, the value not a plain decimal, or finer than a fen.
 */
export function moneyTargetToFen(value: string, unit: string): bigint | null {
  const exponent = FEN_EXPONENT[halfwidth(unit).trim()];
  if (exponent === undefined) return null;
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(halfwidth(value).trim());
  if (m === null) return null;
  const frac = trimEnd(m[3] ?? "", ZERO);
  if (frac.length > exponent) return null;
  const fen = BigInt(m[2].replace(/,/g, "") + frac.padEnd(exponent, "0"));
  return m[1] === "-" ? -fen : fen;
}
