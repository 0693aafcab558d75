// What the explore page keeps in this browser, and only here: the files an
// analyst loaded (as Blobs in IndexedDB, with their name and load time) so a
// reload reads them again, and the confirmed header mappings (localStorage).
// clearAll() removes every trace.
import { parseSaved, type SavedMapping } from "./mapping.ts";

export interface StoredUpload {
  id: number;
  name: string;
  loadedAt: string;
  bytes: number;
  file: Blob;
}

const DB = "jixiao-explore";
const STORE = "uploads";
const MAPPINGS = "jixiao.explore.mappings";

function open(): Promise<IDBDatabase> {
  return new Promise((ok, fail) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: "id" });
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((ok, fail) => {
      const t = db.transaction(STORE, mode);
      const req = work(t.objectStore(STORE));
      t.oncomplete = () => ok(req.result);
      t.onerror = () => fail(t.error);
      t.onabort = () => fail(t.error);
    });
  } finally {
    db.close();
  }
}

/** The stored uploads; a browser that has none is not given an empty database. */
export async function listUploads(): Promise<StoredUpload[]> {
  if (typeof indexedDB.databases === "function" && !(await indexedDB.databases()).some((d) => d.name === DB)) return [];
  return ((await tx("readonly", (s) => s.getAll())) as StoredUpload[]).sort((a, b) => a.id - b.id);
}

export const saveUpload = (u: StoredUpload) => tx("readwrite", (s) => s.put(u)).then(() => undefined);

export const deleteUpload = (id: number) => tx("readwrite", (s) => s.delete(id)).then(() => undefined);

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

/** Removes every uploaded file and saved mapping from this browser. */
export async function clearAll(): Promise<void> {
  try {
    localStorage.removeItem(MAPPINGS);
  } catch { /* blocked storage holds nothing */ }
  await new Promise<void>((ok) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = req.onerror = req.onblocked = () => ok();
  });
}
