// Sortable tables in the workspace (its own tables: the overview, a query's result):
// each column header becomes a button that sorts the rows by that column, told by
// aria-sort on the header (ascending, descending, none) as screen readers read it.
// Numbers sort as numbers (thousands separators, 元/万元/%, a sign), the rest as
// Chinese text; empty cells and “—” last.

const NUMBER = /^[-+]?[\d,]*\.?\d+(?:\s*(?:元|万元|亿元|%))?$/;

/** A cell's value for sorting: a number when the text is one, else the text; null when empty. */
export function sortKey(text: string): number | string | null {
  const s = text.trim().replace(/^¥/, "");
  if (s === "" || s === "—" || s === "NULL") return null;
  if (NUMBER.test(s)) return Number(s.replace(/,|\s*(?:元|万元|亿元|%)$/g, ""));
  return s;
}

const collator = new Intl.Collator("zh-CN", { numeric: true });

/** Orders two cells' keys: numbers before text, empty ones last whatever the direction. */
export function compareKeys(a: number | string | null, b: number | string | null, dir: 1 | -1): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return dir * (a - b);
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return dir * collator.compare(a, b);
}

/** Makes `table`'s column headers sort its body's rows (once per table; a redrawn table is made sortable again). */
export function makeSortable(table: HTMLTableElement, label: (column: string) => string): void {
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []);
  const body = table.tBodies[0];
  if (!body || table.dataset.sortable === "on") return;
  table.dataset.sortable = "on";
  heads.forEach((th, i) => {
    const text = th.textContent ?? "";
    if (!text.trim()) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = text;
    button.setAttribute("aria-label", label(text));
    th.replaceChildren(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", () => {
      const dir: 1 | -1 = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      for (const h of heads) if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      const rows = Array.from(body.rows).map((r) => ({ r, k: sortKey(r.cells[i]?.textContent ?? "") }));
      rows.sort((a, b) => compareKeys(a.k, b.k, dir));
      body.append(...rows.map((x) => x.r));
    });
  });
}
