// The workspace's intake, as DOM: the files that did not load (and the year a form that prints none is asked
// for), what this browser's storage did with them, the files loaded with their checks, the headers to map and
// the files loaded twice. Built from the session's state; the answers go back to the session. src/explore/ui.ts
// places them.
import { clear, h, type Children } from "./dom.ts";
import type { Failure, PendingDuplicate, PendingMapping, Session, StorageNotice, UploadView } from "./session.ts";
import type { MappingRequest } from "./importer.ts";
import { CHOOSABLE, tableOf, type SavedMapping } from "./mapping.ts";
import { SYNONYMS } from "../core/canonical.ts";
import { formatCount, type Lang } from "../core/format.ts";
import { t } from "../i18n/messages.ts";

/** What the intake's buttons ask of the session. */
export type IntakeActions = Pick<Session, "forgetStored" | "answerYear" | "discardUnreadable" | "remove" | "answerDuplicate" | "answerMapping" | "dismissMapping">;

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 1)} MB`;
const colLabel = (c: string, lang: Lang) => t(lang, "explore.columnLabel", c, SYNONYMS[c]?.find((s) => /[\u4e00-\u9fff]/.test(s)));

/** The files that did not load, each with what is wrong and where, after what this browser's storage did with them. */
export function failureNodes(list: readonly Failure[], storage: readonly StorageNotice[], lang: Lang, session: IntakeActions): Children[] {
return [storageNodes(storage, lang, session), list.length ? h("h3", {}, t(lang, "explore.failuresH", list.length)) : null,
    list.length ? h("ul", { class: "findings" }, list.map((f) => h("li", { "data-failure": "" },
      h("span", { class: "badge error" }, t(lang, "explore.error")), " ", f.message,
      f.location?.row ? h("span", { class: "where" }, ` · ${whereText(f.location, lang)}`) : null,
      h("span", { class: "where" }, t(lang, "explore.failureAt", f.at)),
      f.stored ? [" ", h("button", { type: "button", class: "link", "data-x": "forget-stored", onclick: () => void session.forgetStored(f) }, t(lang, "explore.forgetStored"))] : null,
      f.year ? yearForm(f, f.year.inName, list.indexOf(f), lang, session) : null))) : null];
}

/** A form that prints no year: the analyst gives it one (the file name's offered when it holds exactly one). */
function yearForm(f: Failure, inName: readonly number[], k: number, lang: Lang, session: IntakeActions): HTMLElement {
  const id = `x-year-${k}`;
  const input = h("input", { id, type: "number", min: "1990", max: "2099", step: "1", required: true, inputmode: "numeric", "data-x": "form-year", value: inName.length === 1 ? String(inName[0]) : null }) as HTMLInputElement;
  return h("form", { class: "x-year", onsubmit: (e: Event) => {
    e.preventDefault();
    void session.answerYear(f, Number(input.value));
  } }, h("label", { for: id }, t(lang, "explore.yearLabel")), " ", input, " ", h("button", { type: "submit" }, t(lang, "explore.yearRead")),
    inName.length === 1 ? h("span", { class: "where" }, ` ${t(lang, "explore.yearFromName", inName[0])}`) : null);
}

/** What this browser's storage did with the files (not kept, unreadable, another tab's changes), before the failures. */
function storageNodes(list: readonly StorageNotice[], lang: Lang, session: IntakeActions): HTMLElement[] {
  const list_ = t(lang, "common.innerSep");
  const text = (n: StorageNotice) =>
    n.kind === "full" ? t(lang, "explore.storageFull", n.name)
    : n.kind === "unsaved" ? t(lang, "explore.storageUnsaved", n.name, n.reason)
    : n.kind === "unreadable" ? `${n.fault.kind === "corrupt" ? t(lang, "explore.storageCorrupt", n.fault.count) : n.fault.kind === "older" ? t(lang, "explore.storageOlder") : t(lang, "explore.storageNewer")}${t(lang, "explore.storageClearNote")}`
    : n.kind === "elsewhere" ? t(lang, "explore.storageElsewhere", n.names.join(list_))
    : n.kind === "cut" ? t(lang, "explore.storageCut", n.names.join(list_))
    : t(lang, "explore.storageClearedElsewhere");
  return list.map((n) => h("p", { class: "x-storage", "data-storage": n.kind },
    h("span", { class: "badge warning" }, t(lang, "explore.storageNotice")), " ", text(n), " ",
    n.kind === "unreadable" ? h("button", { type: "button", "data-x": "storage-clear", onclick: () => void session.discardUnreadable() }, t(lang, "explore.storageClear"))
    : n.kind === "elsewhere" ? h("button", { type: "button", class: "link", onclick: () => location.reload() }, t(lang, "explore.storageReload")) : null));
}

/** The files loaded: name, when, size, rows read, their checks (the problems folded) and 移除. */
export function uploadsTable(list: readonly UploadView[], lang: Lang, session: IntakeActions): HTMLElement {
return h("div", { class: "table-wrap" }, h("table", { class: "stack" },
    h("caption", {}, t(lang, "explore.uploadsCaption", list.length)),
    h("thead", {}, h("tr", {}, [t(lang, "explore.colFile"), t(lang, "explore.colLoadedAt"), t(lang, "explore.colSize"), t(lang, "explore.colRows"), t(lang, "explore.colChecks"), ""].map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", {}, list.map((u) => h("tr", { "data-upload": u.id },
      h("td", { "data-label": t(lang, "explore.colFile") }, h("strong", {}, u.name), u.parts.length > 1 ? h("span", { class: "where" }, t(lang, "explore.sheets", u.parts.length)) : null,
        u.route === "bulk" ? h("span", { class: "where" }, t(lang, "explore.bulkRoute")) : u.route === "mapping" ? h("span", { class: "where" }, t(lang, "explore.mappingRoute")) : null, u.restored ? h("span", { class: "where" }, t(lang, "explore.restored")) : null),
      h("td", { "data-label": t(lang, "explore.colLoadedAt") }, u.loadedAt),
      h("td", { "data-label": t(lang, "explore.colSize"), class: "num" }, mb(u.bytes)),
      h("td", { "data-label": t(lang, "explore.colRows"), class: "num" }, formatCount(u.rows, lang)),
      h("td", { "data-label": t(lang, "explore.colChecks"), "data-checking": u.checking ? "" : null }, u.checking ? t(lang, "explore.checkingShort") : t(lang, "explore.counts", formatCount(u.counts.error, lang), formatCount(u.counts.warning, lang), formatCount(u.counts.info, lang)),
        u.problems.length ? h("details", {}, h("summary", {}, t(lang, "explore.problemsSummary")), h("ul", { class: "findings" }, u.problems.map((p) =>
          h("li", {}, h("span", { class: `badge ${p.severity}` }, t(lang, "site.severity")[p.severity]), " ", (lang === "en" && p.messageEn) || p.message, h("span", { class: "where" }, ` · ${whereText(p, lang)}`))))) : null),
      h("td", {}, h("button", { type: "button", class: "link", onclick: () => void session.remove(u.id) }, t(lang, "explore.remove"))),
    )))));
}

/** A file with the bytes of one already loaded: 替换 or 跳过, nothing read before the analyst says which. */
export function duplicateCards(list: readonly PendingDuplicate[], lang: Lang, session: IntakeActions): HTMLElement[] {
return list.map((d) => h("section", { class: "x-mapping x-duplicate", role: "group", "aria-label": t(lang, "explore.duplicateLabel", d.name), "data-duplicate": d.name },
    h("h3", {}, t(lang, "explore.duplicateH", d.name)),
    h("p", {}, t(lang, "explore.duplicateLede", d.name, d.earlier.name, d.earlier.loadedAt)),
    h("ul", {}, h("li", {}, t(lang, "explore.duplicateReplaceNote", d.earlier.name)), h("li", {}, t(lang, "explore.duplicateSkipNote"))),
    h("p", {}, h("button", { type: "button", "data-answer": "replace", onclick: () => void session.answerDuplicate(d.key, "replace") }, t(lang, "explore.duplicateReplace")), " ",
      h("button", { type: "button", "data-answer": "skip", onclick: () => void session.answerDuplicate(d.key, "skip") }, t(lang, "explore.duplicateSkip")))));
}

/** Headers not all known: each with the canonical column suggested, editable; confirmed, the file is read again. */
export function mappingCard(m: PendingMapping, lang: Lang, session: IntakeActions): HTMLElement {
  const selects: HTMLSelectElement[][] = [];
  const status = h("p", { class: "where", role: "status" });
  const sections = m.requests.map((r: MappingRequest, ri) => {
    selects[ri] = [];
    return h("div", { class: "table-wrap" }, h("table", {},
      h("caption", {}, t(lang, "explore.mappingCaption", r.part)),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t(lang, "explore.colHeader")), h("th", { scope: "col" }, t(lang, "explore.colCanonical")), h("th", { scope: "col" }, t(lang, "explore.colBasis")))),
      h("tbody", {}, r.headers.map((header, i) => {
        const s = r.suggestions[i];
        const select = h("select", { "aria-label": t(lang, "explore.headerSelect", header), "data-header": header },
          h("option", { value: "" }, t(lang, "explore.ignoreColumn")), CHOOSABLE.map((c) => h("option", { value: c, selected: c === s.column }, colLabel(c, lang))));
        selects[ri].push(select);
        return h("tr", {}, h("td", {}, header || t(lang, "explore.emptyHeader")), h("td", {}, select),
          h("td", { class: "where" }, s.confidence === "exact" ? t(lang, "explore.basisExact") : s.confidence === "guess" ? t(lang, "explore.basisGuess") : t(lang, "explore.basisNone")));
      }))));
  });
  const confirm = () => {
    const choices: SavedMapping[] = [];
    for (const [ri, r] of m.requests.entries()) {
      const columns = Object.fromEntries(r.headers.map((hd, i) => [hd, selects[ri][i].value]));
      const table = tableOf(r.headers.map((hd) => columns[hd]));
      if (!table) {
        clear(status, t(lang, "explore.noTable", r.part));
        return;
      }
      choices.push({ signature: r.signature, table, columns, savedAt: new Date().toISOString() });
    }
    void session.answerMapping(m.key, choices);
  };
  return h("section", { class: "x-mapping", "aria-label": t(lang, "explore.mappingLabel", m.name) },
    h("h3", {}, t(lang, "explore.mappingH", m.name)),
    h("p", {}, t(lang, "explore.mappingLede")),
    sections, status,
    h("p", {}, h("button", { type: "button", onclick: confirm }, t(lang, "explore.mappingConfirm")), " ", h("button", { type: "button", class: "link", onclick: () => session.dismissMapping(m.key) }, t(lang, "explore.mappingSkip"))));
}

/** Where a problem is: zh “a.csv 第 3 行 第 2 列”, en “a.csv row 3 column 2”. */
export function whereText(p: { file: string; row?: number | null; column?: number | null }, lang: Lang = "zh"): string {
  return [p.file, p.row ? t(lang, "explore.row", p.row) : "", p.column ? t(lang, "explore.column", p.column) : ""].filter(Boolean).join(" ");
}
