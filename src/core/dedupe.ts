// Loading the same content twice must be told, never summed, and a round trip
// must add nothing. Two things repeat when files are read together:
// - a file given twice (the same bytes under two names) or the same rows in two
//   files (a form and its re-saved copy, a form and the canonical tables made
//   from it): the later copy is left out, with a finding that names both files;
// - findings stored in findings.csv (or a JSON export) that the checks derive
//   again when the tables are read back: one finding per code, place, subject
//   and message.
// A progress form's restated indicators beside their declaration are neither:
// they give way to it first (src/core/restated.ts).
// DOM-free; for mergeDatasets' callers that read several files.
import type { Dataset, Finding, Location } from "./model.ts";
import { finding, findingTexts, type FindingCode, type ParamsOf } from "./findingText.ts";
import { yieldRestated } from "./restated.ts";

/** One file as read: its name, its bytes (when known) and what the importer made of it. */
export interface LoadedFile {
  file: string;
  bytes?: Uint8Array;
  data: Dataset;
}

type RowTable = "units" | "budget" | "tasks" | "indicators" | "actuals" | "execution";
const ROW_TABLES: readonly RowTable[] = ["units", "budget", "tasks", "indicators", "actuals", "execution"];

/** The one test of “the same file”: the same bytes, whatever the name (the explore page compares its drops by it too). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** FNV-1a over the bytes: a cheap first test before comparing byte by byte. */
function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** What a row says, without where it was read from (source) or the id made from its position. */
function contentKey(table: RowTable, row: object): string {
  const { source: _s, id: _i, ...rest } = row as Record<string, unknown>;
  return `${table}\u0000${stable(rest)}`;
}

