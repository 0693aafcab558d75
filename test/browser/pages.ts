// Every page of a built site, as paths relative to its root ("" for the overview, "en/unit/u1/2026/" …).
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export function builtPages(root: string, dir = root): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return builtPages(root, p);
      return f === "index.html" ? [relative(root, dir).replace(/\\/g, "/")] : [];
    })
    .map((p) => (p && !p.endsWith("/") ? `${p}/` : p))
    .sort();
}

/**
 * The pages whose markup the view layer (src/views/, the unit, progress and project
 * pages with IndicatorTree, Findings and ChartFigure) is rewriting: tests of the
 * whole site report what they find there apart from the other pages.
 */
export const isViewLayerPage = (path: string) => /^(en\/)?unit\//.test(path);
