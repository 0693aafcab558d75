// What the explore page keeps in this browser, and only here: the files an
// analyst loaded (as Blobs in IndexedDB, with their name and load time) so a
// reload reads them again, and the confirmed header mappings (localStorage).
// A file is kept whole or not at all (one transaction each), under a key taken
// in that transaction, so two tabs never write over each other; the other tabs
// hear of each change (BroadcastChannel). What cannot be read back (corrupt
// records, another layout or version) is told, not skipped. clearAll() removes
// every trace.
import { parseSaved, type SavedMapping } from "./mapping.ts";

export interface StoredUpload {
  id: number;
  name: string;
  loadedAt: string;
  bytes: number;
  file: Blob;
}

/**
 * What was kept here and cannot be read back: records that are not uploads (corrupt), a database without the
 * uploads store (another, older layout) or of a later version than this page knows (newer). `ids` are the corrupt records.
 */
export interface StoreFault {
  kind: "corrupt" | "older" | "newer";
  count: number;
  ids: IDBValidKey[];
}

export interface StoreRead {
  uploads: StoredUpload[];
  fault?: StoreFault;
}

/** A change other tabs of this page are told of (BroadcastChannel): a file kept, one removed, everything cleared. */
export type StoreChange = { kind: "saved"; name: string } | { kind: "removed"; name: string } | { kind: "cleared" };

const DB = "jixiao-explore";
const VERSION = 1;
const STORE = "uploads";
const MAPPINGS = "jixiao.explore.mappings";
const CHANNEL = "jixiao-explore-store";

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => {
      // A tab that deletes the database (clearAll) is not kept waiting by this one.
      req.result.onversionchange = () => req.result.close();
      ok(req.result);
    };
    req.onerror = () => fail(req.error);
  });
}

/** One transaction over the uploads store; resolves with `work`'s result once the transaction has committed. */
async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore, done: (v: T) => void) => void): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((ok, fail) => {
      const t = db.transaction(STORE, mode);
      let out: T;
      work(t.objectStore(STORE), (v) => (out = v));
      t.oncomplete = () => ok(out);
      // A request's error aborts the transaction: the abort's error (QuotaExceededError, ConstraintError …) is told.
      t.onabort = () => fail(t.error ?? new DOMException("transaction aborted", "AbortError"));
    });
  } finally {
    db.close();
  }
}

const isUpload = (r: unknown): r is StoredUpload => {
  const u = r as StoredUpload;
  return typeof u === "object" && u !== null && Number.isSafeInteger(u.id) && u.id > 0 && typeof u.name === "string" && u.name !== "" &&
    typeof u.loadedAt === "string" && u.file instanceof Blob && u.file.size === u.bytes;
};

const exists = async () => typeof indexedDB.databases !== "function" || (await indexedDB.databases()).some((d) => d.name === DB);

/** The stored uploads, and what of the store cannot be read; a browser that has none is not given an empty database. */
export async function readStore(): Promise<StoreRead> {
  if (!(await exists())) return { uploads: [] };
  let db: IDBDatabase;
  try {
    db = await open();
  } catch (e) {
    if ((e as DOMException)?.name === "VersionError") return { uploads: [], fault: { kind: "newer", count: 0, ids: [] } };
    throw e;
  }
  const hasStore = db.objectStoreNames.contains(STORE);
  db.close();
  if (!hasStore) return { uploads: [], fault: { kind: "older", count: 0, ids: [] } };
  const all = await tx<{ key: IDBValidKey; value: unknown }[]>("readonly", (s, done) => {
    const rows: { key: IDBValidKey; value: unknown }[] = [];
    const cursor = s.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return done(rows);
      rows.push({ key: c.primaryKey, value: c.value });
      c.continue();
    };
  });
  const uploads = all.map((r) => r.value).filter(isUpload).sort((a, b) => a.id - b.id);
  const bad = all.filter((r) => !isUpload(r.value)).map((r) => r.key);
  return bad.length ? { uploads, fault: { kind: "corrupt", count: bad.length, ids: bad } } : { uploads };
}

/**
 * Keeps an upload, whole or not at all (one transaction), under a key no other tab has: the next after the largest
 * kept, taken in the same transaction (readwrite transactions on one store run one after another, across tabs too).
 */
export async function saveUpload(u: Omit<StoredUpload, "id">): Promise<number> {
  const id = await tx<number>("readwrite", (s, done) => {
    const last = s.openKeyCursor(null, "prev");
    last.onsuccess = () => {
      const next = (typeof last.result?.key === "number" ? last.result.key : 0) + 1;
      s.add({ ...u, id: next });
      done(next);
    };
  });
  tell({ kind: "saved", name: u.name });
  return id;
}

