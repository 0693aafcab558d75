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
 * Splits a cell into plain-text paragraphs: block tags (<p>, <br>, <div>, <li>)
 * and line breaks separate paragraphs; every other tag is dropped (its text kept);
 * <script>/<style> contents are dropped whole.
 */
export function toParagraphs(cell: string): string[] {
  const s = cell
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<\/?(p|br|div|li|ul|ol|tr|h[1-6])\b[^>]*>/gi, "\n")
    .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi, "");
  return decodeEntities(s)
    .split(/\r\n|\r|\n/)
    .map(cleanText)
    .filter((p) => p !== "");
}

/** Trims and collapses runs of spaces (including full-width and NBSP) to one space. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}
