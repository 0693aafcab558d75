// The header-mapping step: when a table's headers are not all known, suggest a
// canonical column for each (from the header synonyms of src/core/canonical.ts),
// let the analyst confirm, and remember the answer by the file's header
// signature so the same export is read without asking next time.
import { COLUMNS, SYNONYMS, mapHeader, type HeaderMap, type TableName } from "../core/canonical.ts";

/** Header cell → canonical column ("" = ignore this column). */
export type ColumnChoice = Record<string, string>;

export interface SavedMapping {
  signature: string;
  table: TableName;
  columns: ColumnChoice;
  savedAt: string;
}

export interface Suggestion {
  header: string;
  /** Canonical column suggested, or "" for none. */
  column: string;
  /** exact: a known synonym; guess: a synonym is part of the header (or the reverse); none. */
  confidence: "exact" | "guess" | "none";
}

/** Header names compared as the core compares them: no BOM, spaces or underscores, lower case. */
export const normHeader = (h: string) => h.replace(/^\uFEFF/, "").replace(/[\s_]/g, "").toLowerCase();

const EXACT = new Map<string, string>();
const PAIRS: [string, string][] = [];
for (const [col, names] of Object.entries(SYNONYMS)) {
  for (const n of names) {
    EXACT.set(normHeader(n), col);
    PAIRS.push([normHeader(n), col]);
  }
}
// Longest synonyms first, so 三级指标名称 wins over 指标名称-like shorter ones.
PAIRS.sort((a, b) => b[0].length - a[0].length);

/** Canonical columns an analyst can choose from, in table order, without repeats. */
export const CHOOSABLE: readonly string[] = [...new Set(Object.values(COLUMNS).flat())].filter((c) => c in SYNONYMS);

/** The identity of a header row, independent of spacing and case. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(normHeader).join("\u001f");
}

/** One suggestion per header cell. A column is suggested once; later cells that want it get none. */
export function suggestMapping(headers: readonly string[]): Suggestion[] {
  const taken = new Set<string>();
  const first = headers.map((h) => {
    const n = normHeader(h);
    const col = EXACT.get(n);
    if (col && !taken.has(col)) {
      taken.add(col);
      return { header: h, column: col, confidence: "exact" as const };
    }
    return null;
  });
  return headers.map((h, i) => {
    if (first[i]) return first[i]!;
    const n = normHeader(h);
    if (n.length >= 2) {
      const hit = PAIRS.find(([syn, col]) => !taken.has(col) && syn.length >= 2 && (n.includes(syn) || syn.includes(n)));
      if (hit) {
        taken.add(hit[1]);
        return { header: h, column: hit[1], confidence: "guess" as const };
      }
    }
    return { header: h, column: "", confidence: "none" as const };
  });
}

/** The table the chosen columns make (as mapHeader decides it), or null. */
export function tableOf(choice: readonly string[]): TableName | null {
  return mapHeader(choice.map((c) => c || "\u0000ignored"))?.table ?? null;
}

/** A HeaderMap (what readCanonical takes) from the analyst's choice for each header position. */
export function headerMapFrom(headers: readonly string[], columns: ColumnChoice): HeaderMap | null {
  const chosen = headers.map((h) => columns[h] ?? "");
  const table = tableOf(chosen);
  if (!table) return null;
  const index: Partial<Record<string, number>> = {};
  const unknown: string[] = [];
  chosen.forEach((c, i) => {
    if (c && index[c] === undefined) index[c] = i;
    else if (headers[i].trim() !== "") unknown.push(headers[i].trim());
  });
  return { table, index, unknown };
}

/** Whether a header row needs the analyst: no table can be told from it, or some headers are unknown. */
export function needsMapping(headers: readonly string[]): boolean {
  const m = mapHeader(headers);
  return !m || m.unknown.length > 0;
}

/** Saved mappings, as kept in localStorage (a JSON object keyed by signature). */
export function parseSaved(json: string | null): Record<string, SavedMapping> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as Record<string, SavedMapping>;
    return typeof v === "object" && v && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
