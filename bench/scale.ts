// District-scale benchmark: a generated district (bench/district.ts: N units × 3
// years × P projects per unit-year, seeded) built by `astro build` into a temporary
// folder, its PDF reports made on demand rather than printed (scripts/pdf.ts with
// JIXIAO_PDF=print: a print button on each page, timed apart), then served on
// 127.0.0.1 and the heaviest pages opened in headless Chromium. Prints build time,
// peak RSS, pages, the PDF step, dist size, the largest page's HTML raw/gzip, the
// split search index (search-index/) and what a few queries load, the Parquet
// files, and first views. Any figure that
// cannot be measured — a build that fails, a page that does not load, a document
// whose bytes differ from its file — ends the run with exit 1 and says why.
//
// npm run bench:scale -- --units 100 --projects 10 [--seed 20261] [--open 4] [--keep]
// npm run bench:scale -- --units 500 --projects 20 --parquet-only   (the data as Parquet, no site build)
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { district, writeDistrict } from "./district.ts";
import { queryBytes } from "./searchBytes.ts";

const { values: flags } = parseArgs({
  options: {
    units: { type: "string", default: process.env.SCALE_UNITS ?? "50" },
    projects: { type: "string", default: process.env.SCALE_PROJECTS ?? "5" },
    seed: { type: "string", default: "20261" },
    open: { type: "string", default: "4" },
    keep: { type: "boolean", default: false },
    "parquet-only": { type: "boolean", default: false },
  },
});
const int = (name: string, text: string, min: number) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, not “${text}”`);
  return n;
};

/** Stops the run: the top level prints the message and exits 1 (after the browser and server are closed). */
function fail(message: string): never {
  throw new Error(message);
}

/** Every file under dir, with its size. */
export function walk(dir: string): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.push({ path, bytes: statSync(path).size });
  }
  return out;
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

/** Temporary folders of the run, removed at its end (also when it fails) unless --keep. */
const made: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};

async function main() {
  const units = int("units", flags.units!, 1);
  const projects = int("projects", flags.projects!, 0);
  const open = int("open", flags.open!, 0);
  const data = district({ units, projects, seed: int("seed", flags.seed!, 0) });
  const dir = temp("jixiao-scale-data-");
  const outDir = temp("jixiao-scale-dist-");
  writeDistrict(data, dir);
  const unitYears = data.units.length;
  const how = flags["parquet-only"] ? "--parquet-only   (the tables as Parquet, no site build)" : "  (astro build, then the PDF reports made on demand)";
  console.log(`$ npm run bench:scale -- --units ${units} --projects ${projects} ${how}; Node ${process.version}`);
  console.log(`data: ${units} units × 3 years = ${unitYears} declarations, ${data.projects!.length} project-years, ${data.indicators.length} indicators, ${data.budget.length} budget lines, ${data.actuals!.length} actuals (seeded, 示例数据) in ${dir}`);
  if (flags["parquet-only"]) return parquetOnly(dir, outDir);

  // /usr/bin/time -v reports the build process's peak RSS (its largest descendant's, when it forks).
  const log = join(dir, "build.log");
  const fd = openSync(log, "w");
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, "node_modules/astro/bin/astro.mjs", "build", "--outDir", outDir], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", JIXIAO_PDF: "0", JIXIAO_DATA: `${dir}:sample` },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const buildS = (performance.now() - t0) / 1000;
  const text = readFileSync(log, "utf8");
  if (r.error) fail(`could not start /usr/bin/time: ${r.error.message}`);
  if (r.status !== 0) fail(`astro build exited ${r.status}; the log's end:\n${text.slice(-3000)}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]);
  if (!rssKb) fail("no peak RSS in /usr/bin/time's report");
  // CPU time moves less with other builds on the machine than the wall clock does (it still moves: the cores are shared).
  const cpuS = ["User", "System"].map((k) => Number(new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(text)?.[1]));
  if (cpuS.some((x) => !Number.isFinite(x))) fail("no CPU time in /usr/bin/time's report");
  const built = Number(/(\d+) page\(s\) built/.exec(text)?.[1]);
  if (!built) fail("Astro did not report how many pages it built");
  // The reports made on demand (a print button on each unit and project page): the build's PDF step at this size.
  const p0 = performance.now();
  const pdf = spawnSync(process.execPath, ["scripts/pdf.ts", outDir], { env: { ...process.env, JIXIAO_PDF: "print" }, encoding: "utf8" });
  if (pdf.status !== 0) fail(`scripts/pdf.ts (JIXIAO_PDF=print) exited ${pdf.status}: ${pdf.stderr.slice(-2000)}`);
  const reports = Number(/pdf: (\d+) report\(s\) made on demand/.exec(pdf.stdout)?.[1]);
  if (!reports) fail(`scripts/pdf.ts made no report on demand: ${pdf.stdout}`);
  const pdfS = (performance.now() - p0) / 1000;

  const files = walk(outDir);
  const html = files.filter((f) => f.path.endsWith(".html")).sort((a, b) => b.bytes - a.bytes);
  const distBytes = files.reduce((s, f) => s + f.bytes, 0);
  const biggest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const search = files.filter((f) => relative(outDir, f.path).startsWith("search-index/"));
  if (!search.some((f) => relative(outDir, f.path) === "search-index/manifest.json")) fail("dist has no search-index/manifest.json");
  const searchBiggest = search.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const parquet = files.filter((f) => f.path.endsWith(".parquet"));
  const gz = (path: string) => gzipSync(readFileSync(path), { level: 6 }).length;
  console.log(`build: ${buildS.toFixed(1)} s (CPU ${cpuS[0].toFixed(1)} s user + ${cpuS[1].toFixed(1)} s sys), peak RSS ${mb(rssKb * 1024)}, ${built} pages (Astro), ${html.length} HTML files`);
  console.log(`PDF reports: ${reports} made on demand (a print button each, JIXIAO_PDF=print) in ${pdfS.toFixed(1)} s more`);
  console.log(`dist: ${files.length} files, ${mb(distBytes)}; largest file ${relative(outDir, biggest.path)} ${mb(biggest.bytes)}${biggest.bytes > 25 * 1024 * 1024 ? "  ← OVER the 25 MB limit" : ""}`);
  console.log(`largest page: /${relative(outDir, html[0].path)} ${kb(html[0].bytes)} raw, ${kb(gz(html[0].path))} gzip`);
  console.log(`search-index/: ${search.length} files, ${kb(search.reduce((s, f) => s + f.bytes, 0))} raw; largest ${relative(outDir, searchBiggest.path)} ${kb(searchBiggest.bytes)} raw, ${kb(gz(searchBiggest.path))} gzip`);
  // A query loads the manifest, a few key shards and the chunks of its first page of hits, the next page the next chunks: a few kinds of query.
  const sampleUnit = data.units[Math.floor(data.units.length / 2)];
  const queries = ["满意度", "示", "第0001街道", `${sampleUnit.name} · ${sampleUnit.year}`, "完成 及时", "读者满意度 ≥"];
  for (const q of queries) {
    const r = await queryBytes(outDir, q, 2);
    const next = r.next[0];
    console.log(`search “${q}”: ${r.exact ? "" : "up to "}${r.total} hits, first page ${r.hits.length}${r.complete ? "" : " (first found)"}, ${r.files.length} files, ${kb(r.raw)} raw, ${kb(r.gzip)} gzip${r.gzip > 200 * 1024 ? "  ← over the 200 KB goal" : ""}; ${next ? `next page ${next.files.length} more files, ${kb(next.gzip)} gzip` : "no next page"}`);
  }
  if (parquet.length) console.log(`parquet: ${parquet.length} files, ${mb(parquet.reduce((s, f) => s + f.bytes, 0))}`);
  console.log(`per declaration: ${(buildS / unitYears).toFixed(3)} s build, ${kb(distBytes / unitYears)} of dist`);

  // First views: the heaviest HTML pages, the overview and the latest cross-unit year page.
  const { launchChromium } = await import("../scripts/chromium.ts");
  const { serve } = await import("../scripts/serve.ts");
  const { firstView } = await import("./firstView.ts");
  const latest = Math.max(...data.units.map((u) => u.year));
  const paths = [...new Set(["index.html", `compare/year/${latest}/index.html`, ...html.slice(0, open).map((f) => relative(outDir, f.path))])];
  const { server, url } = await serve({ root: outDir, port: 0 });
  const browser = await launchChromium();
  try {
    console.log("first view | requests | gzip transferred | document raw | largest response (gzip)");
    for (const file of paths) {
      const onDisk = statSync(join(outDir, file)).size;
      const path = file.replace(/index\.html$/, "");
      const v = await firstView(browser, url, path);
      if (v.docRaw !== onDisk) fail(`/${path}: the browser got ${v.docRaw} bytes of a ${onDisk}-byte document`);
      console.log(`/${path} | ${v.requests} | ${kb(v.gz)}${v.gz > 150 * 1024 ? " (over the 150 KB goal)" : ""} | ${kb(v.docRaw)} | ${v.largest}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (flags.keep) console.log(`kept: data ${dir}, site ${outDir}`);
}

/** The district's tables as the build publishes them, without the site: sizes per table and the largest file. */
async function parquetOnly(dir: string, outDir: string) {
  const { openDataFolders } = await import("../src/query/node.ts");
  const { writeParquet } = await import("../src/query/parquet.ts");
  const t0 = performance.now();
  const db = await openDataFolders([{ dir, status: "sample" }]);
  const m = await writeParquet(db, join(outDir, "data", "parquet"));
  await db.close();
  const byTable = new Map<string, { files: number; rows: number; bytes: number }>();
  for (const f of m.files) {
    const t = byTable.get(f.table) ?? { files: 0, rows: 0, bytes: 0 };
    byTable.set(f.table, { files: t.files + 1, rows: t.rows + f.rows, bytes: t.bytes + f.bytes });
  }
  const largest = m.files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(`parquet only (no site build): ${m.files.length} files, ${mb(m.files.reduce((s, f) => s + f.bytes, 0))} in ${((performance.now() - t0) / 1000).toFixed(1)} s (CSV load + write); largest ${largest.path} ${mb(largest.bytes)}, ${largest.rows} rows`);
  for (const [t, v] of byTable) console.log(`  ${t}: ${v.files} files, ${v.rows} rows, ${kb(v.bytes)}`);
  // One unit read as the workspace reads it: by range requests from scripts/serve.ts (bench/parquetRemote.ts).
  const { measureRemote, GOAL_BYTES } = await import("./parquetRemote.ts");
  console.log("one unit by range requests (src/explore/parquetRemote.ts ← scripts/serve.ts on 127.0.0.1; bodies read / bytes on the wire):");
  for (const f of await measureRemote(outDir, m)) {
    const over = f.what.startsWith("probe") || f.what.startsWith("unit list") ? "" : f.wireBytes > GOAL_BYTES ? "  OVER the 5 MB goal" : "";
    console.log(`  ${f.what}: ${kb(f.bodyBytes)} / ${kb(f.wireBytes)}, ${f.requests} requests, ${f.ms.toFixed(0)} ms${f.groups ? `, ${f.groups.read} of ${f.groups.total} row groups, ${f.rows} rows` : ""}${over}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const failure = await main().then(() => null, (e) => (e instanceof Error ? e.message : String(e)));
  if (!flags.keep) for (const d of made) rmSync(d, { recursive: true, force: true });
  if (failure) {
    console.error(`bench:scale FAILED: ${failure}`);
    process.exit(1);
  }
}
