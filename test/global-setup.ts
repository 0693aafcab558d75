// Builds the site once per test run into a fresh temporary folder (so that
// concurrent runs never read each other's half-built dist/), before any browser
// test opens it. Skipped when the run is limited to files outside test/browser/.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { build } from "./browser/harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dist: string;
  }
}

export default function setup(project: TestProject) {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run" && !a.includes("vitest"));
  const wantsBrowser = filters.length === 0 || filters.some((f) => f.includes("browser"));
  const dist = mkdtempSync(join(tmpdir(), "jixiao-dist-"));
  project.provide("dist", dist);
  if (wantsBrowser) build(dist);
  return () => rmSync(dist, { recursive: true, force: true });
}
