// Year-over-year comparison of one unit: budget deltas to the fen, indicator
// matching (id → name → fuzzy, one-to-one, a manual mapping on top), the change
// of each matched target, and a diff of tasks, duties and goals. Pure, exact
// (bigint fen, decimal strings), deterministic. Rules: docs/compare.md.
import type { BudgetKind, BudgetLine, Dataset, Finding, Indicator, ParsedTarget, Project, Task, Unit } from "./model.ts";
import { diceOf, diffSequence, normaliseName, round2, type DiffPair } from "./similarity.ts";
import { resolveRef, rowAppliesTo, type MappingRow } from "./mapping.ts";
import { unitFamily } from "./target.ts";
import { cleanText } from "./text.ts";
import { finding } from "./findingText.ts";

// ---------------------------------------------------------------------------
// Budget

export type ChangeStatus = "added" | "removed" | "changed" | "unchanged";

export interface BudgetDelta {
  kind: BudgetKind;
  /** The label as declared in the new year (the old year's when removed). */
  item: string;
  status: ChangeStatus;
  oldFen: bigint | null;
  newFen: bigint | null;
  /** new − old, a missing side counting as 0. */
  changeFen: bigint;
  /** Change as a percentage of |old|, 2 decimals ("12.50", "-100.00"); null when old is 0 or absent (新增). */
  changePct: string | null;
}

/** Divides rounding half away from zero. */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (n * 2n + d) / (d * 2n);
  return neg ? -q : q;
}

/** Hundredths as a decimal string: 1250n → "12.50", -5n → "-0.05". */
function hundredths(h: bigint): string {
  const neg = h < 0n;
  const a = neg ? -h : h;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

/** (new − old) / |old| × 100, rounded once, half away from zero, to 0.01; null when old is 0. */
export function percentChange(oldFen: bigint, newFen: bigint): string | null {
  if (oldFen === 0n) return null;
  return hundredths(divRound((newFen - oldFen) * 10_000n, oldFen < 0n ? -oldFen : oldFen));
}

const KIND_ORDER: Record<BudgetKind, number> = { total: 0, source: 1, structure: 2 };

/** The total is one line whatever its label; sources and structure items pair by label. */
function budgetKey(b: BudgetLine): string {
  return b.kind === "total" ? "total" : `${b.kind}|${normaliseName(b.item)}`;
}

/**
 * Budget lines of two years, paired by kind and item: every item of either year
 * appears once (an item in one year only is added / removed, never dropped).
 * Ordered total, sources, structure; new-year order, removed items after.
 */
export function compareBudget(oldLines: readonly BudgetLine[], newLines: readonly BudgetLine[]): BudgetDelta[] {
  const rows = new Map<string, { kind: BudgetKind; item: string; old: bigint | null; neu: bigint | null; rank: number }>();
  const add = (b: BudgetLine, side: "old" | "neu", rank: number) => {
    const k = budgetKey(b);
    const row = rows.get(k) ?? { kind: b.kind, item: b.item, old: null, neu: null, rank };
    row[side] = (row[side] ?? 0n) + b.amountFen;
    if (side === "neu") row.item = b.item;
    rows.set(k, row);
  };
  newLines.forEach((b, i) => add(b, "neu", i));
  oldLines.forEach((b, i) => add(b, "old", newLines.length + i));
  return [...rows.values()]
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.rank - b.rank)
    .map(({ kind, item, old, neu }) => ({
      kind,
      item,
      status: old === null ? "added" : neu === null ? "removed" : old === neu ? "unchanged" : "changed",
      oldFen: old,
      newFen: neu,
      changeFen: (neu ?? 0n) - (old ?? 0n),
      changePct: old === null ? null : percentChange(old, neu ?? 0n),
    }));
}

// ---------------------------------------------------------------------------
// Targets

/** How a target moved: the number (or date) went up or down, or could not be compared. */
export type TargetDirection = "raised" | "lowered" | "same" | "unit_changed" | "not_comparable";

