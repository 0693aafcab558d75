// The one view layer's element tree: plain data (tag, attributes, children,
// text), built by the pure functions in src/views/*.ts and rendered twice — to
// an HTML string here (the prerendered pages, via Astro) and to DOM nodes in
// the workspace (src/explore/dom.ts toDom). Text is always text: toHtml escapes
// it, toDom makes text nodes. The one kind of markup a tree may hold is a
// chart's SVG from src/charts (which escapes every data text), marked as such.
// Interactions are declared on the tree as data-action attributes and wired
// once by whoever shows it (the workspace), never per copy.

export type Attr = string | number | boolean | null | undefined;
export interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, Attr>>;
  readonly children: readonly Node[];
}
/** A chart's SVG, as src/charts writes it: the only markup a tree carries. */
export interface ChartSvg {
  readonly svg: string;
}
export type Node = Element | ChartSvg | string;
/** What el() takes as children: nodes, numbers, absent ones (null, undefined, false) and arrays of them, in order. */
export type Kids = Node | number | null | undefined | false | readonly Kids[];

export function el(tag: string, attrs: Record<string, Attr> = {}, ...kids: Kids[]): Element {
  return { tag, attrs, children: flat(kids) };
}

export const chartSvg = (svg: string): ChartSvg => ({ svg });

export const isElement = (n: Node): n is Element => typeof n === "object" && "tag" in n;
export const isChartSvg = (n: Node): n is ChartSvg => typeof n === "object" && "svg" in n;

/** Children in order, arrays flattened, numbers as text, absent ones and empty strings left out. */
export function flat(kids: readonly Kids[]): Node[] {
  const out: Node[] = [];
  const walk = (k: Kids) => {
    if (k === null || k === undefined || k === false || k === "") return;
    if (Array.isArray(k)) for (const x of k) walk(x);
    else out.push(typeof k === "number" ? String(k) : (k as Node));
  };
  for (const k of kids) walk(k);
  return out;
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const TAG = /^[a-z][a-z0-9-]*$/;
const ATTR = /^[a-z_:][a-z0-9_:.-]*$/i;

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** Attribute pairs as they are written: absent and false ones left out, true as a bare name. */
export function attrPairs(attrs: Element["attrs"]): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (!ATTR.test(k) || /^on/i.test(k)) throw new Error(`invalid attribute: ${k}`);
    out.push([k, v === true ? "" : String(v)]);
  }
  return out;
}

/** The tree as HTML: every text and attribute value escaped; a chart's SVG as src/charts wrote it. */
export function toHtml(nodes: Node | readonly Node[]): string {
  if (Array.isArray(nodes)) return nodes.map((n) => toHtml(n)).join("");
  const n = nodes as Node;
  if (typeof n === "string") return escapeText(n);
  if (isChartSvg(n)) return n.svg;
  if (!TAG.test(n.tag)) throw new Error(`invalid tag: ${n.tag}`);
  const attrs = attrPairs(n.attrs).map(([k, v]) => (v === "" ? ` ${k}` : ` ${k}="${escapeAttr(v)}"`)).join("");
  return VOID.has(n.tag) ? `<${n.tag}${attrs}>` : `<${n.tag}${attrs}>${toHtml(n.children)}</${n.tag}>`;
}
