// Small DOM helpers for the explore page. Text from files only ever enters the
// page as text nodes (textContent); the one exception, chart SVG from
// src/charts (which escapes every data text), is parsed as XML — never as HTML —
// and stripped of anything that could run before it is inserted.

import { attrPairs, isChartSvg, type Node as VNode } from "../views/tree.ts";

type Child = Node | string | number | null | undefined | false;
/** Children nest: arrays (of arrays) of children are flattened in order. */
export type Children = Child | readonly Children[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** An element with attributes (on* keys become listeners) and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Children[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of (children as Child[]).flat(Infinity as 1) as Child[]) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** A chart's SVG string as a node: parsed as XML, scripts, foreign content and handlers removed. */
export function svgNode(svg: string, broken = "（图表无法显示）"): Node {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg" || doc.getElementsByTagName("parsererror").length) return document.createTextNode(broken);
  for (const bad of Array.from(root.querySelectorAll("script, foreignObject, iframe, object, embed"))) bad.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll("*"))]) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || (/href$/i.test(a.name) && !a.value.startsWith("#"))) el.removeAttribute(a.name);
    }
  }
  return document.importNode(root, true);
}

/** Saves a Blob as a file download, without any network request. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chart SVG drawn onto a canvas at 2× as a PNG Blob, on a white background. */
export async function svgToPng(svg: string, width: number, height: number, failed = "PNG 生成失败"): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = h("canvas", { width: Math.ceil(width * scale), height: Math.ceil(height * scale) });
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error(failed))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function clear(el: Element, ...children: Children[]): void {
  el.replaceChildren(...nodes(...children));
}

/** Children as nodes (strings and numbers as text, absent ones left out). */
export function nodes(...children: Children[]): Node[] {
  const out: Node[] = [];
  for (const c of (children as Child[]).flat(Infinity as 1) as Child[]) {
    if (c === null || c === undefined || c === false) continue;
    out.push(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return out;
}

const drawn = new WeakMap<Element, string>();

/**
 * `clear(el, …build())`, unless what `el` shows was drawn from the same `key` (its data, as text): a refresh
 * that changes nothing there makes no nodes (no layout, no garbage for the collector).
 */
export function redraw(el: Element, key: string, build: () => Children[]): void {
  if (drawn.get(el) === key) return;
  clear(el, ...build());
  drawn.set(el, key);
}

/**
 * A tree of the one view layer (src/views/tree.ts) as DOM nodes: texts as text nodes, attributes set one by one,
 * a chart's SVG through svgNode. The same tree toHtml renders for the published pages.
 */
export function toDom(tree: VNode | readonly VNode[], broken?: string): Node[] {
  const list: readonly VNode[] = Array.isArray(tree) ? tree : [tree as VNode];
  return list.map((n) => {
    if (typeof n === "string") return document.createTextNode(n);
    if (isChartSvg(n)) return svgNode(n.svg, broken);
    const e = document.createElement(n.tag);
    for (const [k, v] of attrPairs(n.attrs)) e.setAttribute(k, v);
    e.append(...toDom(n.children, broken));
    return e;
  });
}