export interface TargetChange {
  direction: TargetDirection;
  /** True: the new target asks more (higher floor, lower ceiling, earlier deadline); false: less; null: same or cannot say. */
  stricter: boolean | null;
}

/** An exact decimal: n / 10^scale. */
interface Decimal {
  n: bigint;
  scale: number;
}

function decimalOf(s: string): Decimal | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (m === null) return null;
  const n = BigInt(m[2] + (m[3] ?? ""));
  return { n: m[1] === "-" ? -n : n, scale: (m[3] ?? "").length };
}

/**
 * Measure units that convert exactly: unit → [base, numerator, denominator] (1 unit = num/den base).
 * A unit not listed is its own base (个 stays 个, 次 stays 次: they do not convert).
 */
const MEASURES: Record<string, readonly [string, bigint, bigint]> = {};
for (const [base, entries] of [
  ["元", [["元", 1n], ["千元", 1_000n], ["万元", 10_000n], ["百万元", 1_000_000n], ["亿元", 100_000_000n]]],
  ["%", [["%", 1n], ["百分比", 1n], ["率", 1n], ["百分率", 1n], ["‰", 1n, 10n]]],
  ["人次", [["人次", 1n], ["万人次", 10_000n]]],
  ["人", [["人", 1n], ["人数", 1n], ["名", 1n], ["位", 1n]]],
  ["场次", [["场", 1n], ["场次", 1n]]],
  ["天", [["天", 1n], ["日", 1n], ["自然日", 1n], ["周", 7n], ["星期", 7n], ["小时", 1n, 24n], ["分钟", 1n, 1_440n]]],
  ["工作日", [["工作日", 1n], ["个工作日", 1n]]],
  ["月", [["月", 1n], ["个月", 1n], ["季度", 3n], ["年", 12n]]],
  ["米", [["米", 1n], ["m", 1n], ["公里", 1_000n], ["千米", 1_000n], ["km", 1_000n], ["㎞", 1_000n]]],
  ["平方米", [["平方米", 1n], ["m2", 1n], ["㎡", 1n], ["公顷", 10_000n], ["亩", 20_000n, 3n]]],
  ["千克", [["千克", 1n], ["公斤", 1n], ["kg", 1n], ["吨", 1_000n], ["t", 1_000n]]],
] as const) {
  for (const [unit, num, den = 1n] of entries as ReadonlyArray<readonly [string, bigint, bigint?]>) MEASURES[unit] = [base, num, den];
}

function measureOf(unit: string): readonly [string, bigint, bigint] {
  const u = unit.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  return MEASURES[u] ?? [u, 1n, 1n];
}

/** Sign of a − b in a common unit, exactly; null when the units do not convert. */
function compareQuantities(a: string, ua: string | null, b: string, ub: string | null): -1 | 0 | 1 | null {
  const da = decimalOf(a);
  const db = decimalOf(b);
  if (da === null || db === null) return null;
  let [na, ka] = [1n, 1n];
  let [nb, kb] = [1n, 1n];
  if (ua !== null || ub !== null) {
    if (ua === null || ub === null) return null;
    const [ba, fna, fda] = measureOf(ua);
    const [bb, fnb, fdb] = measureOf(ub);
    if (ba !== bb) return null;
    [na, ka, nb, kb] = [fna, fda, fnb, fdb];
  }
  // a.n/10^sa · na/ka  vs  b.n/10^sb · nb/kb  — cross-multiplied, all positive factors.
  const left = da.n * na * kb * 10n ** BigInt(db.scale);
  const right = db.n * nb * ka * 10n ** BigInt(da.scale);
  return left > right ? 1 : left < right ? -1 : 0;
}

/**
 * A deadline as [year, month, day]; the last day of a month reads as "month end" (99),
 * so 2月底 is the same deadline in a leap year.
 */
