// The bundled declaration (data/raw/, the 单位整体支出绩效目标申报表 export) read
// by the general reader (src/core/reader) against the bundled form's own reader
// (src/core/form.ts), field by field: units, budget lines, tasks, indicators and
// findings, with their source rows and columns. A difference is listed as one
// readable line (`indicators[12].target: form.ts "…" · reader "…"`).
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../src/core/decode.ts";
import { detectDelimiter, parseDelimited } from "../src/core/table.ts";
import { parseForm } from "../src/core/form.ts";
import { readForms } from "../src/core/reader/read.ts";
import type { Dataset } from "../src/core/model.ts";
import { SEED_LINES } from "./fixtures/variants.ts";

const RAW = "data/raw";
const files = readdirSync(RAW).filter((f) => !f.startsWith(".")).sort();

function records(path: string) {
  const { text } = decodeBytes(new Uint8Array(readFileSync(path)), path);
  return parseDelimited(text, detectDelimiter(text)).records;
}

const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x)));

/** Every difference between two values, one line each, by path. */
function diff(a: unknown, b: unknown, path: string, out: string[]): void {
  if (out.length > 400) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}.length: form.ts ${a.length} · reader ${b.length}`);
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (show(a) !== show(b)) out.push(`${path}: form.ts ${show(a)} · reader ${show(b)}`);
}

type Sourced = { source?: { row?: number; column?: number }; code?: string };

/** Items aligned by what they are about (a line, task or indicator by its source row; a finding by code, row and column), so one missing row does not shift the rest. */
function align(key: string, a: readonly Sourced[], b: readonly Sourced[], out: string[]): void {
  const keyOf = (x: Sourced & { location?: { row?: number; column?: number } }) =>
    key === "findings" ? `${x.code}@${x.location?.row}:${x.location?.column}` : `row ${x.source?.row}`;
  const group = (xs: readonly Sourced[]) => {
    const m = new Map<string, Sourced[]>();
    for (const x of xs) m.set(keyOf(x), [...(m.get(keyOf(x)) ?? []), x]);
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  if (a.length !== b.length) out.push(`${key}.length: form.ts ${a.length} · reader ${b.length}`);
  for (const k of new Set([...ga.keys(), ...gb.keys()])) {
    const xa = ga.get(k) ?? [];
    const xb = gb.get(k) ?? [];
    for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
      if (!xa[i]) out.push(`${key}[${k}]: only the reader has ${show(xb[i])}`);
      else if (!xb[i]) out.push(`${key}[${k}]: only form.ts has ${show(xa[i])}`);
      else diff(xa[i], xb[i], `${key}[${k}]`, out);
    }
  }
  // Same items in the same order.
  const oa = a.map(keyOf).filter((k) => gb.has(k));
  const ob = b.map(keyOf).filter((k) => ga.has(k));
  if (show(oa) !== show(ob)) out.push(`${key}: the items common to both stand in another order`);
}

export function differences(file: string): string[] {
  const recs = records(`${RAW}/${file}`);
  const name = `${RAW}/${file}`;
  const old: Dataset = parseForm(recs, name);
  const now: Dataset = readForms(recs, name);
  const out: string[] = [];
  diff(old.units, now.units, "units", out);
  for (const key of ["budget", "tasks", "indicators", "findings"] as const) align(key, old[key] as Sourced[], now[key] as Sourced[], out);
  for (const key of ["projects", "actuals", "execution"] as const) diff(old[key], now[key], key, out);
  return out;
}

/**
 * What still stands between the general reader and form.ts on the bundled declaration: the kind of form its title
 * prints (单位整体支出绩效目标申报表 → unit_declaration), which form.ts leaves unset. Until the workspace's export and
 * the canonical tables carry it for this file too, the bundled form keeps form.ts's reading (src/core/import.ts).
 */
const REMAINING = ['units[0].formKind: form.ts (absent) · reader "unit_declaration"'];

describe("the general reader reads the bundled declaration as form.ts does", () => {
  it("data/raw holds at least one file", () => expect(files.length).toBeGreaterThan(0));
  it.fails.each(files)("%s: the same Dataset, field by field", (file) => {
    expect(differences(file)).toEqual([]);
  });
  it.each(files)("%s: differs from form.ts's Dataset only in the form's kind", (file) => {
    expect(differences(file)).toEqual(REMAINING);
  });
});

// The same seed as the other tests edit it (test/form.test.ts, test/hostile.test.ts): rows moved, blank, repeated,
// ragged. The general reader places them as form.ts does. (One edit differs and is left out: a bare 二级 label with
// no rows is indicator.empty_group as a warning in form.ts, as info in the general reader, listed after the table's notes.)
const MISPLACED = new Set([61, 70, 71, 72, 90]); // rows 62, 71, 72, 73, 91
const EDITS: [string, string[]][] = [
  ["blank and tab-only lines between the indicator rows", SEED_LINES.flatMap((l, i) => (i >= 41 ? [l, "", "\t\t\t", " "] : [l]))],
  ["page breaks that repeat the table header", SEED_LINES.flatMap((l, i) => (i === 56 || i === 80 ? [l, "", "", "一级目标\t二级目标\t三级目标\t指标目标值"] : [l]))],
  ["form feeds and CRLF line ends", SEED_LINES.map((l, i) => (i === 73 ? "\f" : l) + "\r")],
  ["the misplaced rows moved one column further right", SEED_LINES.map((l, i) => (MISPLACED.has(i) ? "\t" + l : l))],
  ["the whole table moved one column right", SEED_LINES.map((l, i) => (i >= 33 ? "\t" + l : l))],
  ["ten blank lines above the form", [...Array(10).fill(""), ...SEED_LINES]],
  ["extra cells in an indicator row", SEED_LINES.map((l, i) => (i === 41 ? "产出指标\t数量指标\t器材\t≥1(个)\textra\tmore\tcells" : l))],
  ["a lone text in the 一级 column", SEED_LINES.map((l, i) => (i === 49 ? "x" : l))],
  ["a total without its amount and one count missing", SEED_LINES.map((l, i) => (i === 24 ? "部门整体预算总额(元)" : i === 30 ? "0" : l))],
];

describe("the general reader reads the edited seeds as form.ts does", () => {
  it.each(EDITS)("with %s: the same units, budget, tasks, indicators and findings (the form's kind aside)", (_label, lines) => {
    const recs = parseDelimited(lines.join("\n"), "\t").records;
    const out: string[] = [];
    const old = parseForm(recs, "edited.txt");
    const now = readForms(recs, "edited.txt");
    diff(old.units.map((u) => ({ ...u, formKind: undefined })), now.units.map((u) => ({ ...u, formKind: undefined })), "units", out);
    for (const key of ["budget", "tasks", "indicators", "findings"] as const) align(key, old[key] as Sourced[], now[key] as Sourced[], out);
    expect(out).toEqual([]);
  });
});
