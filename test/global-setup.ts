// Builds dist/ once per test run, before any browser test opens it. Skipped
// when the run is limited to files outside test/browser/ (or JIXIAO_SKIP_BUILD=1).
import { build } from "./browser/harness.ts";

export default function setup() {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run" && !a.includes("vitest"));
  const wantsBrowser = filters.length === 0 || filters.some((f) => f.includes("browser"));
  if (wantsBrowser && !process.env.JIXIAO_SKIP_BUILD) build();
}
