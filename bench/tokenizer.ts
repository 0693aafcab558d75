// Delimited text, 1,000,000 rows: the core's own streaming tokenizer (src/core/table.ts)
// against papaparse, which the product already depends on, on the same chunks.
//
//   node bench/tokenizer.ts [ROWS]      (npm run bench:tokenizer)
//
// The reader issue asks for papaparse unless it cannot stream a million rows
// within 1.5× of the tokenizer's time; this prints both and the ratio. Each run
// reads the generated canonical indicators CSV from disk in 64 KB chunks and
// counts records and cells (so neither can skip work); median of 3 runs each.
import { createReadStream, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import Papa from "papaparse";
import { createTokenizer } from "../src/core/table.ts";

const rows = Number(process.argv[2] ?? 1_000_000);
const file = `bench/output/indicators-${rows}.csv`;
if (!existsSync(file)) {
  const g = spawnSync(process.execPath, ["scripts/gen-indicators.ts", String(rows), file], { encoding: "utf8" });
  if (g.status !== 0) throw new Error(g.stderr);
}

async function tokenizer(): Promise<{ records: number; cells: number }> {
  let records = 0;
  let cells = 0;
  const t = createTokenizer(",", (r) => {
    records++;
    cells += r.cells.length;
  });
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 })) t.push(chunk as string);
  t.end();
  return { records, cells };
}

function papaparse(): Promise<{ records: number; cells: number }> {
  return new Promise((resolve, reject) => {
    let records = 0;
    let cells = 0;
    Papa.parse(createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 }) as never, {
      step: (r: Papa.ParseStepResult<string[]>) => {
        records++;
        cells += r.data.length;
      },
      complete: () => resolve({ records, cells }),
      error: (e: Error) => reject(e),
    });
  });
}

async function median(fn: () => Promise<{ records: number; cells: number }>): Promise<{ seconds: number; records: number; cells: number }> {
  const runs: { seconds: number; records: number; cells: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await fn();
    runs.push({ seconds: (performance.now() - t) / 1000, ...r });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[1];
}

console.log(`$ node bench/tokenizer.ts ${rows}   (${file}, Node ${process.version})`);
const a = await median(tokenizer);
const b = await median(papaparse);
if (a.records !== b.records || a.cells !== b.cells) throw new Error(`the two disagree: ${a.records}/${a.cells} records/cells vs ${b.records}/${b.cells}`);
if (a.records < rows) throw new Error(`read ${a.records} records of ${rows}: nothing measured`);
console.log(`  src/core/table.ts createTokenizer: ${a.seconds.toFixed(2)} s (${Math.round(a.records / a.seconds).toLocaleString("en")} records/s)`);
console.log(`  papaparse step over a stream:     ${b.seconds.toFixed(2)} s (${Math.round(b.records / b.seconds).toLocaleString("en")} records/s)`);
console.log(`  papaparse / tokenizer = ${(b.seconds / a.seconds).toFixed(2)}× (the bar: 1.5×)`);
// What the speed does not show: a quoted cell with text after its closing quote, as hand-edited exports have.
const malformed = 'a,"b"c,d\nx,y\nz,w\n';
const papa = Papa.parse<string[]>(malformed, { newline: "\n" }).data.length;
let ours = 0;
const t = createTokenizer(",", () => ours++);
t.push(malformed);
t.end();
console.log(`  a stray quote in row 1 of 3 (${JSON.stringify(malformed)}): papaparse reads ${papa} record(s), the tokenizer ${ours}`);
