// Real published forms (test/fixtures/real/, sources in its README) read as a
// user holds them — Excel CSV in UTF-8 and in GBK, and .xlsx — against the facts
// beside each (FACTS.md): kind, body, project, year, every indicator, funding to
// the fen, scores against the form's own, and the findings a reviewer raises.
// The hold-out set (holdout/) was not looked at while the reader was written.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importAny } from "../src/core/import.ts";
import { YearMissingError, yearsInFileName } from "../src/core/reader/read.ts";
import { scoreProgress } from "../src/core/progress.ts";
import { fenToYuanString } from "../src/core/money.ts";
import { label, squash } from "../src/core/reader/labels.ts";
import { level1Of, level2Of } from "../src/core/reader/synonyms.ts";
import { parentOf } from "../src/core/vocabulary.ts";
import type { Dataset } from "../src/core/model.ts";

interface Facts {
  source: string;
  kind: string;
  /** null: the form prints no year (see FACTS.md): refused until the year is given, read with the file name's when the user asks. */
  year?: number | null;
  body?: string;
  body_code?: string | null;
  project?: string | null;
  funding?: { item: string; budget_initial?: string | null; budget_full_year?: string | null; executed?: string | null }[];
  budget?: { item: string; amount: string }[];
  indicators?: { level1: string; level2: string; name: string | null; target: string | null; direction?: string; actual?: string | null; weight?: string | null; score?: string | null }[];
  level1_weights?: Record<string, string>;
  declared_indicator_score?: string;
  graded?: boolean;
  findings?: string[];
}

const DIR = join(import.meta.dirname, "fixtures/real");
/** The year a user gives (`--year`) to a form that prints none and whose file name holds none. */
const GIVEN_YEAR = 2001;

/**
 * Forms the reader does not yet read as their facts say, each with what it gets
 * wrong. Their tests are expected to fail (it.fails): when the reader learns one,
 * its test fails here until the form is taken off this list.
 */
const KNOWN_GAPS: Record<string, string> = {};

function forms(dir: string): { base: string; facts: Facts; files: string[] }[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  return names
    .filter((f) => f.endsWith(".facts.json"))
    .sort()
    .map((f) => {
      const base = f.replace(/\.facts\.json$/, "");
      const files = names.filter((n) => n.startsWith(base + ".") && /\.(csv|xlsx)$/.test(n)).map((n) => join(dir, n));
      return { base, facts: JSON.parse(readFileSync(join(dir, f), "utf8")) as Facts, files };
    });
}

const l1 = (s: string) => level1Of(label(s).key) ?? label(s).key;
const l2 = (s: string) => level2Of(label(s).key) ?? label(s).key;
const nm = (s: string | null | undefined) => (s ? squash(s) : null);
const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null) || squash(a ?? "") === squash(b ?? "");
const yuan = (fen: bigint | null | undefined) => (fen === null || fen === undefined ? null : fenToYuanString(fen));
/** Points and scores as numbers written (8 = 8.00). */
const num = (s: string | null | undefined) => (s === null || s === undefined || s === "" ? null : Number(s).toFixed(2));

