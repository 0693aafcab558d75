// The English catalogue speaks English: no entry holds Chinese (the text from the data around it is
// marked lang="zh-CN" by the pages, src/site/dataText.ts, which relies on this).
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../src/i18n/messages.ts";

// The language switch names the other language in itself (and is marked lang="zh-CN").
const ALLOWED = new Set(["site.switchTo"]);
// The finding texts name the forms' own fields in Chinese, as the forms write them (单位职责, 三级, 项目支出 …);
// every page shows a finding through views/text.ts zh() or DataText, which mark each Chinese run lang="zh-CN".
const ALLOWED_SECTIONS = ["finding"];

function chinese(value: unknown, path: string, out: string[]): string[] {
  if (ALLOWED.has(path) || ALLOWED_SECTIONS.includes(path)) return out;
  const han = /\p{Script=Han}/u;
  if (typeof value === "string" && han.test(value)) out.push(`${path}: ${value}`);
  // A function entry's text is in its source (template literals); its Chinese parameters' names are not.
  else if (typeof value === "function" && han.test(value.toString())) out.push(`${path}: ${value.toString().slice(0, 80)}`);
  else if (value && typeof value === "object" && !(value instanceof RegExp)) {
    for (const [k, v] of Object.entries(value)) chinese(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

describe("the English catalogue", () => {
  it("has no Chinese in any entry", () => {
    expect(chinese(CATALOGUE.en, "", [])).toEqual([]);
  });

  it("finds Chinese where there is some (the Chinese catalogue)", () => {
    expect(chinese(CATALOGUE.zh, "", []).length).toBeGreaterThan(100);
  });
});
