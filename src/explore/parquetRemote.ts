// The published Parquet tables (dist/data/parquet/, src/query/parquet.ts) read
// by HTTP range requests, without downloading them (issue #19, docs/scale.md
// "Range requests"): the manifest names the files, each file's footer gives its
// row groups' min/max unit_id (every file is sorted by unit_id), and only the row
// groups that can hold the unit asked for are fetched. hyparquet decodes them
// (pure JavaScript; DuckDB-wasm 1.32 has no Parquet reader without a CDN). The
// rows come back as canonical CSV text, which the workspace loads as it loads the
// site's published CSV files. DOM-free: it runs in Node against scripts/serve.ts.
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { decompressZstd } from "hyparquet-compressors";
import { COLUMNS, toCsv, type TableName } from "../core/canonical.ts";
import type { Manifest, ManifestFile } from "../query/parquet.ts";

type Fetch = typeof globalThis.fetch;

/**
 * The build writes zstd (src/query/parquet.ts); snappy and uncompressed are hyparquet's own. Only zstd is taken
 * from hyparquet-compressors, so its brotli, gzip and lz4 decoders stay out of the page's chunk.
 */
const compressors = { ZSTD: (input: Uint8Array, outputLength: number) => decompressZstd(input, new Uint8Array(outputLength)) };

/** Thrown when a host answers a range request with the whole file, or without Content-Range. */
export class RangesIgnored extends Error {
  readonly url: string;
  readonly status: number;
  readonly contentRange: string | null;
  constructor(url: string, status: number, contentRange: string | null) {
    super(`ranges ignored: ${url} answered ${status}${contentRange ? ` (${contentRange})` : " without Content-Range"}`);
    this.name = "RangesIgnored";
    this.url = url;
    this.status = status;
    this.contentRange = contentRange;
  }
}

/** Counts what the module's requests transferred: response body bytes read, and requests made. */
export interface Traffic {
  bytes: number;
  requests: number;
}

/** A fetch that counts the body bytes it reads into `traffic`. */
function counting(fetchFn: Fetch, traffic: Traffic) {
  return async (url: string, init?: RequestInit): Promise<{ res: Response; body: () => Promise<ArrayBuffer> }> => {
    traffic.requests++;
    const res = await fetchFn(url, init);
    return {
      res,
      body: async () => {
        const b = await res.arrayBuffer();
        traffic.bytes += b.byteLength;
        return b;
      },
    };
  };
}

/**
 * Whether the host answers byte ranges: asks `Range: bytes=0-7` of url. A 206 with
 * Content-Range is yes; a 200 (the whole file) or no Content-Range is no, and its
 * body is not read (the request is cancelled), so nothing is downloaded whole.
 */
export async function probeRanges(url: string, fetchFn: Fetch = globalThis.fetch, traffic: Traffic = { bytes: 0, requests: 0 }): Promise<{ ok: true } | { ok: false; status: number; contentRange: string | null }> {
  const res = await counting(fetchFn, traffic)(url, { headers: { Range: "bytes=0-7" } });
  const contentRange = res.res.headers.get("content-range");
  if (res.res.status === 206 && contentRange && /^bytes 0-7\/\d+$/.test(contentRange)) {
    await res.body();
    return { ok: true };
  }
  await res.res.body?.cancel().catch(() => {});
  return { ok: false, status: res.res.status, contentRange };
}

/** A file read by ranges only: a range answered otherwise than 206 throws RangesIgnored (never the whole file silently). */
function rangeBuffer(url: string, byteLength: number, fetchFn: Fetch, traffic: Traffic): AsyncBuffer {
  const get = counting(fetchFn, traffic);
  return {
    byteLength,
    async slice(start: number, end?: number) {
      const last = (end ?? byteLength) - 1;
      const r = await get(url, { headers: { Range: `bytes=${start}-${last}` } });
      const cr = r.res.headers.get("content-range");
      if (r.res.status !== 206 || !cr) {
        await r.res.body?.cancel().catch(() => {});
        throw new RangesIgnored(url, r.res.status, cr);
      }
      const b = await r.body();
      if (b.byteLength !== last - start + 1) throw new Error(`parquet: ${url} sent ${b.byteLength} bytes for ${start}-${last}`);
      return b;
    },
  };
}

