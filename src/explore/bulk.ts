// The JavaScript half of the bulk route (a large canonical indicators CSV read
// by DuckDB's read_csv). SQL finds the few rows and keys that need the core's
// own functions — cells with markup or odd whitespace, unreadable years, the
// distinct ways an indicator can draw a reviewer's finding — and these
// functions answer with small CSVs that SQL writes back. DOM-free and
// engine-free: unit-tested in Node, run on the page's main thread.
import { readCanonical, writeParams, type HeaderMap } from "../core/canonical.ts";
import { checkIndicators, DECLARATION_CHECKS, EXPECTED_LEVEL1 } from "../core/checks.ts";
import { findingTexts } from "../core/findingText.ts";
import type { Finding, Indicator } from "../core/model.ts";
import { parseTarget, unitFamily } from "../core/target.ts";
import { plainText } from "../core/text.ts";
import { indicatorIdCsv, shapeRulesCsv, targetLookupCsv, unitIdCsv, type BulkPlan } from "./importer.ts";
import { applyFixSql, MAX_LITERAL_ROWIDS, BULK_BASE_SQL, BULK_UNITS_LATEST_SQL, BULK_FIX_FINDINGS_SQL, BULK_REPEATS_SQL, BULK_STAGE1_TABLES, bulkBaseSql, bulkOtherCellsSql, bulkCheckKeysSql, bulkDeclarationFindingsSql, bulkDedupeIdsSql, bulkIndicatorKeysSql, bulkKeyFindingsSql, bulkOrdSql, bulkSetIndicatorIdsSql, MEASURE_UNITS_SQL, bulkSetUnitIdsSql, bulkSourceRowSql, bulkStatsSql, bulkUnitNamesSql, bulkUnitRowsSql, bulkUnitsSql, bulkDeclarationsSql, BULK_TEMP_TABLES, CHECK_KEYS_SQL, dropTablesSql, insertShapeTargetsSql, pendingRowsSql, pendingTargetsSql, SHAPE_MARK, SHAPE_SAMPLES_SQL, shapeSamples, unruledTargetsSql } from "./bulkSql.ts";
import { missingTargetsSql, insertLookupSql } from "./sql.ts";

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csvLine = (cells: readonly (string | number | null | undefined)[]) => cells.map((c) => csvCell(c === null || c === undefined ? "" : String(c))).join(",");

// ---- One pass over the file's bytes, while DuckDB reads it: lines, and rows with odd text ----

/** Byte classes of the scanner (everything else is plain). */
const PLAIN = 0, QUOTE_B = 1, LF_B = 2, CR_B = 3, DELIM_B = 4, SPACE_B = 5, CTRL_B = 6, LT_B = 7, LEAD_B = 8;

/**
 * Reads a delimited file's bytes once and tells, per record as DuckDB's
 * read_csv numbers them (an empty line is no record; the header is record 0):
 *
 * - the line each record starts on, the way the core's tokenizer
 *   (src/core/table.ts) counts — quotes, CR, LF and CRLF, line breaks inside
 *   quoted cells — kept only where it stops being “header line + record
 *   number” (after a cell with a line break or an empty line): `changes`
 *   holds [record, line];
 * - the records whose text the core's plainText could change, or that hold
 *   a quoted empty cell: a space at a cell's start or end or next to another,
 *   a tab, line break or other control, a no-break, ideographic or other
 *   Unicode space, a BOM, “<” before a letter or “/”. A superset (any column,
 *   mapped or not): these rows are read again by the core. `odd` lists them.
 */
