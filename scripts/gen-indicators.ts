// Writes a synthetic canonical indicators CSV of N rows for benchmarks and load
// tests: the seed declaration's 60 indicators repeated over many made-up units
// (named 示例单位…（示例数据）so nobody mistakes them for real declarations),
// with targets varied by a seeded PRNG. Same N and seed → byte-identical file.
//
//   node scripts/gen-indicators.ts N OUT.csv [SEED]
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { COLUMNS } from "../src/core/canonical.ts";
import { indicatorId, unitId } from "../src/core/ids.ts";
import { importFile } from "../src/core/import.ts";
import { parseTarget } from "../src/core/target.ts";
import { mulberry32 } from "./prng.ts";

const SEED_FILE = "data/raw/000_83bc0b582c527eae.txt";
const YEARS = [2024, 2025, 2026];


const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** A target like the declared one, its number scaled by a random factor (same operator, unit and decimals). */
function varyTarget(target: string | null, rand: () => number): string | null {
  if (target === null) return null;
  const m = /^([^\d]*)(\d+)(?:\.(\d+))?(.*)$/.exec(target);
  if (m && /[(（]/.test(m[4])) {
    const [, op, int, frac = "", rest] = m;
    const base = Number(`${int}.${frac || "0"}`);
    // Percentages stay at or below 100; everything else varies ±50%.
    const percent = /百分比|率|%/.test(rest);
    const v = percent ? Math.min(100, Math.round(base * (0.9 + rand() * 0.1))) : base * (0.5 + rand());
    return `${op}${v.toFixed(frac.length)}${rest}`;
  }
  if (/^\d{1,2}月底前$/.test(target)) return `${1 + Math.floor(rand() * 12)}月底前`;
  return target;
}

export function generate(rows: number, out: string, seed = 20260101): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const source = importFile(SEED_FILE, new Uint8Array(readFileSync(root + SEED_FILE)), { checks: false });
  const template = source.indicators;
  const rand = mulberry32(seed);
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, "w");
  // The canonical indicator columns, plus unit_name and data_status=sample so the
  // file says on every row that it is illustrative (示例), not a declaration.
  const header = [...COLUMNS.indicators];
  header.splice(2, 0, "unit_name", "data_status");
  let buffer = header.join(",") + "\r\n";
  const flush = () => {
    writeSync(fd, buffer);
    buffer = "";
  };
  for (let r = 0; r < rows; r++) {
    const k = Math.floor(r / template.length);
    const t = template[r % template.length];
    const unitName = `示例单位${String(k + 1).padStart(6, "0")}（示例数据）`;
    const year = YEARS[k % YEARS.length];
    const target = varyTarget(t.target, rand);
    const p = parseTarget(target, year);
    const q = p.kind === "quantitative" ? p : null;
    // By column name, so that columns added to COLUMNS.indicators stay empty here instead of shifting the row.
    const row: Record<string, string> = {
      indicator_id: indicatorId(unitName, t.level1, t.level2, t.name), unit_id: unitId(unitName), unit_name: unitName, data_status: "sample",
      fiscal_year: String(year), ord: String(t.order), level1: t.level1, level2: t.level2, name: t.name ?? "", target: target ?? "",
      target_kind: p.kind, op: q?.op ?? "", value: q?.value ?? "", measure_unit: q?.unit ?? "", direction: q?.direction ?? "",
      deadline: p.kind === "deadline" ? p.date : "", note: t.note ?? "", source_file: "scripts/gen-indicators.ts", source_row: String(r + 2),
    };
    const cells = header.map((c) => row[c] ?? "");
    buffer += cells.map(csvCell).join(",") + "\r\n";
    if (buffer.length > 1 << 16) flush();
  }
  flush();
  closeSync(fd);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("gen-indicators.ts")) {
  const [n, out, seed] = process.argv.slice(2);
  if (!n || !out || !/^\d+$/.test(n)) {
    process.stderr.write("用法 / usage: node scripts/gen-indicators.ts N OUT.csv [SEED]\n");
    process.exitCode = 2;
  } else {
    const t = performance.now();
    generate(Number(n), out, seed ? Number(seed) : undefined);
    process.stdout.write(`wrote ${n} rows to ${out} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
}
