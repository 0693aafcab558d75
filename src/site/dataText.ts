// Text from the data (unit names, items, indicators, targets — Chinese as declared) on a page
// of either language. On an English page every run of Chinese in it is marked lang="zh-CN", so
// that screen readers switch voice and the browser picks CJK fonts and line breaking; the
// interface text around it is the catalogue's, which has no Chinese in English
// (test/messages.test.ts). On a Chinese page nothing needs marking.
import type { Lang } from "../core/format.ts";

/** The lang attribute for a whole element of data on a page in `lang`: "zh-CN" on English pages. */
export const dataLang = (lang: Lang): "zh-CN" | undefined => (lang === "en" ? "zh-CN" : undefined);

export interface TextRun {
  text: string;
  /** Chinese: to be marked lang="zh-CN" on an English page. */
  zh: boolean;
}

// Han, CJK punctuation and full-width forms; a run of them may hold digits, spaces and ASCII
// punctuation between them (≥200.00(个) keeps "个" alone; 示例·江川路 is one run), never Latin words.
const CJK = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u201c\\u201d";
const JOIN = "\\u00b7\\u2026\\u2014\\u2018\\u2019\\u00a50-9\\s!-/:-@\\[-\`{-~";
const RUN = new RegExp(`[${CJK}](?:[${CJK}${JOIN}]*[${CJK}])?`, "gu");

/** The runs of `text`, in order: Chinese ones (zh: true) and the rest. */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of text.matchAll(RUN)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), zh: false });
    runs.push({ text: m[0], zh: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), zh: false });
  return runs;
}
