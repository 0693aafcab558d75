// <jx-explore>: the explore page's one custom element. It wires the markup of
// src/components/explore/*.astro to a Session (src/explore/session.ts) and renders
// what the DOM-free modules compute. Every text from a file goes in as text.
import { Cancelled, ConsoleAborted, Session, type ConsoleState, type EngineState, type Failure, type PendingDuplicate, type PendingMapping, type TaskView, type UploadView } from "./session.ts";
import { consoleKind, isReadOnlyRefusal } from "./statements.ts";
import { h, clear, nodes, redraw, toDom, download, svgToPng, type Children } from "./dom.ts";
import { loadOverview, LIST_UNITS, SHOW_ROWS, type Overview } from "./dashboard.ts";
import { PUBLISHED_TABLES } from "../site/paths.ts";
import { queries } from "../query/queries.ts";
import { duplicateCards, failureNodes, mappingCard, uploadsTable } from "./intake.ts";
import { overviewNodes, unitKey } from "./overviewView.ts";
import { announcement, filterLabel, filterFindings, filterKinds, filterIndicators, isFiltered, NO_FILTERS, readFilters, STATUSES, writeFilters, type Filters } from "./filters.ts";
import type { ScoreStatus } from "../core/scoring.ts";
import { exportsNodes, resultNodes, schemaNodes, SCHEMA_SQL, type SchemaColumn } from "./consoleView.ts";
import { exportJson, exportQuery, exportTable, saveRows, type ExportContext } from "./exporting.ts";
import { registerEngineServer } from "./engineServed.ts";
import { warmFontsWhenIdle } from "./warmup.ts";
import { mountRemote, publishedYearFiles } from "./remoteView.ts";
import { makeSortable } from "./sort.ts";
import { safeFileName, standaloneSvg, svgSize } from "./exports.ts";
import { examples, limitedSql, sqlErrorText } from "./consoleSql.ts";
import { plainMatrix } from "../query/arrow.ts";
import type { TableName } from "../core/canonical.ts";
import { sourceText } from "../site/view.ts";
import { t } from "../i18n/messages.ts";
import type { Lang } from "../core/format.ts";
import { engineMessage, langOf } from "../i18n/i18n-explore.ts";
import type { ChartResult } from "../charts/types.ts";
import type { UnitRow } from "../query/queries.ts";
import ImportWorker from "../workers/import.ts?worker";
import type * as Draw from "./draw.ts";
import type { UnitData } from "../views/unitData.ts";
import type { ProjectReportView } from "../views/projectData.ts";
import type { ProjectKey } from "../site/projectRank.ts";

let drawing: Promise<typeof Draw> | null = null;
/** The dashboards' code (src/explore/draw.ts), fetched once there is something to draw; `D` once it is here. */
let D: typeof Draw;
const loadDraw = async () => (D ??= await (drawing ??= import("./draw.ts")));

