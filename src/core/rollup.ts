// Across units, one year: each unit's budget totals, a region roll-up whose sums
// reconcile to the fen with the units beneath (a declared region figure that
// differs is a finding), and rankings that keep ties stable. Pure and exact.
import type { BudgetKind, Dataset, Finding, Location } from "./model.ts";
import { finding } from "./findingText.ts";
import { normaliseName } from "./similarity.ts";
import { executionRate } from "./scoring.ts";

export interface BudgetItem {
  kind: Exclude<BudgetKind, "total">;
  item: string;
  amountFen: bigint;
}

export interface UnitTotals {
  unitId: string;
  name: string;
  year: number;
  sample: boolean;
  /** The declared total (部门整体预算总额); null when the unit declared none. */
  totalFen: bigint | null;
  /** Sources and structure items, in declared order (the same label twice is summed). */
  items: BudgetItem[];
}

/** Budget totals of every unit with data for the year, ordered by name. */
export function unitTotals(data: Dataset, year: number): UnitTotals[] {
  const byId = new Map<string, UnitTotals>();
  const get = (unitId: string) => {
    let u = byId.get(unitId);
    if (!u) byId.set(unitId, (u = { unitId, name: unitId, year, sample: false, totalFen: null, items: [] }));
    return u;
  };
  for (const u of data.units) {
    if (u.year !== year) continue;
    const t = get(u.id);
    t.name = u.name;
    t.sample = u.status === "sample";
  }
  for (const b of data.budget) {
    if (b.year !== year) continue;
    const t = get(b.unitId);
    if (b.kind === "total") t.totalFen = (t.totalFen ?? 0n) + b.amountFen;
    else addItem(t.items, b.kind, b.item, b.amountFen);
  }
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function addItem(items: BudgetItem[], kind: BudgetItem["kind"], item: string, amountFen: bigint): void {
  const key = normaliseName(item);
  const existing = items.find((i) => i.kind === kind && normaliseName(i.item) === key);
  if (existing) existing.amountFen += amountFen;
  else items.push({ kind, item, amountFen });
}

/** A region as the caller knows it: its units, sub-regions, and any totals it declared itself. */
export interface RegionSpec {
  id: string;
  name: string;
  /** Units directly in this region. A spec with neither unitIds nor children takes every unit given. */
  unitIds?: readonly string[];
  children?: readonly RegionSpec[];
  /** A total the region declared (e.g. a 街道's own summary); checked against the sum beneath. */
  declaredTotalFen?: bigint | null;
  declaredItems?: readonly BudgetItem[];
  /** Where the declared figures come from, for findings. */
  source?: Location;
}

export interface RegionRollup {
  id: string;
  name: string;
  /** Σ of the totals of every unit beneath (exact fen). */
  totalFen: bigint;
  /** Σ of each source and structure item of every unit beneath. */
  items: BudgetItem[];
  /** Units directly in this region. */
  units: UnitTotals[];
  children: RegionRollup[];
  /** Units anywhere beneath. */
  unitCount: number;
  /** Findings of this region and every region beneath. */
  findings: Finding[];
}

/** Rolls units up a region tree. Each unit counts once; every sum is exact. */
export function rollup(spec: RegionSpec, units: readonly UnitTotals[]): RegionRollup {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  const walk = (s: RegionSpec): RegionRollup => {
    const findings: Finding[] = [];
    const location = s.source ?? { file: "" };
    const ids = s.unitIds ?? (s.children ? [] : units.map((u) => u.unitId));
    const direct: UnitTotals[] = [];
    for (const id of ids) {
      const u = byId.get(id);
      if (!u) {
        findings.push(finding("warning", "rollup.unit_missing", { region: s.name, unit: id }, location, id));
      } else if (seen.has(id)) {
        findings.push(finding("error", "rollup.unit_repeated", { name: u.name }, location, id));
      } else {
        seen.add(id);
        direct.push(u);
        if (u.totalFen === null) {
          findings.push(finding("warning", "rollup.no_total", { name: u.name }, location, id));
        }
      }
    }
    const children = (s.children ?? []).map(walk);
    let totalFen = 0n;
    const items: BudgetItem[] = [];
    for (const u of direct) {
      totalFen += u.totalFen ?? 0n;
      for (const i of u.items) addItem(items, i.kind, i.item, i.amountFen);
    }
    for (const c of children) {
      totalFen += c.totalFen;
      for (const i of c.items) addItem(items, i.kind, i.item, i.amountFen);
    }
    if (s.declaredTotalFen !== undefined && s.declaredTotalFen !== null && s.declaredTotalFen !== totalFen) {
      findings.push(finding("error", "rollup.total_mismatch", { region: s.name, declared: String(s.declaredTotalFen), sum: String(totalFen) }, location, s.id));
    }
    for (const d of s.declaredItems ?? []) {
      const key = normaliseName(d.item);
      const sum = items.find((i) => i.kind === d.kind && normaliseName(i.item) === key)?.amountFen ?? 0n;
      if (sum === d.amountFen) continue;
      findings.push(finding("error", "rollup.item_mismatch", { region: s.name, kind: d.kind, item: d.item, declared: String(d.amountFen), sum: String(sum) }, location, s.id));
    }
    return {
      id: s.id,
      name: s.name,
      totalFen,
      items,
      units: direct,
      children,
      unitCount: direct.length + children.reduce((n, c) => n + c.unitCount, 0),
      findings: [...findings, ...children.flatMap((c) => c.findings)],
    };
  };
  return walk(spec);
}

// ---------------------------------------------------------------------------
// Rankings

/** A value to rank by: fen (bigint), an exact decimal string ("95.37"), a number, or null (unranked). */
export type RankValue = bigint | string | number | null;

export interface Ranked<T> {
  item: T;
  /** 1-based; equal values share a rank (1, 2, 2, 4); null when the value is null. */
  rank: number | null;
  value: RankValue;
}

/** Sign of a − b for two exact decimal strings. */
function compareDecimals(a: string, b: string): number {
  const parse = (s: string) => {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.trim());
    return m ? { neg: m[1] === "-", int: m[2].replace(/^0+/, ""), frac: (m[3] ?? "").replace(/0+$/, "") } : null;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  const abs = (p: NonNullable<typeof x>, q: NonNullable<typeof x>) => {
    if (p.int.length !== q.int.length) return p.int.length - q.int.length;
    if (p.int !== q.int) return p.int < q.int ? -1 : 1;
    const w = Math.max(p.frac.length, q.frac.length);
    const pf = p.frac.padEnd(w, "0");
    const qf = q.frac.padEnd(w, "0");
    return pf < qf ? -1 : pf > qf ? 1 : 0;
  };
  const zero = (p: NonNullable<typeof x>) => p.int === "" && p.frac === "";
  const sx = zero(x) ? 0 : x.neg ? -1 : 1;
  const sy = zero(y) ? 0 : y.neg ? -1 : 1;
  if (sx !== sy) return sx - sy;
  return sx < 0 ? -abs(x, y) : abs(x, y);
}

function compareValues(a: Exclude<RankValue, null>, b: Exclude<RankValue, null>): number {
  if (typeof a === "string" && typeof b === "string") return compareDecimals(a, b);
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Ranks items by a value, largest first (or smallest with `order: "asc"`). Equal
 * values share a rank and keep their input order; null values come last, unranked.
 */
export function rankBy<T>(items: readonly T[], value: (item: T) => RankValue, options: { order?: "desc" | "asc" } = {}): Ranked<T>[] {
  const sign = options.order === "asc" ? 1 : -1;
  const rows = items.map((item, index) => ({ item, value: value(item), index }));
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || a.index - b.index;
    return sign * compareValues(a.value, b.value) || a.index - b.index;
  });
  const out: Ranked<T>[] = [];
  rows.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = r.value === null ? null : prev && prev.value !== null && compareValues(prev.value, r.value) === 0 ? prev.rank : i + 1;
    out.push({ item: r.item, rank, value: r.value });
  });
  return out;
}

