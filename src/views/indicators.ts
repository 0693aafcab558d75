// 一级 → 二级 → 三级 as headed tables; each row can be linked (#ind-…) and shows
// the declared target, its kind, what Jixiao read from it, its source row, and the
// findings about it. Groups whose items have no 三级 (投入管理) are one table.
import type { FindingRow, IndicatorRow } from "../query/queries.ts";
import { indicatorTree, parsedText } from "../site/view.ts";
import { t, type Lang } from "../i18n/messages.ts";
import { el, type Element } from "./tree.ts";
import { findingText } from "./findings.ts";
import { zh } from "./text.ts";

export interface TreeOptions {
  lang: Lang;
  /** The heading level of the 一级 groups. */
  level: number;
}

export function indicatorTables(rows: readonly IndicatorRow[], findings: readonly FindingRow[], o: TreeOptions): Element[] {
  const { lang } = o;
  const about = (id: string) => findings.filter((f) => f.subject === id && f.severity !== "info");
  const row = (r: IndicatorRow) => (r.source_row ? t(lang, "site.rowOf", r.source_row) : "—");
  const head = (cols: string[]) => el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col" }, c))));
  return indicatorTree([...rows]).map((l1) => {
    const count = l1.groups.reduce((s, g) => s + g.rows.length, 0);
    const toCheck = l1.groups.flatMap((g) => g.rows).filter((r) => about(r.indicator_id).length > 0).length;
    // Folded to its heading line, which says how many items and how many need checking; a link to a row opens it.
    const heading = el("summary", {}, el(`h${o.level}`, { id: `l1-${l1.level1}` }, l1.level1 ? zh(l1.level1, lang) : t(lang, "explore.noLevel1"), t(lang, "site.paren", t(lang, "site.groupCount", count))),
      toCheck ? el("span", { class: "to-check" }, t(lang, "view.toCheck", toCheck)) : null);
    const tables = l1.groups.every((g) => g.rows.every((r) => r.name === null))
      ? [el("div", { class: "table-wrap" }, el("table", { class: "stack ind", "data-table": "indicators" },
          el("caption", {}, zh(t(lang, "site.itemsCaption", l1.level1), lang)),
          head([t(lang, "site.colLevel2"), t(lang, "site.colNote"), t(lang, "site.source")]),
          el("tbody", {}, l1.groups.flatMap((g) => g.rows).map((r) => el("tr", { id: `ind-${r.indicator_id}`, "data-indicator": r.indicator_id },
            el("td", { "data-label": t(lang, "site.colLevel2") }, zh(r.level2, lang)),
            el("td", { "data-label": t(lang, "site.colNote") }, zh(r.note, lang) ?? "—"),
            el("td", { class: "where", "data-label": t(lang, "site.source") }, row(r)))))))]
      : l1.groups.map((g) => el("div", { class: "table-wrap" }, el("table", { class: "stack ind", "data-table": "indicators" },
          el("caption", {}, zh(`${l1.level1} › ${g.level2}`, lang), t(lang, "site.paren", t(lang, "site.groupCount", g.rows.length))),
          el("colgroup", {}, ["c-name", "c-target", "c-kind", "c-read", "c-src"].map((c) => el("col", { class: c }))),
          head([t(lang, "site.colName"), t(lang, "site.colTarget"), t(lang, "site.colType"), t(lang, "site.colRead"), t(lang, "site.source")]),
          el("tbody", {}, g.rows.map((r) => el("tr", { id: `ind-${r.indicator_id}`, "data-indicator": r.indicator_id },
            el("td", { "data-label": t(lang, "site.colName") }, zh(r.name, lang) ?? el("span", { class: "where" }, t(lang, "site.noName")),
              about(r.indicator_id).map((f) => [el("br"), el("a", { href: `#f-${r.indicator_id}`, class: `badge ${f.severity}`, "aria-label": t(lang, "view.findingLink", t(lang, "site.severity")[f.severity], r.name ?? r.level2) }, t(lang, "site.severity")[f.severity]), " ",
                el("span", { class: "where" }, zh(findingText(f, lang), lang))])),
            el("td", { "data-label": t(lang, "site.colTarget") }, zh(r.target, lang) ?? "—"),
            el("td", { class: "kind", "data-label": t(lang, "site.colType") }, t(lang, "site.kinds")[r.target_kind] ?? r.target_kind),
            el("td", { "data-label": t(lang, "site.colRead") }, zh(parsedText(r, lang), lang)),
            el("td", { class: "where", "data-label": t(lang, "site.source") }, row(r))))))));
    return el("section", { "aria-labelledby": `l1-${l1.level1}` }, el("details", { class: "fold" }, heading, tables));
  });
}
