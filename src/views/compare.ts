// Year over year for one unit, written once: its budget in every year with each
// year's change (exact 元, 万元, %), and its indicators of two years matched one to
// one — counts, then a row per match with the old and new indicator and target, how
// the target moved, and how the pair was matched. The comparison page places them
// (src/components/compare/*.astro), and so does the workspace (resultsView.ts).
import type { IndicatorMatch } from "../core/compare.ts";
import { formatWan, formatYuan } from "../core/format.ts";
import { indicatorCounts, pctText, type HistoryRow } from "../site/compareView.ts";
import { STATUSES } from "../site/compareState.ts";
import { dataLang } from "../site/dataText.ts";
import { t, type Lang } from "../site/messages.ts";
import { el, type Element, type Kids } from "./tree.ts";
import { zh } from "./text.ts";

export interface HistoryOptions {
  lang: Lang;
  /** The pair compared (its columns are marked). */
  pair: readonly [number, number];
  /** Years whose figures are illustrative (示例数据): the page marks them once, the declared years say so. */
  sampleYears: readonly number[];
}

export function budgetHistory(rows: readonly HistoryRow[], o: HistoryOptions): Element {
  const { lang, pair, sampleYears } = o;
  const years = rows[0]?.cells.map((x) => x.year) ?? [];
  const kind = (k: HistoryRow["kind"]) => t(lang, k === "total" ? "compare.kindTotal" : k === "source" ? "compare.kindSource" : "compare.kindStructure");
  const declared = (y: number) => sampleYears.length > 0 && !sampleYears.includes(y);
  const changeLabel = (y: number) => `${t(lang, "compare.yearLabel", y)} ${t(lang, "compare.colChange")}`;
  const cls = (...c: (string | false)[]) => c.filter(Boolean).join(" ");
  const both = (fen: bigint, signed: boolean) => [el("span", { class: "cmp-yuan" }, formatYuan(fen, lang, { signed })), el("span", { class: "cmp-wan" }, formatWan(fen, lang, { signed }))];
  return el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-budget", "data-table": "budget-history" },
    el("caption", {}, t(lang, "compare.budgetCaption"), sampleYears.length > 0 ? [" ", el("span", { class: "where" }, t(lang, "compare.sampleYearsNote", [...sampleYears]))] : null),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, t(lang, "compare.colKind")),
      el("th", { scope: "col" }, t(lang, "compare.colItem")),
      years.map((y, i) => [
        i > 0 ? el("th", { scope: "col", class: cls("num", "cmp-chg", y === pair[1] && "cmp-sel") }, changeLabel(y)) : null,
        el("th", { scope: "col", class: cls("num", pair.includes(y) && "cmp-sel") }, t(lang, "compare.yearLabel", y),
          declared(y) ? [" ", el("span", { class: "badge declared" }, t(lang, "compare.badgeDeclared"))] : null),
      ]))),
    el("tbody", {}, rows.map((r) => el("tr", { "data-kind": r.kind },
      el("td", { "data-label": t(lang, "compare.colKind") }, kind(r.kind)),
      el("th", { scope: "row", "data-label": t(lang, "compare.colItem"), lang: dataLang(lang) }, r.item),
      r.cells.map((cell, i) => [
        i > 0 ? el("td", { class: "num cmp-chg", "data-label": changeLabel(cell.year) },
          cell.changeFen === null ? t(lang, "compare.none") : [...both(cell.changeFen, true),
            el("span", { class: "cmp-pct" }, pctText(cell.changePct, cell.changeFen === 0n ? t(lang, "compare.none") : t(lang, "compare.newItem")))]) : null,
        el("td", { class: "num", "data-label": t(lang, "compare.yearLabel", cell.year), "data-declared": declared(cell.year) ? "" : null },
          cell.amountFen === null ? el("span", { class: "where" }, t(lang, "compare.notDeclared")) : both(cell.amountFen, false)),
      ]))))));
}

