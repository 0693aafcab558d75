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
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** Whitespace, zero-width characters and line breaks removed; half-width; Chinese brackets and colons made plain. */
export function squash(s: string): string {
  return halfwidth(s).replace(/[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g, "").replace(/[【〔]/g, "(").replace(/[】〕]/g, ")");
}

const POINTS = /\((\d+(?:\.\d+)?)分\)|\((?:\d+(?:\.\d+)?-)?(\d+(?:\.\d+)?)\)分|(\d+(?:\.\d+)?)分$/;
const UNIT = /\((元|万元|亿元)\)|单位[:]?(元|万元|亿元)/;
const NOISE = /\((?:盖章|签章|公章|[A-Za-z](?:\/[A-Za-z])?|[A-Za-z]\/[A-Za-z]×?\d*%?|[^()]*[、,/][^()]*)\)/g;

/** The label of a cell, normalised as described above. */
export function label(text: string): Label {
  let s = squash(text);
  // A long cell is a value, not a label: no annotation to take off (and no regex run over 200k characters).
  if (s.length > 80) return { key: s, points: null, unit: null, set: null };
  let points: string | null = null;
  let unit: MoneyUnit | null = null;
  const p = POINTS.exec(s);
  if (p) {
    points = p[1] ?? p[2] ?? p[3];
    s = s.replace(p[0], "");
  }
  const u = UNIT.exec(s);
  if (u) {
    unit = (u[1] ?? u[2]) as MoneyUnit;
    s = s.replace(u[0], "");
  }
  let set: Label["set"] = null;
  const st = /\((长期|中期|实施期|中长期)\)|\((年度|当年|本年)\)/.exec(s);
  if (st) {
    set = st[1] ? "long" : "annual";
    s = s.replace(st[0], "");
  }
  // A grid's column formulas (`小计④=①+②+③`, `支出实现率(%)⑥=⑤/④`): the circled numbers and what follows `=`.
  if (/[①-⑳]/.test(s)) s = s.replace(/[①-⑳]/g, "").replace(/[=＝].*$/, "");
  s = s.replace(/\(%\)/g, "");
  s = s.replace(NOISE, "").replace(/^其中[:]?/, "").replace(/[:：]+$/, "").replace(/^[一二三四五六七八九十\d]+[、.]/, "");
  return { key: s, points, unit, set };
}

/** `219001-池州市…` → code and name; a cell without a leading budget code is all name. */
export function splitCode(text: string): { code: string | null; name: string } {
  const m = /^\s*([0-9A-Za-z]{3,})\s*[-－—_ ]\s*(\S.*)$/.exec(text) ?? /^\s*[\[［【(（]([0-9A-Za-z]{3,})[\]］】)）]\s*(\S.*)$/.exec(text);
  return m ? { code: m[1], name: m[2].trim() } : { code: null, name: text.trim() };
}

/** A cell's text as shown to a reader: line breaks inside a label removed when it is a short vertical label, else kept as spaces. */
export function cellText(text: string): string {
  const t = text.replace(/\r\n?/g, "\n").trim();
  // Vertical text (`产\n出\n指\n标`) and broken labels (`年初\n预算数`): joined without a space.
  if (/\n/.test(t) && t.split("\n").every((line) => line.trim().length <= 8)) return t.replace(/\s*\n\s*/g, "");
  return t.replace(/[ \t]*\n[ \t]*/g, "\n");
}