function deadlineParts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [y, m, d === last ? 99 : d];
}

const SAME: TargetChange = { direction: "same", stricter: null };

const STRICT: Record<string, number> = { ">=": 0, ">": 1, "<=": 0, "<": 1, "=": 0 };

/**
 * How a target changed from one year to the next. Numbers compare exactly, after
 * converting units that convert (8.00 万元 = 80000.00 元). A deadline within its own
 * declaration's year compares by month and day (10月底前 in 2025 and in 2026 is the same
 * target); any other (2027年底前, a multi-year one) compares as a date.
 */
export function compareTargets(a: ParsedTarget, b: ParsedTarget, years: { old: number; new: number } = { old: 0, new: 0 }): TargetChange {
  if (a.kind === "none" && b.kind === "none") return { direction: "same", stricter: null };
  if (a.kind === "quantitative" && b.kind === "quantitative") {
    const cmp = compareQuantities(b.value, b.unit, a.value, a.unit); // new vs old
    if (cmp === null) return { direction: "unit_changed", stricter: null };
    const opposite = (a.direction === "higher" && b.direction === "lower") || (a.direction === "lower" && b.direction === "higher");
    if (opposite) return { direction: "not_comparable", stricter: null };
    const direction: TargetDirection = cmp > 0 ? "raised" : cmp < 0 ? "lowered" : "same";
    if (a.direction !== b.direction || a.direction === "equal") return { direction, stricter: null };
    if (cmp === 0) {
      const d = STRICT[b.op] - STRICT[a.op];
      return { direction, stricter: d === 0 ? null : d > 0 };
    }
    return { direction, stricter: a.direction === "higher" ? cmp > 0 : cmp < 0 };
  }
  if (a.kind === "deadline" && b.kind === "deadline") {
    const ka = deadlineParts(a.date);
    const kb = deadlineParts(b.date);
    // Both within their own declaration's year: an annual deadline, compared by month and day.
    const annual = ka[0] === years.old && kb[0] === years.new;
    const cmp = (annual ? 0 : ka[0] - kb[0]) || ka[1] - kb[1] || ka[2] - kb[2];
    return cmp === 0 ? { direction: "same", stricter: null } : { direction: cmp < 0 ? "raised" : "lowered", stricter: cmp > 0 };
  }
  if (a.kind === "qualitative" && b.kind === "qualitative" && normaliseName(a.text) === normaliseName(b.text)) {
    return { direction: "same", stricter: null };
  }
  return { direction: "not_comparable", stricter: null };
}

// ---------------------------------------------------------------------------
// Indicator matching

export type MatchMethod = "id" | "name" | "fuzzy" | "manual";

export interface IndicatorMatch {
  status: ChangeStatus;
  old: Indicator | null;
  new: Indicator | null;
  /** Null for added / removed. */
  method: MatchMethod | null;
  /** 0–1, two decimals; null for added / removed. */
  confidence: number | null;
  /** Dice similarity of the normalised names, two decimals; null for added / removed. */
  similarity: number | null;
  /** True when old and new sit under different 二级 (same 一级). */
  acrossLevel2: boolean;
  direction: TargetDirection | null;
  stricter: boolean | null;
}

/** Lowest name similarity for a fuzzy match under the same 二级, and across 二级. */
export const FUZZY_THRESHOLD = 0.7;
export const ACROSS_LEVEL2_THRESHOLD = 0.85;
/** Confidence factor of a fuzzy match, and of any match across 二级. */
const FUZZY_FACTOR = 0.9;
const ACROSS_FACTOR = 0.8;

export interface MatchOptions {
  mapping?: readonly MappingRow[];
  /** Unit id and names the mapping rows' `unit` column may name. */
  unitKeys?: readonly string[];
}

export interface MatchResult {
  matches: IndicatorMatch[];
  /** Mapping rows that named indicators present on both sides (or the one side they name). */
  usedRows: MappingRow[];
  findings: Finding[];
}

