// The search page's script (src/components/pages/SearchPage.astro): <jx-search> reads the split index
// (searchIndex.ts SearchResults), shows a page of hits with the query's terms marked, the filters with
// their counts, and keeps the whole view in the URL (searchQuery.ts). Every word comes from the page
// (data-words, from the one catalogue); text from the data is only ever text nodes, never markup.
import { fill } from "./announce.ts";
import { SearchResults, type SearchEntry } from "./searchIndex.ts";
import { excerpt, KINDS, markParts, matchRanges, queryTerms, readSearchState, SEARCH_PAGE, writeSearchState, type Kind, type SearchFilter, type SearchState, type Source } from "./searchQuery.ts";

interface Words {
  hint: string;
  failed: string;
  found: string;
  foundAtMost: string;
  partial: string;
  kinds: Record<Kind, string>;
  all: string;
  declared: string;
  sample: string;
  count: string;
  countAtMost: string;
  range: string;
  rangeAtMost: string;
}

class JxSearch extends HTMLElement {
  private words!: Words;
  private uiLang: "zh" | "en" = "zh";
  private files = new Map<string, Promise<unknown>>();
  private results: { q: string; r: Promise<SearchResults> } | null = null;
  private asked = 0;
  private page = 1;

  private $ = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;

  connectedCallback() {
    this.words = JSON.parse(this.dataset.words ?? "{}") as Words;
    this.uiLang = this.dataset.lang === "en" ? "en" : "zh";
    const form = this.$<HTMLFormElement>("form");
    const input = this.$<HTMLInputElement>("input[name=q]");
    // Typing rewrites the address in place; a filter, a page or Enter is a step the back button returns from.
    input.addEventListener("input", () => ((this.page = 1), this.render("replace")));
    form.addEventListener("submit", (e) => (e.preventDefault(), (this.page = 1), this.render("push")));
    form.addEventListener("change", (e) => {
      if ((e.target as HTMLElement).matches("input[name=q]")) return;
      this.page = 1;
      this.render("push");
    });
    this.$("[data-prev]").addEventListener("click", () => ((this.page -= 1), this.render("push", true)));
    this.$("[data-next]").addEventListener("click", () => ((this.page += 1), this.render("push", true)));
    addEventListener("popstate", () => this.restore());
    this.restore();
  }

  /** The view the address holds: its query, filters and page, shown. */
  private restore() {
    const s = readSearchState(new URL(location.href).searchParams);
    this.$<HTMLInputElement>("input[name=q]").value = s.q;
    this.setChoice("kind", s.kind ?? "");
    this.setChoice("data", s.source ?? "");
    this.ensureYear(s.year);
    this.$<HTMLSelectElement>("select[name=year]").value = s.year ? String(s.year) : "";
    this.page = s.page;
    this.render("none");
  }

  private setChoice(name: string, value: string) {
    for (const r of this.querySelectorAll<HTMLInputElement>(`input[name=${name}]`)) r.checked = r.value === value;
  }

  /** A year asked for by the address is a choice before the index says which years there are. */
  private ensureYear(year: number | undefined) {
    const select = this.$<HTMLSelectElement>("select[name=year]");
    if (year && ![...select.options].some((o) => o.value === String(year))) select.append(new Option(String(year), String(year)));
  }

  private state(): SearchState {
    const checked = (name: string) => this.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value || undefined;
    const year = Number(this.$<HTMLSelectElement>("select[name=year]").value);
    return {
      q: this.$<HTMLInputElement>("input[name=q]").value,
      kind: checked("kind") as Kind | undefined,
      year: year || undefined,
      source: checked("data") as Source | undefined,
      page: this.page,
    };
  }

  private load = (name: string) => {
    let f = this.files.get(name);
    if (!f) {
      f = fetch(`${this.dataset.index}${name}.json`).then((r) => {
        if (!r.ok) throw new Error(`${name}: ${r.status}`);
        return r.json();
      });
      // A failed file is asked for again next time.
      f.catch(() => this.files.delete(name));
      this.files.set(name, f);
    }
    return f;
  };

