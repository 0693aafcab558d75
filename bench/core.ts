// Benchmark of the data core (not a test: numbers, no pass/fail).
//
//   node bench/core.ts            (npm run bench:core — Node 24 strips the types)
//
// (a) the seed declaration parsed warm (after 1,000 calls): median and p95 of importFile;
// (b) a form with one 200,000 / 400,000 / 800,000-character cell: time must scale linearly;
// (d) stacked real forms: 100 and 1,000 copies of a real project self-evaluation in one
//     CSV (each its own project), read by the general reader; time, and what the result
//     keeps per form after a full GC (flat in the number of forms);
// (e) a workbook of 100 forms (one sheet each) read by importAny (read-excel-file + reader);
// (c) a generated canonical indicators CSV of 1,000,000 rows streamed from disk
//     (createReadStream → createTokenizer → mapHeader → rowToIndicator), rows/s and
//     peak RSS/heap, against the same at 100,000 rows: memory must not grow with the file.
//     Each streaming run is its own process, so one run's peak cannot hide in another's.
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mapHeader, rowToIndicator, type HeaderMap } from "../src/core/canonical.ts";
import { unitId } from "../src/core/ids.ts";
import { importAny, importFile } from "../src/core/import.ts";
import { createTokenizer } from "../src/core/table.ts";
import { plainText } from "../src/core/text.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SEED = "data/raw/000_83bc0b582c527eae.txt";
const OUTPUT = "bench/output";
const node = process.execPath;

const ms = (x: number) => `${x.toFixed(3)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
function timeRuns(fn: () => unknown, warmup: number, runs: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

// ---- (c) child: stream one file, print JSON ----

async function streamFile(path: string): Promise<{ rows: number; seconds: number; peakRss: number; peakHeap: number; baseRss: number }> {
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 20);
  let header: HeaderMap | null = null;
  let rows = 0;
  let checksum = 0;
  const t = performance.now();
  const tokenizer = createTokenizer(",", ({ cells, row }) => {
    if (!header) {
      header = mapHeader(cells);
      if (header?.table !== "indicators") throw new Error(`${path}: not an indicators table`);
      return;
    }
    const index = header.index;
    const get = (col: string) => {
      const i = index[col];
      return i === undefined ? "" : plainText(cells[i] ?? "");
    };
    const name = get("unit_name");
    const uid = get("unit_id") || unitId(name);
    const ind = rowToIndicator(get, uid, name || uid, Number(get("fiscal_year")), rows + 1, { file: path, row });
    checksum += ind.parsed.kind.length; // keep the result alive so nothing is optimised away
    rows++;
    if ((rows & 0x3fff) === 0) sample();
  });
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 })) tokenizer.push(chunk as string);
  tokenizer.end();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  sample();
  if (checksum === 0) throw new Error("nothing parsed");
  return { rows, seconds, peakRss, peakHeap, baseRss };
}

// ---- (d) child: stacked forms, time and what the result keeps ----

const STACK_FORM = "test/fixtures/real/01_anhui_chizhou_tangxi_2022_project_selfeval.csv";
/** Copy i of the real form, its own project (the name and body carry the copy's number), so no two are the same form. */
function stackCopy(i: number): string {
  const text = readFileSync(fileURLToPath(new URL(`../${STACK_FORM}`, import.meta.url)), "utf8").replace(/^\uFEFF/, "");
  return text.replace("委托业务项目", `委托业务项目${i}`).replace(/219001-池州市贵池区棠溪镇人民政府/, `219001-池州市贵池区棠溪镇人民政府${i % 50}`);
}

if (process.argv[2] === "--stacked") {
  const n = Number(process.argv[3]);
  const bytes = new TextEncoder().encode("\uFEFF" + Array.from({ length: n }, (_, i) => stackCopy(i + 1)).join(""));
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = importFile("stacked.csv", bytes);
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  if (kept.projects?.length !== n) throw new Error(`read ${kept.projects?.length ?? 0} of ${n} stacked forms`);
  const times = timeRuns(() => importFile("stacked.csv", bytes), 1, 5);
  process.stdout.write(JSON.stringify({ bytes: bytes.length, median: quantile(times, 0.5), retained }) + "\n");
  process.exit(0);
}

if (process.argv[2] === "--stream") {
  process.stdout.write(JSON.stringify(await streamFile(process.argv[3])) + "\n");
  process.exit(0);
}

// ---- main ----

console.log(`Jixiao data core benchmark — Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(`$ node bench/core.ts   (cwd ${ROOT})\n`);
process.chdir(ROOT);

// (a)
{
  const bytes = new Uint8Array(readFileSync(SEED));
  // V8 keeps tiering the reader up for several hundred calls (medians of runs 50–350 ≈ 1.8 ms, 350–700 ≈ 1.2 ms,
  // after 700 ≈ 0.87 ms on this machine, 2026-12-03): "warm" is after 1,000.
  const times = timeRuns(() => importFile(SEED, bytes), 1000, 1000);
  console.log("(a) seed parsed warm");
  console.log(`    importFile("${SEED}", bytes)  [decode + tokenize + form + checks], 1,000 runs after 1,000 warm-up`);
  console.log(`    median ${ms(quantile(times, 0.5))}   p95 ${ms(quantile(times, 0.95))}   min ${ms(times[0])}   max ${ms(times.at(-1)!)}\n`);
}

