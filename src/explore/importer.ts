// What the import worker does with one file, DOM-free so it is unit-tested in
// Node: decide the route (core importer, bulk CSV through DuckDB, or "ask the
// analyst for a header mapping"), run the core importer, and turn its Dataset
// into canonical CSV text per table plus the parsed-target lookup — the shape the
// page loads into DuckDB with read_csv, never row by row.
import { mapHeader, readCanonical, tableRows, toCsv, COLUMNS, type TableName } from "../core/canonical.ts";
import { decodeBytes, type Encoding } from "../core/decode.ts";
import { importFile, looksLikeAnyForm, mergeDatasets, readSheet } from "../core/import.ts";
import { ImportError, type Dataset, type Finding, type ParsedTarget } from "../core/model.ts";
import { runChecks } from "../core/checks.ts";
import { finding, findingTexts } from "../core/findingText.ts";
import { dedupeFindings, dedupeLoads, dropRepeatedLines, type LoadedFile } from "../core/dedupe.ts";
import { detectDelimiter, parseDelimited, type Delimiter, type TableRecord } from "../core/table.ts";
import { parseTarget } from "../core/target.ts";
import { plainText } from "../core/text.ts";
import { unitId, indicatorId } from "../core/ids.ts";
import { looksLikeMapping, readMapping, type MappingRow } from "../core/mapping.ts";
import type { Lang } from "../i18n/i18n-explore.ts";
import { t } from "../i18n/messages.ts";
import { isZip } from "../core/workbook.ts";
import { headerMapFrom, headerSignature, needsMapping, suggestMapping, type SavedMapping, type Suggestion } from "./mapping.ts";

/** Canonical CSVs at least this big go through DuckDB's read_csv instead of the JavaScript importer. */
export const BULK_MIN_BYTES = 4 * 1024 * 1024;
/** How much of a file is read to decide its route. */
export const HEAD_BYTES = 64 * 1024;

/** A problem to list under the file: severity, Chinese message (and English), where. */
export interface Problem {
  severity: Finding["severity"];
  code: string;
  message: string;
  messageEn?: string;
  file: string;
  row?: number;
  column?: number;
}

/** One header row the analyst is asked to map (a file, or one sheet of a workbook). */
export interface MappingRequest {
  /** File (or file!sheet) the header belongs to. */
  part: string;
  signature: string;
  headers: string[];
  suggestions: Suggestion[];
}

export interface Loaded {
  /** Canonical CSV text per table that has rows. */
  tables: Partial<Record<TableName, { csv: string; rows: number }>>;
  /** target, fiscal_year → parsed columns, for every distinct target in the file. */
  lookup: { csv: string; rows: number };
  problems: Problem[];
  /** Findings by severity (all of them, while `problems` is capped). */
  counts: Record<Finding["severity"], number>;
  /** The parts read: the file, or each sheet of a workbook. */
  parts: string[];
}

export interface BulkPlan {
  delimiter: Delimiter;
  /** Canonical column → 0-based position in the file. */
  index: Partial<Record<string, number>>;
  columnCount: number;
  unknown: string[];
  headerRow: number;
}

export const MAX_PROBLEMS = 200;

/** A finding as the page lists it under its file, its text rendered in both languages (a Problem crosses the worker boundary as plain data). */
const problemOf = (f: Finding): Problem => {
  const text = findingTexts(f);
  return { severity: f.severity, code: f.code, message: text.zh, messageEn: text.en, file: f.location.file, row: f.location.row, column: f.location.column };
};

/** Bytes of the head of a file cut at its last line end, so no character is split. */
export function wholeLines(head: Uint8Array): Uint8Array {
  const last = head.lastIndexOf(0x0a);
  return last > 0 ? head.subarray(0, last + 1) : head;
}

export { isZip } from "../core/workbook.ts";

/**
 * Whether a file goes through DuckDB's read_csv: a UTF-8 canonical indicators
 * CSV, large enough for JavaScript parsing to matter, whose header needs no
 * mapping (or has a saved one). Anything else goes through the core importer.
 */
