// A longer fuzz campaign over importFile than test/fuzz.test.ts runs (not a test:
// it prints figures and any failure).
//
//   npm run fuzz                         100,000 cases, seed 1
//   npm run fuzz -- 500000 --seed=7      that many cases from that seed
//   npm run fuzz -- --seconds=300        as many cases as fit in five minutes
//   npm run fuzz -- 20000 --survey       run every case (no stop, no shrinking) and count failures by message
//
// A failing case is shrunk by fast-check and written to bench/output/fuzz-failure-<seed>.{json,bin}:
// the case, and the bytes importFile was given. Keep it as a regression fixture under
// test/fixtures/fuzz/ (with its test in test/fuzz.test.ts) once fixed.
import { mkdirSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { caseArbitrary, caseBytes, loadSeeds, runCase, type Case } from "./fuzz-cases.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? (flag("seconds") ? 1e9 : 100_000));
const seconds = flag("seconds") ? Number(flag("seconds")) : null;
const seed = Number(flag("seed") ?? 1);
const seeds = loadSeeds();
const arb = caseArbitrary(seeds);

console.log(`fuzz importFile: ${seeds.length} seed files (${seeds.map((s) => s.name).join(", ")})`);
console.log(`  seed ${seed}, ${seconds ? `for ${seconds} s` : `${count.toLocaleString("en")} cases`}`);

const started = performance.now();
if (args.includes("--survey")) {
  const failures = new Map<string, { n: number; example: Case }>();
  let n = 0;
  for (const c of fc.sample(arb, { numRuns: count, seed })) {
    n++;
    const problem = runCase(seeds, c);
    if (problem) {
      const key = problem.slice(0, 140);
      const f = failures.get(key) ?? { n: 0, example: c };
      f.n++;
      failures.set(key, f);
    }
    if (seconds && performance.now() - started > seconds * 1000) break;
  }
  const s = (performance.now() - started) / 1000;
  console.log(`  ${n.toLocaleString("en")} cases in ${s.toFixed(1)} s: ${(n / s).toFixed(0)} cases/s; ${[...failures.values()].reduce((a, f) => a + f.n, 0)} failing`);
  for (const [k, f] of [...failures].sort((a, b) => b[1].n - a[1].n)) console.log(`  ${String(f.n).padStart(6)}  ${k}`);
  process.exitCode = failures.size ? 1 : 0;
} else {
  let n = 0;
  const result = fc.check(
    fc.property(arb, (c) => {
      n++;
      const problem = runCase(seeds, c);
      if (problem) throw new Error(problem);
    }),
    { numRuns: count, seed, ...(seconds ? { interruptAfterTimeLimit: seconds * 1000 } : {}), markInterruptAsFailure: false },
  );
  const s = (performance.now() - started) / 1000;
  const run = result.numRuns;
  console.log(`  ${run.toLocaleString("en")} cases in ${s.toFixed(1)} s: ${(run / s).toFixed(0)} cases/s (${n.toLocaleString("en")} runs with shrinking)`);
  if (result.failed && result.counterexample) {
    const [c] = result.counterexample as [Case];
    const { file, bytes } = caseBytes(seeds, c);
    mkdirSync("bench/output", { recursive: true });
    const base = `bench/output/fuzz-failure-${seed}`;
    writeFileSync(`${base}.json`, JSON.stringify({ seed, path: result.counterexamplePath, file, case: c, problem: runCase(seeds, c) }, null, 2));
    writeFileSync(`${base}.bin`, bytes);
    console.log(`  FAILED after ${result.numRuns} cases (shrunk ${result.numShrinks} times): ${runCase(seeds, c)}`);
    console.log(`  case and bytes: ${base}.json, ${base}.bin (replay: fc seed ${seed}, path ${result.counterexamplePath})`);
    process.exitCode = 1;
  } else console.log("  no failure");
}
