// The scale benchmark's district at a small size (bench/district.ts: 20 units ×
// 3 years × 2 projects), built twice: from its CSV folder, then from the Parquet
// that build published. Every unit page is reachable from the overview within
// three clicks and every project page within four; each year's cross-unit page
// lists the first and last of its rankings, whose pages list every unit once;
// the overview and /compare/ list the first units and their list pages every
// one; the split search index is whole and a query loads ≤ 200 KB, each next page too, and only the chunks it shows; the Parquet files hold the
// CSV tables' totals to the fen and the manifest lists exactly them; the site
// built from the Parquet is the same site, byte for byte.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { district, writeDistrict } from "../bench/district.ts";
import { openDataFolders } from "../src/query/node.ts";
import type { Manifest } from "../src/query/parquet.ts";
import type { Dataset } from "../src/core/model.ts";
import { gzipSync } from "node:zlib";
import { searchEntries, type SearchEntry, type SearchManifest } from "../src/site/searchIndex.ts";
import { SEARCH_PAGE } from "../src/site/searchQuery.ts";
import { COMPARE_UNITS, ENDS, PAGE_UNITS } from "../src/site/compareView.ts";
import { OVERVIEW_ROWS, UNITS_PAGE } from "../src/site/overview.ts";
import { queryBytes } from "../bench/searchBytes.ts";

const tmp = mkdtempSync(join(tmpdir(), "jixiao-scale-"));
const csv = join(tmp, "csv");
const fromCsv = join(tmp, "site-csv");
const fromParquet = join(tmp, "site-parquet");
let data: Dataset;

function build(outDir: string, spec: string) {
  const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", outDir], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", JIXIAO_DATA: spec },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`astro build failed:\n${r.stdout.slice(-3000)}\n${r.stderr}`);
}