/** JSON with keys sorted (readers build the same row with its keys in different orders). */
function stable(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const placeKey = (l: Location) => `${l.file}\u0000${l.row ?? ""}`;

/**
 * Files read separately, each content once, ready for mergeDatasets: a file
 * whose bytes repeat an earlier one's is left out (`load.duplicate_file`); rows
 * of a later file that say exactly what rows of an earlier file say (the same
 * unit, year, item, amount, target …) are left out with the findings about them
 * (`load.duplicate_rows`). Rows repeated within one file are the reader's and
 * the checks' business, not this. The findings returned name both files.
 */
export function dedupeLoads(files: readonly LoadedFile[]): { parts: Dataset[]; findings: Finding[] } {
  const parts: Dataset[] = [];
  const notes: Finding[] = [];
  const byHash = new Map<number, LoadedFile[]>();
  const distinct = files.filter((f) => {
    if (!f.bytes) return true;
    const h = hashBytes(f.bytes);
    const earlier = (byHash.get(h) ?? []).find((e) => sameBytes(e.bytes!, f.bytes!));
    if (earlier) {
      notes.push(finding("warning", "load.duplicate_file", { earlier: earlier.file }, { file: f.file }));
      return false;
    }
    byHash.set(h, [...(byHash.get(h) ?? []), f]);
    return true;
  });
  // A progress form's restated indicators give way to their declaration first: they are not repeats of it.
  const restated = yieldRestated(distinct.map((f) => f.data));
  notes.push(...restated.findings);
  const seen = new Map<string, string>(); // content key → file it was first read from
  for (const [i, loaded] of distinct.entries()) {
    const f = { ...loaded, data: restated.parts[i] };
    const dropped = new Map<string, { count: number; first: Location }>(); // earlier file → rows left out
    const droppedIds = new Set<string>();
    const droppedPlaces = new Set<string>();
    const own = new Map<string, string>();
    const part: Dataset = { ...f.data };
    for (const table of ROW_TABLES) {
      const rows = f.data[table] as { source: Location; id?: string }[] | undefined;
      if (!rows) continue;
      const kept = rows.filter((r) => {
        const key = contentKey(table, r);
        const earlier = seen.get(key);
        if (earlier === undefined || earlier === f.file) {
          own.set(key, f.file);
          return true;
        }
        const d = dropped.get(earlier) ?? { count: 0, first: r.source };
        d.count++;
        dropped.set(earlier, d);
        if (r.id) droppedIds.add(r.id);
        droppedPlaces.add(placeKey(r.source));
        return false;
      });
      (part as unknown as Record<string, unknown>)[table] = kept;
    }
    for (const [k, v] of own) if (!seen.has(k)) seen.set(k, v);
    if (dropped.size) {
      // A whole copy takes every finding about its rows along (page breaks, markup …); a partial one those about the rows left out.
      const whole = own.size === 0;
      part.findings = f.data.findings.filter((x) =>
        whole ? x.location.row === undefined || x.location.file !== f.file
        : !(x.subject && droppedIds.has(x.subject)) && !(x.location.row !== undefined && droppedPlaces.has(placeKey(x.location))));
      for (const [earlier, d] of dropped) {
        notes.push(duplicateRowsFinding(d.count, earlier, { file: f.file, ...(d.first.file === f.file && d.first.row !== undefined ? { row: d.first.row } : {}) }));
      }
    }
    parts.push(part);
  }
  return { parts, findings: notes };
}

/** `load.duplicate_rows`: `count` rows of the file at `location` say what rows of `earlier` say; counted once. */
export function duplicateRowsFinding(count: number, earlier: string, location: Location): Finding {
  return finding("warning", "load.duplicate_rows", { variant: "rows", count, earlier }, location);
}

/**
 * `load.conflicting_rows`: `count` rows of a file loaded later are the same unit, year and item
 * (budget line, indicator, task …) as rows of `earlier` but say something else. The explore page
 * keeps the earlier load's rows and leaves these out, so no amount is summed twice.
 */
export function conflictingRowsFinding(count: number, earlier: string, location: Location): Finding {
  return finding("error", "load.conflicting_rows", { count, earlier }, location);
}

/**
 * One finding per severity, code, subject, file, row and message: a finding
 * read back from findings.csv and the same finding derived again by the checks
 * are one. Where only one of the two knows the column (canonical tables keep a
 * row's file and row, a form also its column), the one with the column stays,
 * at the first one's place in the list.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const out: (Finding | null)[] = [];
  const at = new Map<string, number[]>();
  for (const f of findings) {
    const text = findingTexts(f);
    const key = [f.severity, f.code, f.subject ?? "", f.location.file, f.location.row ?? "", text.zh, text.en].join("\u0000");
    const same = at.get(key) ?? [];
    const col = f.location.column;
    const hit = same.find((i) => {
      const c = out[i]!.location.column;
      return c === col || c === undefined || col === undefined;
    });
    if (hit === undefined) {
      at.set(key, [...same, out.length]);
      out.push(f);
    } else if (out[hit]!.location.column === undefined && col !== undefined) out[hit] = f;
  }
  return out as Finding[];
}

/**
 * Within one file: a budget or execution line that repeats an earlier one of
 * the same unit and year (the same kind, item and amounts — a form pasted twice
 * into one sheet) is left out with `load.duplicate_rows`, so no amount is summed
 * twice; the same item twice with other amounts stays, with `budget.repeated_item`
 * (which of the two is meant cannot be told).
 */
export function dropRepeatedLines(data: Dataset): Dataset {
  const findings: Finding[] = [];
  const note = <C extends FindingCode>(code: C, severity: Finding["severity"], params: ParamsOf<C>, location: Location, subject?: string) =>
    findings.push(finding(severity, code, params, location, subject));
  const earlierRow = (l: Location) => ({ firstRow: l.row ?? null, firstFile: l.file });
  const firstOf = new Map<string, { source: Location; amount: string }>();
  const budget = data.budget.filter((b) => {
    // A project's lines are the project's: two projects of one unit may each declare 年度资金总额.
    const key = `${b.unitId}\u0000${b.projectId ?? ""}\u0000${b.year}\u0000${b.kind}\u0000${b.item}`;
    const first = firstOf.get(key);
    if (!first) {
      firstOf.set(key, { source: b.source, amount: String(b.amountFen) });
      return true;
    }
    if (first.amount === String(b.amountFen)) {
      note("load.duplicate_rows", "warning", { variant: "budget", item: b.item, ...earlierRow(first.source) }, b.source, b.id);
      return false;
    }
    note("budget.repeated_item", "error", { item: b.item, ...earlierRow(first.source) }, b.source, b.id);
    return true;
  });
  const seenExec = new Map<string, Location>();
  const execution = data.execution?.filter((e) => {
    const key = [e.unitId, e.projectId ?? "", e.year, e.period, e.item, e.budgetInitialFen, e.budgetFullYearFen, e.executedFen].join("\u0000");
    const first = seenExec.get(key);
    if (!first) return seenExec.set(key, e.source), true;
    note("load.duplicate_rows", "warning", { variant: "execution", item: e.item, ...earlierRow(first) }, e.source);
    return false;
  });
  if (!findings.length) return data;
  return { ...data, budget, ...(execution ? { execution } : {}), findings: [...data.findings, ...findings] };
}
