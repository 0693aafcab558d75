// A dashboard's sections as the browser serialises them, with what differs between the hosts by
// design set aside: the heading level under each host's own headings, what a chart offers (the
// page links its CSV file, the workspace exports it), the page's own links and filter, and the
// workspace's prefixed ids. Used to diff the workspace's dashboards against the published pages.
import type { Page } from "playwright-core";

/** The unit dashboard's parts (key figures and each section) as the browser serialises them, host options set aside. */
export async function sections(page: Page, root: string, shift: number, figures = true): Promise<Record<string, string>> {
  const parts = await page.evaluate(({ root, figures }) => {
    const out: Record<string, string> = {};
    const el = document.querySelector(root)!;
    if (figures) out.figures = el.querySelector("ul.figures")?.outerHTML ?? "";
    for (const s of el.querySelectorAll<HTMLElement>("[data-section]")) {
      const copy = s.cloneNode(true) as HTMLElement;
      // What a host offers: the page links CSV files, its indicators' unit pages and has a filter its script shows; the workspace exports charts.
      for (const host of copy.querySelectorAll("p.x-actions, p.downloads, form[data-filter]")) host.remove();
      for (const a of copy.querySelectorAll('[data-table="indicator-changes"] a')) a.replaceWith(...a.childNodes);
      for (const f of copy.querySelectorAll("figure[data-chart]")) f.removeAttribute("data-chart");
      out[s.dataset.section!] = copy.outerHTML.replace(/(id|aria-labelledby)="x-(cmp|prj)-/g, '$1="');
    }
    return out;
  }, { root, figures });
  const level = (html: string) => html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, n: string) => `<${slash}h${Number(n) - shift}`);
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, level(v)]));
}

/** Where two renderings first part, with a little of each around it (null when they are the same). */
export function firstDifference(a: string, b: string): { at: number; workspace: string; page: string } | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, workspace: a.slice(Math.max(0, i - 80), i + 120), page: b.slice(Math.max(0, i - 80), i + 120) };
}