interface Candidate {
  o: number;
  n: number;
  confidence: number;
  similarity: number;
  method: MatchMethod;
}

/** Same kind of target, and for numbers the same family of unit: a cross-二级 move is plausible. */
function compatible(a: ParsedTarget, b: ParsedTarget): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== "quantitative" || b.kind !== "quantitative" || unitFamily(a.unit) === unitFamily(b.unit);
}

const textOf = (s: string | null) => (s === null ? "" : cleanText(s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))));

/**
 * Pairs the indicators of two years of one unit, one-to-one:
 * manual mapping, then equal ids, then equal normalised names (within 一级), then
 * fuzzy names (Dice ≥ FUZZY_THRESHOLD within 二级, ≥ ACROSS_LEVEL2_THRESHOLD across 二级 with a
 * compatible target). Each pass assigns greedily by confidence, ties by old then new order.
 */
export function matchIndicators(oldList: readonly Indicator[], newList: readonly Indicator[], options: MatchOptions = {}): MatchResult {
  const partnerOfOld = new Array<number>(oldList.length).fill(-1);
  const partnerOfNew = new Array<number>(newList.length).fill(-1);
  const info = new Map<number, Omit<Candidate, "o" | "n">>(); // by old index
  const rejected = new Set<string>();
  const findings: Finding[] = [];
  const usedRows: MappingRow[] = [];
  const SOLO = -2; // confirmed to have no partner

  // 1. The mapping file.
  const unitKeys = options.unitKeys ?? [];
  for (const row of options.mapping ?? []) {
    if (!rowAppliesTo(row, unitKeys)) continue;
    const olds = row.old ? resolveRef(row.old, oldList) : null;
    const news = row.new ? resolveRef(row.new, newList) : null;
    if ((olds && olds.length === 0) || (news && news.length === 0)) continue; // a row for another year pair
    if ((olds && olds.length > 1) || (news && news.length > 1)) {
      findings.push(finding("warning", "map.ambiguous", {}, row.source));
      continue;
    }
    const o = olds ? oldList.indexOf(olds[0]) : -1;
    const n = news ? newList.indexOf(news[0]) : -1;
    usedRows.push(row);
    if (row.decision === "rejected") {
      rejected.add(`${o}|${n}`);
      continue;
    }
    if ((o !== -1 && partnerOfOld[o] !== -1) || (n !== -1 && partnerOfNew[n] !== -1)) {
      findings.push(finding("warning", "map.conflict", {}, row.source));
      usedRows.pop();
      continue;
    }
    if (o !== -1) partnerOfOld[o] = n === -1 ? SOLO : n;
    if (n !== -1) partnerOfNew[n] = o === -1 ? SOLO : o;
    if (o !== -1 && n !== -1) info.set(o, { confidence: 1, similarity: round2(diceOf(normaliseName(oldList[o].name), normaliseName(newList[n].name))), method: "manual" });
  }

  const free = (o: number, n: number) => partnerOfOld[o] === -1 && partnerOfNew[n] === -1 && (rejected.size === 0 || !rejected.has(`${o}|${n}`));
  const assign = (candidates: Candidate[], sorted = false) => {
    if (!sorted) candidates.sort((x, y) => y.confidence - x.confidence || x.o - y.o || x.n - y.n);
    for (const c of candidates) {
      if (!free(c.o, c.n)) continue;
      partnerOfOld[c.o] = c.n;
      partnerOfNew[c.n] = c.o;
      info.set(c.o, { confidence: round2(c.confidence), similarity: round2(c.similarity), method: c.method });
    }
  };

  // 2. Equal ids.
  const newById = new Map<string, number>();
  newList.forEach((ind, n) => newById.has(ind.id) || newById.set(ind.id, n));
  const byId: Candidate[] = [];
  oldList.forEach((ind, o) => {
    const n = newById.get(ind.id);
    if (n !== undefined) byId.push({ o, n, confidence: 1, similarity: 1, method: "id" });
  });
  assign(byId, true); // all confidence 1, already in old order

  // 3. Equal names after normalisation, within 一级 (across 二级 at lower confidence).
  const oldL1 = oldList.map((i) => normaliseName(i.level1));
  const oldL2 = oldList.map((i) => normaliseName(i.level2));
  const oldNameOf = oldList.map((i) => normaliseName(i.name));
  const newL1 = newList.map((i) => normaliseName(i.level1));
  const newL2 = newList.map((i) => normaliseName(i.level2));
  const nameOf = newList.map((i) => normaliseName(i.name));
  const newByName = new Map<string, number[]>();
  newList.forEach((_, n) => {
    if (partnerOfNew[n] !== -1) return;
    const k = `${newL1[n]}|${nameOf[n]}`;
    newByName.set(k, [...(newByName.get(k) ?? []), n]);
  });
  const byName: Candidate[] = [];
  oldList.forEach((ind, o) => {
    if (partnerOfOld[o] !== -1) return;
    for (const n of newByName.get(`${oldL1[o]}|${oldNameOf[o]}`) ?? []) {
      const other = newList[n];
      const sameLevel2 = oldL2[o] === newL2[n];
      if (!sameLevel2 && oldNameOf[o] === "") continue; // nameless items are their 二级
      const base = textOf(ind.name) === textOf(other.name) ? 1 : 0.95;
      byName.push({ o, n, confidence: base * (sameLevel2 ? 1 : ACROSS_FACTOR), similarity: 1, method: "name" });
    }
  });
  assign(byName);

  // 4. Fuzzy names among the leftovers of each 一级.
  const groups = new Map<string, { olds: number[]; news: number[] }>();
  const group = (k: string) => groups.get(k) ?? (groups.set(k, { olds: [], news: [] }), groups.get(k)!);
  oldList.forEach((_, o) => partnerOfOld[o] === -1 && oldNameOf[o] !== "" && group(oldL1[o]).olds.push(o));
  newList.forEach((_, n) => partnerOfNew[n] === -1 && nameOf[n] !== "" && group(newL1[n]).news.push(n));
  const fuzzy: Candidate[] = [];
  for (const { olds, news } of groups.values()) {
    for (const o of olds) {
      for (const n of news) {
        const sameLevel2 = oldL2[o] === newL2[n];
        const s = diceOf(oldNameOf[o], nameOf[n]);
        if (sameLevel2 ? s < FUZZY_THRESHOLD : s < ACROSS_LEVEL2_THRESHOLD || !compatible(oldList[o].parsed, newList[n].parsed)) continue;
        fuzzy.push({ o, n, confidence: s * FUZZY_FACTOR * (sameLevel2 ? 1 : ACROSS_FACTOR), similarity: s, method: "fuzzy" });
      }
    }
  }
  assign(fuzzy);

  // Rows in new order; a removed indicator follows the nearest earlier old one still present.
  const matches: IndicatorMatch[] = [];
  const removed = (o: number): IndicatorMatch => ({ status: "removed", old: oldList[o], new: null, method: null, confidence: null, similarity: null, acrossLevel2: false, direction: null, stricter: null });
  let nextOld = 0;
  newList.forEach((neu, n) => {
    const o = partnerOfNew[n];
    if (o < 0) {
      matches.push({ status: "added", old: null, new: neu, method: null, confidence: null, similarity: null, acrossLevel2: false, direction: null, stricter: null });
      return;
    }
    for (; nextOld < o; nextOld++) if (partnerOfOld[nextOld] < 0) matches.push(removed(nextOld));
    nextOld = Math.max(nextOld, o + 1);
    const old = oldList[o];
    // The same target text parses the same (a yearless deadline within each year): nothing to compare.
    const change = old.target === neu.target ? SAME : compareTargets(old.parsed, neu.parsed, { old: old.year, new: neu.year });
    const alike = (a: string | null, b: string | null) => a === b || textOf(a) === textOf(b);
    const same = alike(old.name, neu.name) && alike(old.level2, neu.level2) && alike(old.level1, neu.level1) && alike(old.target, neu.target);
    const m = info.get(o)!;
    matches.push({ status: same ? "unchanged" : "changed", old, new: neu, ...m, acrossLevel2: oldL2[o] !== newL2[n], ...change });
  });
  for (; nextOld < oldList.length; nextOld++) if (partnerOfOld[nextOld] < 0) matches.push(removed(nextOld));
  return { matches, usedRows, findings };
}

