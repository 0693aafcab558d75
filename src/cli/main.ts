// `jixiao import|score|compare FILE… [--json] [--out DIR]`: exit 0 when every
// file was read (findings may exist), 1 when one could not be read at all (the
// others are still reported), 2 on wrong usage. Never a stack trace.
import { toJson } from "../core/canonical.ts";
import { summarise } from "./summary.ts";
import { COMPARE_USAGE, compareCommand } from "./compare.ts";
import { SCORE_USAGE, runScore, summariseProgressRows } from "./score.ts";
import { EXIT, importData, jsonText, parseFlags, stdio, writeCanonical, type Io } from "./io.ts";

export type { Io } from "./io.ts";

const USAGE = `用法 / usage:
  jixiao import FILE… [--json] [--out DIR]   读取申报表或规范表 / read declaration forms or canonical tables
    --json      以 JSON 输出（units、budget、tasks、indicators、findings）/ print one JSON object
    --out DIR   写出规范 CSV 文件 / write the canonical CSV files to DIR
    --year YYYY 表上没有印年度时按此年度读取 / the year of forms that print none
    --year-from-name  表上没有印年度时取文件名中的年度 / take such a form's year from its file name
${SCORE_USAGE}
${COMPARE_USAGE}`;

const IMPORT_OPTIONS = {
  json: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" }, year: { type: "string" }, "year-from-name": { type: "boolean" },
} as const;

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "score") return await runScore(rest, io);
    if (command === "compare") return await compareCommand(rest, io);
    const { values, positionals: files, unknown, missing } = parseFlags(rest, IMPORT_OPTIONS);
    const json = values.json === true;
    const outDir = values.out ?? null;
    if (!command || command === "--help" || command === "-h" || command === "help") {
      io.out(USAGE + "\n");
      return command ? EXIT.ok : EXIT.usage;
    }
    if (missing === "out" || values.out === "") {
      io.err("jixiao: --out 需要一个文件夹 / --out needs a folder\n");
      return EXIT.usage;
    }
    const year = values.year === undefined ? undefined : /^(19|20)\d{2}$/.test(values.year) ? Number(values.year) : null;
    if (missing === "year" || year === null) {
      io.err("jixiao: --year 需要一个四位年度，如 2023 / --year needs a four-digit year such as 2023\n");
      return EXIT.usage;
    }
    if (unknown) {
      io.err(`jixiao: 未知选项 ${unknown} / unknown option\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (command !== "import") {
      io.err(`jixiao: 未知命令“${command}” / unknown command\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (values.help) {
      io.out(USAGE + "\n");
      return EXIT.ok;
    }
    if (!files.length) {
      io.err(`jixiao: 请给出至少一个文件 / give at least one file\n${USAGE}\n`);
      return EXIT.usage;
    }
    // Progress rows are matched to the declared indicators read with them (ids filled in, 未填报 found).
    const read = await importData(files, io, { ...(year !== undefined ? { year } : {}), yearFromFileName: values["year-from-name"] === true });
    const failed = read.failed;
    // A file refused is still said on stderr; under --json it is a finding of the one JSON object too.
    const data = json && read.refused.length ? { ...read.data, findings: [...read.refused, ...read.data.findings] } : read.data;
    if (outDir) {
      const written = writeCanonical(data, outDir);
      if (!json) io.out(`已写出 / written: ${written.join(", ")}\n`);
    }
    if (json) io.out(jsonText(toJson(data)) + "\n");
    else if (data.units.length || data.indicators.length) io.out(summarise(data) + (data.actuals?.length || data.execution?.length ? summariseProgressRows(data) : ""));
    else if (data.actuals?.length || data.execution?.length) io.out(summariseProgressRows(data) + summarise(data));
    return failed ? EXIT.unreadable : EXIT.ok;
  } catch (e) {
    io.err(`jixiao: 意外错误 / unexpected error: ${(e as Error).message}\n`);
    return EXIT.unreadable;
  }
}
