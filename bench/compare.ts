// Comparison benchmark: the time to compute all indicator matches for 500 units ×
// 5 years (4 consecutive-year comparisons per unit), on synthetic units derived
// from the real declaration's 60 indicators with seeded renames, drops, additions
// and retargets. Because the generator knows each indicator's lineage, it also
// reports how many true pairs the matching recovered and how many it invented.
// `node bench/compare.ts` (npm run bench:compare).
import { readFileSync } from "node:fs";
import { importFile } from "../src/core/import.ts";
import { indicatorId, unitId } from "../src/core/ids.ts";
import { parseTarget } from "../src/core/target.ts";
import { matchIndicators } from "../src/core/compare.ts";
import type { Indicator } from "../src/core/model.ts";
import { mulberry32 } from "../scripts/prng.ts";

const UNITS = 500;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const RUNS = 5;


const seedFile = "data/raw/000_83bc0b582c527eae.txt";
const seed = importFile(seedFile, readFileSync(seedFile), { checks: false }).indicators;

/** Rewordings a declaration's next year plausibly makes (the matching should see through them). */
const REWORDINGS: ReadonlyArray<(s: string) => string> = [
  (s) => s.replace("完成数", "完成量"),
  (s) => s.replace("完成量", "完成数"),
  (s) => s.replace(/(.{2})/, "$1的"),
  (s) => s + "工作",
  (s) => s.replace("工作", ""),
  (s) => s.replace(/^(.{3})(.)/, "$1与$2"),
  (s) => "（" + s + "）",
];
const NEW_WORDS = ["社区", "志愿", "宣传", "培训", "巡查", "设施", "服务", "活动", "档案", "安全", "场馆", "数字化"];
const MEASURES = ["完成数", "覆盖率", "及时率", "满意度", "场次", "人次"];

/** One unit's indicators over the years; lineage maps each indicator to the seed-or-new item it descends from. */
function unitHistory(u: number, lineage: Map<Indicator, string>): Indicator[][] {
  const rand = mulberry32(0x5eed + u);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const name = `示例单位${String(u).padStart(3, "0")}`;
  const uid = unitId(name);
  const make = (src: Omit<Indicator, "id" | "unitId" | "year" | "order" | "parsed" | "source">, year: number, line: string): Indicator => {
    const ind: Indicator = {
      ...src, id: indicatorId(name, src.level1, src.level2, src.name), unitId: uid, year, order: 0,
      parsed: parseTarget(src.target, year), source: { file: "bench" },
    };
    lineage.set(ind, line);
    return ind;
  };
  // Each unit starts from the seed minus a few indicators, so units differ.
  let current = seed.filter(() => rand() > 0.08).map((i, k) => make(i, YEARS[0], `s${k}`));
  const years = [current];
  let fresh = 0;
  for (const year of YEARS.slice(1)) {
    const next: Indicator[] = [];
    for (const prev of current) {
      const r = rand();
      if (r < 0.04) continue; // dropped
      let { name: n, target } = prev;
      if (n && r < 0.12) n = pick(REWORDINGS)(n) || n; // reworded
      if (prev.parsed.kind === "quantitative" && rand() < 0.15) target = target!.replace(/\d+/, (d) => String(Number(d) + 1 + Math.floor(rand() * 9)));
      next.push(make({ level1: prev.level1, level2: prev.level2, name: n, target, note: prev.note }, year, lineage.get(prev)!));
    }
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      const like = pick(seed.filter((i) => i.name));
      next.splice(Math.floor(rand() * next.length), 0, make({ level1: like.level1, level2: like.level2, name: pick(NEW_WORDS) + pick(NEW_WORDS) + pick(MEASURES), target: like.target, note: null }, year, `n${u}-${year}-${fresh++}`));
    }
    next.forEach((i, k) => (i.order = k + 1));
    // Two new indicators with one name would share an id; keep ids unique within the year.
    const seen = new Map<string, number>();
    for (const i of next) {
      const c = (seen.get(i.id) ?? 0) + 1;
      seen.set(i.id, c);
      if (c > 1) i.id += `-${c}`;
    }
    years.push(next);
    current = next;
  }
  return years;
}

const lineage = new Map<Indicator, string>();
const t0 = performance.now();
const units = Array.from({ length: UNITS }, (_, u) => unitHistory(u, lineage));
const generateMs = performance.now() - t0;
const comparisons = UNITS * (YEARS.length - 1);
const indicators = units.reduce((n, ys) => n + ys.reduce((m, y) => m + y.length, 0), 0);

function matchAll() {
  const out = [];
  for (const ys of units) for (let y = 1; y < ys.length; y++) out.push(matchIndicators(ys[y - 1], ys[y]));
  return out;
}

matchAll(); // warm-up (JIT)
// Wall time and this process's CPU time (the latter is less disturbed by other load on the machine).
const times: number[] = [];
const cpu: number[] = [];
let results = matchAll();
for (let r = 0; r < RUNS; r++) {
  const s = performance.now();
  const c = process.cpuUsage();
  results = matchAll();
  const used = process.cpuUsage(c);
  times.push(performance.now() - s);
  cpu.push((used.user + used.system) / 1000);
}
const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const median = mid(times);

// Quality against the generator's lineage.
let truePairs = 0;
let found = 0;
let wrong = 0;
const methods: Record<string, number> = {};
let k = 0;
for (const ys of units) {
  for (let y = 1; y < ys.length; y++) {
    const olds = new Set(ys[y - 1].map((i) => lineage.get(i)));
    truePairs += ys[y].filter((i) => olds.has(lineage.get(i))).length;
    for (const m of results[k++].matches) {
      if (!m.old || !m.new) continue;
      methods[m.method!] = (methods[m.method!] ?? 0) + 1;
      if (lineage.get(m.old) === lineage.get(m.new)) found++;
      else wrong++;
    }
  }
}

console.log(`$ node bench/compare.ts   (Node ${process.version}; matchIndicators over synthetic units, seeded)`);
console.log(`units × years: ${UNITS} × ${YEARS.length} = ${UNITS * YEARS.length} declarations, ${indicators} indicators (generated in ${generateMs.toFixed(0)} ms)`);
console.log(`comparisons: ${comparisons} (consecutive years per unit)`);
console.log(`all matches: ${median.toFixed(1)} ms total (median of ${RUNS} runs; min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}; CPU ${mid(cpu).toFixed(1)} ms)`);
console.log(`per comparison: ${((median * 1000) / comparisons).toFixed(1)} µs`);
console.log(`pairs by method: ${Object.entries(methods).map(([m, n]) => `${m} ${n}`).join(", ")}`);
console.log(`true pairs recovered: ${found} of ${truePairs} (${((100 * found) / truePairs).toFixed(2)}%); wrong pairs: ${wrong}`);
