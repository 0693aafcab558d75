// A chart walked with the arrow keys: the one script for the site's pages and the workspace alike (loaded by
// src/layouts/Base.astro). The charts are complete without it — their parts are focusable and named
// (navAttrs in src/charts/util.ts), Tab walks them all. With it each chart is one Tab stop (a roving tabindex:
// the part last reached keeps tabindex 0, the others -1), the arrow keys move through its structure
// (src/site/chartNav.ts) and a polite live region says where the reader is, in the words the chart wrote on
// its <svg> (data-nav-where, data-nav-enter). It never builds markup from data and never changes a name.
import { fill } from "./announce.ts";
import { isNavKey, navMove, navPlace } from "./chartNav.ts";

const CHART = "svg.jx-nav";
/** A part a chart made reachable: a group or row with its name, or a link drawn around one. */
const PART = '[role="graphics-object"][aria-label], [role="graphics-symbol"][aria-label], a[href][aria-label]';

interface Walk {
  parts: Element[];
  parents: number[];
}

/** The chart's parts in reading order, each with the part it sits in. */
function walkOf(svg: Element): Walk {
  const parts = [...svg.querySelectorAll(PART)];
  const parents = parts.map((el) => {
    const up = el.parentElement?.closest(PART);
    return up && svg.contains(up) ? parts.indexOf(up) : -1;
  });
  return { parts, parents };
}

const roved = new WeakSet<Element>();

/** One Tab stop for the chart: `stop` (else the first part) keeps tabindex 0, every other part -1. */
export function rove(svg: Element, stop?: Element): void {
  const { parts } = walkOf(svg);
  if (!parts.length) return;
  const keep = stop && parts.includes(stop) ? stop : roved.has(svg) ? (parts.find((p) => p.getAttribute("tabindex") === "0") ?? parts[0]) : parts[0];
  for (const p of parts) p.setAttribute("tabindex", p === keep ? "0" : "-1");
  roved.add(svg);
}

function roveWithin(node: Node): void {
  if (!(node instanceof Element)) return;
  if (node.matches(CHART)) rove(node);
  for (const svg of node.querySelectorAll(CHART)) rove(svg);
}

/** The page's one polite live region for the charts, made once (empty until a chart is reached). */
function liveRegion(doc: Document): HTMLElement {
  let region = doc.querySelector<HTMLElement>("[data-chart-live]");
  if (!region) {
    region = doc.createElement("div");
    region.className = "visually-hidden";
    region.setAttribute("aria-live", "polite");
    region.setAttribute("data-chart-live", "");
    (doc.querySelector("main") ?? doc.body).append(region);
  }
  return region;
}

/** What the live region says of `part`: where it is; on entering the chart, what the keys do too. */
export function placeText(svg: Element, part: Element, entering: boolean): string {
  const { parts, parents } = walkOf(svg);
  const at = parts.indexOf(part);
  if (at < 0) return "";
  return fill(svg.getAttribute(entering ? "data-nav-enter" : "data-nav-where") ?? "", { ...navPlace(parents, at) });
}

/**
 * Makes every chart in `doc` one Tab stop walked by arrow keys, now and when drawn later (the workspace draws
 * its dashboards after a load): a focused part becomes its chart's stop, an arrow key moves to the part it names.
 */
export function enableChartKeys(doc: Document = document): void {
  roveWithin(doc.documentElement);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) roveWithin(n);
  }).observe(doc.documentElement, { childList: true, subtree: true });
  const region = liveRegion(doc);

  doc.addEventListener("focusin", (e) => {
    const part = e.target instanceof Element ? e.target : null;
    const svg = part?.closest(CHART);
    if (!part || !svg || !part.matches(PART)) return;
    rove(svg, part);
    const from = e.relatedTarget instanceof Node ? e.relatedTarget : null;
    region.textContent = placeText(svg, part, !(from && svg.contains(from)));
  });

  doc.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !isNavKey(e.key)) return;
    const part = e.target instanceof Element ? e.target : null;
    const svg = part?.closest(CHART);
    if (!part || !svg || !part.matches(PART)) return;
    const { parts, parents } = walkOf(svg);
    const at = parts.indexOf(part);
    if (at < 0) return;
    e.preventDefault(); // the arrow keys move in the chart, not the page
    const to = navMove(parents, at, e.key);
    if (to === null) return;
    rove(svg, parts[to]);
    (parts[to] as HTMLElement | SVGElement).focus();
  });
}