// (b)
{
  const lines = readFileSync(SEED, "utf8").split("\n");
  const withCell = (n: number) => {
    // A realistic run of Chinese text with punctuation, cut to n characters, as one target cell (row 42).
    const unit = "完成社区文化活动策划与组织，覆盖居民、学校和企业；";
    const cell = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const edited = [...lines];
    edited[41] = `产出指标\t数量指标\t器材购置更新完成数\t${cell}`;
    return new TextEncoder().encode(edited.join("\n"));
  };
  console.log("(b) one huge cell (the target of row 42), importFile median of 25 runs after 5 warm-up");
  const medians: number[] = [];
  for (const n of [200_000, 400_000, 800_000]) {
    const bytes = withCell(n);
    const times = timeRuns(() => importFile("big.txt", bytes), 5, 25);
    medians.push(quantile(times, 0.5));
    console.log(`    importFile(seed with a ${n.toLocaleString("en")}-character cell, ${mb(bytes.length)})  median ${ms(quantile(times, 0.5))}`);
  }
  const base = quantile(timeRuns(() => importFile(SEED, new Uint8Array(readFileSync(SEED))), 3, 15), 0.5);
  console.log(`    ratio 400k/200k = ${(medians[1] / medians[0]).toFixed(2)}   800k/200k = ${(medians[2] / medians[0]).toFixed(2)}   (linear would be 2 and 4; below means a fixed part dominates)`);
  console.log(`    per character above the plain seed (${ms(base)}): ${[200_000, 400_000, 800_000].map((n, i) => `${(((medians[i] - base) * 1e6) / n).toFixed(1)} ns`).join(", ")}\n`);
}

// (d) and (e): real forms many times over.
{
  console.log(`(d) stacked forms: copies of ${STACK_FORM} in one CSV, importFile (split, read, checks); each size in its own process (--expose-gc)`);
  for (const n of [100, 1000]) {
    const child = spawnSync(node, ["--expose-gc", "bench/core.ts", "--stacked", String(n)], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout) as { bytes: number; median: number; retained: number };
    console.log(`    $ node --expose-gc bench/core.ts --stacked ${n}`);
    console.log(`      ${n.toLocaleString("en")} forms (${mb(r.bytes)}): median ${ms(r.median)} of 5 after 1 warm-up, ${(r.median / n).toFixed(3)} ms per form; the result holds ${(r.retained / n / 1024).toFixed(1)} KB per form after a full GC`);
  }
  const { default: writeXlsxFile } = await import("write-excel-file/node");
  const Papa = (await import("papaparse")).default;
  const sheetRows = (i: number) => (Papa.parse<string[]>(stackCopy(i), { newline: "\r\n" }).data as string[][]).filter((r) => r.some((c) => c !== ""));
  const sheets = Array.from({ length: 100 }, (_, i) => ({ sheet: `表${i + 1}`, data: sheetRows(i + 1).map((r) => r.map((c) => (c === "" ? null : { value: c, type: String }))) }));
  const book = new Uint8Array((await writeXlsxFile(sheets as never).toBuffer()) as Uint8Array);
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    const d = await importAny("book.xlsx", book);
    if (d.projects?.length !== 100) throw new Error(`read ${d.projects?.length ?? 0} of 100 sheets`);
    if (i > 0) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`(e) a workbook of 100 forms, one sheet each (${mb(book.length)}): importAny median ${ms(quantile(times, 0.5))} of 3 runs after 1 warm-up\n`);
}

// (c)
{
  console.log("(c) canonical indicators CSV streamed from disk: createReadStream → createTokenizer → mapHeader → rowToIndicator");
  const results: Record<string, { rows: number; seconds: number; peakRss: number; peakHeap: number; baseRss: number }> = {};
  const runs: [number, string[]][] = [
    [100_000, []],
    [1_000_000, []],
    // The proof that memory is bounded: the same million rows with V8's heap capped at 16 MB.
    [1_000_000, ["--max-old-space-size=16", "--max-semi-space-size=1"]],
  ];
  for (const [n, flags] of runs) {
    const file = `${OUTPUT}/indicators-${n}.csv`;
    if (!existsSync(file)) {
      const gen = ["scripts/gen-indicators.ts", String(n), file];
      console.log(`    $ node ${gen.join(" ")}`);
      const g = spawnSync(node, gen, { encoding: "utf8" });
      if (g.status !== 0) throw new Error(g.stderr);
      console.log(`      ${g.stdout.trim()}`);
    }
    const cmd = [...flags, "bench/core.ts", "--stream", file];
    const child = spawnSync(node, cmd, { encoding: "utf8", maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout);
    results[`${n}${flags.join("")}`] = r;
    console.log(`    $ node ${cmd.join(" ")}   (${mb(statSync(file).size)})`);
    console.log(
      `      ${r.rows.toLocaleString("en")} rows in ${r.seconds.toFixed(2)} s = ${Math.round(r.rows / r.seconds).toLocaleString("en")} rows/s;` +
        `  peak RSS ${mb(r.peakRss)} (at start ${mb(r.baseRss)}), peak heap used ${mb(r.peakHeap)}`,
    );
  }
  const small = results["100000"];
  const large = results["1000000"];
  const capped = results["1000000--max-old-space-size=16--max-semi-space-size=1"];
  console.log(
    `    10× the rows: peak RSS ×${(large.peakRss / small.peakRss).toFixed(2)}, peak heap ×${(large.peakHeap / small.peakHeap).toFixed(2)}` +
      `; rows/s ×${(large.rows / large.seconds / (small.rows / small.seconds)).toFixed(2)}`,
  );
  console.log(
    `    with the heap capped at 16 MB the million rows still stream (peak heap ${mb(capped.peakHeap)}, peak RSS ${mb(capped.peakRss)}):` +
      ` memory does not grow with the file; what grows at 10× is V8 letting the heap run larger before collecting, not data kept.`,
  );
}