export interface Published {
  /** The folder's URL, ending in "/". */
  base: string;
  manifest: Manifest;
  fetch: Fetch;
  traffic: Traffic;
}

/** Reads the manifest of a published Parquet folder (e.g. `/data/parquet/`). */
export async function openPublished(base: string, fetchFn: Fetch = globalThis.fetch, traffic: Traffic = { bytes: 0, requests: 0 }): Promise<Published> {
  const root = base.endsWith("/") ? base : `${base}/`;
  const r = await counting(fetchFn, traffic)(new URL("manifest.json", root).href);
  if (!r.res.ok) throw new Error(`parquet: ${new URL("manifest.json", root).href} answered ${r.res.status}`);
  const manifest = JSON.parse(new TextDecoder().decode(await r.body())) as Manifest;
  if (manifest.format !== "jixiao-parquet/1" || !Array.isArray(manifest.files)) throw new Error("parquet: not a jixiao-parquet/1 manifest");
  for (const f of manifest.files) if (f.path.split("/").some((p) => p === ".." || p === "") || /^[a-z]+:|^\//i.test(f.path)) throw new Error(`parquet: a manifest path outside its folder: ${f.path}`);
  return { base: root, manifest, fetch: fetchFn, traffic };
}

/** The years the manifest has files for, latest first. */
export function publishedYears(p: Published): number[] {
  return [...new Set(p.manifest.files.map((f) => f.fiscal_year).filter((y): y is number => y !== null))].sort((a, b) => b - a);
}

/** Probes the first file of the manifest (see probeRanges). */
export function probePublished(p: Published) {
  const f = p.manifest.files[0];
  if (!f) throw new Error("parquet: the manifest lists no files");
  return probeRanges(new URL(f.path, p.base).href, p.fetch, p.traffic);
}

/** Footer of a file, and the patched schema that keeps DECIMAL columns as exact integers (hyparquet would make them floats). */
async function footer(p: Published, f: ManifestFile) {
  const file = rangeBuffer(new URL(f.path, p.base).href, f.bytes, p.fetch, p.traffic);
  // A footer of a few row groups × ~20 columns is a few KB; a larger one is fetched again whole.
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: 16 * 1024 });
  const scales = new Map<string, number>();
  const schema = metadata.schema.map((e) => {
    if (e.converted_type !== "DECIMAL" && e.logical_type?.type !== "DECIMAL") return e;
    scales.set(e.name, e.scale ?? 0);
    return { ...e, converted_type: undefined, logical_type: undefined };
  });
  return { file, metadata: { ...metadata, schema } as FileMetaData, scales };
}

/** A signed big-endian two's-complement integer (a FIXED_LEN_BYTE_ARRAY decimal). */
function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = v * 256n + BigInt(x);
  return b.length && b[0]! >= 128 ? v - (1n << BigInt(b.length * 8)) : v;
}

/** An unscaled decimal as exact text: 123450n at scale 2 → "1234.50". */
function decimalText(v: bigint, scale: number): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(scale + 1, "0");
  return (neg ? "-" : "") + (scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s);
}

function cell(v: unknown, scale: number | undefined): string {
  if (v === null || v === undefined) return "";
  if (scale !== undefined) {
    const n = v instanceof Uint8Array ? bytesToBigInt(v) : typeof v === "bigint" ? v : BigInt(v as number);
    return decimalText(n, scale);
  }
  if (typeof v === "string") return v;
  if (typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return String(v);
  throw new Error(`parquet: a value of type ${Object.prototype.toString.call(v)} in a canonical table`);
}

/** The row groups of a file (first row, rows) whose unit_id min/max can hold id; a group without statistics is kept. */
export function groupsFor(metadata: FileMetaData, id: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const g of metadata.row_groups) {
    const rows = Number(g.num_rows);
    const col = g.columns.find((c) => c.meta_data?.path_in_schema.join(".") === "unit_id");
    const st = col?.meta_data?.statistics;
    const min = st?.min_value ?? st?.min;
    const max = st?.max_value ?? st?.max;
    const may = typeof min !== "string" || typeof max !== "string" || (min <= id && id <= max);
    if (may && rows > 0) {
      const last = out.at(-1);
      if (last && last.end === start) last.end = start + rows;
      else out.push({ start, end: start + rows });
    }
    start += rows;
  }
  return out;
}

