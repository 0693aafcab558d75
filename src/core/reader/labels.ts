// A label as the reader compares it: normalised once. Whitespace and line
// breaks go (vertical `产\n出\n指\n标`), full-width becomes half-width, and the
// annotations forms hang on labels are taken off and kept: points (`(50分)`,
// `(0-20)分`), a money unit (`(万元)`), a column letter (`(A)`, `(B/A)`), an
// option list (`(确定能、有可能、不可能)`), `(盖章)`, a trailing colon.

export type MoneyUnit = "元" | "万元" | "亿元";

export interface Label {
  /** The label with every annotation taken off (the key looked up in the vocabulary). */
  key: string;
  /** Points written in the label (`产出指标(50分)` → "50"; a range `(0-20)分` → its top, "20"). */
  points: string | null;
  /** A money unit written in the label (`项目资金(万元)`). */
  unit: MoneyUnit | null;
  /** Which column set a label belongs to when a form sets long-term and annual ones side by side (`指标值(长期)` | `指标值(年度)`). */
  set: "long" | "annual" | null;
}

/** Full-width ASCII → half-width; ideographic space → space. */
export function halfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

// Traditional characters of the vocabulary's words → simplified (forms reposted in 繁體: 項目名稱, 實施單位, 績效指標 …).
// Only labels are compared through it; values are kept as written.
const TRADITIONAL = "萬項稱門實單資預數執總體標績級際產質時經濟會態環滿續響務對撥結轉餘計劃說專審監評價報設況內負責聯繫電話備註進為與並達現動規區縣鎮財當歲費補護權週業發開關員場廠嚴確認證這個們來後從眾優勢險醫療衛農築運營維準則據屬獲條長間陽陰點線網絡庫導學師紀錄檔圖書館讀寫類別幣額細節處廳辦廣東織組離釐視頻階層舊樣貨選擇隊儀機構誌雜傳統藝術劇轄鄉應協調檢驗測試樓範決過論於齊擬採購買賣錢銀種習難歷題廢棄氣汙綠園";
const SIMPLIFIED = "万项称门实单资预数执总体标绩级际产质时经济会态环满续响务对拨结转余计划说专审监评价报设况内负责联系电话备注进为与并达现动规区县镇财当岁费补护权周业发开关员场厂严确认证这个们来后从众优势险医疗卫农筑运营维准则据属获条长间阳阴点线网络库导学师纪录档图书馆读写类别币额细节处厅办广东织组离厘视频阶层旧样货选择队仪机构志杂传统艺术剧辖乡应协调检验测试楼范决过论于齐拟采购买卖钱银种习难历题废弃气污绿园";
const SIMPLE = new Map([...TRADITIONAL].map((c, i) => [c, SIMPLIFIED[i]]));