/** Removes a kept upload, if the record under `id` is still the one this page kept (another tab may have replaced it). */
export async function deleteUpload(id: number, expect: { name: string; loadedAt: string }): Promise<void> {
  await tx<void>("readwrite", (s) => {
    const get = s.get(id);
    get.onsuccess = () => {
      const r = get.result as StoredUpload | undefined;
      if (r && r.name === expect.name && r.loadedAt === expect.loadedAt) s.delete(id);
    };
  });
  tell({ kind: "removed", name: expect.name });
}

/** Removes what readStore() could not read: the corrupt records, or the whole database of another layout or version. */
export async function discardFault(fault: StoreFault): Promise<void> {
  if (fault.kind === "corrupt") {
    await tx<void>("readwrite", (s) => {
      for (const k of fault.ids) s.delete(k);
    });
  } else await deleteDatabase();
}

function deleteDatabase(): Promise<void> {
  return new Promise<void>((ok) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = req.onerror = req.onblocked = () => ok();
  });
}

let channel: BroadcastChannel | null = null;
const bus = () => (channel ??= typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null);

function tell(change: StoreChange) {
  try {
    bus()?.postMessage(change);
  } catch { /* a closed channel: no other tab to tell */ }
}

/** Calls `fn` when another tab of this page changes what is kept (this tab's own changes are not echoed back). */
export function onOtherTab(fn: (change: StoreChange) => void): void {
  bus()?.addEventListener("message", (e: MessageEvent<StoreChange>) => fn(e.data));
}

export function loadMappings(): Record<string, SavedMapping> {
  try {
    return parseSaved(localStorage.getItem(MAPPINGS));
  } catch {
    return {};
  }
}

export function saveMapping(m: SavedMapping): void {
  const all = loadMappings();
  all[m.signature] = m;
  try {
    localStorage.setItem(MAPPINGS, JSON.stringify(all));
  } catch { /* storage full or blocked: the mapping is asked again next time */ }
}

// The years the analyst gave forms that print none, by file name: a kept file is read with its year again on the next visit.
const FORM_YEARS = "jixiao.explore.formYears";

export function loadFormYears(): Record<string, number> {
  try {
    const all = JSON.parse(localStorage.getItem(FORM_YEARS) ?? "{}") as Record<string, unknown>;
    return Object.fromEntries(Object.entries(all).filter((e): e is [string, number] => Number.isInteger(e[1]) && (e[1] as number) >= 1900 && (e[1] as number) < 2100));
  } catch {
    return {};
  }
}

export function saveFormYear(name: string, year: number): void {
  try {
    localStorage.setItem(FORM_YEARS, JSON.stringify({ ...loadFormYears(), [name]: year }));
  } catch { /* storage full or blocked: the year is asked again next time */ }
}

// The files this tab is importing, in its sessionStorage (a reload keeps it, another tab has its own): one left
// there at the next load was cut off by a reload before it was kept.
const IMPORTING = "jixiao.explore.importing";

function importing(): { ticket: string; name: string }[] {
  try {
    const list = JSON.parse(sessionStorage.getItem(IMPORTING) ?? "[]");
    return Array.isArray(list) ? list.filter((x) => typeof x?.ticket === "string" && typeof x?.name === "string") : [];
  } catch {
    return [];
  }
}

function setImporting(list: { ticket: string; name: string }[]) {
  try {
    if (list.length) sessionStorage.setItem(IMPORTING, JSON.stringify(list));
    else sessionStorage.removeItem(IMPORTING);
  } catch { /* blocked storage: a cut import goes untold */ }
}

/** Notes that a file's import begins; the ticket ends it (importDone). */
export function importBegins(name: string): string {
  const ticket = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  setImporting([...importing(), { ticket, name }]);
  return ticket;
}

export function importDone(ticket: string): void {
  setImporting(importing().filter((x) => x.ticket !== ticket));
}

/** The files whose import a reload of this tab cut off, once (the list is emptied). */
export function takeCutImports(): string[] {
  const names = importing().map((x) => x.name);
  setImporting([]);
  return names;
}

/** Removes every uploaded file, saved mapping and given year from this browser. */
export async function clearAll(): Promise<void> {
  try {
    localStorage.removeItem(MAPPINGS);
    localStorage.removeItem(FORM_YEARS);
  } catch { /* blocked storage holds nothing */ }
  await deleteDatabase();
  tell({ kind: "cleared" });
}