export interface UnitRead {
  /** Each table's rows of the unit, as canonical CSV cells (fiscal_year from the folder name). */
  rows: Partial<Record<TableName, Record<string, string>[]>>;
  /** Row groups read and in all, over the files read. */
  groups: { read: number; total: number };
  files: number;
}

/** Reads every table's rows of one unit (its unit_id), in one year or every year, by range requests. */
export function readUnit(p: Published, unitId: string, year: number | null): Promise<UnitRead> {
  return readRows(p, year, unitId);
}

/** Reads every table's rows of every unit of one year (the year's partition files, whole): what “compare with the published units” loads. */
export function readYear(p: Published, year: number): Promise<UnitRead> {
  return readRows(p, year, null);
}

async function readRows(p: Published, year: number | null, unitId: string | null): Promise<UnitRead> {
  const rows: UnitRead["rows"] = {};
  const groups = { read: 0, total: 0 };
  const files = p.manifest.files.filter((f) => year === null || f.fiscal_year === year);
  for (const f of files) {
    const columns = COLUMNS[f.table];
    if (!columns) continue;
    const { file, metadata, scales } = await footer(p, f);
    const spans = unitId === null ? [{ start: 0, end: metadata.row_groups.reduce((n, g) => n + Number(g.num_rows), 0) }] : groupsFor(metadata, unitId);
    groups.total += metadata.row_groups.length;
    let start = 0;
    for (const g of metadata.row_groups) {
      const end = start + Number(g.num_rows);
      if (spans.some((s) => s.start < end && start < s.end)) groups.read++;
      start = end;
    }
    const have = new Set(metadata.schema.map((e) => e.name));
    for (const s of spans) {
      if (s.end <= s.start) continue;
      const objs = await parquetReadObjects({ file, metadata, rowStart: s.start, rowEnd: s.end, compressors, columns: columns.filter((c) => have.has(c)) });
      for (const o of objs) {
        if (unitId !== null && o.unit_id !== unitId) continue;
        const row: Record<string, string> = {};
        for (const c of columns) row[c] = c === "fiscal_year" && !have.has(c) ? String(f.fiscal_year ?? "") : cell(o[c], scales.get(c));
        (rows[f.table] ??= []).push(row);
      }
    }
  }
  return { rows, groups, files: files.length };
}

/** The units of one year (id, name, status), read from the units table's id and name columns only. */
export async function listUnits(p: Published, year: number): Promise<{ unit_id: string; unit_name: string; data_status: string }[]> {
  const out: { unit_id: string; unit_name: string; data_status: string }[] = [];
  for (const f of p.manifest.files.filter((x) => x.table === "units" && x.fiscal_year === year)) {
    const { file, metadata } = await footer(p, f);
    const objs = await parquetReadObjects({ file, metadata, compressors, columns: ["unit_id", "unit_name", "data_status"] });
    for (const o of objs) out.push({ unit_id: cell(o.unit_id, undefined), unit_name: cell(o.unit_name, undefined), data_status: cell(o.data_status, undefined) });
  }
  return out;
}

/** A unit's rows as canonical CSV files (name, text), one per table that has rows: what the workspace loads. */
export function unitCsvFiles(read: UnitRead, label: string): { name: string; text: string }[] {
  return (Object.entries(read.rows) as [TableName, Record<string, string>[]][])
    .filter(([, r]) => r.length)
    .map(([table, r]) => ({ name: `${table}.${label}.csv`, text: toCsv(table, r) }));
}