// ---------------------------------------------------------------------------
// Tasks, duties and goals

/** Tasks paired by name; a pair is unchanged when name and content are the same text. */
export function diffTasks(oldTasks: readonly Task[], newTasks: readonly Task[]): DiffPair<Task>[] {
  const sorted = (ts: readonly Task[]) => [...ts].sort((a, b) => a.order - b.order);
  return diffSequence(sorted(oldTasks), sorted(newTasks), {
    key: (t) => t.name || t.content.slice(0, 40),
    same: (a, b) => cleanText(a.name) === cleanText(b.name) && cleanText(a.content) === cleanText(b.content),
  });
}

/** Leading list numbering — (一), 1., ①, 一、 — which shifts when an item is inserted. */
const NUMBERING = /^\s*(?:[(（]\s*[一二三四五六七八九十百\d]+\s*[)）]|[一二三四五六七八九十百]+\s*[、.．]|\d+\s*[、.．)）]|[①-⑳])\s*/;

/** Paragraphs (duties) paired by text without their numbering. */
export function diffParagraphs(oldParas: readonly string[], newParas: readonly string[]): DiffPair<string>[] {
  const body = (p: string) => cleanText(p.replace(NUMBERING, ""));
  return diffSequence(oldParas, newParas, { key: body, same: (a, b) => body(a) === body(b) });
}