beforeAll(() => {
  data = district({ units: 20, projects: 2 });
  writeDistrict(data, csv);
  build(fromCsv, `${csv}:sample`);
  build(fromParquet, `${join(fromCsv, "data/parquet")}:sample`);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();

/** Clicks from the overview to every page of the site (Chinese pages: each /en/ page mirrors one). */
function clicks(root: string): Map<string, number> {
  const depth = new Map<string, number>([["/", 0]]);
  const queue = ["/"];
  while (queue.length) {
    const page = queue.shift()!;
    const file = join(root, page, "index.html");
    if (!existsSync(file)) continue;
    for (const [, href] of readFileSync(file, "utf8").matchAll(/<a\b[^>]*?\bhref="([^"]+)"/g)) {
      const target = new URL(href.replace(/&amp;/g, "&"), `http://site${page}`);
      if (target.host !== "site" || !target.pathname.endsWith("/") || target.pathname.startsWith("/en/")) continue;
      if (!depth.has(target.pathname)) {
        depth.set(target.pathname, depth.get(page)! + 1);
        queue.push(target.pathname);
      }
    }
  }
  return depth;
}

describe("a district of 20 units × 3 years × 2 projects", () => {
  it("reaches every unit page from the overview within three clicks and every project page within four", () => {
    const depth = clicks(fromCsv);
    const units = [...new Set(data.units.map((u) => `/unit/${u.id}/${u.year}/`))];
    const projects = data.projects!.map((p) => `/unit/${p.unitId}/${p.year}/project/${p.id}/`);
    expect(units).toHaveLength(60);
    expect(projects).toHaveLength(120);
    for (const u of units) expect(existsSync(join(fromCsv, u, "index.html")), u).toBe(true);
    for (const p of projects) expect(existsSync(join(fromCsv, p, "index.html")), p).toBe(true);
    expect(units.filter((u) => !(depth.get(u)! <= 3))).toEqual([]);
    expect(projects.filter((p) => !(depth.get(p)! <= 4))).toEqual([]);
  });

  it("summarises each year's cross-unit page, and its ranking pages together list every unit exactly once, in every ranking", () => {
    for (const year of [...new Set(data.units.map((u) => u.year))]) {
      const ids = [...new Set(data.units.filter((u) => u.year === year).map((u) => u.id))].sort();
      expect(ids.length).toBeGreaterThan(2 * ENDS);
      for (const lang of ["", "en/"]) {
        const page = readFileSync(join(fromCsv, `${lang}compare/year/${year}/index.html`), "utf8");
        expect(page.match(/<tr id="rk-/g), `${lang}${year}`).toHaveLength(2 * ENDS);
        expect(page.match(/data-drill="unit"/g), `${lang}${year}`).toHaveLength(2 * ENDS);
        for (const key of ["budget", "rate", "score"]) {
          expect(page, `${lang}${year} ${key}`).toContain(`href="/${lang}compare/year/${year}/rank/${key}/1/"`);
          const dir = join(fromCsv, `${lang}compare/year/${year}/rank/${key}`);
          const pages = readdirSync(dir).sort((a, b) => Number(a) - Number(b));
          expect(pages).toEqual(Array.from({ length: Math.ceil(ids.length / PAGE_UNITS) }, (_, i) => String(i + 1)));
          const listed = pages.flatMap((n) => [...readFileSync(join(dir, n, "index.html"), "utf8").matchAll(/<tr id="rk-([^"]+)"/g)].map((m) => m[1]));
          expect(listed.length, `${lang}${year} ${key}`).toBe(ids.length);
          expect([...listed].sort(), `${lang}${year} ${key}`).toEqual(ids);
        }
      }
    }
  });

  it("links each year's cross-unit page to its projects ranked across units, whose pages together list every project exactly once, by every key", () => {
    const depth = clicks(fromCsv);
    for (const year of [...new Set(data.projects!.map((p) => p.year))]) {
      const ids = data.projects!.filter((p) => p.year === year).map((p) => `${p.unitId}-${p.id}`).sort();
      for (const lang of ["", "en/"]) {
        expect(readFileSync(join(fromCsv, `${lang}compare/year/${year}/index.html`), "utf8")).toContain(`href="/${lang}compare/year/${year}/projects/"`);
        // The compare index links it too, beside the year's cross-unit page.
        expect(readFileSync(join(fromCsv, `${lang}compare/index.html`), "utf8")).toContain(`href="/${lang}compare/year/${year}/projects/"`);
        expect(existsSync(join(fromCsv, `${lang}compare/year/${year}/projects/index.html`))).toBe(true);
        for (const key of ["budget", "rate", "score"]) {
          const dir = join(fromCsv, `${lang}compare/year/${year}/projects/${key}`);
          const pages = readdirSync(dir).sort((a, b) => Number(a) - Number(b));
          expect(pages).toEqual(Array.from({ length: Math.ceil(ids.length / 50) }, (_, i) => String(i + 1)));
          const listed = pages.flatMap((n) => [...readFileSync(join(dir, n, "index.html"), "utf8").matchAll(/<tr id="pr-([^"]+)"/g)].map((m) => m[1]));
          expect(listed.length, `${lang}${year} ${key}`).toBe(ids.length);
          expect([...listed].sort(), `${lang}${year} ${key}`).toEqual(ids);
        }
      }
      expect(depth.get(`/compare/year/${year}/projects/`)).toBeLessThanOrEqual(3);
    }
  });

  it("keeps the overview and /compare/ short, and their list pages together list every unit-year and unit exactly once", () => {
    const unitYears = [...new Set(data.units.map((u) => `${u.id}/${u.year}`))].sort();
    const overview = readFileSync(join(fromCsv, "index.html"), "utf8");
    const linked = (html: string) => [...html.matchAll(/<a href="\/unit\/(u[0-9a-f]+\/\d+)\/"/g)].map((m) => m[1]);
    expect(linked(overview).length).toBe(OVERVIEW_ROWS);
    const listPages = readdirSync(join(fromCsv, "units")).sort((a, b) => Number(a) - Number(b));
    expect(listPages).toEqual(Array.from({ length: Math.ceil(unitYears.length / UNITS_PAGE) }, (_, i) => String(i + 1)));
    for (const n of listPages) expect(overview).toContain(`href="/units/${n}/"`);
    const listed = listPages.flatMap((n) => linked(readFileSync(join(fromCsv, "units", n, "index.html"), "utf8")));
    expect([...listed].sort()).toEqual(unitYears);
    const ids = [...new Set(data.units.map((u) => u.id))].sort();
    const index = readFileSync(join(fromCsv, "compare/index.html"), "utf8");
    const compared = (html: string) => [...html.matchAll(/<a href="\/compare\/unit\/(u[0-9a-f]+)\/"/g)].map((m) => m[1]);
    expect(compared(index).length).toBe(COMPARE_UNITS);
    const comparePages = readdirSync(join(fromCsv, "compare/units")).sort((a, b) => Number(a) - Number(b));
    for (const n of comparePages) expect(index).toContain(`href="/compare/units/${n}/"`);
    const all = comparePages.flatMap((n) => compared(readFileSync(join(fromCsv, "compare/units", n, "index.html"), "utf8")));
    expect([...all].sort()).toEqual(ids);
  });

  it("splits the search index: the manifest names exactly the files there are, and a query finds what the whole index would, loading ≤ 200 KB", async () => {
    const dir = join(fromCsv, "search-index");
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as SearchManifest;
    const named = ["manifest.json", ...Array.from({ length: manifest.chunks }, (_, i) => `e-${i}.json`), ...Array.from({ length: manifest.shards }, (_, i) => `k-${i}.json`)].sort();
    expect(readdirSync(dir).sort()).toEqual(named);
    const all = Array.from({ length: manifest.chunks }, (_, i) => JSON.parse(readFileSync(join(dir, `e-${i}.json`), "utf8")) as SearchEntry[]).flat();
    expect(all.length).toBe(manifest.entries);
    const unit = data.units[7];
    const project = data.projects![5];
    for (const q of ["满意度", "示", "第0003街道", `${unit.name} · ${unit.year}`, project.name, "完成 及时", "读者满意度 ≥", "no such words 无此词"]) {
      const r = await queryBytes(fromCsv, q, 3);
      const hits = searchEntries(all, q, Infinity);
      expect(r.hits, q).toEqual(hits.slice(0, SEARCH_PAGE));
      expect(r.complete, q).toBe(true);
      expect(r.gzip, q).toBeLessThanOrEqual(200 * 1024);
      if (r.exact) expect(r.total, q).toBe(hits.length);
      else expect(r.total, q).toBeGreaterThanOrEqual(hits.length);
      // Each next page is the next hits, for what it adds, never the rest of the index.
      expect(r.next.length, q).toBe(Math.min(2, Math.max(0, Math.ceil(hits.length / SEARCH_PAGE) - 1)));
      r.next.forEach((p, i) => {
        expect(p.hits, `${q} page ${i + 2}`).toEqual(hits.slice((i + 1) * SEARCH_PAGE, (i + 2) * SEARCH_PAGE));
        expect(p.gzip, `${q} page ${i + 2}`).toBeLessThanOrEqual(200 * 1024);
      });
    }
    // A broad query pages through a few chunks at a time: three pages of 满意度 open far fewer chunks than there are.
    const broad = await queryBytes(fromCsv, "满意度", 3);
    expect(searchEntries(all, "满意度", Infinity).length).toBeGreaterThan(3 * SEARCH_PAGE);
    expect([broad, ...broad.next].flatMap((s) => s.files).filter((f) => f.startsWith("e-")).length).toBeLessThan(manifest.chunks / 2);
    // A filter reads only the chunks its candidates are in.
    const year = data.units[0].year;
    const filtered = await queryBytes(fromCsv, "满意度", 1, { kind: "i", year });
    expect(filtered.hits).toEqual(searchEntries(all, "满意度", SEARCH_PAGE, { kind: "i", year }));
    expect(filtered.gzip).toBeLessThanOrEqual(200 * 1024);
    // No file of the index is much over a query's budget on its own.
    for (const f of named) expect(gzipSync(readFileSync(join(dir, f))).length, f).toBeLessThanOrEqual(100 * 1024);
  });

  it("publishes Parquet that holds the CSV tables' totals to the fen, listed exactly by its manifest", async () => {
    const dir = join(fromCsv, "data/parquet");
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Manifest;
    expect(manifest.files.map((f) => f.path).sort()).toEqual(files(dir).filter((f) => f.endsWith(".parquet")));
    const db = await openDataFolders([{ dir: csv, status: "sample" }]);
    try {
      const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
      const pq = (t: string) => `read_parquet([${manifest.files.filter((f) => f.table === t).map((f) => q(join(dir, f.path))).join(", ")}], hive_partitioning = true)`;
      const money = (from: string) => `SELECT fiscal_year::INTEGER AS y, coalesce(project_id, '') <> '' AS project, kind, sum(amount)::VARCHAR AS total, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ALL`;
      const spent = (from: string) => `SELECT fiscal_year::INTEGER AS y, period, sum(CAST(executed AS DECIMAL(18,2)))::VARCHAR AS total FROM ${from} GROUP BY ALL ORDER BY ALL`;
      expect(await db.query(money(pq("budget")))).toEqual(await db.query(money("budget")));
      expect(await db.query(spent(pq("execution")))).toEqual(await db.query(spent("execution")));
      for (const t of ["units", "projects", "indicators", "actuals", "tasks"]) {
        const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`);
        expect(manifest.files.filter((f) => f.table === t).reduce((s, f) => s + f.rows, 0), t).toBe(n);
      }
    } finally {
      await db.close();
    }
  });

  it("builds the same site, byte for byte, from the published Parquet as from the CSV folder", () => {
    const a = files(fromCsv);
    expect(files(fromParquet)).toEqual(a);
    const differ = a.filter((f) => !readFileSync(join(fromCsv, f)).equals(readFileSync(join(fromParquet, f))));
    expect(differ).toEqual([]);
  });
});
