// `jixiao import|score|compare FILE… [--json] [--out DIR]`: exit 0 when every
// file was read (findings may exist), 1 when one could not be read at all (the
// others are still reported), 2 on wrong usage. Never a stack trace.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ImportError, type Dataset } from "../core/model.ts";
import { importAny, mergeDatasets } from "../core/import.ts";
import { dedupeFindings, dedupeLoads, type LoadedFile } from "../core/dedupe.ts";
import { COLUMNS, OPTIONAL_TABLES, tableRows, toCsv, toJson, type TableName } from "../core/canonical.ts";
import { summarise } from "./summary.ts";
import { COMPARE_USAGE, compareCommand } from "./compare.ts";
import { SCORE_USAGE, runScore, summariseProgressRows } from "./score.ts";
import { withLinkedProgress } from "../core/progress.ts";

const USAGE = `用法 / usage:
  jixiao import FILE… [--json] [--out DIR]   读取申报表或规范表 / read declaration forms or canonical tables
    --json      以 JSON 输出（units、budget、tasks、indicators、findings）/ print one JSON object
    --out DIR   写出规范 CSV 文件 / write the canonical CSV files to DIR
${SCORE_USAGE}
${COMPARE_USAGE}`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Expands folders into their files (sorted), so a year's folder can be given. */
function expand(paths: string[]): string[] {
  return paths.flatMap((p) => {
    try {
      return statSync(p).isDirectory() ? readdirSync(p).filter((f) => !f.startsWith(".")).sort().map((f) => join(p, f)) : [p];
    } catch {
      return [p];
    }
  });
}

/** Reads each file; a file that cannot be read is reported on stderr and skipped. */
export async function readAll(paths: string[], io: Io): Promise<{ data: Dataset; failed: number }> {
  const parts: LoadedFile[] = [];
  let failed = 0;
  for (const path of expand(paths)) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.err(`jixiao: ${path}：${code === "ENOENT" ? "文件不存在" : code === "EISDIR" ? "是文件夹" : "无法读取"} / cannot read (${code ?? "error"})\n`);
      failed++;
      continue;
    }
    try {
      parts.push({ file: path, bytes, data: await importAny(path, bytes) });
    } catch (e) {
      if (e instanceof ImportError) {
        const where = [e.location.row && `第 ${e.location.row} 行`, e.location.column && `第 ${e.location.column} 列`].filter(Boolean).join("");
        io.err(`jixiao: ${e.message}${where && !e.message.includes("行") ? `（${where}）` : ""} / ${e.messageEn}\n`);
      } else io.err(`jixiao: ${path}：读取失败 / failed: ${(e as Error).message}\n`);
      failed++;
    }
  }
  // The same file or the same rows twice count once, told by a finding; findings read back and derived again are one.
  const once = dedupeLoads(parts);
  const data = mergeDatasets(once.parts);
  return { data: { ...data, findings: dedupeFindings([...data.findings, ...once.findings]) }, failed };
}

/** What `jixiao import` reads from its files: readAll, progress matched to the declared indicators read with them (ids filled in, 未填报 found). */
export async function importData(paths: string[], io: Io): Promise<{ data: Dataset; failed: number }> {
  const read = await readAll(paths, io);
  const linked = withLinkedProgress(read.data);
  // Link findings stored in findings.csv are derived again when it is read back: one of each.
  return { data: { ...linked, findings: dedupeFindings(linked.findings) }, failed: read.failed };
}

export function writeCanonical(data: Dataset, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const rows = tableRows(data);
  // The progress tables are written only when progress was read, so a declaration's output stays as it was.
  return (Object.keys(COLUMNS) as TableName[]).filter((t) => !OPTIONAL_TABLES.includes(t) || rows[t].length > 0).map((t) => {
    const path = join(dir, `${t}.csv`);
    writeFileSync(path, toCsv(t, rows[t]) + "\r\n");
    return path;
  });
}

export const jsonText = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2);

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "score") return await runScore(rest, io);
    if (command === "compare") return await compareCommand(rest, io);
    let json = false;
    let outDir: string | null = null;
    let outGiven = false;
    let unknown: string | null = null;
    const files: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === "--json") json = true;
      else if (a === "--out") {
        outGiven = true;
        outDir = rest[++i] ?? null;
      } else if (a.startsWith("--")) unknown ??= a;
      else files.push(a);
    }
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.out(USAGE + "\n");
      return command ? 0 : 2;
    }
    if (outGiven && !outDir) {
      io.err("jixiao: --out 需要一个文件夹 / --out needs a folder\n");
      return 2;
    }
    if (unknown) {
      io.err(`jixiao: 未知选项 ${unknown} / unknown option\n${USAGE}\n`);
      return 2;
    }
    if (command !== "import") {
      io.err(`jixiao: 未知命令“${command}” / unknown command\n${USAGE}\n`);
      return 2;
    }
    if (!files.length) {
      io.err(`jixiao: 请给出至少一个文件 / give at least one file\n${USAGE}\n`);
      return 2;
    }
    const { data, failed } = await importData(files, io);
    if (outDir) {
      const written = writeCanonical(data, outDir);
      if (!json) io.out(`已写出 / written: ${written.join(", ")}\n`);
    }
    if (json) io.out(jsonText(toJson(data)) + "\n");
    else if (data.units.length || data.indicators.length) io.out(summarise(data) + (data.actuals?.length || data.execution?.length ? summariseProgressRows(data) : ""));
    else if (data.actuals?.length || data.execution?.length) io.out(summariseProgressRows(data) + summarise(data));
    return failed ? 1 : 0;
  } catch (e) {
    io.err(`jixiao: 意外错误 / unexpected error: ${(e as Error).message}\n`);
    return 1;
  }
}