/** Splits paragraphs into sentences (after 。！？；), so a long goal paragraph diffs by sentence. */
export function sentences(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/(?<=[。！？；!?;])/).map((s) => s.trim()).filter((s) => s !== ""));
}

// ---------------------------------------------------------------------------
// One unit, two years; and two whole datasets

/** Everything one unit declared for one year. */
export interface UnitYear {
  unitId: string;
  name: string;
  year: number;
  unit: Unit | null;
  budget: BudgetLine[];
  tasks: Task[];
  indicators: Indicator[];
}

/** Splits a dataset into its units' years, ordered by unit name, then year. */
export function unitYears(data: Dataset): UnitYear[] {
  const byKey = new Map<string, UnitYear>();
  const get = (unitId: string, year: number) => {
    const k = `${unitId}|${year}`;
    let uy = byKey.get(k);
    if (!uy) byKey.set(k, (uy = { unitId, name: unitId, year, unit: null, budget: [], tasks: [], indicators: [] }));
    return uy;
  };
  for (const u of data.units) {
    const uy = get(u.id, u.year);
    uy.unit = u;
    uy.name = u.name;
  }
  // A unit's own budget and indicators: its projects' are compared project by project (projectYears).
  for (const b of data.budget) if (!b.projectId) get(b.unitId, b.year).budget.push(b);
  for (const t of data.tasks) get(t.unitId, t.year).tasks.push(t);
  for (const i of data.indicators) if (!i.projectId) get(i.unitId, i.year).indicators.push(i);
  for (const uy of byKey.values()) uy.indicators.sort((a, b) => a.order - b.order);
  return [...byKey.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.year - b.year));
}

/** One project in one year: the project, its declared funding lines and its indicators. */
export interface ProjectYear {
  project: Project;
  budget: BudgetLine[];
  indicators: Indicator[];
}

