// Canonical tables: what `jixiao import --out` writes reads back to the same
// data (exact amounts, same ids); the JSON form too; headers are matched by name
// (Chinese, 预算管理一体化 field names, English), never by position.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { findingText } from "../src/core/findingText.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COLUMNS, mapHeader, tableRows, toCsv, toJson } from "../src/core/canonical.ts";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { ImportError, type Dataset } from "../src/core/model.ts";
import { jsonText, writeCanonical } from "../src/cli/io.ts";
import { SEED_BYTES, SEED_NAME, utf8, writeDelimited } from "./fixtures/variants.ts";

const seed = importFile(SEED_NAME, SEED_BYTES);
const dir = mkdtempSync(join(tmpdir(), "jixiao-canonical-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const written = writeCanonical(seed, dir);
/** The declaration tables (the progress tables, actuals and execution, are written only when they hold rows). */
const CORE = ["units", "budget", "tasks", "indicators", "findings"] as const;
const readBack = (table: string) => importFile(`${table}.csv`, new Uint8Array(readFileSync(join(dir, `${table}.csv`))));
const back = mergeDatasets(["units", "budget", "tasks", "indicators"].map(readBack));

const indicatorView = (d: Dataset) =>
  d.indicators.map((i) => ({ id: i.id, unitId: i.unitId, year: i.year, order: i.order, level1: i.level1, level2: i.level2, name: i.name, target: i.target, parsed: i.parsed, note: i.note, file: i.source.file, row: i.source.row }));

describe("the canonical CSV files written by --out", () => {
  it("are the five tables, each with the header COLUMNS gives, UTF-8, CRLF", () => {
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(["units.csv", "budget.csv", "tasks.csv", "indicators.csv", "findings.csv"]);
    for (const table of CORE) {
      const text = readFileSync(join(dir, `${table}.csv`), "utf8");
      expect(text.split("\r\n")[0]).toBe(COLUMNS[table].join(","));
    }
  });

  it("write amounts as exact yuan with two decimals and no separators", () => {
    const text = readFileSync(join(dir, "budget.csv"), "utf8");
    expect(text).toContain(",total,部门整体预算总额,92787331.00,");
    expect(text).toContain(",structure,基本支出,50839284.87,");
    expect(text).toContain(",source,其他资金,0.00,");
  });

  it("read back without a finding about their own columns (the parsed-target columns are known, and ignored on input)", () => {
    for (const t of CORE) expect(readBack(t).findings.filter((f) => f.code.startsWith("canonical."))).toEqual([]);
  });

  it("read back to the same indicators: ids, order, levels, names, targets, parsed targets, notes and source rows", () => {
    expect(indicatorView(back)).toEqual(indicatorView(seed));
  });

  it("read back to the same budget lines with exact bigint amounts and ids", () => {
    expect(back.budget.map((b) => [b.id, b.unitId, b.year, b.kind, b.item, b.amountFen])).toEqual(
      seed.budget.map((b) => [b.id, b.unitId, b.year, b.kind, b.item, b.amountFen]),
    );
  });

  it("read back to the same unit (multi-line duties kept as paragraphs)", () => {
    const [u] = back.units;
    const [s] = seed.units;
    expect({ ...u, source: undefined }).toEqual({ ...s, source: undefined });
    expect(u.source).toEqual({ file: SEED_NAME, row: 5 });
  });

  it("read back to the same tasks", () => {
    expect(back.tasks.map((t) => [t.id, t.unitId, t.year, t.order, t.name, t.content])).toEqual(
      seed.tasks.map((t) => [t.id, t.unitId, t.year, t.order, t.name, t.content]),
    );
  });

  it("read the findings file back too (it belongs to files, not to a unit and year)", () => {
    const f = readBack("findings");
    expect(f.findings.map((x) => [x.severity, x.code, x.location.row, x.subject])).toEqual(
      seed.findings.map((x) => [x.severity, x.code, x.location.row, x.subject]),
    );
  });

  it("give a finding the unit year of its subject at the finding's row, though ids repeat across years", () => {
    // The same unit and indicator declared for two years in one file; the target is impossible in 2025 only.
    const text = "unit_name,fiscal_year,level1,level2,name,target\r\n甲,2025,产出指标,质量指标,合格率,≥120%\r\n甲,2026,产出指标,质量指标,合格率,≥95%\r\n";
    const d = importFile("two-years.csv", utf8(text));
    const [i2025, i2026] = d.indicators;
    expect(i2025.id).toBe(i2026.id);
    const rows = tableRows(d).findings;
    const of = (code: string) => rows.filter((f) => f.code === code).map((f) => [f.subject, f.source_row, f.unit_id, f.fiscal_year]);
    expect(of("target.impossible")).toEqual([[i2025.id, "2", i2025.unitId, "2025"]]);
    expect(of("unit.no_duties")).toEqual([[i2025.unitId, "2", i2025.unitId, "2025"], [i2025.unitId, "3", i2025.unitId, "2026"]]);
  });

  it("write the same bytes twice (deterministic output)", () => {
    const again = mkdtempSync(join(tmpdir(), "jixiao-canonical-"));
    try {
      writeCanonical(importFile(SEED_NAME, SEED_BYTES), again);
      for (const t of CORE) expect(readFileSync(join(again, `${t}.csv`))).toEqual(readFileSync(join(dir, `${t}.csv`)));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe("docs/data-format.md", () => {
  const doc = readFileSync(new URL("../docs/data-format.md", import.meta.url), "utf8");
  it.each(CORE)("lists the %s columns exactly as COLUMNS gives them", (table) => {
    expect(doc).toContain(`Columns: \`${COLUMNS[table].join(", ")}\``);
  });
});

describe("the JSON form", () => {
  const json = jsonText(toJson(seed));
  const fromJson = importFile("seed.json", utf8(json));

  it("writes amounts as exact yuan strings", () => {
    expect(JSON.parse(json).budget.map((b: { amount: string }) => b.amount)).toEqual(["92787331.00", "92787331.00", "0.00", "50839284.87", "41948046.13"]);
  });

  it("round-trips through importFile on a .json: same units, budget, tasks and indicators", () => {
    expect(fromJson.units).toEqual(seed.units);
    expect(fromJson.budget).toEqual(seed.budget);
    expect(fromJson.tasks).toEqual(seed.tasks);
    expect(fromJson.indicators).toEqual(seed.indicators);
  });

  it("re-runs the reviewer's checks on what it read", () => {
    expect(fromJson.findings.filter((f) => f.code === "target.impossible").map((f) => f.location.row)).toEqual([78, 82]);
  });

  it.each([
    ["an array", "[1,2]"],
    ["an object without tables", '{"a":1}'],
    ["broken JSON", '{"units": ['],
  ])("throws ImportError for %s", (_label, text) => {
    expect(() => importFile("bad.json", utf8(text))).toThrow(ImportError);
  });

  it("reports a bad entry as a finding and keeps the rest", () => {
    const d = importFile("part.json", utf8(JSON.stringify({ budget: [{ kind: "total", item: "x", amount: "abc", year: 2026 }, { kind: "total", item: "y", amount: "1.50", year: 2026 }] })));
    expect(d.budget.map((b) => b.amountFen)).toEqual([150n]);
    expect(d.findings[0]).toMatchObject({ code: "json.bad_entry", location: { row: 1 } });
  });
});

// ---- Header synonyms ----

const UNIT = "上海市闵行区江川路街道社区党群服务中心";
const CANON = ["unit_name", "fiscal_year", "level1", "level2", "name", "target"];
const YITIHUA = ["agency_name", "fiscal_year", "lv1_perf_ind_name", "lv2_perf_ind_name", "lv3_perf_ind_name", "kpi_val"];
const CHINESE = ["单位名称", "年度", "一级指标", "二级指标", "三级指标", "指标值"];
const values = seed.indicators.map((i) => [UNIT, "2026", i.level1, i.level2, i.name ?? "", i.target ?? ""]);

/** An indicators CSV with the given header names, columns in the given order. */
function indicatorsCsv(header: string[], order: number[], extra: [string, string][] = []): Uint8Array {
  const rows = [[...order.map((i) => header[i]), ...extra.map(([h]) => h)], ...values.map((v) => [...order.map((i) => v[i]), ...extra.map(([, x]) => x)])];
  return utf8(writeDelimited(rows, ",", "\r\n"));
}
const view = (d: Dataset) => d.indicators.map((i) => [i.id, i.unitId, i.year, i.order, i.level1, i.level2, i.name, i.target, i.parsed]);

describe("canonical headers are matched by name, in any order", () => {
  const reference = importFile("canon.csv", indicatorsCsv(CANON, [0, 1, 2, 3, 4, 5]));

  it("reads the seed's 60 indicators from a hand-made canonical CSV with the same ids as the form gives", () => {
    expect(view(reference)).toEqual(view(seed).map((v) => v));
  });

  it.each([
    ["预算管理一体化 field names", YITIHUA, [5, 3, 0, 4, 1, 2]],
    ["Chinese headers", CHINESE, [2, 5, 1, 0, 4, 3]],
    ["English canonical names, reversed", CANON, [5, 4, 3, 2, 1, 0]],
    ["Chinese headers with spaces and a BOM on the first", ["\uFEFF单位名称", " 年度 ", "一级指标", "二级指标", "三级指标", "指标值"], [0, 1, 2, 3, 4, 5]],
  ])("imports identically with %s (columns shuffled)", (_label, header, order) => {
    const d = importFile("x.csv", indicatorsCsv(header, order));
    expect(view(d)).toEqual(view(reference));
    expect(d.findings.filter((f) => f.code.startsWith("canonical."))).toEqual([]);
  });

  it.each([
    [["agency_name", "fiscal_year", "lv1_perf_ind_name", "lv2_perf_ind_name", "lv3_perf_ind_name", "kpi_val"], "indicators"],
    [["单位名称", "年度", "项目", "金额（元）", "类别"], "budget"],
    [["单位名称", "年度", "任务名称", "主要内容"], "tasks"],
    [["单位名称", "年度", "财政资金拨款方式"], "units"],
    [["severity", "code", "message"], "findings"],
  ])("mapHeader(%j) is the %s table", (header, table) => {
    expect(mapHeader(header)?.table).toBe(table);
  });

  it("gives null for a header that fits no table", () => {
    expect(mapHeader(["foo", "bar"])).toBeNull();
  });
});

describe("canonical input problems", () => {
  it.each([
    ["年度 (fiscal_year)", [0, 2, 3, 4, 5], /“年度”（fiscal_year）/],
    ["the unit (单位名称 or 单位编码)", [1, 2, 3, 4, 5], /“单位编码”（unit_id）/],
  ])("throws ImportError naming the missing column: %s", (_label, order, pattern) => {
    let error: unknown;
    try {
      importFile("missing.csv", indicatorsCsv(CHINESE, order));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).message).toMatch(pattern);
    expect((error as ImportError).message).toContain("missing.csv");
  });

  it("reports unknown columns as one info finding naming them, and still reads the rest", () => {
    const d = importFile("extra.csv", indicatorsCsv(CHINESE, [0, 1, 2, 3, 4, 5], [["审核意见", "同意"], ["colour", "red"]]));
    const unknown = d.findings.filter((f) => f.code === "canonical.unknown_columns");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ severity: "info", location: { file: "extra.csv", row: 1 } });
    expect(findingText(unknown[0], "zh")).toContain("审核意见、colour");
    expect(d.indicators).toHaveLength(60);
  });

  it("skips a row whose year cannot be read, with a finding at its row and column", () => {
    const text = "单位名称,年度,一级指标,二级指标,三级指标,指标值\r\nA,2026,产出指标,数量指标,x,≥1(个)\r\nA,二〇二六,产出指标,数量指标,y,≥1(个)\r\n";
    const d = importFile("y.csv", utf8(text));
    expect(d.indicators.map((i) => i.name)).toEqual(["x"]);
    expect(d.findings.find((f) => f.code === "canonical.bad_year")?.location).toEqual({ file: "y.csv", row: 3, column: 2 });
  });

  it("reads a budget CSV with Chinese headers and grouped amounts exactly, and reports an unreadable one", () => {
    const text = '单位名称,年度,类别,项目,金额（元）\r\nA,2026,总额,部门整体预算总额,"92,787,331.00"\r\nA,2026,资金来源,财政拨款,92787331.00\r\nA,2026,资金结构,基本支出,1.005\r\n';
    const d = importFile("b.csv", utf8(text));
    expect(d.budget.map((b) => [b.kind, b.item, b.amountFen])).toEqual([
      ["total", "部门整体预算总额", 9278733100n],
      ["source", "财政拨款", 9278733100n],
    ]);
    expect(d.findings.find((f) => f.code === "budget.amount_unreadable")?.location).toEqual({ file: "b.csv", row: 4, column: 5 });
  });
});

describe("toCsv", () => {
  it("neutralises formula-like cells only when asked", () => {
    const rows = tableRows({ ...seed, indicators: [{ ...seed.indicators[8], name: "=HYPERLINK(\"http://x\",\"y\")" }] }).indicators;
    expect(toCsv("indicators", rows)).toContain('"=HYPERLINK(""http://x"",""y"")"');
    expect(toCsv("indicators", rows, true)).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe("a findings table read on its own", () => {
  it("keeps the unit year each finding was written under (findings.csv loaded without units.csv)", () => {
    const text = readFileSync("data/canonical/findings.csv");
    const data = importFile("findings.csv", text, { checks: false });
    const rows = tableRows(data).findings;
    const written = toCsv("findings", rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.unit_id === "ue5033044165152b9" && r.fiscal_year === "2026")).toBe(true);
    const lines = (s: string) => s.replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean).sort();
    expect(lines(written)).toEqual(lines(text.toString("utf8")));
  });
});