/** How the indicators of two years matched: by status, target direction, strictness and method. */
export function indicatorCountList(matches: readonly IndicatorMatch[], lang: Lang): Element {
  const counts = indicatorCounts(matches);
  return el("ul", { class: "cmp-counts-list", "aria-label": t(lang, "compare.countsLabel") },
    STATUSES.map((s) => el("li", {}, el("span", { class: `cmp-st cmp-st-${s}` }, t(lang, "compare.statusCount")[s](counts.status[s])))),
    el("li", {}, t(lang, "compare.directionCount", counts.direction.raised, counts.direction.lowered, counts.direction.unit_changed, counts.direction.not_comparable)),
    el("li", {}, t(lang, "compare.strictCount", counts.stricter, counts.looser)),
    el("li", {}, t(lang, "compare.methodCount", counts.method.id, counts.method.name, counts.method.fuzzy, counts.method.manual)));
}

export interface ChangesOptions {
  lang: Lang;
  from: number;
  to: number;
  sampleYears: readonly number[];
  /** The published pages: each indicator links to its row on its year's unit page. */
  link?: (year: number, indicatorId: string) => string;
  /** At most this many rows (none: all). */
  limit?: number;
}

export function indicatorChanges(matches: readonly IndicatorMatch[], o: ChangesOptions): Element {
  const { lang, from, to } = o;
  const nameOf = (i: NonNullable<IndicatorMatch["old"]>) => i.name ?? `${i.level2} ${t(lang, "compare.noName")}`;
  const side = (year: number, i: IndicatorMatch["old"]): Kids => {
    if (!i) return t(lang, "compare.none");
    const name = zh(nameOf(i), lang);
    return [o.link ? el("a", { href: o.link(year, i.id) }, name) : name, el("br"), el("span", { class: "cmp-target" }, zh(i.target ?? t(lang, "compare.noTarget"), lang))];
  };
  const shown = o.limit === undefined ? matches : matches.slice(0, o.limit);
  return el("div", { class: "table-wrap" }, el("table", { class: "stack cmp-ind", "data-table": "indicator-changes" },
    el("caption", {}, t(lang, "compare.indCaption", from, to), o.sampleYears.length > 0 ? [" ", el("span", { class: "where" }, t(lang, "compare.sampleYearsNote", [...o.sampleYears]))] : null),
    el("thead", {}, el("tr", {}, [t(lang, "compare.colStatus"), t(lang, "compare.colGroup"), t(lang, "compare.colOld", from), t(lang, "compare.colNew", to), t(lang, "compare.colDirection"), t(lang, "compare.colMatch")]
      .map((c) => el("th", { scope: "col" }, c)))),
    el("tbody", { "data-rows": "" }, shown.map((m, i) => {
      const ind = (m.new ?? m.old)!;
      return el("tr", { id: `m-${i + 1}`, "data-status": m.status, "data-l1": ind.level1 },
        el("td", { "data-label": t(lang, "compare.colStatus") }, el("span", { class: `cmp-st cmp-st-${m.status}` }, t(lang, "compare.status")[m.status])),
        el("td", { "data-label": t(lang, "compare.colGroup") }, el("span", { lang: dataLang(lang) }, `${ind.level1} › ${ind.level2}`),
          m.acrossLevel2 && m.old ? [el("br"), el("span", { class: "where" }, zh(t(lang, "compare.acrossLevel2", m.old.level2), lang))] : null),
        el("td", { "data-label": t(lang, "compare.colOld", from) }, side(from, m.old)),
        el("td", { "data-label": t(lang, "compare.colNew", to) }, side(to, m.new)),
        el("td", { "data-label": t(lang, "compare.colDirection") }, m.direction
          ? [el("span", { class: `cmp-dir cmp-dir-${m.direction}` }, t(lang, "compare.direction")[m.direction]),
              m.stricter !== null ? [el("br"), el("span", { class: "where" }, m.stricter ? t(lang, "compare.stricter") : t(lang, "compare.looser"))] : null]
          : t(lang, "compare.none")),
        el("td", { "data-label": t(lang, "compare.colMatch") }, m.method
          ? [`${t(lang, "compare.method")[m.method]} ${m.confidence!.toFixed(2)}`,
              m.method === "fuzzy" && m.similarity !== null ? [el("br"), el("span", { class: "where" }, t(lang, "compare.similarity", m.similarity.toFixed(2)))] : null]
          : t(lang, "compare.none")));
    }))));
}