export function createLineCounter(delimiter: string) {
  const QUOTE = 34, LF = 10, CR = 13, SPACE = 32;
  const delim = delimiter.charCodeAt(0);
  const T = new Uint8Array(256);
  T[QUOTE] = QUOTE_B;
  T[LF] = LF_B;
  T[CR] = CR_B;
  T[SPACE] = SPACE_B;
  T[9] = T[11] = T[12] = CTRL_B;
  T[60] = LT_B;
  for (const b of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) T[b] = LEAD_B;
  T[delim] = DELIM_B;
  const isLetter = (b: number) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 47;
  // The state between chunks; push() works on local copies.
  const st = { inQuotes: false, quoteClosed: false, atCellStart: true, justOpened: false, content: false, odd: false, line: 1, recordRow: 1, record: 0, offset: Number.NaN, prev: -1, pendingCR: false };
  const changes: [number, number][] = [];
  const odd: number[] = [];
  return {
    /**
     * Reads bytes[0, limit): the bytes past `limit` are only looked at (a byte or two after a space, a “<”
     * or a UTF-8 lead), so a caller that hands them again at the start of the next chunk gets no
     * chunk-edge guesses. Returns where it stopped (limit, or limit + 1 after a CR LF).
     */
    push(bytes: Uint8Array, limit = bytes.length): number {
      let { inQuotes, quoteClosed, atCellStart, justOpened, content, odd: isOdd, line, recordRow, record, offset, prev } = st;
      let i = 0;
      const n = bytes.length;
      if (st.pendingCR && n > 0) {
        st.pendingCR = false;
        if (bytes[0] === LF) {
          prev = LF;
          i = 1;
        }
      }
      // A byte after i + k, or -1 past the chunk (then the check errs on the side of “odd”).
      const at = (k: number) => (i + k < n ? bytes[i + k] : -1);
      // Whether the UTF-8 sequence that starts at k is a no-break, ideographic or other Unicode space, a BOM, or runs past the chunk.
      const leadOdd = (k: number) => {
        const c = bytes[k], b1 = k + 1 < n ? bytes[k + 1] : -1, b2 = k + 2 < n ? bytes[k + 2] : -1;
        return b1 === -1 || (c === 0xc2 && b1 === 0xa0) || (c === 0xe1 && b1 === 0x9a) || (c === 0xef && b1 === 0xbb && (b2 === 0xbf || b2 === -1))
          || (c === 0xe3 && b1 === 0x80 && (b2 === 0x80 || b2 === -1)) || (c === 0xe2 && b1 === 0x81 && (b2 === 0x9f || b2 === -1))
          || (c === 0xe2 && b1 === 0x80 && (b2 === -1 || (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf));
      };
      for (; i < limit; i++) {
        const c = bytes[i];
        const t = T[c];
        if (t === PLAIN || t === DELIM_B) {
          // The hot path: a run of plain bytes and delimiters (most of a file). Inside quotes a
          // delimiter is plain text; outside, the run ends at a cell's start when its last byte is one.
          let j = i + 1;
          let last = t;
          for (; j < limit; j++) {
            const u = T[bytes[j]];
            if (u !== PLAIN && u !== DELIM_B) break;
            last = u;
          }
          if (!inQuotes) {
            content = true;
            atCellStart = last === DELIM_B;
            quoteClosed = false;
          }
          justOpened = false;
          prev = bytes[j - 1];
          i = j - 1;
          continue;
        }
        if (t === SPACE_B) {
          const next = at(1);
          if (prev === SPACE || prev === QUOTE || justOpened || (!inQuotes && atCellStart) || next === -1 || next === SPACE || next === QUOTE || next === LF || next === CR || (!inQuotes && next === delim)) isOdd = true;
        } else if (t === CTRL_B) isOdd = true;
        else if (t === LT_B) {
          const next = at(1);
          if (next === -1 || isLetter(next)) isOdd = true;
        } else if (t === LEAD_B && leadOdd(i)) isOdd = true;
        if (inQuotes) {
          if (t === QUOTE_B) {
            if (justOpened) isOdd = true; // "" or a quote right after the opening one
            inQuotes = false;
            quoteClosed = true;
          } else if (t === CR_B || (t === LF_B && prev !== CR)) {
            line++;
            isOdd = true;
          } else if (t === LF_B) isOdd = true;
          justOpened = false;
          prev = c;
          continue;
        }
        if (t === LF_B || t === CR_B) {
          // A line end outside quotes ends the record (an empty line is none for read_csv).
          if (content) {
            if (recordRow - record !== offset) {
              offset = recordRow - record;
              changes.push([record, recordRow]);
            }
            if (isOdd) odd.push(record);
            record++;
          }
          content = false;
          isOdd = false;
          atCellStart = true;
          quoteClosed = false;
          if (t === CR_B) {
            if (i + 1 < n) {
              if (bytes[i + 1] === LF) i++;
            } else st.pendingCR = true;
          }
          line++;
          recordRow = line;
          prev = bytes[i];
          continue;
        }
        content = true;
        justOpened = false;
        if (t === QUOTE_B) {
          if (quoteClosed) inQuotes = true;
          else if (atCellStart) {
            inQuotes = true;
            justOpened = true;
          }
          quoteClosed = false;
          atCellStart = false;
        } else if (t === DELIM_B) {
          atCellStart = true;
          quoteClosed = false;
        } else {
          atCellStart = false;
          quoteClosed = false;
        }
        prev = c;
      }
      Object.assign(st, { inQuotes, quoteClosed, atCellStart, justOpened, content, odd: isOdd, line, recordRow, record, offset, prev });
      return i;
    },
    end(): { changes: [number, number][]; odd: number[] } {
      if (st.content || st.inQuotes) {
        if (st.recordRow - st.record !== st.offset) changes.push([st.record, st.recordRow]);
        if (st.odd) odd.push(st.record);
        st.record++;
      }
      return { changes, odd };
    },
  };
}

/**
 * The line changes and odd records of a whole file, read as a stream into one
 * buffer used again and again (a BYOB reader, where the browser has one), so
 * that 200 MB passing through leave no 200 MB of chunks for the collector.
 * Every few MB the scan yields a task turn: a stream's chunks, once buffered,
 * resolve as microtasks and would keep the engine's replies waiting.
 */
export async function recordLines(file: Blob, delimiter: string, yieldEvery = 8 << 20): Promise<{ changes: [number, number][]; odd: number[] }> {
  const counter = createLineCounter(delimiter);
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = file.stream().getReader({ mode: "byob" });
  } catch {
    byob = null;
  }
  const plain = byob ? null : file.stream().getReader();
  // The last LOOKAHEAD bytes of a chunk are read with the next one (moved to the front of the buffer, which the next
  // read fills after them): a chunk's edge then never leaves the scan guessing, and marks no row to read again.
  const LOOKAHEAD = 2;
  let buffer = new ArrayBuffer(1 << 20);
  let carry = 0;
  let since = 0;
  for (;;) {
    const { done, value } = byob ? await byob.read(new Uint8Array(buffer, carry)) : await plain!.read();
    // A BYOB read hands the buffer back in its view, the last (done) one too.
    if (byob && value) buffer = value.buffer as ArrayBuffer;
    if (done || !value) break;
    let bytes: Uint8Array;
    if (byob) {
      bytes = new Uint8Array(buffer, 0, carry + value.length);
    } else {
      bytes = new Uint8Array(carry + value.length);
      bytes.set(new Uint8Array(buffer, 0, carry));
      bytes.set(value, carry);
    }
    const stop = counter.push(bytes, Math.max(0, bytes.length - LOOKAHEAD));
    carry = bytes.length - stop;
    new Uint8Array(buffer, 0, carry).set(bytes.subarray(stop)); // the same buffer when BYOB: set() copies overlapping bytes right
    since += value.length;
    if (since >= yieldEvery) {
      since = 0;
      await new Promise((ok) => setTimeout(ok, 0));
    }
  }
  if (carry) counter.push(new Uint8Array(buffer, 0, carry));
  return counter.end();
}