  private write(s: SearchState, history: "push" | "replace" | "none") {
    if (history === "none") return;
    const url = `${location.pathname}${writeSearchState(s)}${location.hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (history === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  private async render(history: "push" | "replace" | "none", focus = false) {
    const s = this.state();
    const q = s.q.trim();
    this.write(s, history);
    const mine = ++this.asked;
    const status = this.$<HTMLElement>("[data-status]");
    const list = this.$<HTMLOListElement>("[data-results]");
    const range = this.$<HTMLElement>("[data-range]");
    const pager = this.$<HTMLElement>("[data-pager]");
    const filters = this.$<HTMLElement>("[data-filters]");
    if (!queryTerms(q).length) {
      list.replaceChildren();
      range.hidden = pager.hidden = filters.hidden = true;
      this.say(this.words.hint);
      return;
    }
    const filter: SearchFilter = { kind: s.kind, year: s.year, source: s.source };
    let results: SearchResults;
    let view: Awaited<ReturnType<SearchResults["page"]>>;
    try {
      if (this.results?.q !== q) {
        const r = SearchResults.open(this.load, q);
        this.results = { q, r };
        // A query whose index could not be read is asked for again next time.
        r.catch(() => this.results?.r === r && (this.results = null));
      }
      results = await this.results.r;
      view = await results.page(filter, s.page, SEARCH_PAGE);
    } catch {
      if (mine === this.asked) this.say(this.words.failed);
      return;
    }
    // A later query, filter or page was asked for while this one loaded: its answer is the one to show.
    if (mine !== this.asked) return;
    if (view.page !== s.page) {
      this.page = view.page;
      this.write(this.state(), "replace");
    }
    this.showFilters(results, filter);
    filters.hidden = false;
    const terms = queryTerms(q);
    list.replaceChildren(...view.hits.map((e) => this.item(e, terms)));
    list.start = view.from || 1;
    const w = this.words;
    range.hidden = view.hits.length === 0;
    range.textContent = fill(view.exact ? w.range : w.rangeAtMost, { from: view.from, to: view.to, n: view.total });
    pager.hidden = view.page === 1 && !view.next;
    this.$<HTMLButtonElement>("[data-prev]").disabled = view.page === 1;
    this.$<HTMLButtonElement>("[data-next]").disabled = !view.next;
    this.say(fill(view.exact ? w.found : w.foundAtMost, { n: view.total }) + (view.complete ? "" : w.partial));
    // After a page turn the reader is taken to the top of the new page: the line that says which hits these are.
    if (focus) (view.hits.length ? range : status).focus();
  }

  /** The polite live region says a new count; the same words again are not said again. */
  private say(text: string) {
    const status = this.$<HTMLElement>("[data-status]");
    if (status.textContent !== text) status.textContent = text;
  }

  /** Each filter's choices with their counts (each counted with the other filters applied). */
  private showFilters(results: SearchResults, filter: SearchFilter) {
    const { found, unsure } = results.counts(filter);
    const w = this.words;
    const label = (text: string, n: number, atMost: boolean) => fill(atMost ? w.countAtMost : w.count, { label: text, n });
    for (const r of this.querySelectorAll<HTMLInputElement>("input[name=kind]")) {
      const k = r.value as Kind | "";
      const n = k ? (found.kind.get(k) ?? 0) : found.all.kind;
      const atMost = (k ? (unsure.kind.get(k) ?? 0) : unsure.all.kind) > 0;
      r.labels![0].textContent = label(k ? w.kinds[k] : w.all, n, atMost);
      r.disabled = n === 0 && !r.checked;
    }
    const kinds = new Set(results.manifest.groups.map((g) => g.k));
    for (const k of KINDS) this.$<HTMLElement>(`[data-kind=${k}]`).hidden = !kinds.has(k);
    const select = this.$<HTMLSelectElement>("select[name=year]");
    const chosen = select.value;
    const years = results.years;
    select.replaceChildren(
      new Option(label(w.all, found.all.year, unsure.all.year > 0), ""),
      ...years.map((y) => new Option(label(String(y), found.year.get(y) ?? 0, (unsure.year.get(y) ?? 0) > 0), String(y))),
      ...(chosen && !years.includes(Number(chosen)) ? [new Option(label(chosen, 0, false), chosen)] : []),
    );
    select.value = chosen;
    this.$<HTMLElement>("[data-year]").hidden = years.length < 2;
    for (const r of this.querySelectorAll<HTMLInputElement>("input[name=data]")) {
      const v = r.value as Source | "";
      const n = v ? (found.source.get(v) ?? 0) : found.all.source;
      const atMost = (v ? (unsure.source.get(v) ?? 0) : unsure.all.source) > 0;
      r.labels![0].textContent = label(v ? w[v] : w.all, n, atMost);
      r.disabled = n === 0 && !r.checked;
    }
    this.$<HTMLElement>("[data-source]").hidden = new Set(results.manifest.groups.map((g) => g.s)).size < 2;
  }

  /** One hit: its title as the link, the query's terms marked in it and in its excerpt. */
  private item(e: SearchEntry, terms: string[]): HTMLLIElement {
    const zhData = <E extends HTMLElement>(el: E): E => {
      // Names and excerpts are the data's, in Chinese: marked so on the English page.
      if (this.uiLang === "en") el.lang = "zh-CN";
      return el;
    };
    const marked = (el: HTMLElement, text: string, ranges = matchRanges(text, terms)) => {
      for (const p of markParts(text, ranges)) {
        if (!p.mark) el.append(p.text);
        else {
          const m = document.createElement("mark");
          m.textContent = p.text;
          el.append(m);
        }
      }
      return el;
    };
    const li = document.createElement("li");
    const a = zhData(document.createElement("a"));
    a.href = this.dataset.base + e.p;
    marked(a, e.t);
    li.append(a);
    // Results mix declared and illustrative entries: each illustrative one carries the mark.
    if (e.s) {
      const badge = document.createElement("span");
      badge.className = "badge sample";
      badge.textContent = this.words.sample;
      li.append(" ", badge);
    }
    const where = document.createElement("span");
    where.className = "where";
    where.append(`${this.words.kinds[e.k]} · `, marked(zhData(document.createElement("span")), e.c));
    li.append(where);
    if (e.x.trim()) {
      const cut = excerpt(e.x, matchRanges(e.x, terms));
      const x = marked(zhData(document.createElement("span")), cut.text, cut.ranges);
      x.className = "excerpt";
      li.append(x);
    }
    return li;
  }
}

export function defineSearch(): void {
  if (!customElements.get("jx-search")) customElements.define("jx-search", JxSearch);
}
