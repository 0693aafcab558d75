// A generated district for the scale benchmark and its test (seeded, deterministic):
// N units × 3 years, each unit-year with P projects. Units are the bundled ones
// (data/canonical + data/sample: 5 units, 2024–2026, with progress data) copied
// under new names, as bench/compare-site.ts does; projects are the four real
// project forms of test/fixtures/site-projects (a graded and an unfilled 自评表, a
// 监控表, a 申报表) copied under each unit, re-dated to its year. Ids follow the
// new names through src/core/ids.ts; amounts are scaled by a seeded factor in
// millionths with bigint arithmetic, exact to the fen, and a unit's budget still
// adds up to its total.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { tableRows, toCsv, type TableName } from "../src/core/canonical.ts";
import { fnv1a, indicatorId, unitId } from "../src/core/ids.ts";
import type { BudgetLine, Dataset } from "../src/core/model.ts";
import { mulberry32 } from "../scripts/prng.ts";

export const TABLES: TableName[] = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];
const ORDER = ["units", "projects", "budget", "tasks", "indicators", "actuals", "execution"];

/** The canonical tables of a folder, read by the core importer (checks off: the build runs them). */
export function readFolder(dir: string, status: "declared" | "sample"): Dataset {
  const files = readdirSync(dir).map((f) => f.replace(/\.csv$/, "")).filter((t) => ORDER.includes(t)).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  return mergeDatasets(files.map((t) => importFile(join(dir, `${t}.csv`), readFileSync(join(dir, `${t}.csv`)), { status, checks: false })));
}

/** fen × a factor given in millionths, rounded half up (amounts here are never negative). */
const scale = (fen: bigint, millionths: bigint) => (fen * millionths + 500_000n) / 1_000_000n;
const scaleOrNull = (fen: bigint | null, m: bigint) => (fen === null ? null : scale(fen, m));

export interface DistrictOptions {
  units: number;
  projects: number;
  seed?: number;
}

/** The district as one Dataset; every unit and project labelled 示例数据 (status sample). */
export function district({ units, projects, seed = 20261 }: DistrictOptions, root = "."): Dataset {
  const base = mergeDatasets([readFolder(join(root, "data/canonical"), "declared"), readFolder(join(root, "data/sample"), "sample")]);
  const tpl = readFolder(join(root, "test/fixtures/site-projects"), "declared");
  const rand = mulberry32(seed);
  const factor = () => BigInt(Math.round((0.6 + 0.8 * rand()) * 1_000_000)); // an exact integer, so scaling stays exact
  const out: Dataset = { units: [], budget: [], tasks: [], indicators: [], findings: [], actuals: [], execution: [], projects: [] };
  const bases = [...new Map(base.units.map((u) => [u.id, u.name])).entries()];
  const years = [...new Set(base.units.map((u) => u.year))].sort();
  for (let k = 0; k < units; k++) {
    const [oldId, oldName] = bases[k % bases.length];
    // 第k街道 in place of 江川路街道: a name per unit, the unit's kind kept.
    const name = `示例·${oldName.replace(/^示例·/, "").replace(/^上海市闵行区/, "").replace("江川路街道", `第${String(k + 1).padStart(4, "0")}街道`)}`;
    const id = unitId(name);
    const f = factor();
    const inds = new Map<string, string>();
    for (const u of base.units.filter((x) => x.id === oldId)) out.units.push({ ...u, id, name, status: "sample" });
    for (const i of base.indicators.filter((x) => x.unitId === oldId && !x.projectId)) {
      const nid = indicatorId(name, i.level1, i.level2, i.name);
      inds.set(i.id, nid);
      out.indicators.push({ ...i, id: nid, unitId: id });
    }
    for (const t of base.tasks.filter((x) => x.unitId === oldId)) out.tasks.push({ ...t, id: `t${id.slice(1)}-${t.year}-${t.order}`, unitId: id });
    // Within sources and within structure every line but the last is scaled and the last is the remainder.
    const groups = new Map<string, BudgetLine[]>();
    for (const b of base.budget.filter((x) => x.unitId === oldId && !x.projectId)) groups.set(`${b.year}|${b.kind}`, [...(groups.get(`${b.year}|${b.kind}`) ?? []), b]);
    for (const [key, lines] of groups) {
      const [year] = key.split("|");
      const total = scale(base.budget.find((b) => b.unitId === oldId && String(b.year) === year && b.kind === "total" && !b.projectId)!.amountFen, f);
      let left = total;
      lines.forEach((b, i) => {
        const amountFen = b.kind === "total" ? total : i === lines.length - 1 ? left : scale(b.amountFen, f);
        if (b.kind !== "total") left -= amountFen;
        out.budget.push({ ...b, id: b.id.replace(/^b[^-]+/, `b${id.slice(1)}`), unitId: id, amountFen });
      });
    }
    for (const a of base.actuals ?? []) if (a.unitId === oldId && !a.projectId) out.actuals!.push({ ...a, unitId: id, unitName: name, indicatorId: a.indicatorId ? inds.get(a.indicatorId) ?? a.indicatorId : null, status: "sample" });
    for (const e of base.execution ?? []) {
      if (e.unitId !== oldId || e.projectId) continue;
      out.execution!.push({ ...e, unitId: id, unitName: name, budgetInitialFen: scaleOrNull(e.budgetInitialFen, f), budgetFullYearFen: scaleOrNull(e.budgetFullYearFen, f), executedFen: scaleOrNull(e.executedFen, f), status: "sample" });
    }
    for (const year of years) addProjects(out, tpl, id, name, year, projects, factor);
  }
  return out;
}