export const LINES_HEADER = "k,line";
export function linesCsv(changes: readonly [number, number][]): string {
  return [LINES_HEADER, ...changes.map((c) => csvLine(c))].join("\r\n") + "\r\n";
}

// ---- Rows that need the core's reading ----

/** A row as the SQL of pendingRowsSql gives it: raw text, its record number and line. */
export interface PendingRow {
  rn: number;
  line: number;
  /** “blank other cells” mark, then fiscal_year, ord, source_row, data_status, source_file as the file has them: \x1F-separated, \x1E for none. */
  pending: string;
  indicator_id: string | null;
  unit_id: string | null;
  unit_name: string | null;
  level1: string | null;
  level2: string | null;
  name: string | null;
  target: string | null;
  note: string | null;
}

export const FIX_COLUMNS = ["rn", "drop", "indicator_id", "unit_id", "unit_name", "fiscal_year", "ord", "level1", "level2", "name", "target", "note", "source_file", "source_row", "data_source"] as const;
export const FINDING_COLUMNS = ["k", "severity", "code", "message", "message_en", "params", "source_file", "source_row", "source_column", "subject"] as const;

/**
 * Reads pending rows exactly as the core importer reads a record
 * (readCanonical: plainText on every cell, the year rule, unit and indicator
 * ids): the values to write back, rows to drop (unreadable year, blank), and
 * the importer's findings for them. An `ord` or `source_row` the importer
 * would not take is left empty, for SQL to number.
 */
