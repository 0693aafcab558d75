// The workspace's overview, as DOM: every loaded unit year side by side — budget total, share of basic
// spending, named indicators, errors and warnings, source file — with a button that opens each one. Built
// from what dashboard.ts loadOverview read; src/explore/ui.ts places it and says what a button opens.
import { h, type Children } from "./dom.ts";
import { OVERVIEW_ROWS, type Overview } from "./dashboard.ts";
import { shareText, sourceText, wanText } from "../site/view.ts";
import { formatCount, type Lang } from "../core/format.ts";
import { t } from "../i18n/messages.ts";

export interface OverviewOptions {
  lang: Lang;
  /** The files whose checks still run ("" when none): their counts are not there yet. */
  checking: string;
  /** What the unit filter holds. */
  filter: string;
  /** The unit year a row's button opens (by its key, unit_id|year). */
  open: (key: string) => void;
}

export const unitKey = (u: { unit_id: string; fiscal_year: number }) => `${u.unit_id}|${u.fiscal_year}`;

export function overviewNodes(o: Overview, opt: OverviewOptions): Children[] {
  const { lang, checking } = opt;
  const shown = o.units.slice(0, OVERVIEW_ROWS);
  // Keyed once: a million-row upload has thousands of unit years.
  const figures = new Map(o.figures.map((f) => [unitKey(f), f]));
  const named = new Map<string, number>();
  for (const l of o.level1) named.set(unitKey(l), (named.get(unitKey(l)) ?? 0) + l.named);
  const findings = new Map(o.findings.map((f) => [`${unitKey(f)}|${f.severity}`, f.n]));
  const cols = [t(lang, "explore.colUnit"), t(lang, "explore.colYear"), t(lang, "explore.colTotal"), t(lang, "explore.colBasicShare"), t(lang, "explore.colNamed"), t(lang, "explore.colErrWarn"), t(lang, "explore.colFile"), ""];
  return [
    // While a large file is checked its unit rows (but the shown unit's) and its findings are still to come: not counted yet.
    h("p", { class: "lede" }, checking ? t(lang, "explore.overviewLedeChecking", o.totals.indicators, o.totals.budget) : t(lang, "explore.overviewLede", o.totals.units, o.totals.indicators, o.totals.budget, o.totals.findings)),
    checking ? h("p", { class: "where", role: "status", "data-checking": "" }, t(lang, "explore.checkingNote", checking)) : null,
    o.totals.matched !== null ? h("p", { class: "where", role: "status", "data-filtered": "" }, t(lang, "explore.filtered", opt.filter, o.totals.matched)) : null,
    shown.length === 0 ? null : h("div", { class: "table-wrap" }, h("table", { class: "stack", "data-table": "overview" },
      h("caption", {}, t(lang, "explore.overviewCaption", (o.totals.matched ?? o.totals.units) > OVERVIEW_ROWS ? OVERVIEW_ROWS : null)),
      h("thead", {}, h("tr", {}, cols.map((c, i) => h("th", { scope: "col", class: i === 2 || i === 3 || i === 4 ? "num" : null }, c)))),
      h("tbody", {}, shown.map((u) => {
        const key = unitKey(u);
        const f = figures.get(key);
        const count = (sev: string) => findings.get(`${key}|${sev}`) ?? 0;
        return h("tr", {},
          h("td", { "data-label": cols[0] }, u.unit_name, u.data_source === "sample" ? h("span", { class: "badge sample" }, t(lang, "explore.sample")) : h("span", { class: "badge upload" }, t(lang, "explore.upload"))),
          h("td", { "data-label": cols[1] }, String(u.fiscal_year)),
          h("td", { "data-label": cols[2], class: "num" }, wanText(f?.total ?? null, lang)),
          h("td", { "data-label": cols[3], class: "num" }, shareText(f?.basic ?? null, f?.total ?? null)),
          h("td", { "data-label": cols[4], class: "num" }, formatCount(named.get(key) ?? 0, lang)),
          h("td", { "data-label": cols[5] }, checking ? t(lang, "explore.checkingShort") : `${formatCount(count("error"), lang)} / ${formatCount(count("warning"), lang)}`),
          h("td", { "data-label": cols[6], class: "where" }, sourceText(u.source_file, null, null, lang)),
          h("td", {}, h("button", { type: "button", class: "link", "data-view": "", onclick: () => opt.open(key) }, t(lang, "explore.view"))));
      })))),
  ];
}
