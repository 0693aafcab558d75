// The layers read top-down: every import in src/ is read here and checked against the rules below,
// so a module that reaches up a layer, into scripts/, or into src/components/ fails the suite.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const STATIC = /\b(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

/** The relative imports of one file (static, re-exports, dynamic, type-only), as paths from the repository root. */
export function importsOf(file: string, text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const specs = [...code.matchAll(STATIC), ...code.matchAll(DYNAMIC)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith(".")).map((s) => normalize(join(dirname(file), s.replace(/\?.*$/, ""))));
}

const FILES = walk("src").filter((f) => /\.(ts|astro|mjs)$/.test(f));
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f, readFileSync(join(ROOT, f), "utf8"))]));

/** src/<layer>/… → layer. */
const layerOf = (path: string) => (path.startsWith("src/") ? path.split("/")[1] : path.split("/")[0]);

/** What each layer may import, besides itself. Lower layers know nothing of the ones above them. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  i18n: ["core"], // the one message catalogue: the interface text of the pages, charts, workspace and CLI
  charts: ["core", "i18n"],
  query: ["core", "workers"], // workers: a worker's entry file, imported as ?worker
  workers: ["core", "i18n", "query", "site", "explore"],
  site: ["core", "i18n", "charts", "query"],
  views: ["core", "i18n", "charts", "query", "site"], // the one view layer: trees, no DOM (src/explore renders them to DOM)
  explore: ["core", "i18n", "charts", "query", "site", "views", "workers"],
  cli: ["core", "i18n"],
  styles: [],
  layouts: ["core", "i18n", "site", "styles"],
  components: ["core", "i18n", "charts", "query", "site", "views", "explore", "layouts", "docs"],
  pages: ["core", "i18n", "charts", "query", "site", "views", "explore", "layouts", "components"],
};

/** Every cycle of imports, each as the files around it (found by a depth-first walk). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, "open" | "done">();
  const found: string[][] = [];
  const visit = (file: string, path: string[]) => {
    state.set(file, "open");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next, path);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return found;
}

function offending(rule: (from: string, to: string) => boolean): string[] {
  return [...GRAPH].flatMap(([from, tos]) => tos.filter((to) => rule(from, to)).map((to) => `${from} → ${to}`));
}

describe("import rules over src/", () => {
  it("importsOf(file, text) finds static, type-only, re-exported and dynamic imports, not ones in comments", () => {
    const text = [
      'import { a } from "./a.ts";',
      'import type {\n  B,\n  C,\n} from "../b.ts";',
      'export { d } from "./d.ts";',
      'import "./side.css";',
      'import W from "../workers/w.ts?worker";',
      'const e = await import("./e.ts");',
      '// import { z } from "./commented.ts";',
      'import { x } from "d3";',
    ].join("\n");
    expect(importsOf("src/site/x.ts", text).sort()).toEqual(
      ["src/site/a.ts", "src/b.ts", "src/site/d.ts", "src/site/side.css", "src/workers/w.ts", "src/site/e.ts"].sort(),
    );
  });

  it("reads every file's imports (the walk saw the layers)", () => {
    expect(FILES.length).toBeGreaterThan(50);
    const layers = new Set(FILES.filter((f) => f.split("/").length > 2).map(layerOf));
    expect(layers).toEqual(new Set(Object.keys(ALLOWED).filter((l) => l !== "styles")));
  });

  it("every relative import resolves to a file", () => {
    expect(offending((_, to) => !existsSync(join(ROOT, to)))).toEqual([]);
  });

  it("src/components/ holds only .astro files", () => {
    expect(walk("src/components").filter((f) => !f.endsWith(".astro"))).toEqual([]);
  });

  it("nothing in src/ imports scripts/, bench/ or test/", () => {
    expect(offending((_, to) => /^(scripts|bench|test)\//.test(to))).toEqual([]);
  });

  it("only .astro files import from src/components/", () => {
    expect(offending((from, to) => to.startsWith("src/components/") && !from.endsWith(".astro"))).toEqual([]);
  });

  it("each layer imports only itself and the layers below it", () => {
    expect(
      offending((from, to) => {
        const [a, b] = [layerOf(from), layerOf(to)];
        return a !== b && !(ALLOWED[a] ?? []).includes(b);
      }),
    ).toEqual([]);
  });

  it("cycles(graph) finds a cycle, also one through a dynamic import", () => {
    const graph = new Map([
      ["src/cli/main.ts", ["src/cli/score.ts", "src/cli/io.ts"]],
      ["src/cli/score.ts", ["src/cli/io.ts"]],
      ["src/cli/compare.ts", ["src/cli/main.ts"]],
      ["src/cli/io.ts", []],
    ]);
    expect(cycles(graph)).toEqual([]);
    graph.set("src/cli/main.ts", [...graph.get("src/cli/main.ts")!, "src/cli/compare.ts"]);
    expect(cycles(graph)).toEqual([["src/cli/main.ts", "src/cli/compare.ts", "src/cli/main.ts"]]);
    expect(importsOf("src/cli/compare.ts", 'const { readAll } = await import("./main.ts");')).toEqual(["src/cli/main.ts"]);
  });

  it("no module imports itself back through others (src/cli/ included)", () => {
    expect(cycles(GRAPH).map((c) => c.join(" → "))).toEqual([]);
    expect(GRAPH.get("src/cli/main.ts")).toContain("src/cli/io.ts");
  });

  it("relative paths stay inside the repository", () => {
    expect(offending((_, to) => relative(ROOT, join(ROOT, to)).startsWith(".."))).toEqual([]);
  });
});