export function bulkPlan(name: string, size: number, head: Uint8Array, saved: Record<string, SavedMapping> = {}): BulkPlan | null {
  if (size < BULK_MIN_BYTES || isZip(head) || !/\.(csv|txt|tsv)$/i.test(name)) return null;
  let text: string;
  let encoding: Encoding;
  try {
    ({ text, encoding } = decodeBytes(wholeLines(head), name));
  } catch {
    return null;
  }
  if (encoding !== "utf-8") return null;
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return null;
  const delimiter = detectDelimiter(text);
  const { records } = parseDelimited(text, delimiter);
  if (looksLikeAnyForm(records)) return null;
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  if (first !== 0) return null; // read_csv takes the header from the first line
  const headers = records[0].cells;
  const savedMap = saved[headerSignature(headers)];
  const header = savedMap ? headerMapFrom(headers, savedMap.columns) : needsMapping(headers) ? null : mapHeader(headers);
  if (!header || header.table !== "indicators") return null;
  if (header.index.fiscal_year === undefined || (header.index.unit_id === undefined && header.index.unit_name === undefined)) return null;
  return { delimiter, index: header.index, columnCount: headers.length, unknown: header.unknown, headerRow: records[0].row };
}

export { cellText, sheetRecords } from "../core/workbook.ts";

/** A manual indicator mapping file (docs/compare.md): rows for the year-over-year matching, not data. */
export interface IndicatorMap {
  rows: MappingRow[];
  problems: Problem[];
  counts: Record<Finding["severity"], number>;
}

type RecordsOutcome = { data: Dataset } | { mapping: MappingRequest };
type Outcome = RecordsOutcome | { indicatorMap: IndicatorMap };

/**
 * Records of one part (a delimited file or a sheet) → Dataset, as the core
 * importer reads them, except that a header the core cannot fully place is
 * either read with the analyst's saved mapping or sent back as a mapping request.
 */
export function importRecords(part: string, records: TableRecord[], saved: Record<string, SavedMapping>, extra: Finding[] = [], year?: number): RecordsOutcome {
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  if (first === -1) throw new ImportError(`${part}：文件没有内容`, `${part}: the file has no content`, { file: part });
  let data: Dataset;
  // As the core importer decides: a form, else a table.
  const form = readSheet(records, part, "declared", year === undefined ? {} : { year });
  if (form) data = form;
  else {
    const headers = records[first].cells;
    const signature = headerSignature(headers);
    const savedMap = saved[signature];
    const header = savedMap ? headerMapFrom(headers, savedMap.columns) : needsMapping(headers) ? null : mapHeader(headers);
    if (!header) return { mapping: { part, signature, headers: headers.map((h) => h.trim()), suggestions: suggestMapping(headers.map((h) => h.trim())) } };
    data = readCanonical(header, records.slice(first + 1), part);
    if (savedMap) {
      data.findings.unshift(finding("info", "explore.saved_mapping", {}, { file: part, row: records[first].row }));
    }
  }
  data.findings.unshift(...extra);
  // As importFile: a form pasted twice into one sheet counts each amount once.
  data = dropRepeatedLines(data);
  data.findings.push(...runChecks(data));
  return { data };
}

/**
 * The sheets of one workbook as one Dataset: a sheet that repeats rows of an
 * earlier sheet (a copied sheet) counts them once, told by load.duplicate_rows
 * naming both sheets — the core's dedupeLoads, as the CLI reads its files.
 */
export function mergeSheets(sheets: readonly LoadedFile[]): Dataset {
  const once = dedupeLoads(sheets);
  const data = mergeDatasets(once.parts);
  return { ...data, findings: dedupeFindings([...data.findings, ...once.findings]) };
}

/**
 * A text file (any encoding the core reads): the core importer itself when the
 * file is a form, JSON, or a table whose headers it knows; otherwise the mapping
 * step (a saved mapping, or a request to the analyst).
 */
export function importText(name: string, bytes: Uint8Array, saved: Record<string, SavedMapping>, year?: number): Outcome {
  const { text, findings } = decodeBytes(bytes, name);
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return { data: importFile(name, bytes) };
  // A form that prints no year is read with the year the analyst gave for this file (src/explore/store.ts formYears).
  const options = year === undefined ? {} : { year };
  const { records } = parseDelimited(text, detectDelimiter(text));
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  if (first !== -1 && looksLikeMapping(records[first].cells)) {
    const { rows, findings: notes } = readMapping(name, bytes);
    const all = [...findings, ...notes];
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of all) counts[f.severity]++;
    const problems = all.slice(0, MAX_PROBLEMS).map(problemOf);
    return { indicatorMap: { rows, problems, counts } };
  }
  if (first !== -1 && !looksLikeAnyForm(records)) {
    const headers = records[first].cells;
    if (saved[headerSignature(headers)] || needsMapping(headers)) return importRecords(name, records, saved, findings, year);
  }
  return { data: importFile(name, bytes, options) };
}

const LOOKUP_COLUMNS = ["target", "fiscal_year", "target_kind", "op", "value", "measure_unit", "direction", "deadline", "recognised"] as const;

