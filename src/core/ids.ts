// Stable ids: derived from content, so the same unit or indicator gets the same
// id on every import and in every year (that is what year-over-year matching
// and links rely on).

/** FNV-1a 32-bit hash of a string's UTF-16 code units, as 8 hex digits. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
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