/** P projects under one unit-year, copied from the four templates in turn; the same project keeps its id across years. */
function addProjects(out: Dataset, tpl: Dataset, uid: string, unitName: string, year: number, count: number, factor: () => bigint) {
  const templates = tpl.projects ?? [];
  for (let j = 0; j < count; j++) {
    const p = templates[j % templates.length];
    const name = `${p.name}（${j + 1}）`;
    // As the reader derives them (src/core/reader/read.ts): the body's name and the project's name.
    const pid = `p${fnv1a([unitName, name].join("\u001f"))}`;
    const scope = `${unitName}\u001f${name}`;
    const f = factor();
    const inds = new Map<string, string>();
    out.projects!.push({ ...p, id: pid, unitId: uid, year, name, code: null, supervisor: unitName, implementer: unitName, status: "sample" });
    for (const i of tpl.indicators.filter((x) => x.projectId === p.id)) {
      const nid = indicatorId(scope, i.level1, i.level2, i.name);
      inds.set(i.id, nid);
      out.indicators.push({ ...i, id: nid, unitId: uid, year, projectId: pid });
    }
    tpl.budget.filter((b) => b.projectId === p.id).forEach((b, k) => {
      out.budget.push({ ...b, id: `b${fnv1a([pid, year, b.item, k].join("\u001f"))}`, unitId: uid, year, projectId: pid, amountFen: scale(b.amountFen, f) });
    });
    for (const a of tpl.actuals ?? []) {
      if (a.projectId !== p.id) continue;
      const asOf = a.asOf ? `${year}${a.asOf.slice(4)}` : a.asOf;
      out.actuals!.push({ ...a, unitId: uid, unitName, year, asOf, projectId: pid, indicatorId: a.indicatorId ? inds.get(a.indicatorId) ?? null : null, status: "sample" });
    }
    for (const e of tpl.execution ?? []) {
      if (e.projectId !== p.id) continue;
      const asOf = e.asOf ? `${year}${e.asOf.slice(4)}` : e.asOf;
      out.execution!.push({ ...e, unitId: uid, unitName, year, asOf, projectId: pid, budgetInitialFen: scaleOrNull(e.budgetInitialFen, f), budgetFullYearFen: scaleOrNull(e.budgetFullYearFen, f), executedFen: scaleOrNull(e.executedFen, f), status: "sample" });
    }
  }
}

/** Writes the district's canonical CSV tables into dir (made if missing). */
export function writeDistrict(data: Dataset, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const rows = tableRows(data);
  for (const t of TABLES) writeFileSync(join(dir, `${t}.csv`), toCsv(t, rows[t]) + "\r\n");
}