/** Units ranked by their declared total, largest first (units without a total last). */
export function rankByBudget(units: readonly UnitTotals[]): Ranked<UnitTotals>[] {
  return rankBy(units, (u) => u.totalFen);
}

/** The fields of a progress file's execution line (model.ts ExecutionLine) that a rate needs. */
export interface ExecutionFigures {
  unitId: string;
  year: number;
  period: "midyear" | "yearend";
  /** 年度资金总额 (the total) or a part. */
  item: string;
  budgetFullYearFen: bigint | null;
  executedFen: bigint | null;
}

/** The total line of a unit's execution block: the item naming a total (总额, 合计, 总计), else the only line. */
function totalLine(lines: readonly ExecutionFigures[]): ExecutionFigures | null {
  return lines.find((l) => /总额|合计|总计/.test(l.item)) ?? (lines.length === 1 ? lines[0] : null);
}

/**
 * 预算执行率 (B/A, 2 decimals, exact) of each unit for a year and period, from the
 * execution lines of progress files; null when the unit has none or A ≤ 0.
 */
export function executionRates(lines: readonly ExecutionFigures[], year: number, period: ExecutionFigures["period"] = "yearend"): Map<string, string | null> {
  const byUnit = new Map<string, ExecutionFigures[]>();
  for (const l of lines) if (l.year === year && l.period === period) byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);
  const rates = new Map<string, string | null>();
  for (const [unitId, ls] of byUnit) {
    const t = totalLine(ls);
    rates.set(unitId, t && t.budgetFullYearFen !== null && t.executedFen !== null ? executionRate(t.budgetFullYearFen, t.executedFen).rate : null);
  }
  return rates;
}