export function fixRowsCsv(plan: BulkPlan, file: string, rows: readonly PendingRow[]): { fix: string; findings: string; dropped: number } {
  const header: HeaderMap = { table: "indicators", index: plan.index, unknown: [] };
  const fix = [FIX_COLUMNS.join(",")];
  const findings = [FINDING_COLUMNS.join(",")];
  // The header's own finding (columns not recognised), as readCanonical writes it.
  for (const f of readCanonical({ ...header, unknown: plan.unknown }, [], file).findings) findings.push(findingLine(0, f));
  let dropped = 0;
  for (const r of rows) {
    const [mark, year, ord, sourceRow, status, sourceFile] = r.pending.split("\x1F").map((v) => (v === "\x1E" ? null : v));
    const raw: Record<string, string | null> = {
      indicator_id: r.indicator_id, unit_id: r.unit_id, unit_name: r.unit_name, level1: r.level1, level2: r.level2, name: r.name, target: r.target, note: r.note,
      fiscal_year: year, ord, source_row: sourceRow, data_status: status, source_file: sourceFile,
    };
    const cells: string[] = Array.from({ length: plan.columnCount }, () => "");
    for (const [col, i] of Object.entries(plan.index)) if (i !== undefined) cells[i] = raw[col] ?? "";
    // Cells of columns the header does not map count only for “is the row blank”.
    if (mark !== "b") {
      const other = cells.findIndex((_, i) => !Object.values(plan.index).includes(i));
      if (other >= 0) cells[other] = "x";
    }
    const data = readCanonical(header, [{ cells, row: r.line }], file);
    const ind = data.indicators[0];
    for (const f of data.findings) findings.push(findingLine(0, f));
    if (!ind) {
      dropped++;
      fix.push(csvLine([r.rn, 1, ...FIX_COLUMNS.slice(2).map(() => null)]));
      continue;
    }
    const clean = (s: string | null) => plainText(s ?? "") || null;
    fix.push(csvLine([
      r.rn, 0, ind.id, ind.unitId, clean(r.unit_name), ind.year, Number(clean(ord)) || null, ind.level1 || null, ind.level2 || null, ind.name, ind.target, ind.note,
      ind.source.file, Number(clean(sourceRow)) ? ind.source.row : null, clean(status) === "sample" ? "sample" : "declared",
    ]));
  }
  return { fix: fix.join("\r\n") + "\r\n", findings: findings.join("\r\n") + "\r\n", dropped };
}

function findingLine(k: number, f: Finding): string {
  const text = findingTexts(f);
  return csvLine([k, f.severity, f.code, text.zh, text.en, writeParams(f.params), f.location.file, f.location.row, f.location.column, f.subject]);
}

// ---- Reviewer's checks ----

/**
 * One distinct way an indicator can be checked: its groups, name, target and
 * year. The SQL (checkKeysSql) folds every quantitative target that cannot be
 * impossible or implausible and does not look like a formula into one key per
 * (groups, name, operator, unit): for those, the core's checks depend on nothing else.
 */
export interface CheckKey {
  k: number;
  level1: string | null;
  level2: string | null;
  name: string | null;
  target: string | null;
  fiscal_year: number;
}

/**
 * The core's per-indicator checks (checkIndicators) for each key, as findings
 * CSV keyed by k; SQL gives each finding to every row of its key, with the
 * row's own file, row and id. Each key is checked as a unit-year of its own, so
 * that the per-declaration checks (duplicate names, missing groups, done in SQL)
 * do not mix keys.
 */
