// <jx-compare>: the comparison pages' only script. The pages are prerendered
// and complete without it; it reads the URL's query (years, filters, view,
// order, drill-down), shows that view, and keeps the URL in step with what the
// reader chooses, so that a copied link reproduces the view. No framework; it
// never builds markup from data (it only shows, hides, reorders and sets text).
import { announceSwitch, fill } from "./announce.ts";
import { readState, stateQuery, pairSlug, STATUSES, type CompareState, type IndicatorStatus, type Sort, type View } from "./compareState.ts";

class JxCompare extends HTMLElement {
  private state: CompareState = readState("");

  connectedCallback(): void {
    this.state = readState(location.search);
    if (this.dataset.kind === "unit") this.setupUnit();
    if (this.dataset.kind === "year") this.setupYear();
    this.syncLinks();
  }

  /** Writes the state into the URL (no reload) and the breadcrumbs. */
  private write(): void {
    const url = new URL(location.href);
    url.search = stateQuery(this.state);
    history.replaceState(null, "", url);
    this.syncLinks();
  }

  /** The language toggle keeps the view. */
  private syncLinks(): void {
    const other = document.querySelector<HTMLAnchorElement>("header a.lang");
    if (other) {
      const url = new URL(other.href, location.href);
      url.search = stateQuery(this.state);
      other.href = url.pathname + url.search;
    }
  }

  /** Sets a breadcrumb part; null puts back its prerendered text (data-none), or hides it when it has none. */
  private crumb(key: string, text: string | null): void {
    const el = this.querySelector<HTMLElement>(`[data-crumb="${key}"]`);
    if (!el) return;
    const value = text ?? el.dataset.none ?? null;
    el.hidden = value === null;
    el.textContent = value ?? "";
  }

  // ---- year over year ----

