// Where an arrow key goes in a chart's structure (src/site/chartKeys.ts does the DOM). The parts are
// those the chart functions made focusable (navAttrs in src/charts/util.ts), in reading order, each
// known by its parent part (the group drawn around it: 一级 → 二级, year → item, bar → segment), or -1.

export const NAV_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export const isNavKey = (key: string): key is NavKey => (NAV_KEYS as readonly string[]).includes(key);

/** The parts that share part `at`'s parent, in reading order. */
function siblings(parents: readonly number[], at: number): number[] {
  return parents.flatMap((p, i) => (p === parents[at] ? [i] : []));
}

/** Whether some part has parts of its own (the chart has levels). */
export const hasLevels = (parents: readonly number[]): boolean => parents.some((p) => p >= 0);

/**
 * The part that `key` moves to from part `at`, or null where there is none (the first, the last, a
 * part with no parts under it, the top). Left/Right step among siblings, Home/End go to the first
 * and last of them; Down enters a part's first part and Up returns to its parent. A chart with no
 * levels is one list: Up and Down step through it as Left and Right do.
 */
export function navMove(parents: readonly number[], at: number, key: NavKey): number | null {
  if (!Number.isInteger(at) || at < 0 || at >= parents.length) throw new Error(`invalid part: ${at}`);
  const levels = hasLevels(parents);
  const row = siblings(parents, at);
  const here = row.indexOf(at);
  const step = (by: number) => row[here + by] ?? null;
  switch (key) {
    case "ArrowLeft":
      return step(-1);
    case "ArrowRight":
      return step(1);
    case "Home":
      return row[0] === at ? null : row[0];
    case "End":
      return row[row.length - 1] === at ? null : row[row.length - 1];
    case "ArrowUp":
      return levels ? (parents[at] >= 0 ? parents[at] : null) : step(-1);
    case "ArrowDown": {
      if (!levels) return step(1);
      const child = parents.indexOf(at);
      return child >= 0 ? child : null;
    }
  }
}

export interface NavPlace {
  /** 1 at the top. */
  level: number;
  /** 1-based among its siblings. */
  pos: number;
  size: number;
}

/** Where part `at` is: its level, and its place among its siblings. */
export function navPlace(parents: readonly number[], at: number): NavPlace {
  if (!Number.isInteger(at) || at < 0 || at >= parents.length) throw new Error(`invalid part: ${at}`);
  let level = 1;
  for (let p = parents[at]; p >= 0; p = parents[p]) level++;
  const row = siblings(parents, at);
  return { level, pos: row.indexOf(at) + 1, size: row.length };
}
