// The explore page's state and work, without the DOM: the engine (started on
// first need), the import worker, the queue of files, progress and cancel, the
// uploads kept in this browser. The page's elements listen to its events.
import type { BrowserEngine, EngineProgress } from "../query/browser.ts";
import type { Location } from "../core/model.ts";
import type { MappingRow } from "../core/mapping.ts";
import type { TableName } from "../core/canonical.ts";
import type { BulkPlan, Loaded, MappingRequest, Problem } from "./importer.ts";
import type { BulkStep } from "./bulk.ts";
import type { WorkerReply, WorkerRequest } from "./protocol.ts";
import type { SavedMapping } from "./mapping.ts";
import { bulkInsertSql } from "./bulkSql.ts";
import { csvErrorText } from "./consoleSql.ts";
import { deleteUploadSql, FINDINGS_DB, finishUploadSql, firstUnitSql, insertLookupSql, insertTableSql, overlapFindingsSql, overlapSql, OVERLAP_SUMMARY_SQL, repeatedFindingsSql, RESTATED_SUMMARY_SQL, restatedNotesSql, setupSql, uploadRowSql } from "./sql.ts";
import { conflictingRowsFinding, duplicateRowsFinding, sameBytes } from "../core/dedupe.ts";
import { restatedFinding } from "../core/restated.ts";
import { isAborted } from "./statements.ts";
import * as store from "./store.ts";
import { engineMessage, type Lang } from "../i18n/i18n-explore.ts";
import { t } from "../i18n/messages.ts";

export type EngineState = { state: "idle" | "loading" | "ready" | "failed"; message?: string; progress?: EngineProgress; version?: string };

export interface TaskView {
  label: string;
  /** 0…1, or null while the step's length cannot be known (shown as a moving bar). */
  fraction: number | null;
  cancellable: boolean;
}

export interface UploadView {
  id: number;
  name: string;
  loadedAt: string;
  bytes: number;
  parts: string[];
  /** importer: the core importer's tables; bulk: DuckDB's read_csv; mapping: a manual indicator mapping (no tables). */
  route: "importer" | "bulk" | "mapping";
  rows: number;
  counts: { error: number; warning: number; info: number };
  problems: Problem[];
  /** The file's data was read from this browser's storage (a reload), not picked just now. */
  restored: boolean;
  /** A bulk file on screen whose reviewer's checks are still running (its counts and problems come with them). */
  checking?: boolean;
}

export interface Failure {
  name: string;
  message: string;
  location?: Location;
  at: string;
  /** A file kept in this browser that no longer loads: it can be removed from the browser's storage. */
  stored?: { id: number; name: string; loadedAt: string };
  /** A form that prints no year: the analyst can give it one (answerYear); the years its file name holds, to offer. */
  year?: { file: File; inName: number[] };
}

export interface PendingMapping {
  key: number;
  file: File;
  name: string;
  requests: MappingRequest[];
}

/** A file whose bytes are those of a file already loaded, waiting for the analyst: 替换 (replace) or 跳过 (skip). */
export interface PendingDuplicate {
  key: number;
  file: File;
  name: string;
  earlier: { id: number; name: string; loadedAt: string };
}

/**
 * What the page says about this browser's storage, apart from the files that did not load: a file loaded but not
 * kept (the quota is full, or the store refused it), kept files that cannot be read back (offered to be cleared), and
 * another tab's changes to what is kept.
 */
export type StorageNotice =
  | { kind: "full"; name: string }
  | { kind: "unsaved"; name: string; reason: string }
  | { kind: "unreadable"; fault: store.StoreFault }
  | { kind: "elsewhere"; names: string[] }
  | { kind: "clearedElsewhere" }
  | { kind: "cut"; names: string[] };

/** The console's changes not yet kept (run in one open transaction), and what happened to the last ones. */
export interface ConsoleState {
  pending: number;
  last?: "undone" | "kept" | "aborted" | "reset";
}

/** A console statement failed and DuckDB aborted the open transaction: the changes not kept are undone. */
export class ConsoleAborted extends Error {}

export class Cancelled extends Error {
  constructor(message = "已取消") {
    super(message);
    this.name = "Cancelled";
  }
}

/** Rows of an upload set aside as rows loaded before (sql.ts OVERLAP_SUMMARY_SQL), per unit year and earlier file. */
type Overlap = { unit_id: string; fiscal_year: number; earlier: string; same: boolean; n: number; file: string; row: number | null };

/** What a load route wrote in the load's transaction. */
interface Written {
  route: UploadView["route"];
  parts: string[];
  loaded: Loaded | null;
  bulk: { first: { unitId: string; year: number } | null; rows: number } | null;
  overlap: Overlap[];
}

class StepError extends Error {
  readonly location?: Location;
  /** The English message, when the error came from the core importer. */
  readonly messageEn?: string;
  /** The form prints no year (the reader's YearMissingError): the years its file name holds. */
  readonly yearsInName?: number[];
  constructor(message: string, location?: Location, messageEn?: string, yearsInName?: number[]) {
    super(message);
    this.location = location;
    this.messageEn = messageEn;
    this.yearsInName = yearsInName;
  }
}

type Events = {
  engine: EngineState;
  task: TaskView | null;
  uploads: UploadView[];
  failures: Failure[];
  mappings: PendingMapping[];
  duplicates: PendingDuplicate[];
  console: ConsoleState;
  storage: StorageNotice[];
  /** The loaded data changed; a listener may return the promise of its redrawing, which a load waits for. */
  data: { reason: "loaded" | "checked" | "removed" | "cleared"; first?: { unitId: string; year: number } };
};