export function checkKeysCsv(keys: readonly CheckKey[]): { csv: string; findings: number } {
  const indicators: Indicator[] = keys.map((key) => ({
    id: `k${key.k}`, unitId: `k${key.k}`, year: key.fiscal_year, order: 1, level1: key.level1 ?? "", level2: key.level2 ?? "", name: key.name, target: key.target,
    parsed: parseTarget(key.target, key.fiscal_year), note: null, source: { file: "", row: 0 },
  }));
  const lines = [FINDING_COLUMNS.join(",")];
  const perDeclaration = new Set<string>(Object.keys(DECLARATION_CHECKS));
  for (const f of checkIndicators({ units: [], budget: [], tasks: [], indicators, findings: [] })) {
    if (perDeclaration.has(f.code)) continue;
    lines.push(findingLine(Number(f.subject!.slice(1)), f));
  }
  return { csv: lines.join("\r\n") + "\r\n", findings: lines.length - 1 };
}

// ---- The whole route after read_csv, in two parts ----

/**
 * The rowids of records (record k is rowid base + k - 1, sql.ts bulkBaseSql), exactly: a transaction's
 * own rows have rowids past 2^53, so they are added up as BigInt and written as SQL literals.
 */
function rowids(base: string | null): (ks: readonly number[]) => string[] {
  if (base === null) return () => []; // no row was read
  const b = BigInt(base);
  return (ks) => ks.map((k) => (b + BigInt(k) - 1n).toString());
}

/** Rows left to number or to derive, the rows there are, and the unit of the first (sql.ts bulkStatsSql). */
interface BulkCounts { n: number; no_ord: number; no_row: number; no_unit: number; no_id: number; first_unit: string | null }

/** What the bulk route needs of an engine: statements, rows, and text that read_csv can read by a name. */
export interface BulkDb {
  run(sql: string): Promise<unknown>;
  query<T>(sql: string): Promise<T[]>;
  /** Makes `text` readable by read_csv; returns the name to read it by. */
  text(name: string, text: string): Promise<string>;
}

export type BulkStep = "fix" | "unitIds" | "indicatorIds" | "shapes" | "units";

/**
 * The first part, everything after the INSERT of bulkInsertSql that the
 * dashboards show, in the load's transaction: the core reads the pending rows,
 * rows without ord/source_row/ids get the importer's, and the unit the
 * dashboards open on (`first`: the unit of the file's first row, in its latest
 * year) gets its unit rows and its targets' parse, in every year. Its rows are
 * then as the importer gives them but for the `-2` suffixes of repeated ids.
 * The page shows the first unit's dashboards here, still in the transaction,
 * then runs bulkUnitRows (every unit-year's unit row), commits, and runs
 * checkBulk; the tests run this same sequence. A clean file (no row set aside
 * by the INSERT or marked by the scan) costs one scan of its rows here besides
 * the first unit's: every kind of statement on this path runs the engine's code
 * for the first time, compiled while it runs.
 */
