// A progress form (自评表 / 监控表) read by the general reader lists the indicators it
// reports on; beside the declaration of the same project and year they give way
// to it (src/core/restated.ts), so nothing is listed twice. The forms here are
// made at test time from a real self-evaluation (test/fixtures/real/01_…): its
// title changed makes it a declaration of the same project, and a second
// self-evaluation rewords one indicator and changes one target. The explore
// page's database does the same in SQL (src/explore/sql.ts givesWaySql).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TableName } from "../src/core/canonical.ts";
import { dedupeLoads } from "../src/core/dedupe.ts";
import { findingText } from "../src/core/findingText.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import type { Dataset } from "../src/core/model.ts";
import { withLinkedProgress } from "../src/core/progress/link.ts";
import { yieldRestated } from "../src/core/restated.ts";
import { toLoaded } from "../src/explore/importer.ts";
import { deleteUploadSql, finishUploadSql, insertTableSql, overlapSql, OVERLAP_SUMMARY_SQL, RESTATED_SUMMARY_SQL, restatedNotesSql, setupSql } from "../src/explore/sql.ts";
import { restatedFinding } from "../src/core/restated.ts";
import type { QueryEngine } from "../src/query/engine.ts";
import { createNodeEngine } from "../src/query/node.ts";
import { queries, unitsSql } from "../src/query/queries.ts";
import { utf8 } from "./fixtures/variants.ts";

const SELF = readFileSync(new URL("./fixtures/real/01_anhui_chizhou_tangxi_2022_project_selfeval.csv", import.meta.url), "utf8");
const DECL = SELF.replace("项目支出绩效自评表", "项目支出绩效目标申报表");
const REWORDED = SELF.replace(",≥50个,50,", ",≥60个,50,").replace("单项业务成本", "单项业务的成本");

/** The declaration, read without its 实际完成情况 (a declaration prints none; this one is made from a self-evaluation). */
function declaration(): Dataset {
  const d = importFile("decl.csv", utf8(DECL));
  return { ...d, projects: d.projects!.map((p) => ({ ...p, goals: { ...p.goals, actual: [] } })) };
}
const selfEval = (text = REWORDED, name = "self.csv") => importFile(name, utf8(text));
const merged = (...parts: Dataset[]) => {
  const once = dedupeLoads(parts.map((data) => ({ file: data.units[0].source.file, data })));
  return { data: mergeDatasets(once.parts), notes: once.findings };
};

describe("a self-evaluation beside its project's declaration", () => {
  it("reads the forms as the same project, one a declaration and one a self-evaluation, each with its indicators", () => {
    const [d, s] = [declaration(), selfEval()];
    expect(d.projects!.map((p) => [p.id, p.formKind])).toEqual([[s.projects![0].id, "project_declaration"]]);
    expect(s.projects!.map((p) => p.formKind)).toEqual(["project_selfeval"]);
    expect(d.indicators).toHaveLength(9);
    expect(s.indicators).toHaveLength(9);
  });

  for (const order of ["declaration first", "self-evaluation first"] as const) {
    it(`${order}: the declaration's indicators and project row, once; one finding at the self-evaluation naming the declaration`, () => {
      const [d, s] = [declaration(), selfEval()];
      const { data, notes } = merged(...(order === "declaration first" ? [d, s] : [s, d]));
      expect(data.indicators.map((i) => [i.source.file, i.name])).toEqual(d.indicators.map((i) => ["decl.csv", i.name]));
      // The project's row is the declaration's, with the self-evaluation's 实际完成情况.
      expect(data.projects!.map((p) => [p.formKind, p.source.file, p.goals.actual])).toEqual([["project_declaration", "decl.csv", s.projects![0].goals.actual]]);
      expect(s.projects![0].goals.actual.length).toBeGreaterThan(0);
      const told = notes.filter((f) => f.code.startsWith("load."));
      expect(told.map((f) => [f.code, f.severity, f.location])).toEqual([["load.restated_indicators", "info", { file: "self.csv", row: s.indicators[0].source.row }]]);
      expect(findingText(told[0], "zh")).toMatch(/^本表所列的 9 项指标是 decl\.csv 已载入的/);
      expect(findingText(told[0], "en")).toMatch(/^9 indicator\(s\) this form lists .* decl\.csv holds/);
      // Its results are matched to the declared indicators: the changed target and the reworded indicator are told.
      const linked = withLinkedProgress(data).findings.filter((f) => f.code.startsWith("actual."));
      expect(linked.map((f) => f.code).sort()).toEqual(["actual.missing", "actual.target_differs", "actual.unmatched"]);
    });
  }

  it("the same self-evaluation as the declaration prints: its rows give way as restated, not as repeats", () => {
    const { data, notes } = merged(declaration(), selfEval(SELF));
    expect(data.indicators).toHaveLength(9);
    expect(notes.map((f) => f.code)).toEqual(["load.restated_indicators"]);
    expect(withLinkedProgress(data).findings.filter((f) => f.code.startsWith("actual."))).toEqual([]);
  });

  it("alone, a self-evaluation's indicators are the project's: nothing gives way", () => {
    const s = selfEval();
    expect(yieldRestated([s])).toEqual({ parts: [s], findings: [] });
    expect(mergeDatasets([s]).indicators).toHaveLength(9);
  });

  it("two progress forms of the same project and no declaration: the first one's indicators hold", () => {
    const first = selfEval(SELF, "first.csv");
    const { data, notes } = merged(first, selfEval(REWORDED, "second.csv"));
    expect(data.indicators.map((i) => i.source.file)).toEqual(first.indicators.map(() => "first.csv"));
    expect(data.projects!.map((p) => p.source.file)).toEqual(["first.csv"]);
    // The results the second repeats (its unit row, funding and unchanged results) are repeats, counted once.
    expect(notes.map((f) => [f.code, f.location.file, findingText(f, "zh").includes("first.csv")])).toEqual([["load.restated_indicators", "second.csv", true], ["load.duplicate_rows", "second.csv", true]]);
  });

  it("the declarations of other projects and years are untouched", () => {
    const other = importFile("other.csv", utf8(DECL.replace("委托业务项目", "另一个项目")));
    const { data, notes } = merged(other, selfEval());
    expect(data.indicators).toHaveLength(18);
    expect(data.projects).toHaveLength(2);
    expect(notes).toEqual([]);
  });
});