/** Splits a dataset into its projects' years, in the order they were read. */
export function projectYears(data: Dataset): ProjectYear[] {
  const byKey = new Map<string, ProjectYear>();
  for (const p of data.projects ?? []) byKey.set(`${p.id}|${p.year}`, { project: p, budget: [], indicators: [] });
  for (const b of data.budget) if (b.projectId) byKey.get(`${b.projectId}|${b.year}`)?.budget.push(b);
  for (const i of data.indicators) if (i.projectId) byKey.get(`${i.projectId}|${i.year}`)?.indicators.push(i);
  for (const py of byKey.values()) py.indicators.sort((a, b) => a.order - b.order);
  return [...byKey.values()];
}

export interface ProjectComparison {
  projectId: string;
  name: string;
  unitId: string;
  oldYear: number;
  newYear: number;
  /** How the two years were paired: by the project's budget code, else by its name within the unit. */
  pairedBy: "code" | "name";
  sample: boolean;
  budget: BudgetDelta[];
  indicators: IndicatorMatch[];
  goals: DiffPair<string>[];
  findings: Finding[];
}

/**
 * Pairs the projects of two datasets across years — by budget code where both
 * give one, else by name within the same unit — and compares each pair as a
 * unit's year is compared: funding to the fen, indicators matched, goals diffed.
 */
export function compareProjects(oldData: Dataset, newData: Dataset, options: CompareOptions = {}): { projects: ProjectComparison[]; onlyOld: ProjectYear[]; onlyNew: ProjectYear[] } {
  const olds = projectYears(oldData);
  const taken = new Set<ProjectYear>();
  const projects: ProjectComparison[] = [];
  const onlyNew: ProjectYear[] = [];
  const key = (s: string) => s.replace(/[\s\u3000]+/g, "");
  for (const n of projectYears(newData)) {
    const byCode = n.project.code ? olds.find((o) => !taken.has(o) && o.project.code === n.project.code) : undefined;
    const o = byCode ?? olds.find((x) => !taken.has(x) && x.project.unitId === n.project.unitId && key(x.project.name) === key(n.project.name));
    if (!o) {
      onlyNew.push(n);
      continue;
    }
    taken.add(o);
    const unitKeys = [o.project.unitId, n.project.unitId, o.project.name, n.project.name];
    const { matches, findings } = matchIndicators(o.indicators, n.indicators, { mapping: options.mapping, unitKeys });
    projects.push({
      projectId: n.project.id, name: n.project.name, unitId: n.project.unitId, oldYear: o.project.year, newYear: n.project.year,
      pairedBy: byCode ? "code" : "name", sample: o.project.status === "sample" || n.project.status === "sample",
      budget: compareBudget(o.budget, n.budget), indicators: matches,
      goals: diffParagraphs(sentences(o.project.goals.annual), sentences(n.project.goals.annual)), findings,
    });
  }
  return { projects, onlyOld: olds.filter((o) => !taken.has(o)), onlyNew };
}

export interface UnitComparison {
  unitId: string;
  name: string;
  oldYear: number;
  newYear: number;
  /** True when either year is illustrative (示例数据). */
  sample: boolean;
  budget: BudgetDelta[];
  indicators: IndicatorMatch[];
  tasks: DiffPair<Task>[];
  duties: DiffPair<string>[];
  goals: DiffPair<string>[];
  usedRows: MappingRow[];
  findings: Finding[];
}

export interface CompareOptions {
  mapping?: readonly MappingRow[];
}

