// How alike two short Chinese texts are (indicator names, task names, duty
// paragraphs), and a sequence diff built on it. Pure, deterministic, DOM-free.
// The rules and thresholds are documented in docs/compare.md.

/** Wordings that name the same measure; longest first so 完成数量 is not read as 完成数 + 量. */
const SYNONYMS: ReadonlyArray<readonly [string, string]> = [
  ["完成数量", "完成数"],
  ["完成量", "完成数"],
  ["满意率", "满意度"],
];

/** Filler words that a rewording adds or drops without changing the measure. */
const FILLERS = /的|工作|各项/g;

/** Full-width ASCII and the ideographic space to half-width. */
function halfwidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * The comparable core of a name: half-width, lower case, no whitespace or punctuation,
 * synonyms folded (完成量 → 完成数), fillers (的, 工作, 各项) dropped — unless that
 * would leave nothing. normaliseName("器材购置更新的完成量。") → "器材购置更新完成数".
 */
export function normaliseName(text: string | null): string {
  if (text === null) return "";
  let s = CACHE.get(text);
  if (s !== undefined) return s;
  s = halfwidth(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  for (const [from, to] of SYNONYMS) if (s.includes(from)) s = s.split(from).join(to);
  const core = s.replace(FILLERS, "");
  s = core === "" ? s : core;
  // Names repeat across units and years; a bounded memo (a pure function's cache, never observable).
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(text, s);
  return s;
}

const CACHE = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Character bigrams with their counts (a one-character text is its own "bigram"). */
function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  if (s.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

function size(m: Map<string, number>): number {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
}

/**
 * Sørensen–Dice coefficient of the character bigrams (multiset) of two already
 * normalised strings: 2·|A∩B| / (|A| + |B|), 0–1. Equal strings score 1, empty ones 0.
 */
export function diceOf(a: string, b: string): number {
  if (a === b) return a === "" ? 0 : 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let common = 0;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  const total = size(ga) + size(gb);
  return total === 0 ? 0 : (2 * common) / total;
}

/** Dice similarity of two names after normaliseName: similarity("完成数", "完成量") → 1. */
export function similarity(a: string | null, b: string | null): number {
  return diceOf(normaliseName(a), normaliseName(b));
}

/** Rounds a 0–1 score to two decimals, for output (confidence 0.74, not 0.7368…). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------
// Sequence diff

export type DiffStatus = "unchanged" | "changed" | "added" | "dropped";

export interface DiffPair<T> {
  status: DiffStatus;
  old: T | null;
  new: T | null;
  /** Similarity of the paired keys (0–1, two decimals); null for added / dropped. */
  similarity: number | null;
  /** True when the pair was found outside the common order (the item moved). */
  moved: boolean;
}

export interface DiffOptions<T> {
  /** The text two items are paired on (a task's name, a paragraph). */
  key: (item: T) => string;
  /** Whether a paired item differs (default: its key text differs). */
  same?: (a: T, b: T) => boolean;
  /** Lowest similarity of keys that pairs two items (default 0.5). */
  threshold?: number;
}

/**
 * Diffs two lists by a longest common subsequence whose "equal" is "keys alike
 * enough" (Dice ≥ threshold), maximising the summed similarity; items left over
 * are then paired greedily by best similarity (moved), and the rest are added or
 * dropped. O(n·m) on the lists' lengths, which are short (tasks, duties).
 */
export function diffSequence<T>(a: readonly T[], b: readonly T[], options: DiffOptions<T>): DiffPair<T>[] {
  const threshold = options.threshold ?? 0.5;
  const ka = a.map((x) => normaliseName(options.key(x)));
  const kb = b.map((x) => normaliseName(options.key(x)));
  const sim: number[][] = ka.map((x) => kb.map((y) => diceOf(x, y)));
  const n = a.length;
  const m = b.length;
  // best[i][j]: best summed similarity aligning a[i..] with b[j..].
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i][j];
      const take = s >= threshold ? best[i + 1][j + 1] + s : -1;
      best[i][j] = Math.max(take, best[i + 1][j], best[i][j + 1]);
    }
  }
  const partnerOfA = new Array<number>(n).fill(-1);
  const partnerOfB = new Array<number>(m).fill(-1);
  for (let i = 0, j = 0; i < n && j < m; ) {
    const s = sim[i][j];
    if (s >= threshold && best[i][j] === best[i + 1][j + 1] + s) {
      partnerOfA[i] = j;
      partnerOfB[j] = i;
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  const moved = new Set<number>();
  const leftovers: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (partnerOfA[i] !== -1) continue;
    for (let j = 0; j < m; j++) if (partnerOfB[j] === -1 && sim[i][j] >= threshold) leftovers.push([sim[i][j], i, j]);
  }
  leftovers.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  for (const [, i, j] of leftovers) {
    if (partnerOfA[i] !== -1 || partnerOfB[j] !== -1) continue;
    partnerOfA[i] = j;
    partnerOfB[j] = i;
    moved.add(i);
  }

  const same = options.same ?? ((x: T, y: T) => options.key(x) === options.key(y));
  const pair = (i: number, j: number): DiffPair<T> => ({
    status: same(a[i], b[j]) ? "unchanged" : "changed",
    old: a[i],
    new: b[j],
    similarity: round2(sim[i][j]),
    moved: moved.has(i),
  });
  // New order, with each dropped item placed after the nearest earlier old item still present.
  const out: DiffPair<T>[] = [];
  const dropped = (i: number): DiffPair<T> => ({ status: "dropped", old: a[i], new: null, similarity: null, moved: false });
  let nextOld = 0;
  const flushDroppedBefore = (limit: number) => {
    for (; nextOld < limit; nextOld++) if (partnerOfA[nextOld] === -1) out.push(dropped(nextOld));
  };
  for (let j = 0; j < m; j++) {
    const i = partnerOfB[j];
    if (i === -1) out.push({ status: "added", old: null, new: b[j], similarity: null, moved: false });
    else {
      if (!moved.has(i)) flushDroppedBefore(i);
      out.push(pair(i, j));
      if (!moved.has(i)) nextOld = Math.max(nextOld, i + 1);
    }
  }
  flushDroppedBefore(n);
  return out;
}