describe("the explore database: a self-evaluation's restated indicators give way to its declaration, loaded before or after", () => {
  let db: QueryEngine;
  const dir = mkdtempSync(join(tmpdir(), "jixiao-restated-"));
  let n = 0;
  async function load(data: Dataset, id: number) {
    for (const [t, { csv }] of Object.entries(toLoaded(data, [data.units[0].source.file]).tables) as [TableName, { csv: string }][]) {
      if (t === "findings") continue;
      const path = join(dir, `u${id}-${t}-${n++}.csv`);
      writeFileSync(path, csv);
      await db.query(insertTableSql(t, path, id));
    }
    for (const s of overlapSql(id)) await db.query(s);
    const overlap = await db.query(OVERLAP_SUMMARY_SQL);
    for (const s of finishUploadSql(id)) await db.query(s);
    return overlap;
  }
  const remove = async (id: number) => { for (const s of deleteUploadSql(id)) await db.query(s); };
  /** The notes written afresh, as the page does after each upload and removal (session.ts noteRestated). */
  const notes = async () => {
    const now = await db.query<{ upload_id: number; unit_id: string; fiscal_year: number; n: number; file: string; row: number | null; declared: string }>(RESTATED_SUMMARY_SQL);
    for (const s of restatedNotesSql(now.map((r) => ({ uploadId: r.upload_id, unitId: r.unit_id, year: r.fiscal_year, finding: restatedFinding(r.n, r.declared, { file: r.file, ...(r.row !== null ? { row: r.row } : {}) }) })))) await db.query(s);
    return db.query<{ upload_id: number; unit_id: string; fiscal_year: number; severity: string; message: string; message_en: string; source_file: string; source_row: number }>(
      "SELECT upload_id, unit_id, CAST(fiscal_year AS INTEGER) AS fiscal_year, severity, message, message_en, source_file, CAST(source_row AS INTEGER) AS source_row FROM findings WHERE code = 'load.restated_indicators' ORDER BY upload_id");
  };
  const files = async () => (await db.query<{ f: string }>("SELECT source_file AS f FROM indicators ORDER BY ord, source_file")).map((r) => r.f);
  const state = async () => {
    const s = selfEval();
    const units = await db.query<{ source_file: string }>(unitsSql());
    const projects = await queries.unitProjects(db, s.units[0].id, s.units[0].year);
    return { units: units.map((u) => u.source_file), projects: projects.map((p) => [p.form_kind, p.source_file, p.goals_actual]) };
  };
  beforeAll(async () => {
    db = await createNodeEngine();
  });
  beforeEach(async () => {
    for (const s of setupSql()) await db.query(s);
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("declaration first: the self-evaluation's indicators are hidden, not counted as repeats or conflicts; removing the declaration shows them", async () => {
    const s = selfEval();
    expect(await load(declaration(), 1)).toEqual([]);
    expect(await load(s, 2)).toEqual([]);
    expect(await files()).toEqual(Array(9).fill("decl.csv"));
    expect(await state()).toEqual({ units: ["decl.csv"], projects: [["project_declaration", "decl.csv", s.projects![0].goals.actual.join("\n")]] });
    await remove(1);
    expect(await files()).toEqual(Array(9).fill("self.csv"));
    expect((await state()).projects.map((p) => p[0])).toEqual(["project_selfeval"]);
  });

  it("self-evaluation first: the declaration loaded after holds", async () => {
    expect(await load(selfEval(), 1)).toEqual([]);
    expect(await files()).toEqual(Array(9).fill("self.csv"));
    expect(await load(declaration(), 2)).toEqual([]);
    expect(await files()).toEqual(Array(9).fill("decl.csv"));
    expect((await state()).units).toEqual(["decl.csv"]);
  });

  it("two self-evaluations of the same project and no declaration: the first upload's indicators", async () => {
    await load(selfEval(SELF, "first.csv"), 1);
    await load(selfEval(REWORDED, "second.csv"), 2);
    expect(await files()).toEqual(Array(9).fill("first.csv"));
  });

  it("the note the core writes, at the upload whose rows give way, written afresh when a declaration comes or goes", async () => {
    const [d, s] = [declaration(), selfEval()];
    // What the core says of the same two files (dedupeLoads), either order.
    const core = merged(d, s).notes.filter((f) => f.code === "load.restated_indicators");
    expect(core).toHaveLength(1);
    const said = (uploadId: number) => [{ upload_id: uploadId, unit_id: core[0].owner!.unitId, fiscal_year: core[0].owner!.year, severity: "info",
      message: findingText(core[0], "zh"), message_en: findingText(core[0], "en"), source_file: "self.csv", source_row: core[0].location.row }];
    await load(s, 1);
    expect(await notes()).toEqual([]);
    await load(d, 2);
    expect(await notes()).toEqual(said(1));
    await remove(2);
    expect(await notes()).toEqual([]);
    await load(d, 3);
    await load(selfEval(REWORDED, "self.csv"), 4);
    await notes();
    await remove(1);
    expect(await notes()).toEqual(said(4));
  });
});