export async function finishBulk(db: BulkDb, plan: BulkPlan, csv: string, file: string, id: number, scan: { changes: [number, number][]; odd: number[] }, step: (s: BulkStep) => void = () => {}): Promise<{ pending: number; dropped: number; rows: number; first: { unitId: string; year: number } | null }> {
  const oddCsv = ["k", ...scan.odd.map(String)].join("\r\n") + "\r\n";
  // Statements that give nothing back go to the engine together: one round trip each otherwise.
  await db.run(bulkBaseSql(id, await db.text("lines.csv", linesCsv(scan.changes)), await db.text("odd.csv", oddCsv)).join(";\n"));
  step("fix");
  const [base] = await db.query<BulkCounts & { base: string | null; pending: number }>(BULK_BASE_SQL);
  const rowidsOf = rowids(base.base);
  const pending = base.pending > 0 || scan.odd.length > 0
    ? await db.query<PendingRow>(pendingRowsSql(plan, id, file, scan.odd.length <= MAX_LITERAL_ROWIDS ? rowidsOf(scan.odd) : null)) : [];
  // A row whose mapped cells are all blank is skipped silently by the importer only when its other cells are blank too.
  const mapped = new Set(Object.values(plan.index));
  const blank = pending.filter((r) => [r.indicator_id, r.unit_id, r.unit_name, r.level1, r.level2, r.name, r.target, r.note, ...r.pending.split("\x1F").slice(1)]
    .every((v) => v === null || v === "\x1E" || v.trim() === "")).map((r) => r.rn);
  if (blank.length && mapped.size < plan.columnCount) {
    const others = new Set((await db.query<{ k: number }>(bulkOtherCellsSql(plan, csv, blank))).map((r) => r.k));
    for (const r of pending) if (others.has(r.rn)) r.pending = `x${r.pending.slice(1)}`;
  }
  // Written even with no row to fix: bulk_fix_findings holds the header's finding for the checks.
  const fixed = fixRowsCsv(plan, file, pending);
  const fixRowids = pending.length <= MAX_LITERAL_ROWIDS ? rowidsOf(pending.map((r) => r.rn)) : null;
  await db.run(applyFixSql(id, await db.text("fix.csv", fixed.fix), await db.text("fix-findings.csv", fixed.findings), fixRowids).join(";\n"));
  // bulk_base's counts hold unless the core changed rows.
  let stats: BulkCounts = pending.length ? (await db.query<BulkCounts>(bulkStatsSql(id)))[0] : base;
  const noOrdColumn = plan.index.ord === undefined;
  if (stats.no_ord > 0 || (noOrdColumn && fixed.dropped > 0)) await db.run(bulkOrdSql(id, noOrdColumn && fixed.dropped > 0));
  // The first record from which lines stop being "header + record number" (bulk_lines' first change after the header).
  const firstChange = Math.min(...scan.changes.map(([k]) => k).filter((k) => k > 0), Infinity);
  const numberFrom = plan.index.source_row === undefined && firstChange !== Infinity ? firstChange : null;
  if (stats.no_row > 0 || numberFrom !== null) await db.run(bulkSourceRowSql(id, numberFrom));
  if (stats.no_unit > 0) {
    step("unitIds");
    const names = (await db.query<{ unit_name: string }>(bulkUnitNamesSql(id))).map((r) => r.unit_name);
    await db.run(bulkSetUnitIdsSql(id, await db.text("units.csv", unitIdCsv(names))));
    // The first row may have had no unit id.
    stats = (await db.query<BulkCounts>(bulkStatsSql(id)))[0];
  }
  if (stats.no_id > 0) {
    step("indicatorIds");
    const keys = (await db.query<{ u: string; l1: string; l2: string; name: string | null }>(bulkIndicatorKeysSql(id))).map((r) => [r.u, r.l1, r.l2, r.name] as [string, string, string, string | null]);
    await db.run(bulkSetIndicatorIdsSql(id, await db.text("ids.csv", indicatorIdCsv(keys))));
  }
  // The unit the dashboards open on: its unit rows and its targets, in every year (its completion and
  // year-over-year need them). Every other unit-year's come after the dashboards (bulkUnitRows, checkBulk).
  let first: { unitId: string; year: number } | null = null;
  if (stats.first_unit !== null) {
    step("units");
    await db.run([bulkUnitsSql(id, stats.first_unit), bulkUnitRowsSql(id)].join(";\n"));
    const [{ year }] = await db.query<{ year: number }>(BULK_UNITS_LATEST_SQL);
    first = { unitId: stats.first_unit, year };
    step("shapes");
    await typeTargets(db, id, stats.first_unit);
  }
  await db.run(dropTablesSql(BULK_STAGE1_TABLES));
  return { pending: pending.length, dropped: fixed.dropped, rows: stats.n, first };
}

/**
 * The unit rows of every unit-year of a bulk upload (the first part made only
 * its first unit's): one pass per unit-year, in the load's transaction (the
 * naming row's record is counted from the transaction's own rowids), after the
 * dashboards are drawn and before the commit. Its bulk_units feeds the checks.
 */
export async function bulkUnitRows(db: BulkDb, id: number): Promise<void> {
  await db.run([bulkUnitsSql(id), bulkUnitRowsSql(id), "DROP TABLE IF EXISTS bulk_base"].join(";\n"));
}

/** A unit's distinct targets parsed one by one at most (a unit has a few dozen; the shapes' SQL is a handful of statements more). */
export const UNIT_TARGETS_ONE_BY_ONE = 2_000;

/**
 * Parses the targets of an upload's rows that the lookup does not have yet
 * (only those of one unit, when `unitId` is given): each shape (≥#(个)) from a
 * few samples by the core's grammar and filled in SQL, the rest one by one —
 * a unit's all one by one when they are few (UNIT_TARGETS_ONE_BY_ONE).
 * Returns how many shapes were filled by rule and how many targets parsed one by one.
 */
