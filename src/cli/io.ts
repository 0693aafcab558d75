// What every command shares with the outside world: the exit codes, printing
// (through an Io the tests capture), parsing its flags, reading files and
// folders, and writing the canonical CSV files. The commands import this; this
// imports no command, so cli/ has no cycle.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ImportError, type Dataset, type Finding } from "../core/model.ts";
import { importAny, mergeDatasets, type ImportOptions } from "../core/import.ts";
import { dedupeFindings, dedupeLoads, type LoadedFile } from "../core/dedupe.ts";
import { withLinkedProgress } from "../core/progress.ts";
import { finding } from "../core/findingText.ts";
import { COLUMNS, OPTIONAL_TABLES, tableRows, toCsv, type TableName } from "../core/canonical.ts";

/** 0: every file was read (findings may exist); 1: one could not be read at all; 2: wrong usage. */
export const EXIT = { ok: 0, unreadable: 1, usage: 2 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** JSON with bigints as strings, indented. */
export const jsonText = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed<O extends Options> {
  values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string };
  positionals: string[];
  /** The first option that is not one of the command's, as written (`--frobnicate`). */
  unknown: string | null;
  /** A string option given with no value after it (`--out` last). */
  missing: string | null;
}

/**
 * node:util parseArgs, not strict, so that an unknown option or a missing value becomes a
 * usage message of the command's own rather than a thrown error.
 */
export function parseFlags<O extends Options>(args: readonly string[], options: O): Parsed<O> {
  const { values, positionals, tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  let unknown: string | null = null;
  let missing: string | null = null;
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const known = Object.hasOwn(options, t.name);
    if (!known) unknown ??= t.rawName;
    else if (options[t.name].type === "string" && typeof t.value !== "string") missing ??= t.name;
  }
  return { values: values as Parsed<O>["values"], positionals, unknown, missing };
}

/** Expands folders into their files (sorted, dot files left out), so a year's folder can be given. */
export function expand(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    try {
      return statSync(p).isDirectory() ? readdirSync(p).filter((f) => !f.startsWith(".")).sort().map((f) => join(p, f)) : [p];
    } catch {
      return [p];
    }
  });
}

/** A file the importer refused, or the system could not read, as a finding (for --json). */
function refusal(path: string, message: string, messageEn: string, location: Finding["location"] = { file: path }): Finding {
  return finding("error", "file.unreadable", { zh: message, en: messageEn }, { ...location, file: location.file || path });
}

export interface ReadResult {
  data: Dataset;
  /** How many files could not be read at all. */
  failed: number;
  /** One error finding per such file, with the file (and the row, when the importer gave one). */
  refused: Finding[];
}

/**
 * Reads each file (workbooks too); a file that cannot be read is reported on stderr (one line) and
 * skipped. The same file or the same rows twice count once, told by a finding; findings read back
 * and derived again are one.
 */
export async function readAll(paths: readonly string[], io: Io, options: ImportOptions = {}): Promise<ReadResult> {
  const parts: LoadedFile[] = [];
  const refused: Finding[] = [];
  for (const path of expand(paths)) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "是文件夹" : "无法读取";
      io.err(`jixiao: ${path}：${why} / cannot read (${code ?? "error"})\n`);
      refused.push(refusal(path, `${path}：${why}`, `${path}: cannot read (${code ?? "error"})`));
      continue;
    }
    try {
      parts.push({ file: path, bytes, data: await importAny(path, bytes, options) });
    } catch (e) {
      if (e instanceof ImportError) {
        const where = [e.location.row && `第 ${e.location.row} 行`, e.location.column && `第 ${e.location.column} 列`].filter(Boolean).join("");
        io.err(`jixiao: ${e.message}${where && !e.message.includes("行") ? `（${where}）` : ""} / ${e.messageEn}\n`);
        refused.push(refusal(path, e.message, e.messageEn, e.location));
      } else {
        io.err(`jixiao: ${path}：读取失败 / failed: ${(e as Error).message}\n`);
        refused.push(refusal(path, `${path}：读取失败`, `${path}: failed: ${(e as Error).message}`));
      }
    }
  }
  const once = dedupeLoads(parts);
  const data = mergeDatasets(once.parts);
  return { data: { ...data, findings: dedupeFindings([...data.findings, ...once.findings]) }, failed: refused.length, refused };
}

/** What `jixiao import` reads from its files: readAll, progress matched to the declared indicators read with them (ids filled in, 未填报 found). */
export async function importData(paths: readonly string[], io: Io, options: ImportOptions = {}): Promise<ReadResult> {
  const read = await readAll(paths, io, options);
  const linked = withLinkedProgress(read.data);
  // Link findings stored in findings.csv are derived again when it is read back: one of each.
  return { ...read, data: { ...linked, findings: dedupeFindings(linked.findings) } };
}

/** Writes the canonical CSV files into dir; the progress and project tables only when they hold rows. */
export function writeCanonical(data: Dataset, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const rows = tableRows(data);
  return (Object.keys(COLUMNS) as TableName[]).filter((t) => !OPTIONAL_TABLES.includes(t) || rows[t].length > 0).map((t) => {
    const path = join(dir, `${t}.csv`);
    writeFileSync(path, toCsv(t, rows[t]) + "\r\n");
    return path;
  });
}