/** Whitespace, zero-width characters and line breaks removed; half-width; Chinese brackets and colons made plain. */
export function squash(s: string): string {
  return halfwidth(s).replace(/[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g, "").replace(/[【〔]/g, "(").replace(/[】〕]/g, ")");
}

const TRADITIONAL_ANY = new RegExp(`[${TRADITIONAL}]`, "g");

/** A label's key in simplified characters. */
function simplified(s: string): string {
  TRADITIONAL_ANY.lastIndex = 0;
  return TRADITIONAL_ANY.test(s) ? s.replace(TRADITIONAL_ANY, (c) => SIMPLE.get(c) ?? c) : s;
}

const POINTS = /\((\d+(?:\.\d+)?)分\)|\((?:\d+(?:\.\d+)?-)?(\d+(?:\.\d+)?)\)分|(\d+(?:\.\d+)?)分$/;
const UNIT = /\((元|万元|亿元)\)|单位[:]?(元|万元|亿元)/;
const NOISE = /\((?:盖章|签章|公章|[A-Za-z](?:\/[A-Za-z])?|[A-Za-z]\/[A-Za-z]×?\d*%?|[^()]*[、,/][^()]*)\)/g;

/** The label of a cell, normalised as described above. */
export function label(text: string): Label {
  const squashed = squash(text);
  // A long cell is a value, not a label: no annotation to take off, no characters mapped (and no regex run over 200k characters).
  if (squashed.length > 80) return { key: squashed, points: null, unit: null, set: null };
  let s = simplified(squashed);
  let points: string | null = null;
  let unit: MoneyUnit | null = null;
  // Each annotation is looked for only where its mark is in the label (a label is read for every cell of every form).
  const p = s.includes("分") ? POINTS.exec(s) : null;
  if (p) {
    points = p[1] ?? p[2] ?? p[3];
    s = s.replace(p[0], "");
  }
  const u = s.includes("元") ? UNIT.exec(s) : null;
  if (u) {
    unit = (u[1] ?? u[2]) as MoneyUnit;
    s = s.replace(u[0], "");
  }
  let set: Label["set"] = null;
  const bracket = s.includes("(");
  const st = bracket ? /\((长期|中期|实施期|中长期)\)|\((年度|当年|本年)\)/.exec(s) : null;
  if (st) {
    set = st[1] ? "long" : "annual";
    s = s.replace(st[0], "");
  }
  // A grid's column formulas (`小计④=①+②+③`, `支出实现率(%)⑥=⑤/④`): the circled numbers and what follows `=`.
  if (/[①-⑳]/.test(s)) s = s.replace(/[①-⑳]/g, "").replace(/[=＝].*$/, "");
  if (bracket) s = s.replace(/\(%\)/g, "").replace(NOISE, "");
  if (s.startsWith("其中")) s = s.replace(/^其中[:]?/, "");
  s = s.replace(/[:：]+$/, "").replace(/^[一二三四五六七八九十\d]+[、.]/, "");
  return { key: s, points, unit, set };
}

/** `219001-池州市…` → code and name; a cell without a leading budget code is all name. */
export function splitCode(text: string): { code: string | null; name: string } {
  // A year that begins a name (`2020 年市级服务贸易发展资金`, `2024年度…`) is part of the name, not a budget code.
  if (/^\s*(19|20)\d{2}\s*年/.test(text)) return { code: null, name: text.trim() };
  const m = /^\s*([0-9A-Za-z]{3,})\s*[-－—_ ]\s*(\S.*)$/.exec(text) ?? /^\s*[\[［【(（]([0-9A-Za-z]{3,})[\]］】)）]\s*(\S.*)$/.exec(text);
  return m ? { code: m[1], name: m[2].trim() } : { code: null, name: text.trim() };
}

/** A cell's text as shown to a reader: line breaks inside a label removed when it is a short vertical label, else kept as spaces. */
export function joinBrokenLines(text: string): string {
  const t = text.replace(/\r\n?/g, "\n").trim();
  // Vertical text (`产\n出\n指\n标`) and broken labels (`年初\n预算数`): joined without a space.
  if (/\n/.test(t) && t.split("\n").every((line) => line.trim().length <= 8)) return t.replace(/\s*\n\s*/g, "");
  return t.replace(/[ \t]*\n[ \t]*/g, "\n");
}

const CN_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** (一) → 1, (十二) → 12, (二十) → 20; null when not a Chinese ordinal. */
export function chineseOrdinal(s: string): number | null {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(s)) return null;
  if (s === "十") return 10;
  const i = s.indexOf("十");
  if (i === -1) return s.length === 1 ? CN_NUMERALS[s] : null;
  const tens = i === 0 ? 1 : CN_NUMERALS[s[0]];
  const ones = i === s.length - 1 ? 0 : CN_NUMERALS[s[i + 1]];
  return tens * 10 + ones;
}

/** `(一) 聚焦品牌提升` → its number and the name after it; null when the text opens with no Chinese ordinal in brackets. */
export function ordinalName(text: string): { numeral: string; name: string } | null {
  const m = /^[(（]([一二三四五六七八九十]{1,3})[)）]\s*(.*)$/s.exec(text);
  return m ? { numeral: m[1], name: m[2] } : null;
}