function lookupCells(target: string, year: number, p: ParsedTarget): string[] {
  const q = p.kind === "quantitative" ? p : null;
  return [target, String(year), p.kind, q?.op ?? "", q?.value ?? "", q?.unit ?? "", q?.direction ?? "", p.kind === "deadline" ? p.date : "", p.kind === "qualitative" ? String(p.recognised) : ""];
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (cells: readonly string[]) => cells.map(csvCell).join(",");

/**
 * The target lookup as CSV: each distinct (target text, year) parsed once by the
 * core's grammar. The text is the key as stored; it is parsed as the importer
 * would read the cell (markup dropped, spaces collapsed).
 */
export function targetLookupCsv(items: Iterable<readonly [string, number]>): { csv: string; rows: number } {
  const lines = [LOOKUP_COLUMNS.join(",")];
  const seen = new Set<string>();
  for (const [target, year] of items) {
    const key = `${year}\u001f${target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(csvLine(lookupCells(target, year, parseTarget(plainText(target) || null, year))));
  }
  return { csv: lines.join("\r\n") + "\r\n", rows: seen.size };
}

export interface ShapeSample {
  shape: string;
  target: string;
  literal: string | null;
  n: number;
}

/** Characters that make a number part of a date (10月底前, 2026年底): such shapes are never filled by rule. */
const DATE_WORDS = /[年月日号季]/;

/**
 * Rules (shape → op, unit, direction) for the shapes whose samples all parse as
 * the same quantitative target with the shape's one number as value. A shape
 * with at most four targets gets no rule: its targets are parsed one by one anyway.
 */
export function shapeRulesCsv(samples: readonly ShapeSample[], mark: string): { csv: string; rules: number } {
  const byShape = new Map<string, ShapeSample[]>();
  for (const s of samples) byShape.set(s.shape, [...(byShape.get(s.shape) ?? []), s]);
  const lines = ["shape,op,measure_unit,direction"];
  for (const [shape, list] of byShape) {
    if (list[0].n <= 4 || shape.split(mark).length !== 2 || DATE_WORDS.test(shape)) continue;
    const parsed = list.map((s) => ({ s, p: parseTarget(plainText(s.target) || null, 2000) }));
    const first = parsed[0].p;
    if (first.kind !== "quantitative") continue;
    const same = parsed.every(({ s, p }) => p.kind === "quantitative" && p.op === first.op && p.unit === first.unit && p.direction === first.direction && p.value === s.literal);
    if (same) lines.push(csvLine([shape, first.op, first.unit ?? "", first.direction]));
  }
  return { csv: lines.join("\r\n") + "\r\n", rules: lines.length - 1 };
}

/** Unit ids for unit names (bulk files that name units without an id). */
export function unitIdCsv(names: Iterable<string>): string {
  return ["unit_name,unit_id", ...[...names].map((n) => csvLine([n, unitId(plainText(n))]))].join("\r\n") + "\r\n";
}

/** Indicator ids for (unit name, 一级, 二级, 三级) keys (bulk files without indicator_id). */
export function indicatorIdCsv(keys: Iterable<readonly [string, string, string, string | null]>): string {
  const lines = ["k_unit,k_level1,k_level2,k_name,indicator_id"];
  for (const [u, l1, l2, n] of keys) lines.push(csvLine([u, l1, l2, n ?? "", indicatorId(u, l1, l2, n)]));
  return lines.join("\r\n") + "\r\n";
}

/** A Dataset → what the page loads: canonical CSV per table, the target lookup, problems to list. */
export function toLoaded(data: Dataset, parts: string[]): Loaded {
  const rows = tableRows(data);
  const tables: Loaded["tables"] = {};
  for (const t of Object.keys(COLUMNS) as TableName[]) {
    const r = rows[t];
    if (r && r.length) tables[t] = { csv: toCsv(t, r), rows: r.length };
  }
  const lookup = targetLookupCsv(data.indicators.filter((i) => i.target !== null).map((i) => [i.target!, i.year] as const));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of data.findings) counts[f.severity]++;
  const order = { error: 0, warning: 1, info: 2 };
  const problems = data.findings
    .filter((f) => f.severity !== "info" || f.code.startsWith("canonical.") || f.code.startsWith("encoding.") || f.code.startsWith("explore."))
    .sort((a, b) => order[a.severity] - order[b.severity])
    .slice(0, MAX_PROBLEMS)
    .map(problemOf);
  return { tables, lookup, problems, counts, parts };
}

