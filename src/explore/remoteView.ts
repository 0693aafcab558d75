// The workspace's way into all the data the site publishes as Parquet
// (dist/data/parquet/): pick a year and a unit, and only that unit's row groups
// are read by range requests (src/explore/parquetRemote.ts), then loaded as the
// site's published CSV files are (the same `take`). A host that ignores ranges is
// found first and said; nothing is then downloaded. Self-contained: ui.ts mounts it
// into [data-x="remote"] with one line.
import { h, clear } from "./dom.ts";
import type { Published } from "./parquetRemote.ts";
import { formatCount, type Lang } from "../core/format.ts";
import { t } from "../i18n/messages.ts";

/** The reader and hyparquet are fetched on the first click only, off the page's first view. */
const remote = () => import("./parquetRemote.ts");
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Mounts the picker into host: `base` is the site's base ("/"), `take` loads files as the published-data button does. */
export function mountRemote(host: HTMLElement, lang: Lang, base: string, take: (files: File[]) => void): void {
  const status = h("p", { role: "status", "data-x": "remote-status" });
  const year = h("select", { "data-x": "remote-year", disabled: true });
  const unit = h("select", { "data-x": "remote-unit", disabled: true });
  const load = h("button", { type: "button", "data-x": "remote-load", disabled: true }, t(lang, "explore.remoteLoad"));
  const open = h("button", { type: "button", class: "link", "data-x": "remote-open" }, t(lang, "explore.remoteOpen"));
  const form = h("p", { hidden: true }, h("label", {}, t(lang, "explore.remoteYear"), " ", year), " ", h("label", {}, t(lang, "explore.remoteUnit"), " ", unit), " ", load);
  clear(host, h("p", {}, open, h("span", { class: "where" }, t(lang, "explore.remoteWhere"))), form, status);
  let published: Published | null = null;
  const names = new Map<string, string>();
  const fail = (e: unknown) => {
    status.setAttribute("role", "alert");
    clear(status, e instanceof Error && e.name === "RangesIgnored" && "status" in e ? t(lang, "explore.remoteNoRanges", String(e.status)) : t(lang, "explore.remoteFailed", e instanceof Error ? e.message : String(e)));
  };
  const units = async () => {
    if (!published) return;
    unit.disabled = load.disabled = true;
    const before = published.traffic.bytes;
    clear(status, t(lang, "explore.remoteListing", year.value));
    const list = await (await remote()).listUnits(published, Number(year.value));
    list.sort((a, b) => a.unit_name.localeCompare(b.unit_name, "zh-CN") || (a.unit_id < b.unit_id ? -1 : 1));
    names.clear();
    clear(unit, list.map((u) => (names.set(u.unit_id, u.unit_name), h("option", { value: u.unit_id }, u.unit_name))));
    unit.disabled = load.disabled = !list.length;
    clear(status, t(lang, "explore.remoteListed", formatCount(list.length, lang), kb(published.traffic.bytes - before)));
  };
  open.addEventListener("click", async () => {
    status.setAttribute("role", "status");
    try {
      const { openPublished, probePublished, publishedYears } = await remote();
      published = await openPublished(new URL(`${base}data/parquet/`, location.href).href);
      // Said before anything is read: a host that ignores ranges would send every file whole.
      const probe = await probePublished(published);
      if (!probe.ok) {
        published = null;
        status.setAttribute("role", "alert");
        return clear(status, t(lang, "explore.remoteNoRanges", String(probe.status)));
      }
      clear(year, publishedYears(published).map((y) => h("option", { value: y }, String(y))));
      year.disabled = false;
      form.hidden = false;
      await units();
    } catch (e) {
      fail(e);
    }
  });
  year.addEventListener("change", () => void units().catch(fail));
  load.addEventListener("click", async () => {
    if (!published || !unit.value) return;
    const id = unit.value;
    const name = names.get(id) ?? id;
    load.disabled = true;
    status.setAttribute("role", "status");
    try {
      const before = published.traffic.bytes;
      clear(status, t(lang, "explore.remoteReading", name));
      const { readUnit, unitCsvFiles } = await remote();
      const read = await readUnit(published, id, Number(year.value));
      const files = unitCsvFiles(read, `${year.value}.${id}`);
      if (!files.length) return clear(status, t(lang, "explore.remoteNoUnit"));
      clear(status, t(lang, "explore.remoteRead", name, kb(published.traffic.bytes - before), formatCount(read.groups.read, lang), formatCount(read.groups.total, lang)));
      take(files.map((f) => new File([f.text], f.name, { type: "text/csv" })));
    } catch (e) {
      fail(e);
    } finally {
      load.disabled = false;
    }
  });
}

/**
 * Every unit the site publishes for one year, read from its Parquet (the year's files, by range requests after the
 * same probe), as canonical CSV files to load beside what the analyst dropped — “compare with the published units”
 * in one step. Says in `status` what it read, or why not (no such year, more units than the page compares, a host
 * that ignores ranges); null when nothing is to be loaded.
 */
export async function publishedYearFiles(base: string, year: number, max: number, lang: Lang, status: HTMLElement): Promise<File[] | null> {
  status.setAttribute("role", "status");
  const say = (text: string, alert = false) => {
    if (alert) status.setAttribute("role", "alert");
    clear(status, text);
    return null;
  };
  try {
    const { openPublished, probePublished, publishedYears, listUnits, readYear, unitCsvFiles } = await remote();
    say(t(lang, "explore.comparePublishedReading", year));
    const published = await openPublished(new URL(`${base}data/parquet/`, location.href).href);
    if (!publishedYears(published).includes(year)) return say(t(lang, "explore.comparePublishedNone", year));
    const probe = await probePublished(published);
    if (!probe.ok) return say(t(lang, "explore.remoteNoRanges", String(probe.status)), true);
    const units = await listUnits(published, year);
    if (units.length > max) return say(t(lang, "explore.comparePublishedTooMany", year, formatCount(units.length, lang), max));
    const read = await readYear(published, year);
    const files = unitCsvFiles(read, `${year}.published`);
    say(t(lang, "explore.comparePublishedRead", formatCount(units.length, lang), kb(published.traffic.bytes)));
    return files.map((f) => new File([f.text], f.name, { type: "text/csv" }));
  } catch (e) {
    return say(e instanceof Error && e.name === "RangesIgnored" && "status" in e ? t(lang, "explore.remoteNoRanges", String(e.status)) : t(lang, "explore.remoteFailed", e instanceof Error ? e.message : String(e)), true);
  }
}
