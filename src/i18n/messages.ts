// All interface text in one catalogue, one section per part of the site, and one typed
// accessor: t(lang, "compare.drillUnits", 3). A key names a section and an entry; the
// entry's parameters are the call's, checked by the type checker, as is the key itself.
// Each section's English is typed as its Chinese, so an English entry left out fails
// the type check. Text shared by the sections is written once, in `common`. The texts of
// findings are the `finding` section, kept in the core (src/core/findingText.ts: the core does
// not import the site): t(lang, "finding.budget.negative", params), or findingText(f, lang) for a
// finding whatever its code.
import type { Lang } from "../core/format.ts";
import { FINDING_TEXT } from "../core/findingText.ts";
import { COMMON_MESSAGES } from "./i18n-common.ts";
import { MESSAGES as SITE_MESSAGES } from "./i18n.ts";
import { COMPARE_MESSAGES } from "./i18n-compare.ts";
import { PROGRESS_MESSAGES } from "./i18n-progress.ts";
import { EXPLORE_MESSAGES } from "./i18n-explore.ts";
import { PROJECT_MESSAGES } from "./i18n-project.ts";
import { VIEW_MESSAGES } from "./i18n-views.ts";
import { ABOUT_MESSAGES } from "./i18n-about.ts";
import { REPORT_MESSAGES } from "./i18n-report.ts";
import { CHART_MESSAGES } from "./i18n-chart.ts";

export type { Lang };
export { findingText } from "../core/findingText.ts";

function catalogue(lang: Lang) {
  return {
    common: COMMON_MESSAGES[lang],
    site: SITE_MESSAGES[lang],
    compare: COMPARE_MESSAGES[lang],
    progress: PROGRESS_MESSAGES[lang],
    explore: EXPLORE_MESSAGES[lang],
    project: PROJECT_MESSAGES[lang],
    view: VIEW_MESSAGES[lang],
    about: ABOUT_MESSAGES[lang],
    finding: FINDING_TEXT[lang],
    report: REPORT_MESSAGES[lang],
    chart: CHART_MESSAGES[lang],
  };
}

export type Catalogue = ReturnType<typeof catalogue>;

export const CATALOGUE: Record<Lang, Catalogue> = { zh: catalogue("zh"), en: catalogue("en") };

type Section = keyof Catalogue;

/** "section.entry" for every entry of every section. */
export type MessageKey = { [S in Section]: `${S}.${Extract<keyof Catalogue[S], string>}` }[Section];

type EntryOf<K extends MessageKey> = K extends `${infer S extends Section}.${infer E}`
  ? E extends keyof Catalogue[S]
    ? Catalogue[S][E]
    : never
  : never;

/** A function entry's parameters; none for a string or an object of strings. */
export type MessageParams<K extends MessageKey> = EntryOf<K> extends (...args: infer P) => unknown ? P : [];

/** A function entry's result; the entry itself otherwise. */
export type MessageText<K extends MessageKey> = EntryOf<K> extends (...args: never[]) => infer R ? R : EntryOf<K>;

/**
 * The interface text for `key` in `lang`, with `params` filled in:
 * t("zh", "site.navCompare") → "比较"; t("en", "compare.drillUnits", 3) → "3 units".
 * A key the catalogue does not hold fails the type check, and throws (`missing: …`) if one gets past it.
 */
export function t<K extends MessageKey>(lang: Lang, key: K, ...params: MessageParams<K>): MessageText<K> {
  const dot = key.indexOf("."); // a section's name has no dot; an entry's may (finding codes)
  const section = CATALOGUE[lang === "en" ? "en" : "zh"][key.slice(0, dot) as Section] as Record<string, unknown> | undefined;
  const entry = section?.[key.slice(dot + 1)];
  if (entry === undefined) throw new Error(`missing: ${key} (${lang})`);
  return (typeof entry === "function" ? entry(...params) : entry) as MessageText<K>;
}