  private setupUnit(): void {
    const pairs = JSON.parse(this.dataset.pairs ?? "{}") as Record<string, string>;
    const current = this.dataset.pair ?? "";
    const go = (from: number, to: number, msg: HTMLElement | null): boolean => {
      const slug = pairSlug(from, to);
      if (slug === current) return false;
      const target = pairs[slug];
      if (target) {
        location.replace(target + stateQuery({ ...this.state, from: null, to: null }) + location.hash);
        return true;
      }
      if (msg) msg.textContent = fill(msg.dataset.template ?? "", { a: from, b: to });
      return false;
    };
    const form = this.querySelector<HTMLFormElement>("[data-pair-form]");
    const msg = this.querySelector<HTMLElement>("[data-pair-msg]");
    if (this.state.from !== null && this.state.to !== null && go(this.state.from, this.state.to, msg)) return;
    // The page's own years are in its path: drop them from the query.
    if (this.state.from !== null || this.state.to !== null) {
      this.state = { ...this.state, from: null, to: null };
      this.write();
    }
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const from = Number((form.elements.namedItem("from") as HTMLSelectElement).value);
        const to = Number((form.elements.namedItem("to") as HTMLSelectElement).value);
        if (msg) msg.textContent = "";
        go(from, to, msg);
      });
    }
    this.setupFilter();
  }

  private setupFilter(): void {
    const form = this.querySelector<HTMLFormElement>("[data-filter]");
    const rows = [...this.querySelectorAll<HTMLTableRowElement>("[data-rows] tr[data-status]")];
    if (!form || rows.length === 0) return;
    form.hidden = false;
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name="status"]')];
    const select = form.querySelector<HTMLSelectElement>('select[name="l1"]')!;
    const shown = form.querySelector<HTMLElement>("[data-shown]");
    const groups = [...select.options].map((o) => o.value).filter(Boolean);
    if (this.state.l1 !== null && !groups.includes(this.state.l1)) this.state = { ...this.state, l1: null };
    const apply = () => {
      const want = this.state.status;
      let n = 0;
      for (const r of rows) {
        const ok = (want.length === 0 || want.includes(r.dataset.status as IndicatorStatus)) && (this.state.l1 === null || r.dataset.l1 === this.state.l1);
        r.hidden = !ok;
        if (ok) n++;
      }
      if (shown) shown.textContent = fill(shown.dataset.template ?? "", { n, all: rows.length });
      const parts: string[] = [];
      if (want.length) parts.push(boxes.filter((b) => b.checked).map((b) => b.dataset.label ?? b.value).join(document.documentElement.lang === "en" ? ", " : "、"));
      if (this.state.l1 !== null) parts.push(this.state.l1);
      this.crumb("filters", parts.length ? parts.join(" · ") : null);
    };
    for (const b of boxes) b.checked = this.state.status.length === 0 || this.state.status.includes(b.value as IndicatorStatus);
    select.value = this.state.l1 ?? "";
    form.addEventListener("change", () => {
      const checked = boxes.filter((b) => b.checked).map((b) => b.value as IndicatorStatus);
      this.state = { ...this.state, status: checked.length === STATUSES.length ? [] : checked, l1: select.value || null };
      apply();
      this.write();
    });
    form.addEventListener("submit", (e) => e.preventDefault());
    apply();
  }

  // ---- across units ----

  private setupYear(): void {
    this.setupView();
    this.setupSort();
    this.setupDrill();
  }

  private setupView(): void {
    const box = this.querySelector<HTMLElement>("[data-views]");
    if (!box) return;
    const links = [...box.querySelectorAll<HTMLAnchorElement>("[data-view-link]")];
    const show = (view: View) => {
      box.dataset.view = view;
      for (const a of links) {
        if (a.dataset.viewLink === view) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      }
      this.crumb("view", links.find((a) => a.dataset.viewLink === view)?.textContent?.trim() ?? view);
    };
    // A fragment (#view-share, the JavaScript-off way) counts when the query says nothing.
    const fromHash = /^#view-(abs|share)$/.exec(location.hash)?.[1] as View | undefined;
    show(this.state.view ?? fromHash ?? "abs");
    for (const a of links) {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        const view = a.dataset.viewLink as View;
        this.state = { ...this.state, view };
        show(view);
        announceSwitch(this, "view", a.textContent?.trim() ?? view);
        this.write();
      });
    }
  }

  private setupSort(): void {
    const body = this.querySelector<HTMLTableSectionElement>("[data-sortable]");
    if (!body) return;
    const bar = this.querySelector<HTMLElement>("[data-sort-bar]");
    if (bar) bar.hidden = false;
    const links = [...this.querySelectorAll<HTMLAnchorElement>("[data-sort-link]")];
    const rows = [...body.rows];
    const order = (sort: Sort) => {
      const key = (r: HTMLTableRowElement) => Number(r.dataset[`rank${sort[0].toUpperCase()}${sort.slice(1)}`] ?? 1e9);
      const sorted = [...rows].sort((a, b) => key(a) - key(b) || Number(a.dataset.order) - Number(b.dataset.order));
      body.append(...sorted);
      for (const a of links) {
        if (a.dataset.sortLink === sort) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      }
      this.crumb("sort", links.find((a) => a.dataset.sortLink === sort)?.textContent?.trim() ?? sort);
    };
    order(this.state.sort ?? "budget");
    for (const a of links) {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        const sort = a.dataset.sortLink as Sort;
        this.state = { ...this.state, sort };
        order(sort);
        announceSwitch(this, "sort", a.textContent?.trim() ?? sort);
        this.write();
      });
    }
  }

  private setupDrill(): void {
    const nodes = [...this.querySelectorAll<HTMLDetailsElement>("details[data-drill]")];
    if (nodes.length === 0) return;
    const label = (d: HTMLDetailsElement | null) => d?.dataset.label ?? "";
    const pathOf = (d: HTMLDetailsElement) => {
      const trail: HTMLDetailsElement[] = [];
      for (let x: HTMLElement | null = d; x && x !== this; x = x.parentElement) if (x instanceof HTMLDetailsElement && x.dataset.drill) trail.unshift(x);
      return trail;
    };
    const describe = () => {
      const s = this.state;
      const region = nodes.find((d) => d.dataset.drill === "region" && d.dataset.key === s.region) ?? null;
      const unit = nodes.find((d) => d.dataset.drill === "unit" && d.dataset.key === s.unit) ?? null;
      const group = unit ? [...unit.querySelectorAll<HTMLDetailsElement>('details[data-drill="l1"]')].find((d) => d.dataset.key === s.l1) ?? null : null;
      const parts = [label(region), label(unit), label(group)].filter(Boolean);
      this.crumb("drill", parts.length ? parts.join(" › ") : null);
    };
    // Restore: open the chain the URL names, deepest last, and bring it into view.
    const s = this.state;
    const unit = s.unit ? nodes.find((d) => d.dataset.drill === "unit" && d.dataset.key === s.unit) : undefined;
    const region = unit ? pathOf(unit)[0] : s.region !== null ? nodes.find((d) => d.dataset.drill === "region" && d.dataset.key === s.region) : undefined;
    const group = unit && s.l1 !== null ? [...unit.querySelectorAll<HTMLDetailsElement>('details[data-drill="l1"]')].find((d) => d.dataset.key === s.l1) : undefined;
    const deepest = group ?? unit ?? region;
    if (deepest) {
      for (const d of pathOf(deepest)) d.open = true;
      this.state = { ...s, region: region?.dataset.key || null, unit: unit?.dataset.key ?? null, l1: group?.dataset.key ?? null };
      deepest.scrollIntoView({ block: "start" });
    } else if (s.region !== null || s.unit !== null || s.l1 !== null) {
      this.state = { ...s, region: null, unit: null, l1: null };
    }
    describe();
    this.write();
    // The reader opens or closes a level (a click, or Enter / Space on its summary): that level is where one is.
    for (const d of nodes) {
      d.querySelector(":scope > summary")?.addEventListener("click", () => {
        const trail = d.open ? pathOf(d).slice(0, -1) : pathOf(d);
        const at = (level: string) => trail.find((x) => x.dataset.drill === level)?.dataset.key || null;
        this.state = { ...this.state, region: at("region"), unit: at("unit"), l1: at("l1") };
        describe();
        this.write();
      });
    }
  }
}

export function defineCompare(): void {
  if (!customElements.get("jx-compare")) customElements.define("jx-compare", JxCompare);
}