function check(facts: Facts, data: Dataset) {
  const project = data.projects?.[0] ?? null;
  const unit = data.units.find((u) => u.id === (project?.unitId ?? data.units[0]?.id));
  expect(unit, "a unit is read").toBeTruthy();
  expect(unit!.formKind ?? project?.formKind).toBe(facts.kind);
  if (facts.year) expect(unit!.year).toBe(facts.year);
  if (facts.body !== undefined) expect(unit!.name).toBe(facts.body);
  if (facts.body_code !== undefined) expect(unit!.code ?? null).toBe(facts.body_code);
  if (facts.project !== undefined) expect(project?.name ?? null).toBe(facts.project);

  if (facts.indicators) {
    const got = data.indicators.map((i) => ({ level1: l1(i.level1), level2: l2(i.level2), name: nm(i.name), target: i.target?.trim() ?? null }));
    // A 一级 recorded "" is blank on the form (FACTS.md): it is read under the 一级 its 二级 belongs to, and a finding says so.
    const blank = (i: { level1: string; level2: string }) => i.level1 === "" && parentOf(l2(i.level2));
    // A 指标方向 cell (大于等于 …) beside the target's own cell is the target's sign (FACTS.md).
    const SIGN: Record<string, string> = { 大于等于: "≥", 小于等于: "≤", 等于: "=", 大于: ">", 小于: "<" };
    const target = (i: { target: string | null; direction?: string }) => (i.target?.trim() ? `${i.direction ? SIGN[i.direction] : ""}${i.target.trim()}` : null);
    const want = facts.indicators.map((i) => ({ level1: blank(i) || l1(i.level1), level2: l2(i.level2), name: nm(i.name), target: target(i) }));
    if (facts.indicators.some(blank)) expect(data.findings.map((f) => f.code)).toContain("indicator.blank_level1");
    expect(got).toEqual(want);
    const actuals = data.actuals ?? [];
    facts.indicators.forEach((f, k) => {
      const a = actuals.find((x) => x.indicatorId === data.indicators[k].id);
      if (f.actual !== undefined) expect(same(a?.actual, f.actual || null), `actual of ${f.name}`).toBe(true);
      if (f.weight !== undefined) expect(num(a?.weight ?? data.indicators[k].weight), `分值 of ${f.name}`).toBe(num(f.weight));
      if (f.score !== undefined) expect(num(a?.declaredScore), `得分 of ${f.name}`).toBe(num(f.score));
    });
  }
  if (facts.funding) {
    const lines = [
      ...(data.execution ?? []).map((e) => ({ item: e.item, initial: e.budgetInitialFen, full: e.budgetFullYearFen, executed: e.executedFen })),
      // A declaration's funding is its budget lines: the amount it declares for the year.
      ...(data.execution?.length ? [] : data.budget.map((b) => ({ item: b.item, initial: b.amountFen, full: null as bigint | null, executed: null as bigint | null }))),
    ];
    for (const f of facts.funding) {
      const line = lines.find((l) => l.item === label(f.item).key);
      expect(line, `funding line ${f.item}`).toBeTruthy();
      if (f.budget_initial !== undefined) expect(yuan(line!.initial), `${f.item} 年初预算数`).toBe(f.budget_initial);
      if (f.budget_full_year !== undefined) expect(yuan(line!.full), `${f.item} 全年预算数`).toBe(f.budget_full_year);
      if (f.executed !== undefined) expect(yuan(line!.executed), `${f.item} 执行数`).toBe(f.executed);
    }
  }
  if (facts.budget) {
    // A unit's declaration gives budget lines; a project's declaration gives its funding lines.
    const lines = data.budget.filter((b) => (b.projectId ?? null) === (project?.id ?? null)).map((b) => ({ item: b.item, amount: fenToYuanString(b.amountFen) }));
    // Side-by-side blocks (中期 | 当年) may be read row by row or block by block: the lines are compared as a set.
    const byItem = (a: { item: string }, b: { item: string }) => a.item.localeCompare(b.item);
    // The same item with the same amount twice (a 收入构成 合计 and a 支出构成 合计) is one line of the unit-year, held once
    // with load.duplicate_rows (FACTS.md).
    const want = [...new Map(facts.budget.map((b) => [`${label(b.item).key}\u0000${b.amount}`, { item: label(b.item).key, amount: b.amount }])).values()];
    if (want.length < facts.budget.length) expect(data.findings.map((f) => f.code)).toContain("load.duplicate_rows");
    expect(lines.sort(byItem)).toEqual(want.sort(byItem));
  }
  if (facts.level1_weights) {
    const weights = Object.fromEntries(Object.entries(project?.level1Weights ?? {}).map(([k, v]) => [l1(k), num(v)]));
    expect(weights).toEqual(Object.fromEntries(Object.entries(facts.level1_weights).map(([k, v]) => [l1(k), num(v)])));
  }
  const scored = scoreProgress(data);
  if (facts.declared_indicator_score !== undefined) {
    const sum = (data.actuals ?? []).reduce((s, a) => s + Number(a.declaredScore ?? 0), 0);
    expect(sum.toFixed(2)).toBe(Number(facts.declared_indicator_score).toFixed(2));
  }
  if (facts.graded !== undefined) {
    const graded = scored.reports.some((r) => r.period === "yearend" && r.filled);
    expect(graded).toBe(facts.graded);
  }
  const codes = new Set([...data.findings, ...scored.findings].map((f) => f.code));
  for (const code of facts.findings ?? []) expect([...codes], `finding ${code}`).toContain(code);
  for (const f of [...data.findings, ...scored.findings]) expect(f.location.file).toBeTruthy();
}

describe.each([
  ["the development set", DIR],
  ["the hold-out set", join(DIR, "holdout")],
])("real forms: %s", (_label, dir) => {
  const list = forms(dir);
  it("has forms, each with its files", () => {
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) expect(f.files.length, f.base).toBeGreaterThan(0);
  });
  describe.each(list.flatMap((f) => f.files.map((file) => [file.slice(dir.length + 1), file, f.facts, f.base] as const)))("%s", (_name, file, facts, base) => {
    const gap = KNOWN_GAPS[base] as string | undefined;
    (gap ? it.fails : it)(gap ? `does not yet read as the facts say: ${gap}` : "reads as the facts say", async () => {
      const name = file.split("/").pop()!;
      const bytes = new Uint8Array(readFileSync(file));
      if (facts.year === null) {
        // No year printed: not read under a year of the reader's choosing; read when the user says to take the file name's.
        await expect(importAny(name, bytes)).rejects.toBeInstanceOf(YearMissingError);
        if (yearsInFileName(name).length === 0) {
          // Neither the form nor its file name holds a year (form 57): read with the year the user types (`--year`),
          // any year; the reader must use it and say so.
          const data = await importAny(name, bytes, { year: GIVEN_YEAR });
          expect(data.units.map((u) => u.year)).toEqual([GIVEN_YEAR]);
          expect(data.findings.map((f) => f.code)).toContain("form.year_given");
          check(facts, data);
          return;
        }
        const data = await importAny(name, bytes, { yearFromFileName: true });
        expect(data.units.map((u) => u.year)).toEqual(yearsInFileName(name));
        expect(data.findings.map((f) => f.code)).toContain("form.year_from_file_name");
        check(facts, data);
        return;
      }
      check(facts, await importAny(name, bytes));
    });
  });
});