export function compareUnit(old: UnitYear, neu: UnitYear, options: CompareOptions = {}): UnitComparison {
  const unitKeys = [old.unitId, neu.unitId, old.name, neu.name];
  const { matches, usedRows, findings } = matchIndicators(old.indicators, neu.indicators, { mapping: options.mapping, unitKeys });
  if (neu.year <= old.year) {
    findings.unshift(finding("warning", "compare.year_order", { newYear: neu.year, oldYear: old.year }, neu.unit?.source ?? { file: "" }, neu.unitId));
  }
  return {
    unitId: neu.unitId,
    name: neu.name,
    oldYear: old.year,
    newYear: neu.year,
    sample: old.unit?.status === "sample" || neu.unit?.status === "sample",
    budget: compareBudget(old.budget, neu.budget),
    indicators: matches,
    tasks: diffTasks(old.tasks, neu.tasks),
    duties: diffParagraphs(old.unit?.duties ?? [], neu.unit?.duties ?? []),
    goals: diffParagraphs(sentences(old.unit?.goals ?? []), sentences(neu.unit?.goals ?? [])),
    usedRows,
    findings,
  };
}

export interface DatasetComparison {
  units: UnitComparison[];
  /** Projects paired across the two sides (by code, else by name within the unit), and those found on one side only. */
  projects: ProjectComparison[];
  onlyOldProjects: ProjectYear[];
  onlyNewProjects: ProjectYear[];
  /** Units found only in the old data, or only in the new. */
  onlyOld: UnitYear[];
  onlyNew: UnitYear[];
  /** Mapping rows that applied to no comparison. */
  unusedRows: MappingRow[];
  findings: Finding[];
}

/** The latest year of each unit in a dataset (a side should hold one year; one finding per unit says when it holds more). */
function latestYears(data: Dataset, side: "old" | "new", findings: Finding[]): UnitYear[] {
  const byUnit = new Map<string, UnitYear[]>();
  for (const uy of unitYears(data)) byUnit.set(uy.unitId, [...(byUnit.get(uy.unitId) ?? []), uy]);
  const latest: UnitYear[] = [];
  for (const list of byUnit.values()) {
    // Told once, after every year was seen: warning on each one would name the latest so far.
    const chosen = list.reduce((a, b) => (b.year > a.year ? b : a));
    latest.push(chosen);
    if (list.length > 1) {
      const years = list.map((u) => u.year).sort((a, b) => a - b);
      findings.push(finding("warning", "compare.several_years", { side, name: chosen.name, years, year: chosen.year }, chosen.unit?.source ?? list.find((u) => u.unit)?.unit?.source ?? { file: "" }, chosen.unitId));
    }
  }
  return latest;
}

/**
 * Compares two datasets unit by unit: units pair by id, then by name; when each
 * side holds exactly one unit they pair whatever their names (a renamed unit).
 */
export function compareDatasets(oldData: Dataset, newData: Dataset, options: CompareOptions = {}): DatasetComparison {
  const findings: Finding[] = [];
  const olds = latestYears(oldData, "old", findings);
  const news = latestYears(newData, "new", findings);
  const pairs: [UnitYear, UnitYear][] = [];
  const onlyNew: UnitYear[] = [];
  const taken = new Set<UnitYear>();
  if (olds.length === 1 && news.length === 1) {
    pairs.push([olds[0], news[0]]);
    taken.add(olds[0]);
  } else {
    for (const n of news) {
      const o = olds.find((u) => !taken.has(u) && u.unitId === n.unitId) ?? olds.find((u) => !taken.has(u) && u.name === n.name);
      if (o) {
        taken.add(o);
        pairs.push([o, n]);
      } else onlyNew.push(n);
    }
  }
  const units = pairs.map(([o, n]) => compareUnit(o, n, options));
  const used = new Set(units.flatMap((u) => u.usedRows));
  const projects = compareProjects(oldData, newData, options);
  return {
    units,
    projects: projects.projects,
    onlyOldProjects: projects.onlyOld,
    onlyNewProjects: projects.onlyNew,
    onlyOld: olds.filter((u) => !taken.has(u)),
    onlyNew,
    unusedRows: (options.mapping ?? []).filter((r) => !used.has(r)),
    findings: [...findings, ...units.flatMap((u) => u.findings), ...projects.projects.flatMap((p) => p.findings)],
  };
}
