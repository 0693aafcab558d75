// The ranking pages' pager (src/views/pager.ts): a few links on every page, however
// many pages the year has, and every page still reached from the first by them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageWindow, PAGER_AROUND, rankPager } from "../src/views/pager.ts";
import { toHtml } from "../src/views/tree.ts";

const SLOTS = 2 * PAGER_AROUND + 5;

describe("pageWindow", () => {
  it("lists every page while they fit, and the ends, the shown page's neighbours and a gap either side beyond", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(4, SLOTS)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pageWindow(1, 200)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 200]);
    expect(pageWindow(5, 200)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 200]);
    expect(pageWindow(6, 200)).toEqual([1, null, 4, 5, 6, 7, 8, null, 200]);
    expect(pageWindow(100, 200)).toEqual([1, null, 98, 99, 100, 101, 102, null, 200]);
    expect(pageWindow(196, 200)).toEqual([1, null, 194, 195, 196, 197, 198, 199, 200]);
    expect(pageWindow(200, 200)).toEqual([1, null, 194, 195, 196, 197, 198, 199, 200]);
  });

  it("for any page of any count: the same number of places, in order, the ends and the neighbours in, no gap of one page", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }).chain((pages) => fc.tuple(fc.integer({ min: 1, max: pages }), fc.constant(pages))), ([n, pages]) => {
      const w = pageWindow(n, pages);
      expect(w.length).toBe(Math.min(pages, SLOTS));
      const shown = w.filter((i): i is number => i !== null);
      expect(shown[0]).toBe(1);
      expect(shown.at(-1)).toBe(pages);
      for (let i = Math.max(1, n - PAGER_AROUND); i <= Math.min(pages, n + PAGER_AROUND); i++) expect(shown).toContain(i);
      w.forEach((i, k) => {
        if (k === 0) return;
        const before = w[k - 1];
        if (i === null) expect(before).not.toBeNull();
        else if (before !== null) expect(i).toBe(before + 1);
        // A gap leaves out two pages at least (one page left out would take a link's place as its "…").
        else expect(i - (w[k - 2] as number)).toBeGreaterThan(2);
      });
    }));
  });

  it("reaches every page from the first by following its links", () => {
    for (const pages of [1, 2, 9, 10, 57, 200]) {
      const seen = new Set([1]);
      const queue = [1];
      while (queue.length) for (const i of pageWindow(queue.shift()!, pages)) if (i !== null && !seen.has(i)) seen.add(i), queue.push(i);
      expect(seen.size, String(pages)).toBe(pages);
    }
  });
});

describe("rankPager", () => {
  const html = (lang: "zh" | "en", n: number, pages: number) => toHtml(rankPager(lang, { keys: ["budget", "rate"] as const, key: "rate", label: (k) => k.toUpperCase(), n, pages, href: (k, i) => `/r/${k}/${i}/` }));

  it("links the other keys' first pages and the window's pages, the shown page marked and no link, the gap hidden from screen readers", () => {
    const h = html("zh", 100, 200);
    expect([...h.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(["/r/budget/1/", "/r/rate/1/", "/r/rate/98/", "/r/rate/99/", "/r/rate/101/", "/r/rate/102/", "/r/rate/200/"]);
    expect(h).toContain('<strong aria-current="true">RATE</strong>');
    expect(h).toContain('<span aria-current="page">第 100 页</span>');
    expect(h.match(/<li aria-hidden="true">…<\/li>/g)).toHaveLength(2);
    expect(html("en", 1, 2)).toContain('<span aria-current="page">page 1</span>');
  });
});