const CONSOLE_ROWS = 1000;
const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 1)} MB`;
/** A canonical column with its Chinese header name (the name the export files use). */

class ExploreElement extends HTMLElement {
  private session!: Session;
  private $ = <T extends Element = HTMLElement>(name: string) => this.querySelector(`[data-x="${name}"]`) as T;
  private selected: string | null = null;
  /** The unit year (and year compared with) a bookmarked address asked for: kept over the first unit of a restore. */
  private fromUrl = false;
  /** The year the selected unit year is compared with (null: the year before, see results.ts otherYear). */
  private compareWith: number | null = null;
  /** The project of the unit year shown whose dashboard is open (data-action="project"), if any. */
  private project: string | null = null;
  /** The page (and order) of the year's projects ranking shown, when not the first by budget. */
  private projectRank: { key: ProjectKey; page: number } | null = null;
  /** The year-across-units view of each year shown, until the data changes. */
  private years = new Map<number, ReturnType<typeof Draw.loadYear>>();
  /** What the overview and the unit list are narrowed to (a unit's name or id, in part). */
  private unitFilter = "";
  /** The filter bar: what the unit dashboard's indicators and findings are narrowed to (filters.ts), in the address. */
  private filters: Filters = NO_FILTERS;
  /** The live region's last sentence (said again only when what is shown changed). */
  private announced = "";
  /** The unit dashboard's part above the findings as last drawn, with the data it was drawn from (renderUnit). */
  private unitHead: { key: string; nodes: Node[] } | null = null;
  /** Each chart drawn, by its export name (its buttons say which). */
  private charts = new Map<string, ChartResult>();
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private pickedAt = 0;
  /** 取消 was pressed during a page task (an export). */
  private taskCancelled = false;
  /** The interface language, from data-lang (the page's URL decides it). */
  private language: Lang = "zh";

  connectedCallback() {
    this.language = langOf(this.dataset.lang);
    const base = this.dataset.base ?? "/";
    const timeout = Number((window as unknown as { __JIXIAO_ENGINE_TIMEOUT_MS?: number }).__JIXIAO_ENGINE_TIMEOUT_MS) || undefined;
    this.session = new Session({ wasmGzUrl: `${base}duckdb/${this.dataset.wasm}`, createWorker: () => new ImportWorker(), engineTimeoutMs: timeout, lang: this.language });
    this.session.on("engine", (s) => this.renderEngine(s));
    this.session.on("task", (task) => this.renderTask(task));
    this.session.on("uploads", (u) => this.renderUploads(u));
    this.session.on("failures", (f) => this.renderFailures(f));
    this.session.on("storage", () => this.renderFailures(this.session.failures));
    this.session.on("mappings", (m) => this.renderMappings(m));
    this.session.on("duplicates", (d) => this.renderDuplicates(d));
    this.session.on("console", (c) => this.renderConsoleState(c));
    this.session.on("data", (d) => {
      this.years.clear();
      if (d.first && (!this.selected || (d.reason === "loaded" && !this.fromUrl))) this.selected = `${d.first.unitId}|${d.first.year}`;
      // How many loaded files are safely in this browser's storage (tests wait for it before a reload).
      void this.session.saved().then(() => (this.dataset.saved = String(this.session.uploads.length)));
      // The session waits for this drawing before a large file's checks take the engine.
      return this.refresh();
    });
    this.wireIntake();
    this.wireConsole();
    this.wireFilter();
    this.wireCharts();
    this.wireChartPicks();
    this.wireProjects();
    this.wireUnitLinks();
    this.readUrl();
    // Back and forward through filter changes (each one a history entry) restore the view they had.
    window.addEventListener("popstate", () => {
      this.readUrl();
      void this.refresh();
    });
    this.renderEngine(this.session.engineState);
    this.dataset.state = "idle";
    void this.session.restore().then((n) => {
      if (!n) this.dataset.state = "empty";
    });
    warmFontsWhenIdle(this);
    registerEngineServer(base);
  }

  // ---- Intake ----

  private wireIntake() {
    const input = this.$<HTMLInputElement>("file");
    const drop = this.$("drop");
    const take = (files: FileList | File[] | null) => void this.take(files);
    input.addEventListener("change", () => {
      take(input.files);
      input.value = "";
    });
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      take(e.dataTransfer?.files ?? null);
    });
    // The site's own canonical tables (src/pages/data/canonical), fetched from this origin and read as files are.
    this.$("published").addEventListener("click", async () => {
      const base = this.dataset.base ?? "/";
      const files: File[] = [];
      for (const table of PUBLISHED_TABLES) {
        const res = await fetch(`${base}data/canonical/${table}.csv`).catch((e: Error) => ({ ok: false, status: e.message }) as const);
        if (!res.ok) return clear(this.$("failures"), h("p", {}, t(this.language, "explore.loadPublishedFailed", table, String(res.status))));
        files.push(new File([await res.blob()], `${table}.csv`, { type: "text/csv" }));
      }
      take(files);
    });
    mountRemote(this.$("remote"), this.language, this.dataset.base ?? "/", take);
    this.$("cancel").addEventListener("click", () => {
      this.taskCancelled = true;
      this.session.cancel();
    });
    this.$("clear").addEventListener("click", async () => {
      if (!confirm(t(this.language, "explore.confirmClear"))) return;
      this.selected = null;
      await this.session.clear();
    });
  }

  /** Loads files as a drop does; `keepView`: the unit year shown stays selected (files loaded to compare with it). */
  private take(files: FileList | File[] | null, keepView = false): Promise<void> {
    if (!files?.length) return Promise.resolve();
    this.pickedAt = keepView ? 0 : performance.now();
    // New files open on what they hold, not on a bookmarked unit.
    this.fromUrl = keepView;
    // The engine's per-statement measures (src/query/browser.ts) are kept from this drop on: a long session
    // would otherwise keep every statement it ever ran.
    performance.clearMeasures("jixiao:sql");
    performance.mark("jixiao:files-picked");
    this.dataset.state = "loading";
    return this.session.addFiles(Array.from(files));
  }

  /** The units the site publishes for `year`, loaded beside the unit shown; the reader is taken to the year across units. */
  private async comparePublished(year: number, status: HTMLElement) {
    const files = await publishedYearFiles(this.dataset.base ?? "/", year, (await loadDraw()).MAX_YEAR_UNITS, this.language, status);
    if (!files) return;
    const said = status.textContent ?? "";
    await this.take(files, true);
    await this.refresh();
    this.querySelector<HTMLElement>("#x-across")?.focus();
    // The section was drawn again: its status line says what was read.
    const line = this.querySelector<HTMLElement>('[data-x="compare-published-status"]');
    if (line) line.textContent = said;
  }

  private renderEngine(s: EngineState) {
    const el = this.$("engine");
    this.dataset.engine = s.state;
    const bar = this.$<HTMLProgressElement>("engine-bar");
    bar.hidden = s.state !== "loading";
    if (s.state === "idle") clear(el, t(this.language, "explore.engineIdle"));
    else if (s.state === "ready") clear(el, t(this.language, "explore.engineReady", s.version ?? ""));
    else if (s.state === "failed") {
      clear(el, h("strong", {}, t(this.language, "explore.engineFailed")), t(this.language, "explore.engineFailedTail", s.message ? engineMessage(s.message, this.language) : t(this.language, "explore.unknownReason")),
        t(this.language, "explore.engineFailedPublished"), h("a", { href: this.dataset.home ?? this.dataset.base ?? "/" }, t(this.language, "explore.engineFailedLink")), t(this.language, "explore.engineFailedAdvice"));
      el.setAttribute("role", "alert");
    } else {
      const p = s.progress;
      if (p?.phase === "download" && p.total) {
        bar.max = p.total;
        bar.value = p.loaded ?? 0;
        clear(el, p.fromCache ? t(this.language, "explore.engineFromCache") : t(this.language, "explore.engineDownloading", mb(p.loaded ?? 0), mb(p.total)));
      } else {
        bar.removeAttribute("value");
        clear(el, p?.phase === "decompress" ? t(this.language, "explore.engineDecompress") : p?.phase === "start" ? t(this.language, "explore.engineStart") : p?.phase === "slow" ? t(this.language, "explore.engineSlow") : t(this.language, "explore.enginePrepare"));
      }
    }
  }

  private renderTask(t: TaskView | null) {
    const box = this.$("progress");
    box.hidden = !t;
    this.dataset.busy = t ? "true" : "false";
    if (!t) {
      performance.mark("jixiao:idle");
      if (this.dataset.state === "loading") this.dataset.state = this.session.uploads.length ? "shown" : "empty";
      return;
    }
    const bar = this.$<HTMLProgressElement>("bar");
    if (t.fraction === null) bar.removeAttribute("value");
    else {
      bar.max = 1;
      bar.value = t.fraction;
    }
    clear(this.$("task-label"), t.label);
    this.$<HTMLButtonElement>("cancel").disabled = !t.cancellable;
  }

  private renderFailures(list: Failure[]) {
    clear(this.$("failures"), failureNodes(list, this.session.storage, this.language, this.session));
  }

  private renderUploads(list: UploadView[]) {
    this.$<HTMLButtonElement>("clear").hidden = !list.length;
    clear(this.$("uploads"), list.length ? uploadsTable(list, this.language, this.session) : null);
  }

  private renderMappings(list: PendingMapping[]) {
    clear(this.$("mappings"), list.map((m) => mappingCard(m, this.language, this.session)));
  }

  private renderDuplicates(list: PendingDuplicate[]) {
    clear(this.$("duplicates"), duplicateCards(list, this.language, this.session));
  }

  /** The unit filter: the overview and the unit list are read again once typing pauses. */
  private wireFilter() {
    const input = this.$<HTMLInputElement>("unit-filter");
    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (input.value.trim() === this.unitFilter) return;
        this.unitFilter = input.value.trim();
        void this.refresh();
      }, 250);
    });
  }

  // ---- Dashboards ----

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      this.dataset.state = "refreshing";
      await loadDraw();
      do {
        this.refreshAgain = false;
        await this.renderDashboards().catch((e) => this.dashboardError(e));
      } while (this.refreshAgain);
    })();
    await this.refreshing;
    this.refreshing = null;
  }

  private dashboardError(e: unknown) {
    clear(this.$("unit"), h("p", { role: "alert" }, t(this.language, "explore.dashboardError", String((e as Error).message ?? e))));
  }

  private async renderDashboards() {
    const engine = this.session.engine;
    const workspace = this.$("workspace");
    if (!engine) return;
    performance.mark("jixiao:step 看板：概览查询");
    // The key is "unit_id|year"; a unit id may itself hold a "|".
    const cut = this.selected?.lastIndexOf("|") ?? -1;
    // While a large file is checked, the unit list and the overview's table (its problem counts, its view
    // buttons) wait for the checks (lockWhileChecking): no unit year is listed but the one shown.
    const overview = await loadOverview(engine, this.selected ? { unit_id: this.selected.slice(0, cut), fiscal_year: Number(this.selected.slice(cut + 1)) } : null,
      this.checking() ? 0 : LIST_UNITS, this.unitFilter);
    // Not hidden while the console's changes wait for 撤销 or 保留 (a DELETE FROM units leaves no unit to show).
    workspace.hidden = overview.totals.units === 0 && overview.totals.findings === 0 && !this.session.consoleChanges;
    if (workspace.hidden) {
      this.dataset.state = this.session.uploads.length ? "shown" : "empty";
      return;
    }
    const key = unitKey;
    this.selected = overview.selected ? key(overview.selected) : null;
    this.writeUrl();
    const unit = overview.selected;
    // The unit's queries and its completion's go to the engine now, and run there while this thread draws the overview.
    const pendingUnit = unit ? D.loadUnitData(engine, unit, this.language, { limit: SHOW_ROWS }) : null;
    const pendingResults = unit ? D.loadResults(engine, unit, this.language, this.compareWith, this.session.indicatorMapping()) : null;
    for (const p of [pendingUnit, pendingResults]) p?.catch(() => {}); // awaited below, where a failure is shown
    performance.mark("jixiao:step 看板：概览表");
    this.renderOverview(overview, key);
    performance.mark("jixiao:step 看板：单位查询");
    const loadedUnit = await pendingUnit;
    // A status filter needs the completion's scores before the unit is drawn; a 一级 filter does not.
    const scored = loadedUnit && this.filters.status !== null ? await pendingResults : null;
    const dashboard = loadedUnit ? this.filtered(loadedUnit, scored) : null;
    performance.mark("jixiao:step 看板：单位图表与表格");
    if (loadedUnit) this.renderFilterBar(loadedUnit, dashboard!);
    if (dashboard) this.renderUnit(dashboard);
    else clear(this.$("unit"));
    performance.mark("jixiao:step 看板：完成情况与年度对比");
    const results = await pendingResults;
    // The headline's rate, score and indicators not met come with the completion, scored after the unit is drawn.
    const report = results?.reports.find((v) => v.report.period === "yearend")?.report ?? results?.reports[0]?.report;
    if (dashboard && report) {
      const strip = this.$("unit").querySelector(".headline");
      strip?.replaceWith(...toDom(D.headlineStrip(D.headline({ ...dashboard.headline, report: D.headlineReport(report) }, this.language), this.language)));
    }
    // A year across units is read again only when the data changes, not on every pick of a unit or year to compare;
    // not while a large file is being checked (its other units' targets are parsed with the checks).
    const checking = this.checking();
    if (unit && !checking && !this.years.has(unit.fiscal_year)) {
      const year = unit.fiscal_year;
      const pending = D.loadYear(engine, year, this.language);
      pending.catch(() => this.years.delete(year));
      this.years.set(year, pending);
    }
    const across = unit && !checking ? await this.years.get(unit.fiscal_year)! : null;
    // The filter bar narrows the completion and the year over year as it narrows the unit dashboard.
    clear(this.$("results"), results ? D.resultsNodes(D.filterResults(results, this.filters, this.language), across, {
      lang: this.language,
      checking: !!checking,
      filtered: filterLabel(this.filters, this.language),
      comparePublished: (year, status) => void this.comparePublished(year, status),
      figure: (name, wide, compact, source) => this.chartFigure(name, wide, compact, source),
      chart: (name, wide) => this.charts.set(name, wide),
      compareWith: (year) => {
        this.compareWith = year;
        void this.refresh();
      },
      projectRank: this.projectRank ?? undefined,
      projectRankTo: (key, page) => {
        this.projectRank = key === "budget" && page === 1 ? null : { key, page };
        this.writeUrl();
      },
    }) : null);
    await this.renderProject(engine, unit);
    // Every drawing, marked once painted: how often a load or a restore redraws (bench/explore-small.ts).
    requestAnimationFrame(() => setTimeout(() => performance.mark("jixiao:drawn"), 0));
    // Once per drop: the first dashboards drawn after it (a large file's checks redraw them later), marked once
    // they are painted — after the next frame's layout and paint (not waited for: a hidden tab has no frames).
    if (this.pickedAt) {
      this.pickedAt = 0;
      // The reader's focus goes to what the files made: the unit dashboard's title (a screen reader reads it out).
      this.querySelector<HTMLElement>(".x-unit-title")?.focus();
      requestAnimationFrame(() => setTimeout(() => {
        performance.mark("jixiao:dashboard");
        performance.measure("jixiao:drop-to-dashboard", "jixiao:files-picked", "jixiao:dashboard");
      }, 0));
    }
    // The console's table list and the exports come after the dashboards are on screen; the list not while a large
    // file is checked (the console waits for the checks, and its tables are still changing).
    if (!checking) await this.renderSchema();
    this.renderExports();
    this.lockWhileChecking(!!checking);
    this.dataset.state = "shown";
  }

  /**
   * While a large file's checks run, the page shows the unit it opened on and
   * waits with everything that would read other units (their targets are
   * parsed with the checks): the unit list, the console, the exports.
   */
  private lockWhileChecking(checking: boolean) {
    this.dataset.checking = String(checking);
    for (const el of this.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>('[data-x="unit-select"], [data-x="unit-filter"], [data-x="sql-run"], [data-x="sql-reset"], [data-x="sql-examples"] button, [data-x="exports"] button, [data-view]')) el.disabled = checking;
    const err = this.$("sql-error");
    if (checking) clear(err, t(this.language, "explore.checkingConsole"));
    else if (err.textContent === t(this.language, "explore.checkingConsole")) clear(err);
  }

  private renderOverview(o: Overview, key: (u: { unit_id: string; fiscal_year: number }) => string) {
    const select = this.$<HTMLSelectElement>("unit-select");
    const options = o.selected && !o.units.some((u) => key(u) === this.selected) ? [...o.units, o.selected] : o.units;
    // Thousands of options at 1M rows: made again only when the list changes, not on every pick.
    const labels = options.map((u) => [key(u), t(this.language, "explore.unitOption", u.unit_name, u.fiscal_year)]);
    redraw(select, JSON.stringify(labels), () => labels.map(([value, label]) => h("option", { value }, label)));
    select.value = this.selected ?? "";
    select.onchange = () => {
      this.selected = select.value;
      this.project = null;
      void this.refresh();
    };
    clear(this.$("overview"), overviewNodes(o, { lang: this.language, checking: this.checking(), filter: this.unitFilter, open: (k) => {
      this.selected = k;
      void this.refresh();
    } }));
    const table = this.$("overview").querySelector("table");
    if (table) makeSortable(table, (c) => t(this.language, "explore.sortBy", c));
  }

  /** A chart as the view layer draws it (src/views/chart.ts), its export buttons wired by wireCharts. */
  private chartFigure(name: string, wide: ChartResult | null, compact: ChartResult | null, source: string): Node | null {
    if (!wide) return null;
    this.charts.set(name, wide);
    return toDom(D.chartFigure({ wide, compact }, { lang: this.language, source, exportName: name }), t(this.language, "explore.chartBroken"))[0];
  }

  /** The view in the address (#unit=…&year=…[&with=…]): a reload or a bookmark opens on the same dashboard. */
  private readUrl() {
    const p = new URLSearchParams(location.hash.slice(1));
    const unit = p.get("unit");
    const year = Number(p.get("year"));
    if (!unit || !Number.isInteger(year)) return;
    this.selected = `${unit}|${year}`;
    const other = Number(p.get("with"));
    this.compareWith = Number.isInteger(other) && other > 0 ? other : null;
    this.project = p.get("project");
    const rank = p.get("rank") as ProjectKey | null;
    // Checked where the ranking is drawn (an unknown order shows the first by budget).
    this.projectRank = rank ? { key: rank, page: Math.max(1, Number(p.get("page")) || 1) } : null;
    this.filters = readFilters(p);
    this.fromUrl = true;
  }

  private writeUrl() {
    if (!this.selected) return;
    const cut = this.selected.lastIndexOf("|");
    const p = new URLSearchParams({ unit: this.selected.slice(0, cut), year: this.selected.slice(cut + 1) });
    if (this.compareWith !== null) p.set("with", String(this.compareWith));
    if (this.project !== null) p.set("project", this.project);
    if (this.projectRank) {
      p.set("rank", this.projectRank.key);
      p.set("page", String(this.projectRank.page));
    }
    writeFilters(p, this.filters);
    const hash = `#${p}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }

  /** A unit named in the year across units (data-action="unit", href #unit=…&year=…) opens its dashboard here. */
  private wireUnitLinks() {
    this.addEventListener("click", (e) => {
      const a = (e.target as Element).closest?.<HTMLAnchorElement>("a[data-action='unit']");
      if (!a) return;
      const p = new URLSearchParams(new URL(a.href).hash.slice(1));
      const unit = p.get("unit");
      const year = p.get("year");
      if (!unit || !year) return;
      e.preventDefault();
      this.selected = `${unit}|${year}`;
      this.compareWith = null;
      void this.refresh().then(() => this.querySelector<HTMLElement>(".x-unit-title")?.focus());
    });
  }

  /** The chart export buttons of every chart drawn (data-action="chart-…", data-chart=name), wired once. */
  private wireCharts() {
    this.addEventListener("click", (e) => {
      const button = (e.target as Element).closest?.<HTMLElement>("[data-action^='chart-']");
      const name = button?.dataset.chart;
      const wide = name === undefined ? undefined : this.charts.get(name);
      if (!button || !name || !wide) return;
      const kind = button.dataset.action!.slice("chart-".length);
      if (kind === "svg") download(new Blob([standaloneSvg(wide.svg)], { type: "image/svg+xml" }), safeFileName(name, "svg"));
      else if (kind === "png") {
        const svg = standaloneSvg(wide.svg);
        const { width, height } = svgSize(svg);
        void svgToPng(svg, width, height, t(this.language, "explore.pngFailed")).then((png) => download(png, safeFileName(name, "png")));
      } else if (kind === "csv" || kind === "xlsx") void this.saveRows(name, wide.table.head, wide.table.rows, kind);
    });
  }

  /** A project of the unit shown opens its dashboard (the project page's view) below the unit's; its close button shuts it. */
  private wireProjects() {
    this.addEventListener("click", (e) => {
      const button = (e.target as Element).closest?.<HTMLElement>("[data-action='project'], [data-action='project-close']");
      if (!button) return;
      // A link's address is the view it opens (#unit=…&project=…), written here rather than followed.
      e.preventDefault();
      const previous = this.project;
      this.project = button.dataset.action === "project" ? button.dataset.project ?? null : null;
      // A project of another unit (the year's projects ranking names them all) opens with its unit's dashboard.
      const other = button.dataset.unit && this.selected && !this.selected.startsWith(`${button.dataset.unit}|`) ? button.dataset.unit : null;
      if (other) {
        this.selected = `${other}|${this.selected!.slice(this.selected!.lastIndexOf("|") + 1)}`;
        this.compareWith = null;
        void this.refresh().then(() => this.querySelector<HTMLElement>(".x-project-title")?.focus());
        return;
      }
      this.writeUrl();
      const engine = this.session.engine;
      const cut = this.selected?.lastIndexOf("|") ?? -1;
      const unit = this.selected ? { unit_id: this.selected.slice(0, cut), fiscal_year: Number(this.selected.slice(cut + 1)) } : null;
      void (engine ? this.renderProject(engine, unit, true) : Promise.resolve())
        // Closed: the reader is back on the project it opened, in the unit's list.
        .then(() => { if (!this.project && previous) this.querySelector<HTMLElement>(`[data-action="project"][data-project="${CSS.escape(previous)}"]`)?.focus(); })
        .catch((err) => clear(this.$("project"), h("p", { role: "alert" }, t(this.language, "explore.dashboardError", String((err as Error).message ?? err)))));
    });
  }

  /** The open project's dashboard (src/views/project.ts), or nothing; `focus` moves the reader to its title. */
  private async renderProject(engine: NonNullable<Session["engine"]>, unit: { unit_id: string; fiscal_year: number } | null, focus = false) {
    await loadDraw();
    const box = this.$("project");
    const lang = this.language;
    const row = this.project && unit ? (await queries.unitProjects(engine, unit.unit_id, unit.fiscal_year)).find((p) => p.project_id === this.project) : undefined;
    if (!row || !unit) {
      const was = this.project;
      box.hidden = !(was && unit);
      clear(box, was && unit ? h("p", {}, t(lang, "explore.projectGone")) : null);
      return;
    }
    const { reports, comparison } = await D.loadProject(engine, unit.unit_id, row.project_id, unit.fiscal_year, this.session.indicatorMapping());
    const d = await D.loadProjectData(engine, row, reports, lang, comparison);
    const chartName = (v: ProjectReportView) => `${row.project_name}-${row.fiscal_year}-${t(lang, "explore.progressChartFile")}`;
    for (const v of d.reports) if (v.chart) this.charts.set(chartName(v), v.chart.wide);
    const head = D.projectHead(d, lang);
    box.hidden = false;
    clear(box,
      h("h3", { class: "x-project-title", tabindex: "-1" }, t(lang, "explore.projectTitle", row.project_name, row.fiscal_year)),
      h("p", { class: "lede" }, row.data_source === "sample" ? h("span", { class: "badge sample" }, t(lang, "explore.sample")) : h("span", { class: "badge upload" }, t(lang, "explore.upload")), " ",
        t(lang, "project.formKind")[row.form_kind], " · ", sourceText(row.source_file, row.source_row, null, lang), " ",
        h("button", { type: "button", class: "link", "data-action": "project-close" }, t(lang, "explore.projectClose"))),
      head ? toDom(head, t(lang, "explore.chartBroken")) : null,
      toDom(D.projectView(d, { lang, host: "workspace", level: 4, exportName: chartName }), t(lang, "explore.chartBroken")));
    if (focus) box.querySelector<HTMLElement>(".x-project-title")?.focus();
  }

  /** The names of the files whose checks are still running ("" when none). */
  private checking(): string {
    return this.session.uploads.filter((u) => u.checking).map((u) => u.name).join(t(this.language, "common.listSep"));
  }

  private renderUnit(d: UnitData) {
    const u = d.unit;
    const checking = this.checking();
    const lang = this.language;
    const upload = this.session.uploads.find((x) => x.parts.includes(u.source_file ?? "") || x.name === u.source_file);
    const el = this.$("unit");
    const view = D.unitView(d, { lang, host: "workspace", level: 4, checking: !!checking });
    for (const chart of D.CHARTS) if (d.charts[chart]) this.charts.set(D.unitChartName(d, chart, lang), d.charts[chart].wide);
    // Everything above the findings is drawn again only when its data changed: a large file's checks end with a
    // refresh that changes the findings (and maybe the ids of repeated indicators), not the tables and charts.
    const headKey = JSON.stringify([lang, d.unit, d.budget, d.checks, d.indicators, d.indicatorCount, d.tasks, d.projects, upload?.loadedAt ?? null,
      Object.values(d.charts).map((c) => c?.wide.svg)], (_, v) => (typeof v === "bigint" ? String(v) : v));
    const kept = this.unitHead?.key === headKey && this.unitHead.nodes.every((n) => n.parentNode === el) ? this.unitHead.nodes : null;
    const head = kept ?? [...nodes(this.unitTitle(d, upload?.loadedAt ?? null)), ...toDom(view.slice(0, -1), t(this.language, "explore.chartBroken"))];
    const findings = toDom(view[view.length - 1], t(this.language, "explore.chartBroken"));
    if (kept) {
      const last = kept[kept.length - 1];
      while (last.nextSibling) last.nextSibling.remove();
      el.append(...findings);
    } else {
      el.replaceChildren(...head, ...findings);
      this.unitHead = { key: headKey, nodes: head };
    }
  }

  /** The unit year's data narrowed by the filter bar: its indicators and the findings about them (filters.ts). */
  private filtered(d: UnitData, results: Awaited<ReturnType<typeof Draw.loadResults>> | null): UnitData {
    if (!isFiltered(this.filters)) return d;
    const report = results?.reports.find((v) => v.report.period === "yearend")?.report ?? results?.reports[0]?.report;
    const status = new Map<string, ScoreStatus>((report?.indicators ?? []).map((i) => [i.score.indicatorId, i.score.status]));
    const indicators = filterIndicators(d.indicators, this.filters, (id) => status.get(id));
    // The indicator chart counts what the tables list.
    const kinds = filterKinds(d.kinds, indicators, d.indicators.length === d.indicatorCount, this.filters);
    const chart = kinds?.length ? D.unitChartsOf(d.unit, d.budget, kinds, this.language).indicators : null;
    return { ...d, indicators, kinds: kinds ?? [], charts: { ...d.charts, indicators: chart }, findings: filterFindings(d.findings, indicators, d.indicators, this.filters) };
  }

  private setFilters(f: Filters): Promise<void> {
    this.filters = f;
    // Each filter change is a history entry: back and forward walk through them.
    const p = new URLSearchParams(location.hash.slice(1));
    history.pushState(null, "", `#${writeFilters(p, f)}`);
    return this.refresh();
  }

  /**
   * A click (or Enter) on a 一级 or a 二级 of the unit dashboard's indicator chart shows the rows behind it: the
   * dashboards narrow to that 一级 as the filter bar does (a second click on the same 一级 lifts it), and the reader
   * is taken to its rows — the 一级's folded section opened, at the 二级's table when a 二级 was picked.
   */
  private wireChartPicks() {
    const pick = (target: EventTarget | null) => {
      const part = (target as Element | null)?.closest?.<SVGElement>('[data-x="unit"] svg [data-level1]');
      if (!part) return false;
      const level1 = part.dataset.level1!;
      const level2 = part.dataset.level2 ?? null;
      const off = this.filters.level1 === level1 && level2 === null;
      void this.setFilters({ ...this.filters, level1: off ? null : level1 }).then(() => {
        if (off) return;
        const section = this.querySelector<HTMLElement>(`[data-x="unit"] section[aria-labelledby="l1-${CSS.escape(level1)}"]`);
        const fold = section?.querySelector("details");
        if (fold) fold.open = true;
        const table = level2 ? [...(section?.querySelectorAll<HTMLTableElement>("table") ?? [])].find((x) => x.caption?.textContent?.startsWith(`${level1} › ${level2}`)) : null;
        if (table) {
          table.tabIndex = -1;
          table.focus();
        } else section?.querySelector<HTMLElement>("summary")?.focus();
      });
      return true;
    };
    this.addEventListener("click", (e) => void pick(e.target));
    this.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && pick(e.target)) e.preventDefault();
    });
  }

  /** The filter bar (一级, status) above the unit dashboard, and the live region saying what is shown once it changed. */
  private renderFilterBar(all: UnitData, shown: UnitData) {
    const lang = this.language;
    const bar = this.$("filters");
    const level1 = [...new Set(all.indicators.map((r) => r.level1))];
    const set = (f: Filters) => void this.setFilters(f);
    const select = (name: string, label: string, value: string | null, options: [string, string][], pick: (v: string | null) => void) => {
      const id = `x-filter-${name}`;
      return [h("label", { for: id }, label), " ", h("select", { id, "data-filter": name, onchange: (e: Event) => pick((e.target as HTMLSelectElement).value || null) },
        [["", t(lang, "explore.filterAll")] as [string, string], ...options].map(([v, l]) => h("option", { value: v, selected: v === (value ?? "") }, l))), " "];
    };
    bar.hidden = false;
    const focused = document.activeElement?.closest("[data-filter]")?.getAttribute("data-filter");
    clear(bar,
      ...select("level1", t(lang, "explore.filterLevel1"), this.filters.level1, level1.map((l) => [l, l]), (v) => set({ ...this.filters, level1: v })),
      ...select("status", t(lang, "explore.filterStatus"), this.filters.status, STATUSES.map((s) => [s, t(lang, "progress.status")[s]]), (v) => set({ ...this.filters, status: v as ScoreStatus | null })),
      h("span", { class: "where" }, t(lang, "explore.filterChartHint")));
    // The reader stays on the select they changed.
    if (focused) bar.querySelector<HTMLElement>(`[data-filter="${focused}"]`)?.focus();
    const text = isFiltered(this.filters) ? announcement(lang, all.unit.fiscal_year, this.filters, shown.indicators.length) : "";
    if (text !== this.announced) {
      this.announced = text;
      clear(this.$("filter-status"), text);
    }
  }

  /** The unit dashboard's own header in the workspace: its title and where its data came from. */
  private unitTitle(d: UnitData, loadedAt: string | null): Children[] {
    const u = d.unit;
    return [
      h("h3", { class: "x-unit-title", tabindex: "-1" }, t(this.language, "explore.unitTitle", u.unit_name, u.fiscal_year)),
      h("p", { class: "lede" }, u.data_source === "sample" ? h("span", { class: "badge sample" }, t(this.language, "explore.sample")) : h("span", { class: "badge upload" }, t(this.language, "explore.upload")),
        t(this.language, "explore.sourceLine", sourceText(u.source_file, null, null, this.language), loadedAt), u.funding_method ? t(this.language, "explore.fundingLine", u.funding_method) : ""),
    ];
  }

  // ---- SQL console ----

  private wireConsole() {
    const input = this.$<HTMLTextAreaElement>("sql-input");
    clear(this.$("sql-examples"), examples(this.language).map((x) => h("button", { type: "button", class: "chip", onclick: () => { input.value = x.sql; void this.runSql(); } }, x.label)));
    this.$("sql-run").addEventListener("click", () => void this.runSql());
    this.$("sql-reset").addEventListener("click", () => {
      if (!confirm(t(this.language, "explore.confirmReset"))) return;
      this.dataset.state = "loading";
      void this.session.resetData();
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.runSql();
      }
    });
  }

  /** The console's change set: how many statements are not kept yet, with 撤销 and 保留; or what became of the last ones. */
  private renderConsoleState(c: ConsoleState) {
    this.dataset.changes = String(c.pending);
    const el = this.$("sql-changes");
    if (c.pending) {
      clear(el, t(this.language, "explore.changesPending", c.pending), " ",
        h("button", { type: "button", "data-x": "sql-undo", onclick: () => void this.session.undoConsole() }, t(this.language, "explore.undo")), " ",
        h("button", { type: "button", class: "link", "data-x": "sql-keep", onclick: () => void this.session.keepConsole() }, t(this.language, "explore.keep")));
    } else clear(el, c.last ? t(this.language, "explore.consoleLast")[c.last] : null);
  }

  private async runSql() {
    const engine = this.session.engine ?? (await this.session.ensureEngine().catch(() => null));
    const out = this.$("sql-result");
    const err = this.$("sql-error");
    clear(err);
    if (!engine) return clear(err, t(this.language, "explore.engineNotStarted"));
    if (this.checking()) return clear(err, t(this.language, "explore.checkingConsole"));
    const text = this.$<HTMLTextAreaElement>("sql-input").value;
    if (!text.trim()) return;
    // Read-only unless 允许修改 is ticked; what the page itself manages (transactions, settings, databases) never.
    const kind = consoleKind(text);
    if (kind.kind === "refused") return clear(err, t(this.language, "explore.consoleRefused", kind.first));
    if (kind.kind === "change" && !this.$<HTMLInputElement>("sql-allow").checked) return clear(err, t(this.language, "explore.readOnly", kind.first));
    const { sql, limited } = limitedSql(text, CONSOLE_ROWS + 1);
    const t0 = performance.now();
    clear(out, h("p", { class: "where", role: "status" }, t(this.language, "explore.querying")));
    try {
      const m = plainMatrix(await this.session.console(kind.kind, (e) => e.arrow(sql)));
      const ms = performance.now() - t0;
      const more = limited && m.rows.length > CONSOLE_ROWS;
      const rows = more ? m.rows.slice(0, CONSOLE_ROWS) : m.rows;
      // A result with names and numbers can be drawn as the site's rank bars, with one click (and exported as any chart).
      const drawn = kind.kind === "read" && m.columns.length ? (await loadDraw()).queryChart({ columns: m.columns, types: m.types, rows }, this.language) : null;
      const box = h("div", { "data-x": "sql-chart" });
      const draw = () => {
        if (!drawn) return;
        const name = drawn.chart.wide.table.caption;
        this.charts.set(name, drawn.chart.wide);
        clear(box, toDom(D.chartFigure(drawn.chart, { lang: this.language, source: t(this.language, "explore.queryChartSource", drawn.shown, drawn.rows), exportName: name }), t(this.language, "explore.chartBroken")));
        box.querySelector<HTMLElement>("figure")?.setAttribute("tabindex", "-1");
        box.querySelector<HTMLElement>("figure")?.focus();
      };
      clear(out, resultNodes(m.columns, rows, { more, limit: CONSOLE_ROWS, ms, exportable: kind.kind === "read" }, this.language,
        { exportCsv: () => void this.exportQuery(text, "csv"), exportXlsx: () => void this.exportQuery(text, "xlsx"), draw: drawn ? draw : undefined }), box);
      const result = out.querySelector("table");
      if (result) makeSortable(result, (c) => t(this.language, "explore.sortBy", c));
      if (kind.kind === "change") {
        this.years.clear();
        void this.refresh();
      }
    } catch (e) {
      clear(out);
      const message = String((e as Error).message ?? e);
      // A read that hid a write (a CTE before DELETE): DuckDB's read-only transaction refused it.
      clear(err, isReadOnlyRefusal(message) ? t(this.language, "explore.readOnly", "") : e instanceof ConsoleAborted ? `${sqlErrorText(message, this.language)} ${t(this.language, "explore.consoleLast").aborted}` : sqlErrorText(message, this.language));
    }
  }

  private async renderSchema() {
    const engine = this.session.engine;
    if (!engine) return;
    // A large file's working tables (bulk.ts, dropped when its checks end) are not the reader's. DuckDB's own catalog
    // functions, not the information_schema views over them (their statement takes two to three times as long in the browser).
    const cols = await engine.query<SchemaColumn>(SCHEMA_SQL);
    redraw(this.$("sql-schema"), JSON.stringify([this.language, cols]), () => schemaNodes(cols, this.language));
  }

  // ---- Exports ----

  /** The exports' engine, task bar and language (src/explore/exporting.ts). */
  private exportContext(): ExportContext | null {
    const engine = this.session.engine;
    return engine ? { engine, lang: this.language, withTask: (label, work) => this.withTask(label, work), read: (work) => this.session.console("read", () => work()) } : null;
  }

  private exportTable(table: TableName, kind: "csv" | "xlsx") {
    const c = this.exportContext();
    return c ? exportTable(c, table, kind) : Promise.resolve();
  }

  private exportQuery(sql: string, kind: "csv" | "xlsx") {
    const c = this.exportContext();
    return c ? exportQuery(c, sql, kind) : Promise.resolve();
  }

  private saveRows(name: string, head: string[], rows: string[][], kind: "csv" | "xlsx") {
    return saveRows(this.language, name, head, rows, kind);
  }

  private exportJson() {
    const c = this.exportContext();
    return c ? exportJson(c) : Promise.resolve();
  }

  private renderExports() {
    clear(this.$("exports"), exportsNodes(this.language, { table: (name, kind) => void this.exportTable(name, kind), json: () => void this.exportJson() }));
  }

  /**
   * Runs a page task (an export) under the progress bar. `step(done, all)` moves
   * the bar and throws Cancelled once 取消 was pressed, so a long export stops
   * between two batches.
   */
  private async withTask<T>(label: string, work: (step: (done: number, all: number) => void) => Promise<T>): Promise<T | undefined> {
    this.taskCancelled = false;
    this.renderTask({ label, fraction: null, cancellable: true });
    const step = (done: number, all: number) => {
      if (this.taskCancelled) throw new Cancelled(t(this.language, "explore.cancelled"));
      this.renderTask({ label, fraction: all ? Math.min(1, done / all) : null, cancellable: true });
    };
    try {
      return await work(step);
    } catch (e) {
      // 取消 also interrupts the engine's running query: its error is the cancel, not a failure.
      if (!(e instanceof Cancelled) && !this.taskCancelled) alert(t(this.language, "explore.taskFailed", label, (e as Error).message));
      return undefined;
    } finally {
      this.renderTask(null);
    }
  }

}

export function defineExplore(): void {
  if (!customElements.get("jx-explore")) customElements.define("jx-explore", ExploreElement);
}

export type { UnitRow };
