// Text from the data (unit names, items, indicators, targets — Chinese as declared) in a
// view: on an English page each run of Chinese is marked lang="zh-CN" (src/site/dataText.ts),
// so that screen readers switch voice and the browser picks CJK fonts; on a Chinese page it
// is the text as it is.
import { textRuns } from "../site/dataText.ts";
import type { Lang } from "../i18n/messages.ts";
import { el, type Kids } from "./tree.ts";
import { spokenMoney } from "../core/format.ts";

export function zh(text: string | null | undefined, lang: Lang): Kids {
  if (!text || lang !== "en") return text ?? null;
  return textRuns(text).map((r) => (r.zh ? el("span", { lang: "zh-CN" }, r.text) : r.text));
}

/** An amount as the page shows it, and on an English page as a screen reader should say it (spokenMoney): “92.79 million yuan”, not “yen 92.79 em”. */
export function money(text: string, lang: Lang): Kids {
  const spoken = spokenMoney(text, lang);
  return spoken ? [el("span", { "aria-hidden": "true" }, text), el("span", { class: "visually-hidden" }, spoken)] : text;
}
