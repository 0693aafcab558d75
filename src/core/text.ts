// Text cleaning for cells from exports: HTML fragments become plain paragraphs
// (never passed on as HTML), whitespace is normalised.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** True when a cell holds HTML markup (tags such as <p>, <br>, <div>). */
export function hasMarkup(s: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i.test(s);
}

/**
 * Drops <script>…</script> and <style>…</style> whole, in linear time (a lazy
 * regex rescans to the end for every unclosed tag: quadratic on hostile cells).
 * An unclosed opening tag is left for the generic tag stripper (its text is kept).
 */
function dropScripts(s: string): string {
  const open = /<(script|style)\b[^<>]*>/gi;
  const unclosed = new Set<string>();
  let out = "";
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(s))) {
    const name = m[1].toLowerCase();
    if (unclosed.has(name)) continue;
    const close = new RegExp(`</${name}\\s*>`, "gi");
    close.lastIndex = open.lastIndex;
    const c = close.exec(s);
    if (!c) {
      unclosed.add(name);
      continue;
    }
    out += s.slice(last, m.index);
    last = open.lastIndex = c.index + c[0].length;
  }
  return out + s.slice(last);
}

/**
 * Splits a cell into plain-text paragraphs: block tags (<p>, <br>, <div>, <li>)
 * and line breaks separate paragraphs; every other tag is dropped (its text kept);
 * <script>/<style> contents are dropped whole.
 */
export function toParagraphs(cell: string): string[] {
  const strip = (s: string) =>
    dropScripts(s)
      .replace(/<\/?(p|br|div|li|ul|ol|tr|h[1-6])\b[^<>]*>/gi, "\n")
      .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi, "");
  // Stripped again after decoding, so that markup typed into a rich-text editor
  // (<p>&lt;script&gt;…</p>) is not turned into a real tag.
  return strip(decodeEntities(strip(cell)))
    .split(/\r\n|\r|\n/)
    .map(cleanText)
    .filter((p) => p !== "");
}

/** A cell as one line of plain text: markup dropped (as toParagraphs), whitespace collapsed. */
export function plainText(cell: string): string {
  return cell.includes("<") && hasMarkup(cell) ? toParagraphs(cell).join(" ") : cleanText(cell);
}

/** Trims and collapses runs of spaces (including full-width and NBSP) to one space. */
export function cleanText(s: string): string {
  // Most cells have no run to collapse: only the ends are trimmed (\s covers U+3000 and U+00A0).
  return /[^\S ]| {2}/.test(s) ? s.replace(/\s+/g, " ").trim() : s.trim();
}