const now = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

export interface SessionOptions {
  wasmGzUrl: string;
  createWorker: () => Worker;
  /** Test hook: a short engine start timeout. */
  engineTimeoutMs?: number;
  /** The interface language of step labels and failures (default zh). */
  lang?: Lang;
}

export class Session {
  engine: BrowserEngine | null = null;
  engineState: EngineState = { state: "idle" };
  uploads: UploadView[] = [];
  failures: Failure[] = [];
  mappings: PendingMapping[] = [];
  duplicates: PendingDuplicate[] = [];
  storage: StorageNotice[] = [];
  /** Statements of the console's open change set (0: no transaction of the console's is open). */
  consoleChanges = 0;
  /** The file each upload was read from (to tell a file dropped again, and to rebuild the tables from what was loaded). */
  private files = new Map<number, File>();
  /** The key each upload is kept under in this browser (the store gives it: another tab may have used the upload's id). */
  private storedKey = new Map<number, number>();
  /** Manual indicator mapping rows by upload (files of route "mapping"). */
  private indicatorMaps = new Map<number, MappingRow[]>();
  private enginePromise: Promise<BrowserEngine> | null = null;
  private worker: Worker | null = null;
  private calls = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void; progress?: (r: Extract<WorkerReply, { kind: "progress" }>) => void }>();
  private nextCall = 1;
  private nextUpload = 1;
  private nextMapping = 1;
  private chain: Promise<unknown> = Promise.resolve();
  private cancelled = false;
  /** Within a batch of files (a drop, a restore), a file's load draws nothing: the batch is drawn once, at its end. */
  private batchDraw: { pending: boolean; first?: { unitId: string; year: number } } | null = null;
  private pendingSaves: Promise<unknown>[] = [];
  private listeners = new Map<keyof Events, Set<(v: never) => void>>();

  private readonly options: SessionOptions;
  private readonly lang: Lang;

  constructor(options: SessionOptions) {
    this.options = options;
    this.lang = options.lang ?? "zh";
    if (typeof window !== "undefined") store.onOtherTab((c) => this.otherTab(c));
  }

  on<K extends keyof Events>(type: K, fn: (v: Events[K]) => void | Promise<void>): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn as (v: never) => void);
  }

  private emit<K extends keyof Events>(type: K, value: Events[K]): void {
    void this.emitSettled(type, value);
  }

  /** Emits, and resolves when every listener's returned promise has settled (the dashboards are drawn). */
  private async emitSettled<K extends keyof Events>(type: K, value: Events[K]): Promise<void> {
    const out: unknown[] = [];
    for (const fn of this.listeners.get(type) ?? []) out.push((fn as (v: Events[K]) => unknown)(value));
    await Promise.allSettled(out);
  }

  private task(view: TaskView | null) {
    // Each step is a performance mark, so the benchmark can say where the time goes.
    if (view && typeof performance !== "undefined") performance.mark(`jixiao:step ${view.label.split(t(this.lang, "common.colon")).pop()}`);
    this.emit("task", view);
  }

  // ---- Engine ----

  /** Starts DuckDB-wasm once (downloaded or from cache); every later call gets the same engine. */
  ensureEngine(): Promise<BrowserEngine> {
    if (this.enginePromise) return this.enginePromise;
    this.setEngine({ state: "loading" });
    performance.mark("jixiao:engine begin");
    this.enginePromise = (async () => {
      const { startBrowserEngine } = await import("../query/browser.ts");
      const engine = await startBrowserEngine({
        wasmGzUrl: this.options.wasmGzUrl,
        timeoutMs: this.options.engineTimeoutMs,
        onProgress: (progress) => this.setEngine({ state: "loading", progress }),
      });
      // One message for the whole setup: a fresh engine is slow at its first statements, not at their round trips.
      await engine.run([`ATTACH ':memory:' AS ${FINDINGS_DB} (COMPRESS)`, `SET search_path = 'memory.main,${FINDINGS_DB}.main'`, ...setupSql({ findingsDb: FINDINGS_DB })].join(";\n"));
      this.engine = engine;
      performance.mark("jixiao:engine ready");
      this.setEngine({ state: "ready", version: engine.version });
      return engine;
    })();
    this.enginePromise.catch((e: Error) => this.setEngine({ state: "failed", message: e.message }));
    return this.enginePromise;
  }

  private setEngine(s: EngineState) {
    this.engineState = s;
    this.emit("engine", s);
  }

  // ---- Worker ----

  private getWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.options.createWorker();
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      const call = this.calls.get(e.data.id);
      if (!call) return;
      if (e.data.kind === "progress") call.progress?.(e.data);
      else {
        this.calls.delete(e.data.id);
        call.resolve(e.data);
      }
    };
    w.onerror = (e) => {
      e.preventDefault();
      for (const [, c] of this.calls) c.reject(new Error(t(this.lang, "explore.workerError", e.message)));
      this.calls.clear();
      this.worker = null;
    };
    this.worker = w;
    return w;
  }

  private call(req: Omit<WorkerRequest, "id">, progress?: (r: Extract<WorkerReply, { kind: "progress" }>) => void): Promise<WorkerReply> {
    const id = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, progress });
      this.getWorker().postMessage({ ...req, id } as WorkerRequest);
    });
  }

  // ---- Loading ----

  /** Cancels the running load (and everything queued behind it). */
  cancel(): void {
    this.cancelled = true;
    this.worker?.terminate();
    this.worker = null;
    for (const [, c] of this.calls) c.reject(new Cancelled(t(this.lang, "explore.cancelled")));
    this.calls.clear();
    void this.engine?.cancel().catch(() => false);
  }

  private check() {
    if (this.cancelled) throw new Cancelled(t(this.lang, "explore.cancelled"));
  }

  /** Queues files to load, one after another; each one that loads is kept in this browser. */
  addFiles(files: File[]): Promise<void> {
    this.cancelled = false;
    if (files.length) void this.ensureEngine().catch(() => {});
    const work = files.map((file) => () => {
      // Noted until the file is kept (or is not to be): a reload before that tells it at the next load.
      const ticket = store.importBegins(file.name);
      return this.loadOne(file, { id: this.nextUpload++, name: file.name, loadedAt: now(), persist: true, restored: false }).finally(() => {
        void Promise.allSettled(this.pendingSaves).then(() => store.importDone(ticket));
      });
    });
    return this.enqueue(work);
  }

  private enqueue(work: (() => Promise<void>)[]): Promise<void> {
    const run = this.chain.then(async () => {
      this.batchDraw = work.length > 1 ? { pending: false } : null;
      for (const w of work) {
        if (this.cancelled) break;
        await w();
      }
      // Drawn once the batch has ended, however it ended (a file refused, the rest cancelled): what it loaded.
      const drawn = this.batchDraw;
      this.batchDraw = null;
      if (drawn?.pending) await this.emitSettled("data", { reason: "loaded", first: drawn.first });
      // The import worker is not kept while idle (its isolate costs memory next to DuckDB's); the next file starts a new one.
      this.worker?.terminate();
      this.worker = null;
      this.task(null);
    });
    this.chain = run.catch(() => {});
    return run;
  }

  /** A file's rows are in: its dashboards are drawn now, or once its batch has ended (`now`: a bulk file, whose checks wait for the drawing). */
  private loaded(first: { unitId: string; year: number } | undefined, now: boolean): Promise<void> {
    if (this.batchDraw && !now) {
      this.batchDraw = { pending: true, first: first ?? this.batchDraw.first };
      return Promise.resolve();
    }
    if (this.batchDraw) this.batchDraw = { pending: false };
    return this.emitSettled("data", { reason: "loaded", first });
  }

  /** Reads again every file kept in this browser (after a reload); what is kept but cannot be read is told, with a way to clear it. */
  async restore(): Promise<number> {
    let read: store.StoreRead;
    try {
      read = await store.readStore();
    } catch {
      return 0;
    }
    if (read.fault) this.notice({ kind: "unreadable", fault: read.fault });
    const stored = read.uploads;
    // A file kept in the moment before the reload (its note not yet taken back) is not cut: it is restored.
    const cut = store.takeCutImports().filter((n) => !stored.some((s) => s.name === n));
    if (cut.length) this.notice({ kind: "cut", names: cut });
    if (!stored.length) return 0;
    this.nextUpload = Math.max(...stored.map((s) => s.id)) + 1;
    for (const s of stored) this.storedKey.set(s.id, s.id);
    this.cancelled = false;
    void this.ensureEngine().catch(() => {});
    await this.enqueue(stored.map((s) => () => this.loadOne(s.file as File, { id: s.id, name: s.name, loadedAt: s.loadedAt, persist: false, restored: true })));
    return stored.length;
  }

  /** 清除: removes from this browser what restore() could not read (the files it could read stay). */
  async discardUnreadable(): Promise<void> {
    const notice = this.storage.find((n) => n.kind === "unreadable");
    if (!notice || notice.kind !== "unreadable") return;
    await store.discardFault(notice.fault);
    this.setStorage(this.storage.filter((n) => n !== notice));
  }

  private notice(n: StorageNotice) {
    this.setStorage([...this.storage.filter((o) => o.kind !== n.kind || (n.kind !== "elsewhere" && n.kind !== "clearedElsewhere" && n.kind !== "unreadable")), n]);
  }

  private setStorage(list: StorageNotice[]) {
    this.storage = list;
    this.emit("storage", list);
  }

  /** Another tab kept or removed a file, or cleared everything: told here, this tab's own data left as it is. */
  private otherTab(c: store.StoreChange) {
    if (c.kind === "saved") {
      const earlier = this.storage.find((n) => n.kind === "elsewhere");
      this.notice({ kind: "elsewhere", names: [...(earlier?.kind === "elsewhere" ? earlier.names : []), c.name] });
    } else if (c.kind === "cleared") {
      // Nothing of this tab's is kept any more.
      this.storedKey.clear();
      this.notice({ kind: "clearedElsewhere" });
    }
  }

  /** The analyst confirmed a header mapping: remember it and read the file again. */
  answerMapping(key: number, choices: SavedMapping[]): Promise<void> {
    const pending = this.mappings.find((m) => m.key === key);
    if (!pending) return Promise.resolve();
    for (const c of choices) store.saveMapping(c);
    this.mappings = this.mappings.filter((m) => m.key !== key);
    this.emit("mappings", this.mappings);
    return this.addFiles([pending.file]);
  }

  dismissMapping(key: number): void {
    this.mappings = this.mappings.filter((m) => m.key !== key);
    this.emit("mappings", this.mappings);
  }

  private fail(name: string, e: unknown, stored?: Failure["stored"], file?: File) {
    const err = e as StepError & { location?: Location };
    // The core importer's errors carry an English message: the English page shows it.
    const text = (this.lang === "en" && err.messageEn) || err.message;
    // A form that prints no year is asked for one here (the reader's own message names the CLI's --year).
    const year = err instanceof StepError && err.yearsInName && file ? { file, inName: err.yearsInName } : undefined;
    const message = e instanceof Cancelled ? t(this.lang, "explore.cancelledFile", name) : year ? t(this.lang, "explore.yearMissing", name) : text?.startsWith(name) ? text : t(this.lang, "explore.failure", name, text ?? String(e));
    this.failures = [...this.failures, { name, message, location: err.location, at: now(), ...(stored ? { stored } : {}), ...(year ? { year } : {}) }];
    this.emit("failures", this.failures);
  }

  /** The analyst gave a form that prints no year its year: kept for the file's name, and the file read again. */
  answerYear(f: Failure, year: number): Promise<void> {
    if (!f.year || !Number.isInteger(year) || year < 1900 || year >= 2100) return Promise.resolve();
    store.saveFormYear(f.name, year);
    this.failures = this.failures.filter((x) => x !== f);
    this.emit("failures", this.failures);
    return this.addFiles([f.year.file]);
  }

  /** 从本浏览器移除: a kept file that no longer loads leaves this browser's storage (and its failure the list). */
  async forgetStored(f: Failure): Promise<void> {
    if (!f.stored) return;
    await store.deleteUpload(f.stored.id, { name: f.stored.name, loadedAt: f.stored.loadedAt });
    this.storedKey.delete(f.stored.id);
    this.failures = this.failures.filter((x) => x !== f);
    this.emit("failures", this.failures);
  }

  private async loadOne(file: File, meta: { id: number; name: string; loadedAt: string; persist: boolean; restored: boolean }): Promise<void> {
    const { id, name } = meta;
    const size = file.size;
    const label = (step: string) => t(this.lang, "explore.taskLabel", name, `${(size / 1e6).toFixed(size < 1e5 ? 2 : 1)} MB`, step);
    this.task({ label: label(t(this.lang, "explore.stepRead")), fraction: 0, cancellable: true });
    let inTransaction = false;
    let committed = false;
    let listed = false;
    let engine: BrowserEngine | null = null;
    const registered: string[] = [];
    try {
      // The same bytes as a file already loaded, whatever its name: nothing is read until the analyst says 替换 or 跳过.
      const earlier = meta.persist ? await this.sameAsLoaded(file) : null;
      if (earlier) {
        this.duplicates = [...this.duplicates, { key: this.nextMapping++, file, name, earlier: { id: earlier.id, name: earlier.name, loadedAt: earlier.loadedAt } }];
        this.emit("duplicates", this.duplicates);
        return;
      }
      // A large canonical CSV is recognised here from its head, so the import worker is not started for it.
      const plan = await this.planBulk(file, name);
      this.check();
      const reply: WorkerReply = plan ? { kind: "bulk", id: 0, plan }
        : await this.call({ kind: "import", file, name, saved: store.loadMappings(), lang: this.lang, year: store.loadFormYears()[name] } as Omit<WorkerRequest, "id">, (p) => this.task({ label: label(p.stage), fraction: p.fraction === null ? null : p.fraction * 0.5, cancellable: true }));
      this.check();
      if (reply.kind === "failed") throw new StepError(reply.error.message, reply.error.location, reply.error.messageEn, reply.error.yearsInName);
      if (reply.kind === "mapping") {
        this.mappings = [...this.mappings, { key: this.nextMapping++, file, name, requests: reply.requests }];
        this.emit("mappings", this.mappings);
        return;
      }
      if (reply.kind === "indicatorMap") {
        // A manual indicator mapping: no rows for the database, rows for the year-over-year matching.
        this.indicatorMaps.set(id, reply.map.rows);
        this.uploads = [...this.uploads, { id, name, loadedAt: meta.loadedAt, bytes: size, parts: [name], route: "mapping", rows: reply.map.rows.length, counts: reply.map.counts, problems: reply.map.problems, restored: meta.restored }];
        this.emit("uploads", this.uploads);
        void this.loaded(undefined, false);
        this.files.set(id, file);
        this.keep(file, meta);
        return;
      }
      this.task({ label: label(this.engine ? t(this.lang, "explore.stepWrite") : t(this.lang, "explore.stepWaitEngine")), fraction: 0.5, cancellable: true });
      engine = await this.ensureEngine().catch((e: Error) => {
        throw new StepError(t(this.lang, "explore.engineNoLoad", engineMessage(e.message, this.lang)));
      });
      this.check();
      await this.keepConsoleChanges();
      await engine.query("BEGIN TRANSACTION");
      inTransaction = true;
      // The rows go in by the file's route: the importer's tables, or DuckDB's own read of a large canonical CSV.
      const written = reply.kind === "loaded"
        ? await this.writeImported(engine, id, reply.loaded, label, registered)
        : await this.writeBulk(engine, file, name, id, (reply as Extract<WorkerReply, { kind: "bulk" }>).plan, label, registered);
      const { route, parts, loaded, bulk, overlap } = written;
      this.task({ label: label(t(this.lang, "explore.stepSum")), fraction: 0.95, cancellable: true });
      const upload = { id, name, parts, loadedAt: meta.loadedAt, route, bytes: size };
      // A bulk file made its own unit rows (bulk.ts) and counted its rows: its upload's row is all that is left. Otherwise
      // one message for the unit rows and the upload's row (each statement a round trip through this thread otherwise).
      await engine.run(bulk ? uploadRowSql({ ...upload, rows: bulk.rows }) : [...finishUploadSql(id), uploadRowSql(upload)].join(";\n"));
      this.check();
      // A bulk file's dashboards are drawn in its transaction, which its other unit rows end (below).
      if (!bulk) {
        await engine.query("COMMIT");
        inTransaction = false;
        committed = true;
      }
      if (loaded?.tables.findings) {
        const reg = `upload-${id}-findings.csv`;
        await engine.registerText(reg, loaded.tables.findings.csv);
        registered.push(reg);
        await engine.run(insertTableSql("findings", reg, id));
        await engine.run(repeatedFindingsSql(id).join(";\n"));
      }
      const db = engine;
      const overlapNotes = () => db.run(overlapFindingsSql(id, overlap.map((o) => ({ unitId: o.unit_id, year: o.fiscal_year,
        finding: (o.same ? duplicateRowsFinding : conflictingRowsFinding)(o.n, o.earlier, { file: o.file, ...(o.row !== null ? { row: o.row } : {}) }) }))).join(";\n"));
      if (overlap.length && !bulk) await overlapNotes();
      const restated = bulk ? new Set<number>() : await this.noteRestated(engine);
      const rows = bulk ? bulk.rows : (await engine.query<{ rows: number }>(`SELECT CAST(rows_loaded AS INTEGER) AS rows FROM uploads WHERE upload_id = ${id}`))[0].rows;
      // A bulk file has no findings before its checks (its reading's wait in bulk_fix_findings).
      // Findings left out with the rows overlapSql left out, and its notes: counted from the table.
      const counts = overlap.length || restated.has(id) ? await this.bulkCounts(engine, id) : loaded?.counts ?? { error: 0, warning: 0, info: 0 };
      const problems = overlap.length ? await this.bulkProblems(engine, id) : loaded?.problems ?? [];
      const view: UploadView = { id, name, loadedAt: meta.loadedAt, bytes: size, parts, route, rows, counts, problems, restored: meta.restored, checking: bulk !== null };
      this.uploads = [...this.uploads, view];
      listed = true;
      this.emit("uploads", this.uploads);
      // A bulk file opens on the unit its first part made ready (its first row's).
      const first = bulk ? bulk.first : (await engine.query<{ unit_id: string; fiscal_year: number }>(firstUnitSql(id))).map((f) => ({ unitId: f.unit_id, year: f.fiscal_year }))[0];
      // The dashboards are drawn before a bulk file's checks start: the engine runs one statement at a time.
      const shown = this.loaded(first ?? undefined, bulk !== null);
      if (bulk) {
        await shown;
        await this.finishBulkLoad(engine, view, label, registered, () => {
          inTransaction = false;
          committed = true;
        }, overlap.length ? overlapNotes : null);
      }
      this.files.set(id, file);
      this.keep(file, meta);
    } catch (e) {
      if (inTransaction && engine) await engine.query("ROLLBACK").catch(() => {});
      // A file stopped once listed or committed (a bulk file while its dashboards show, any file while its findings are
      // written) goes whole, as any file that does not load.
      if (committed || listed) await this.dropUpload(id);
      // A kept file that fails again on every visit (not for want of the engine, nor cancelled) can be let go.
      const stuck = meta.restored && !(e instanceof Cancelled) && this.engineState.state !== "failed";
      this.fail(name, e, stuck ? { id: this.storedKey.get(id) ?? id, name, loadedAt: meta.loadedAt } : undefined, file);
      if (e instanceof Cancelled) this.task(null);
    } finally {
      for (const r of registered) await engine?.dropFile(r).catch(() => {});
    }
  }

  /**
   * The importer's route: its canonical tables (not the findings, which go in after the commit, in a database of
   * their own: sql.ts FINDINGS_DB) and its targets' parse, in the load's transaction; then the rows that repeat or
   * contradict rows loaded before are left out (sql.ts overlapSql): never summed twice.
   */
  private async writeImported(engine: BrowserEngine, id: number, loaded: Loaded, label: (step: string) => string, registered: string[]): Promise<Written> {
    const tables = (Object.entries(loaded.tables) as [TableName, { csv: string }][]).filter(([table]) => table !== "findings");
    for (const [i, [table, { csv }]] of tables.entries()) {
      this.task({ label: label(t(this.lang, "explore.stepWriteTable", table)), fraction: 0.5 + (0.4 * i) / tables.length, cancellable: true });
      const reg = `upload-${id}-${table}.csv`;
      await engine.registerText(reg, csv);
      registered.push(reg);
      await engine.run(insertTableSql(table, reg, id));
      this.check();
    }
    if (loaded.lookup.rows) {
      const reg = `upload-${id}-lookup.csv`;
      await engine.registerText(reg, loaded.lookup.csv);
      registered.push(reg);
      await engine.run(insertLookupSql(reg));
    }
    return { route: "importer", parts: loaded.parts, loaded, bulk: null, overlap: await this.overlap(engine, id) };
  }

  /**
   * The bulk route: DuckDB reads the large file itself (loadBulk); its rows that repeat or contradict rows loaded
   * before are left out too, before anything is drawn (its checks run later, on what stays; their note comes with
   * the checks' findings).
   */
  private async writeBulk(engine: BrowserEngine, file: File, name: string, id: number, plan: BulkPlan, label: (step: string) => string, registered: string[]): Promise<Written> {
    const bulk = await this.loadBulk(engine, file, name, id, plan, label, registered);
    const overlap = await this.overlap(engine, id);
    if (overlap.length) bulk.rows -= overlap.reduce((n, o) => n + o.n, 0);
    return { route: "bulk", parts: [name], loaded: null, bulk, overlap };
  }

  /** Rows of upload `id` that rows loaded before already hold, set aside (none when nothing else is loaded). */
  private async overlap(engine: BrowserEngine, id: number): Promise<Overlap[]> {
    if (!this.uploads.some((u) => u.route !== "mapping")) return [];
    await engine.run(overlapSql(id).join(";\n"));
    return engine.query(OVERLAP_SUMMARY_SQL);
  }

  /**
   * A bulk file, once its first unit's dashboards show: its other unit rows, the commit (`committed` told to the
   * caller, whose error path then removes the upload whole), its checks and its overlap notes, then the file's
   * row with its counts.
   */
  private async finishBulkLoad(engine: BrowserEngine, view: UploadView, label: (step: string) => string, registered: string[], committed: () => void, overlapNotes: (() => Promise<unknown>) | null): Promise<void> {
    const { id, name } = view;
    this.check();
    this.task({ label: label(t(this.lang, "explore.stepBulkChecks")), fraction: 0.97, cancellable: true });
    const { bulkUnitRows } = await import("./bulk.ts");
    await bulkUnitRows(this.bulkDb(engine, `upload-${id}-units`, registered), id);
    this.check();
    await engine.query("COMMIT");
    committed();
    await this.checkBulk(engine, name, id, registered);
    if (overlapNotes) await overlapNotes();
    this.check();
    const checked: UploadView = { ...view, counts: await this.bulkCounts(engine, id), problems: await this.bulkProblems(engine, id), checking: false };
    this.uploads = this.uploads.map((u) => (u.id === id ? checked : u));
    this.emit("uploads", this.uploads);
    await this.emitSettled("data", { reason: "checked" });
  }

  /** Keeps a loaded file in this browser's storage (unless it came from there); a file that cannot be kept stays loaded, told. */
  private keep(file: File, meta: { id: number; name: string; loadedAt: string; persist: boolean }) {
    if (!meta.persist) return;
    const save = store.saveUpload({ name: meta.name, loadedAt: meta.loadedAt, bytes: file.size, file }).then((key) => {
      this.storedKey.set(meta.id, key);
    }, (e: DOMException) => {
      // A store of another layout or version refuses every write (NotFoundError, VersionError): its notice says what to do.
      const fault = e?.name === "NotFoundError" || e?.name === "VersionError";
      this.notice(e?.name === "QuotaExceededError" ? { kind: "full", name: meta.name } : { kind: "unsaved", name: meta.name, reason: fault ? t(this.lang, "explore.storageUnsavedFault") : String(e?.message || e?.name || e) });
    });
    this.pendingSaves.push(save);
  }

  /** The rows of every manual indicator mapping file loaded, in the order they were loaded. */
  indicatorMapping(): MappingRow[] {
    return [...this.indicatorMaps.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rows]) => rows);
  }

  /** The bulk plan of a file (read from its first 64 KB on this thread), or null for the import worker's route. */
  private async planBulk(file: File, name: string): Promise<BulkPlan | null> {
    const { BULK_MIN_BYTES, HEAD_BYTES, bulkPlan } = await import("./importer.ts");
    if (file.size < BULK_MIN_BYTES) return null;
    const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    return bulkPlan(name, file.size, head, store.loadMappings());
  }

  /** Where each record of a bulk file starts and which rows hold odd text: counted on this thread while the engine reads the file. */
  private scanBulk(file: File, plan: BulkPlan): Promise<{ changes: [number, number][]; odd: number[] }> {
    const start = performance.now();
    const lines = import("./bulk.ts").then(({ recordLines }) => recordLines(file, plan.delimiter)).then((r) => {
      performance.measure("jixiao:scan", { start, end: performance.now() });
      return r;
    });
    lines.catch(() => {});
    return lines;
  }

  /** The upload whose file has the same bytes as `file` (compared in 4 MB slices, only with files of its size), or null. */
  private async sameAsLoaded(file: File): Promise<UploadView | null> {
    const SLICE = 4 * 1024 * 1024;
    for (const u of this.uploads) {
      const other = this.files.get(u.id);
      if (!other || other.size !== file.size) continue;
      let same = true;
      for (let at = 0; same && at < file.size; at += SLICE) {
        const [a, b] = await Promise.all([file.slice(at, at + SLICE).arrayBuffer(), other.slice(at, at + SLICE).arrayBuffer()]);
        same = sameBytes(new Uint8Array(a), new Uint8Array(b));
      }
      if (same) return u;
    }
    return null;
  }

  /** The analyst's answer about a file dropped again: 替换 removes the earlier load and reads this file, 跳过 leaves it out. */
  async answerDuplicate(key: number, answer: "replace" | "skip"): Promise<void> {
    const pending = this.duplicates.find((d) => d.key === key);
    if (!pending) return;
    this.duplicates = this.duplicates.filter((d) => d.key !== key);
    this.emit("duplicates", this.duplicates);
    if (answer === "skip") return;
    if (this.uploads.some((u) => u.id === pending.earlier.id)) await this.remove(pending.earlier.id);
    await this.addFiles([pending.file]);
  }

  // ---- The SQL console's transactions ----

  /** Runs `work` between loads and other console work, never inside a file's transaction. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => {});
    return run;
  }

  private setConsole(pending: number, last?: ConsoleState["last"]) {
    this.consoleChanges = pending;
    this.emit("console", { pending, last });
  }

  /**
   * A console statement. A read runs in a read-only transaction, rolled back after it (DuckDB refuses any write
   * in it), or in the open change set when there is one (it sees the changes). A change runs in the change set,
   * opened for it if need be, and stays there until 撤销 (ROLLBACK) or 保留 (COMMIT). When a failed statement
   * aborts the change set, it is rolled back and ConsoleAborted says so.
   */
  console<T>(kind: "read" | "change", work: (engine: BrowserEngine) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const engine = await this.ensureEngine();
      const open = this.consoleChanges > 0;
      if (!open) await engine.query(kind === "read" ? "BEGIN TRANSACTION READ ONLY" : "BEGIN TRANSACTION");
      try {
        const out = await work(engine);
        if (kind === "change") this.setConsole(this.consoleChanges + 1);
        else if (!open) await engine.query("ROLLBACK");
        return out;
      } catch (e) {
        if (!open) await engine.query("ROLLBACK").catch(() => {});
        else if (await engine.query("SELECT 1").then(() => false, (x: Error) => isAborted(String(x.message)))) {
          await engine.query("ROLLBACK").catch(() => {});
          this.setConsole(0, "aborted");
          this.emit("data", { reason: "removed" });
          throw new ConsoleAborted(String((e as Error).message ?? e));
        }
        throw e;
      }
    });
  }

  /** 撤销: the console's changes not kept are rolled back. */
  undoConsole(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.consoleChanges || !this.engine) return;
      await this.engine.query("ROLLBACK");
      this.setConsole(0, "undone");
      await this.emitSettled("data", { reason: "removed" });
    });
  }

  /** 保留: the console's changes are committed. */
  keepConsole(): Promise<void> {
    return this.exclusive(() => this.keepConsoleChanges());
  }

  /** Commits the console's open change set (before a file's transaction, a removal, or on 保留). */
  private async keepConsoleChanges() {
    if (!this.consoleChanges || !this.engine) return;
    const engine = this.engine;
    const kept = await engine.query("COMMIT").then(() => true, async () => (await engine.query("ROLLBACK").catch(() => {}), false));
    this.setConsole(0, kept ? "kept" : "aborted");
  }

  /**
   * 重置为载入的数据: the console's changes (kept or not) are dropped and every table is made again from the
   * files loaded, read as they were read (the files stay listed with their load times; tables the analyst made stay).
   */
  resetData(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.engine) return [];
      if (this.consoleChanges) await this.engine.query("ROLLBACK").catch(() => {});
      this.setConsole(0, "reset");
      const again = this.uploads.filter((u) => this.files.has(u.id)).map((u) => ({ u, file: this.files.get(u.id)! }));
      for (const sql of setupSql({ findingsDb: FINDINGS_DB })) await this.engine.query(sql);
      this.uploads = [];
      this.indicatorMaps.clear();
      this.emit("uploads", this.uploads);
      return again;
    }).then((again) => {
      this.cancelled = false;
      return this.enqueue(again.map(({ u, file }) => () => this.loadOne(file, { id: u.id, name: u.name, loadedAt: u.loadedAt, persist: false, restored: u.restored })));
    });
  }

  /**
   * The notes on restated indicators that give way (sql.ts givesWaySql), written afresh: a declaration loaded
   * after a self-evaluation, or removed, changes which rows give way. The counts of the other uploads whose
   * notes changed are counted again; the ids whose notes changed are returned.
   */
  private async noteRestated(engine: BrowserEngine, skip?: number): Promise<Set<number>> {
    const before = await engine.query<{ upload_id: number }>(`SELECT DISTINCT upload_id FROM findings WHERE code = 'load.restated_indicators'`);
    const now = await engine.query<{ upload_id: number; unit_id: string; fiscal_year: number; n: number; file: string; row: number | null; declared: string }>(RESTATED_SUMMARY_SQL);
    const touched = new Set([...before, ...now].map((r) => r.upload_id));
    if (!touched.size) return touched;
    await engine.run(restatedNotesSql(now.map((r) => ({ uploadId: r.upload_id, unitId: r.unit_id, year: r.fiscal_year,
      finding: restatedFinding(r.n, r.declared, { file: r.file, ...(r.row !== null ? { row: r.row } : {}) }) }))).join(";\n"));
    const others = this.uploads.filter((u) => u.id !== skip && touched.has(u.id));
    if (others.length) {
      const counts = new Map(await Promise.all(others.map(async (u) => [u.id, await this.bulkCounts(engine, u.id)] as const)));
      this.uploads = this.uploads.map((u) => (counts.has(u.id) ? { ...u, counts: counts.get(u.id)! } : u));
      this.emit("uploads", this.uploads);
    }
    return touched;
  }

  /** Removes an upload's rows and its entry in the list (the stored file and mapping rows are remove()'s). */
  private async dropUpload(id: number) {
    if (this.engine) for (const sql of deleteUploadSql(id)) await this.engine.run(sql).catch(() => {});
    if (this.engine) await this.noteRestated(this.engine, id).catch(() => {});
    this.uploads = this.uploads.filter((u) => u.id !== id);
    this.files.delete(id);
    this.emit("uploads", this.uploads);
    this.emit("data", { reason: "removed" });
  }

  /** Makes a text readable by read_csv for the bulk route's SQL (bulk.ts BulkDb). */
  private bulkDb(engine: BrowserEngine, prefix: string, registered: string[]) {
    return {
      run: (sql: string) => engine.run(sql),
      query: <T,>(sql: string) => engine.query(sql) as Promise<T[]>,
      text: async (n: string, text: string) => {
        const r = `${prefix}.${n}`;
        await engine.registerText(r, text);
        registered.push(r);
        return r;
      },
    };
  }

  private async checkBulk(engine: BrowserEngine, name: string, id: number, registered: string[]) {
    const { checkBulk } = await import("./bulk.ts");
    await checkBulk(this.bulkDb(engine, `upload-${id}-checks`, registered), name, id);
  }

  private async loadBulk(engine: BrowserEngine, file: File, name: string, id: number, plan: BulkPlan, label: (s: string) => string, registered: string[]): ReturnType<typeof import("./bulk.ts").finishBulk> {
    const { finishBulk } = await import("./bulk.ts");
    const reg = `upload-${id}-bulk.csv`;
    await engine.registerFile(reg, file);
    registered.push(reg);
    this.task({ label: label(t(this.lang, "explore.stepBulk")), fraction: null, cancellable: true });
    const inserted = engine.run(bulkInsertSql(plan, reg, id, name));
    // Its bytes are scanned (bulk.ts recordLines) on this thread while the engine reads it: started once the statement
    // is on its way (the scan's first chunk would delay it), not while the engine starts (on two cores the scan would
    // slow the compiling of the engine more than it gains).
    const lines = this.scanBulk(file, plan);
    try {
      await inserted;
    } catch (e) {
      this.check();
      const msg = String((e as Error).message ?? e);
      const csv = csvErrorText(msg, this.lang);
      if (csv) throw new StepError(t(this.lang, "explore.bulkCsvError", name, csv.row, csv.reason), { file: name, row: csv.row ?? undefined });
      throw new StepError(t(this.lang, "explore.bulkReadError", name, msg.split("\n")[0]), { file: name });
    }
    this.check();
    const labels: Record<BulkStep, [string, number]> = {
      fix: [t(this.lang, "explore.stepBulkRows"), 0.75], unitIds: [t(this.lang, "explore.stepUnitIds"), 0.8], indicatorIds: [t(this.lang, "explore.stepIndicatorIds"), 0.82], shapes: [t(this.lang, "explore.stepShapes"), 0.85], units: [t(this.lang, "explore.stepUnits"), 0.9],
    };
    const out = await finishBulk(this.bulkDb(engine, reg, registered), plan, reg, name, id, await lines, (s) => {
      this.check();
      this.task({ label: label(labels[s][0]), fraction: labels[s][1], cancellable: true });
    });
    this.check();
    return out;
  }

  private async bulkCounts(engine: BrowserEngine, id: number) {
    const rows = await engine.query<{ severity: "error" | "warning" | "info"; n: number }>(`SELECT severity, CAST(count(*) AS INTEGER) AS n FROM findings WHERE upload_id = ${id} GROUP BY severity`);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const r of rows) counts[r.severity] = r.n;
    return counts;
  }

  private async bulkProblems(engine: BrowserEngine, id: number): Promise<Problem[]> {
    const { MAX_PROBLEMS } = await import("./importer.ts");
    const rows = await engine.query<{ severity: Problem["severity"]; code: string; message: string; message_en: string | null; source_file: string; source_row: number | null; source_column: number | null }>(
      // As the importer's problems (importer.ts toLoaded): errors, then warnings, then the infos about reading; in file order within each.
      `SELECT severity, code, message, message_en, source_file, source_row, source_column FROM findings
       WHERE upload_id = ${id} AND (severity <> 'info' OR code LIKE 'canonical.%' OR code LIKE 'encoding.%' OR code LIKE 'explore.%')
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, source_row NULLS FIRST LIMIT ${MAX_PROBLEMS}`);
    return rows.map((r) => ({ severity: r.severity, code: r.code, message: r.message, messageEn: r.message_en ?? undefined, file: r.source_file, row: r.source_row ?? undefined, column: r.source_column ?? undefined }));
  }

  /** Removes one upload's rows and its stored file. */
  async remove(id: number): Promise<void> {
    await this.exclusive(() => this.keepConsoleChanges());
    await Promise.allSettled(this.pendingSaves);
    const key = this.storedKey.get(id);
    const upload = this.uploads.find((u) => u.id === id);
    if (key !== undefined && upload) await store.deleteUpload(key, upload).catch(() => {});
    this.storedKey.delete(id);
    this.indicatorMaps.delete(id);
    await this.dropUpload(id);
  }

  /** Removes everything: rows, stored files, saved mappings, the error list. */
  async clear(): Promise<void> {
    this.cancel();
    await this.chain;
    if (this.consoleChanges) await this.engine?.query("ROLLBACK").catch(() => {});
    if (this.consoleChanges) this.setConsole(0);
    await Promise.allSettled(this.pendingSaves);
    this.pendingSaves = [];
    if (this.engine) for (const sql of setupSql({ findingsDb: FINDINGS_DB })) await this.engine.query(sql);
    await store.clearAll();
    this.uploads = [];
    this.indicatorMaps.clear();
    this.failures = [];
    this.mappings = [];
    this.duplicates = [];
    this.files.clear();
    this.storedKey.clear();
    this.storage = [];
    this.cancelled = false;
    this.emit("uploads", this.uploads);
    this.emit("failures", this.failures);
    this.emit("mappings", this.mappings);
    this.emit("duplicates", this.duplicates);
    this.emit("storage", this.storage);
    this.emit("data", { reason: "cleared" });
  }

  /** Resolves when every loaded file has been written to this browser's storage, and the engine kept for the next visit. */
  async saved(): Promise<void> {
    await Promise.allSettled(this.pendingSaves);
    await this.engine?.cached;
  }
}
