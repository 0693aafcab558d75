// Stable ids: derived from content, so the same unit or indicator gets the same
// id on every import and in every year (that is what year-over-year matching
// and links rely on). Nothing else goes in: no order, no clock, no randomness.
//
// 64 bits, because a city publishes millions of indicators. By the birthday
// bound, n ids of b bits are expected to hold about n²/2^(b+1) colliding pairs:
// at n = 10,000,000 that is ~11,600 pairs with 32 bits, but 10^14 / 2^65 ≈
// 0.000003 with 64. A collision that still happens within a unit-year gets a
// deterministic -2 suffix (dedupeIds).

/**
 * FNV-1a 64-bit of a string's UTF-8 bytes, as 16 hex digits (the standard
 * algorithm: `fnv1a("a")` is af63dc4c8601ec8c in any implementation). The
 * 64-bit state is four 16-bit limbs so every step is exact in plain numbers.
 * The UTF-8 bytes are made as it goes (no encoder call, no array per id: ids
 * are made for every indicator of every form); a lone surrogate is U+FFFD, as
 * TextEncoder makes it.
 */
export function fnv1a(s: string): string {
  // offset basis 0xcbf29ce484222325, lowest limb first
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  const step = (byte: number) => {
    h0 ^= byte;
    // h × 0x100000001b3 mod 2^64 = h × 0x1b3 + (h << 40)
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      step(c);
      continue;
    }
    if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        step(0xf0 | (c >> 18));
        step(0x80 | ((c >> 12) & 0x3f));
        step(0x80 | ((c >> 6) & 0x3f));
        step(0x80 | (c & 0x3f));
        continue;
      }
      c = 0xfffd;
    }
    step(0xe0 | (c >> 12));
    step(0x80 | ((c >> 6) & 0x3f));
    step(0x80 | (c & 0x3f));
  }
  return [h3, h2, h1, h0].map((x) => x.toString(16).padStart(4, "0")).join("");
}

export function unitId(name: string): string {
  return `u${fnv1a(name)}`;
}

export function indicatorId(unitName: string, level1: string, level2: string, name: string | null): string {
  return `i${fnv1a([unitName, level1, level2, name ?? ""].join("\u001f"))}`;
}

/** Gives repeated ids a suffix (-2, -3 …) so that ids stay unique within a set. */
export function dedupeIds<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  for (const item of items) {
    const n = (seen.get(item.id) ?? 0) + 1;
    seen.set(item.id, n);
    if (n > 1) item.id = `${item.id}-${n}`;
  }
  return items;
}
