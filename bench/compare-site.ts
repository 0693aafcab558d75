// Comparison pages' benchmark: build time and first-view weight of /compare/…
// with 20 units × 3 years. The data is synthesised (seeded, deterministic) from
// the bundled data: each of its 5 units (2024–2026, with progress data) is
// copied under three other 街道 names, so there are 4 regions of 5 units; ids
// follow the new names, budgets are scaled by a seeded factor to the fen (and
// still reconcile), indicators, tasks, actuals and execution lines come along.
// The site is built from that folder alone (JIXIAO_DATA=<dir>:sample) into a
// temporary outDir, served on 127.0.0.1, and the comparison pages are opened in
// headless Chromium: bytes a reader's browser transfers (gzip, as any static
// host serves it) and requests. `node bench/compare-site.ts` (npm run bench:compare-site).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchChromium } from "../scripts/chromium.ts";
import { firstView } from "./firstView.ts";
import { serve } from "../scripts/serve.ts";
import { siteDataset } from "../src/site/dataset.ts";
import { tableRows, toCsv, type TableName } from "../src/core/canonical.ts";
import { indicatorId, unitId } from "../src/core/ids.ts";
import type { BudgetLine, Dataset } from "../src/core/model.ts";
import { mulberry32 } from "../scripts/prng.ts";

const SEED = 20260;
const STREETS = ["江川路街道", "古美路街道", "新虹街道", "浦锦街道"];


/** fen × a factor given in millionths, rounded half up. */
const scale = (fen: bigint, millionths: bigint) => (fen * millionths + 500_000n) / 1_000_000n;

/** 20 units × 3 years: the bundled units under four 街道 names. */
function synthesise(base: Dataset): Dataset {
  const rand = mulberry32(SEED);
  const out: Dataset = { units: [], budget: [], tasks: [], indicators: [], findings: [], actuals: [], execution: [] };
  const bases = [...new Map(base.units.map((u) => [u.id, u.name])).entries()];
  for (const [k, street] of STREETS.entries()) {
    for (const [oldId, oldName] of bases) {
      const name = k === 0 ? oldName : `示例·${oldName.replace(/^示例·/, "").replace("江川路街道", street)}`;
      const id = unitId(name);
      const factor = k === 0 ? 1_000_000n : BigInt(Math.round((0.6 + 0.8 * rand()) * 1_000_000));
      const inds = new Map<string, string>();
      for (const u of base.units.filter((x) => x.id === oldId)) out.units.push({ ...u, id, name, status: "sample" });
      for (const i of base.indicators.filter((x) => x.unitId === oldId)) {
        const nid = indicatorId(name, i.level1, i.level2, i.name);
        inds.set(i.id, nid);
        out.indicators.push({ ...i, id: nid, unitId: id });
      }
      for (const t of base.tasks.filter((x) => x.unitId === oldId)) out.tasks.push({ ...t, id: `t${id.slice(1)}-${t.year}-${t.order}`, unitId: id });
      // Budget: the total scaled; within sources and within structure, every line but the last scaled
      // and the last the remainder, so each still adds up to the total to the fen.
      const groups = new Map<string, BudgetLine[]>();
      for (const b of base.budget.filter((x) => x.unitId === oldId)) groups.set(`${b.year}|${b.kind}`, [...(groups.get(`${b.year}|${b.kind}`) ?? []), b]);
      for (const [key, lines] of groups) {
        const [year] = key.split("|");
        const total = scale(base.budget.find((b) => b.unitId === oldId && String(b.year) === year && b.kind === "total")!.amountFen, factor);
        let left = total;
        lines.forEach((b, i) => {
          const amountFen = b.kind === "total" ? total : i === lines.length - 1 ? left : scale(b.amountFen, factor);
          if (b.kind !== "total") left -= amountFen;
          out.budget.push({ ...b, id: b.id.replace(/^b[^-]+/, `b${id.slice(1)}`), unitId: id, amountFen });
        });
      }
      for (const a of base.actuals ?? []) if (a.unitId === oldId) out.actuals!.push({ ...a, unitId: id, unitName: name, indicatorId: a.indicatorId ? inds.get(a.indicatorId) ?? a.indicatorId : null, status: "sample" });
      for (const e of base.execution ?? []) {
        if (e.unitId !== oldId) continue;
        const s = (f: bigint | null) => (f === null ? null : scale(f, factor));
        out.execution!.push({ ...e, unitId: id, unitName: name, budgetInitialFen: s(e.budgetInitialFen), budgetFullYearFen: s(e.budgetFullYearFen), executedFen: s(e.executedFen), status: "sample" });
      }
    }
  }
  return out;
}

const data = synthesise(siteDataset());
const dir = mkdtempSync(join(tmpdir(), "jixiao-bench-compare-data-"));
const outDir = mkdtempSync(join(tmpdir(), "jixiao-bench-compare-dist-"));
const rows = tableRows(data);
for (const t of ["units", "budget", "tasks", "indicators", "actuals", "execution"] as TableName[]) writeFileSync(join(dir, `${t}.csv`), toCsv(t, rows[t]) + "\r\n");
const unitCount = new Set(data.units.map((u) => u.id)).size;
const yearCount = new Set(data.units.map((u) => u.year)).size;

const t0 = performance.now();
const r = spawnSync(process.execPath, ["node_modules/astro/bin/astro.mjs", "build", "--outDir", outDir], {
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", JIXIAO_DATA: `${dir}:sample` },
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (r.status !== 0) throw new Error(r.stderr || r.stdout);
const buildMs = performance.now() - t0;
// Astro reports each page's render time: the comparison pages' share of the build.
const timed = [...r.stdout.matchAll(/(\/(?:en\/)?[^\s]*?index\.html) \(\+(\d+)ms\)/g)].map((m) => ({ path: m[1], ms: Number(m[2]) }));
const comparePages = timed.filter((p) => /^\/(?:en\/)?compare\//.test(p.path));
const compareMs = comparePages.reduce((s, p) => s + p.ms, 0);
const allPages = Number(/(\d+) page\(s\) built/.exec(r.stdout)?.[1] ?? timed.length);

console.log(`$ node bench/compare-site.ts   (Node ${process.version}; seeded data, astro build into a temp folder, then headless Chromium on 127.0.0.1)`);
console.log(`data: ${unitCount} units × ${yearCount} years = ${data.units.length} declarations, ${data.indicators.length} indicators, ${data.actuals!.length} actuals (synthesised from the bundled data, seed ${SEED}) in ${dir}`);
console.log(`build (whole site, ${allPages} pages): ${(buildMs / 1000).toFixed(2)} s`);
console.log(`comparison pages: ${comparePages.length} (zh + en) rendered in ${(compareMs / 1000).toFixed(2)} s of page time (Astro's per-page timings, summed); slowest ${comparePages.sort((a, b) => b.ms - a.ms)[0]?.path} ${comparePages[0]?.ms} ms`);

const { server, url } = await serve({ root: outDir, port: 0 });
const browser = await launchChromium();
const first = [...new Map(data.units.map((u) => [u.id, u])).values()][0];
const pages = ["compare/", `compare/unit/${first.id}/`, `compare/unit/${first.id}/2024-2025/`, "compare/year/2026/", "en/compare/year/2026/"];
console.log("page | requests | raw bytes | gzip bytes | largest file (gzip)");
for (const path of pages) {
  const v = await firstView(browser, url, path);
  console.log(`/${path} | ${v.requests} | ${v.raw} | ${v.gz} (${(v.gz / 1024).toFixed(1)} KB) | ${v.largest}`);
}
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });
rmSync(outDir, { recursive: true, force: true });
