// The data-quality findings, most serious first, each with where it is (file,
// row, column) and a link to the indicator or budget line it is about. Errors
// and warnings are listed; the importer's notes (提示) are folded under a count.
import type { BudgetRow, FindingRow, IndicatorRow } from "../query/queries.ts";
import { findingText as coreFindingText } from "../core/findingText.ts";
import { sourceText } from "../site/view.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { el, type Element, type Node } from "./tree.ts";
import { zh } from "./text.ts";

/** A stored finding's text in the page's language, as its file gave it (a finding without English keeps its Chinese). */
export const findingText = (f: FindingRow, lang: Lang) => coreFindingText({ code: f.code, text: { zh: f.message, en: f.message_en ?? "" } }, lang);

/** Errors and warnings listed before the rest is folded. */
const SHOWN = 3;

export interface FindingsOptions {
  lang: Lang;
  indicators: readonly IndicatorRow[];
  budget: readonly BudgetRow[];
}

export function findingList(findings: readonly FindingRow[], o: FindingsOptions): Node[] {
  const { lang } = o;
  if (!findings.length) return [el("p", {}, t(lang, "site.noFindings"))];
  const target = (f: FindingRow) => {
    if (!f.subject) return null;
    const ind = o.indicators.find((i) => i.indicator_id === f.subject);
    if (ind) return { href: `#ind-${ind.indicator_id}`, label: ind.name ?? `${ind.level2}${t(lang, "site.paren", t(lang, "site.inputMgmt"))}` };
    const line = o.budget.find((b) => b.line_id === f.subject);
    if (line) return { href: `#${line.line_id}`, label: `${t(lang, "site.budgetPrefix")}${line.item}` };
    return null;
  };
  // The first finding about a subject is the one its indicator's badge links to.
  const firstFor = new Set<string>();
  const item = (f: FindingRow): Element => {
    const link = target(f);
    const anchor = f.subject && !firstFor.has(f.subject) ? (firstFor.add(f.subject), `f-${f.subject}`) : null;
    return el("li", { id: anchor, "data-code": f.code },
      el("span", { class: `badge ${f.severity}` }, t(lang, "site.severity")[f.severity]), " ", zh(findingText(f, lang), lang),
      link ? [" · ", el("a", { href: link.href }, zh(t(lang, "site.viewItem", link.label), lang))] : null,
      el("br"), el("span", { class: "where" }, sourceText(f.source_file, f.source_row, f.source_column, lang)));
  };
  const serious = findings.filter((f) => f.severity !== "info");
  const notes = findings.filter((f) => f.severity === "info");
  // The most serious first; past the first few, the rest folded under their count.
  const first = serious.slice(0, SHOWN);
  const rest = serious.slice(SHOWN);
  return [
    first.length ? el("ul", { class: "findings", "data-list": "findings" }, first.map(item)) : null,
    rest.length ? el("details", { class: "fold" }, el("summary", {}, t(lang, "view.moreFindings", rest.length)), el("ul", { class: "findings", "data-list": "findings" }, rest.map(item))) : null,
    notes.length ? el("details", { class: "notes" }, el("summary", {}, t(lang, "explore.infoSummary", notes.length)), el("ul", { class: "findings" }, notes.map(item))) : null,
  ].filter((n): n is Element => n !== null);
}
