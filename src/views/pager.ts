// The pager of a paged ranking (units or projects across a year, prerendered and
// in the workspace): the keys it can be ordered by, then its pages — the first,
// the last and two either side of the one shown, a gap marked between — so a
// page holds nine page links however many pages the year has (a district's year
// of projects has 200). Every page is still reached, page by page; each row's
// unit or project is also linked from its own list.
import { t, type Lang } from "../i18n/messages.ts";
import { el, type Element } from "./tree.ts";

/** Pages this many either side of the shown one are linked. */
export const PAGER_AROUND = 2;

/**
 * The pages to link from page n of `pages`, in order, null where pages are left out: the first and the last, and
 * `around` either side of n; always 2 × around + 5 places (at an end, the run of pages grows into the gap it has not), all
 * pages when there are no more.
 */
export function pageWindow(n: number, pages: number, around = PAGER_AROUND): (number | null)[] {
  const slots = 2 * around + 5;
  const run = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (pages <= slots) return run(1, pages);
  if (n <= around + 3) return [...run(1, slots - 2), null, pages];
  if (n >= pages - around - 2) return [1, null, ...run(pages - slots + 3, pages)];
  return [1, null, ...run(n - around, n + around), null, pages];
}

/** The ranking's pager: order by one of `keys` (the shown one not a link), then the pages of pageWindow. */
export function rankPager<K extends string>(lang: Lang, o: { keys: readonly K[]; key: K; label: (k: K) => string; n: number; pages: number; href: (k: K, n: number) => string }): Element {
  return el("nav", { class: "cmp-pager", "aria-label": t(lang, "compare.pagesLabel") },
    el("p", {}, t(lang, "compare.orderBy"), o.keys.map((k) => [" ", k === o.key ? el("strong", { "aria-current": "true" }, o.label(k)) : el("a", { href: o.href(k, 1) }, o.label(k))])),
    el("ol", {}, pageWindow(o.n, o.pages).map((i) => (i === null
      ? el("li", { "aria-hidden": "true" }, "…")
      : el("li", {}, i === o.n ? el("span", { "aria-current": "page" }, t(lang, "compare.pageN", i)) : el("a", { href: o.href(o.key, i) }, t(lang, "compare.pageN", i)))))));
}
