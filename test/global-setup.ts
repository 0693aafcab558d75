// Once per test run, before any test file: every temporary folder the run makes
// goes under one folder of its own (TMPDIR, which os.tmpdir() and Chromium read),
// removed when the run ends — the builds, the CSV files the tests write, browser
// profiles. Then the site is built once into it (so that concurrent runs never
// read each other's half-built dist/), before any browser test opens it; skipped
// when the run is limited to files outside test/browser/.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { build } from "./browser/harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dist: string;
    /** The run's own temporary folder (TMPDIR for the tests). */
    tmp: string;
  }
}

export default function setup(project: TestProject) {
  const previous = process.env.TMPDIR;
  const tmp = mkdtempSync(join(tmpdir(), "jixiao-test-run-"));
  process.env.TMPDIR = tmp;
  const filters = process.argv.slice(2).filter((a) => !a.startsWith("-") && a !== "run" && !a.includes("vitest"));
  const wantsBrowser = filters.length === 0 || filters.some((f) => f.includes("browser"));
  const dist = mkdtempSync(join(tmp, "jixiao-dist-"));
  project.provide("dist", dist);
  project.provide("tmp", tmp);
  if (wantsBrowser) build(dist);
  return () => {
    rmSync(tmp, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