export async function typeTargets(db: BulkDb, id: number, unitId?: string): Promise<{ rules: number; oneByOne: number }> {
  // Parsed by the core's grammar, written to the lookup.
  const oneByOne = async (targets: readonly { target: string; fiscal_year: number }[]) => {
    if (targets.length) await db.run(insertLookupSql(await db.text("lookup.csv", targetLookupCsv(targets.map((m) => [m.target, m.fiscal_year] as const)).csv)));
    return targets.length;
  };
  if (unitId !== undefined) {
    const few = await db.query<{ target: string; fiscal_year: number }>(`${missingTargetsSql(id, unitId)} LIMIT ${UNIT_TARGETS_ONE_BY_ONE + 1}`);
    if (few.length <= UNIT_TARGETS_ONE_BY_ONE) return { rules: 0, oneByOne: await oneByOne(few) };
  }
  await db.run(pendingTargetsSql(id, unitId));
  const samples = shapeSamples(await db.query<{ shape: string; n: number; s1: string; s2: string; s3: string; s4: string }>(SHAPE_SAMPLES_SQL));
  const rules = shapeRulesCsv(samples, SHAPE_MARK);
  const rulesFile = await db.text("rules.csv", rules.csv);
  await db.run(insertShapeTargetsSql(rulesFile));
  const rest = await oneByOne(await db.query<{ target: string; fiscal_year: number }>(unruledTargetsSql(rulesFile)));
  await db.run("DROP TABLE IF EXISTS pending_targets");
  return { rules: rules.rules, oneByOne: rest };
}

/**
 * Rows whose key findings one statement writes: about 10 MB of uncompressed findings at most for the generated
 * file (wasm memory, once grown, stays; at 131,072 a 100k-row file's findings were written by one statement).
 */
export const KEY_FINDINGS_BATCH = 32_768;

/**
 * The second part, the reviewer's checks, for an upload whose first part and
 * unit rows are done and committed (its temporary bulk_units, bulk_lines and
 * bulk_fix_findings still there): the
 * reading's findings are written, the remaining targets are parsed, repeated
 * ids get their `-2` suffixes, then the findings the importer gives — per
 * declaration in SQL, per indicator by the core's checkIndicators on one
 * representative of each distinct way of being checked (written `batch` rows
 * at a time). The page runs it after the dashboards are on
 * screen, statement by statement (each writes one database: the findings are
 * in their own, sql.ts FINDINGS_DB), and removes the upload if it stops.
 */
export async function checkBulk(db: BulkDb, file: string, id: number, batch = KEY_FINDINGS_BATCH): Promise<{ keys: number }> {
  await db.run(BULK_FIX_FINDINGS_SQL);
  await typeTargets(db, id);
  const units = await db.query<{ measure_unit: string }>(MEASURE_UNITS_SQL);
  const percent = units.map((u) => u.measure_unit).filter((u) => unitFamily(u) === "percent");
  for (const sql of bulkCheckKeysSql(id, percent)) await db.run(sql);
  const [repeats] = await db.query<{ ids: number; names: number }>(BULK_REPEATS_SQL);
  if (repeats.ids > 0) await db.run(bulkDedupeIdsSql(id));
  await db.run(bulkDeclarationsSql(id, EXPECTED_LEVEL1));
  const declaration = bulkDeclarationFindingsSql(id, file);
  for (const sql of repeats.names > 0 ? declaration : declaration.slice(0, -1)) await db.run(sql);
  const keys = await db.query<CheckKey>(CHECK_KEYS_SQL);
  const checked = checkKeysCsv(keys);
  if (checked.findings) {
    const sql = bulkKeyFindingsSql(id, await db.text("key-findings.csv", checked.csv));
    await db.run(sql.prepare);
    const [{ lo, hi }] = await db.query<{ lo: number; hi: number }>(sql.range);
    for (let from = lo; from <= hi; from += batch) await db.run(sql.insert(from, Math.min(from + batch, hi + 1)));
  }
  await db.run(dropTablesSql(BULK_TEMP_TABLES));
  return { keys: keys.length };
}
