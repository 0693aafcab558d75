// Fixtures for the comparison tests, built in code from the real declaration
// (data/raw/000_…txt, 2026) by mutating a copy: another year, renamed, retargeted,
// dropped and added indicators, budget shifted by exact fen.
import { readFileSync } from "node:fs";
import { importFile } from "../src/core/import.ts";
import { indicatorId, unitId } from "../src/core/ids.ts";
import { parseTarget } from "../src/core/target.ts";
import type { BudgetLine, Dataset, Indicator, Task } from "../src/core/model.ts";

export const SEED_FILE = "data/raw/000_83bc0b582c527eae.txt";
const seed: Dataset = importFile(SEED_FILE, readFileSync(new URL("../" + SEED_FILE, import.meta.url)), { checks: false });

/** A fresh deep copy of the real declaration (2026). */
export function real(): Dataset {
  return structuredClone(seed);
}

export const UNIT_NAME = seed.units[0].name;

/** The same declaration for another year (and optionally another unit name): ids follow, deadlines re-dated. */
export function asYear(data: Dataset, year: number, name = data.units[0].name): Dataset {
  const d = structuredClone(data);
  const uid = unitId(name);
  for (const u of d.units) Object.assign(u, { year, name, id: uid });
  for (const b of d.budget) Object.assign(b, { year, unitId: uid, id: b.id.replace(/^b[^-]+-\d{4}/, `b${uid.slice(1)}-${year}`) });
  for (const t of d.tasks) Object.assign(t, { year, unitId: uid });
  for (const i of d.indicators) {
    Object.assign(i, { year, unitId: uid, id: indicatorId(name, i.level1, i.level2, i.name), parsed: parseTarget(i.target, year) });
  }
  return d;
}

export function indicator(data: Dataset, name: string): Indicator {
  const i = data.indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name}`);
  return i;
}

/** Renames an indicator (its id changes, as it would in a new declaration). */
export function rename(data: Dataset, from: string, to: string, level2?: string): Indicator {
  const i = indicator(data, from);
  i.name = to;
  if (level2) i.level2 = level2;
  i.id = indicatorId(data.units[0].name, i.level1, i.level2, i.name);
  return i;
}

export function retarget(data: Dataset, name: string, target: string): Indicator {
  const i = indicator(data, name);
  i.target = target;
  i.parsed = parseTarget(target, i.year);
  return i;
}

export function drop(data: Dataset, name: string): void {
  data.indicators = data.indicators.filter((i) => i.name !== name);
}

/** Adds an indicator after the last one of its 二级. */
export function add(data: Dataset, level1: string, level2: string, name: string, target: string): Indicator {
  const unit = data.units[0];
  const i: Indicator = {
    id: indicatorId(unit.name, level1, level2, name), unitId: unit.id, year: unit.year, order: 0, level1, level2, name,
    target, parsed: parseTarget(target, unit.year), note: null, source: { file: "test" },
  };
  const last = data.indicators.findLastIndex((x) => x.level1 === level1 && x.level2 === level2);
  data.indicators.splice(last + 1, 0, i);
  data.indicators.forEach((x, k) => (x.order = k + 1));
  return i;
}

export function budgetLine(data: Dataset, item: string): BudgetLine {
  const b = data.budget.find((x) => x.item === item);
  if (!b) throw new Error(`no budget line ${item}`);
  return b;
}

export function addBudget(data: Dataset, kind: BudgetLine["kind"], item: string, amountFen: bigint): void {
  const unit = data.units[0];
  data.budget.push({ id: `b-${item}`, unitId: unit.id, year: unit.year, kind, item, amountFen, source: { file: "test" } });
}

export function task(data: Dataset, order: number): Task {
  const t = data.tasks.find((x) => x.order === order);
  if (!t) throw new Error(`no task ${order}`);
  return t;
}
