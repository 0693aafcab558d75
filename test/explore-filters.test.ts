import { describe, expect, it } from "vitest";
import { announcement, filterFindings, filterIndicators, filterKinds, NO_FILTERS, readFilters, writeFilters, type Filters } from "../src/explore/filters.ts";
import type { FindingRow } from "../src/query/queries.ts";
import type { ScoreStatus } from "../src/core/scoring.ts";

const rows = [
  { indicator_id: "a", level1: "产出指标" },
  { indicator_id: "b", level1: "产出指标" },
  { indicator_id: "c", level1: "效益指标" },
];
const status: Record<string, ScoreStatus> = { a: "not_met", b: "met", c: "not_met" };
const finding = (subject: string | null): FindingRow => ({ severity: "warning", code: "x", message: "m", message_en: null, subject, source_file: "f.xlsx", source_row: 3, source_column: 2 });

describe("readFilters / writeFilters", () => {
  it("writeFilters(p, f) then readFilters(p) gives f back, beside the view's other parameters", () => {
    const f: Filters = { level1: "产出指标", status: "not_met" };
    const p = writeFilters(new URLSearchParams({ unit: "u|1", year: "2026", project: "p" }), f);
    expect(readFilters(new URLSearchParams(String(p)))).toEqual(f);
    expect(p.get("unit")).toBe("u|1");
    expect(p.get("project")).toBe("p");
  });
  it("writeFilters(p, NO_FILTERS) leaves the address as it was without a filter", () => {
    expect(String(writeFilters(new URLSearchParams("unit=u&year=2026&l1=x&status=met"), NO_FILTERS))).toBe("unit=u&year=2026");
  });
  it("readFilters drops an unknown status and an empty 一级", () => {
    expect(readFilters(new URLSearchParams("l1=&status=pass"))).toEqual(NO_FILTERS);
  });
});

describe("filterIndicators(rows, filters, statusOf)", () => {
  it("keeps every row with no filter", () => expect(filterIndicators(rows, NO_FILTERS)).toEqual(rows));
  it("keeps the rows of one 一级", () => expect(filterIndicators(rows, { level1: "产出指标", status: null }).map((r) => r.indicator_id)).toEqual(["a", "b"]));
  it("keeps the rows of one status", () => expect(filterIndicators(rows, { level1: null, status: "not_met" }, (id) => status[id]).map((r) => r.indicator_id)).toEqual(["a", "c"]));
  it("keeps the rows of both", () => expect(filterIndicators(rows, { level1: "产出指标", status: "not_met" }, (id) => status[id]).map((r) => r.indicator_id)).toEqual(["a"]));
  it("keeps no row for a status when nothing was scored (no completion report)", () => expect(filterIndicators(rows, { level1: null, status: "met" })).toEqual([]));
});

describe("filterFindings(findings, kept, all, filters)", () => {
  const findings = [finding("a"), finding("c"), finding("line-1"), finding(null)];
  it("keeps every finding with no filter", () => expect(filterFindings(findings, rows, rows, NO_FILTERS)).toEqual(findings));
  it("keeps only the findings about the indicators kept", () => {
    const f: Filters = { level1: "产出指标", status: null };
    expect(filterFindings(findings, filterIndicators(rows, f), rows, f).map((x) => x.subject)).toEqual(["a"]);
  });
});

describe("announcement(lang, year, filters, n)", () => {
  it("says the year, the 一级, the status and the count in Chinese", () =>
    expect(announcement("zh", 2026, { level1: "产出指标", status: "not_met" }, 5)).toBe("显示 2026 年 · 产出指标 · 未达成：5 项"));
  it("says them in English", () => expect(announcement("en", 2026, { level1: null, status: "no_data" }, 1)).toBe("Showing 2026 · no data: 1 item"));
});

describe("filterKinds(kinds, kept, complete, filters): what the indicator chart counts under the filters", () => {
  const kinds = [
    { level1: "产出指标", level2: "数量指标", kind: "quantitative" as const, n: 2 },
    { level1: "产出指标", level2: "时效指标", kind: "deadline" as const, n: 1 },
    { level1: "效益指标", level2: "社会效益指标", kind: "qualitative" as const, n: 3 },
  ];
  const kept = [
    { level1: "产出指标", level2: "数量指标", target_kind: "quantitative" as const },
    { level1: "效益指标", level2: "社会效益指标", target_kind: "qualitative" as const },
    { level1: "产出指标", level2: "数量指标", target_kind: "quantitative" as const },
  ];
  it("keeps the counts of one 一级 as they are, and all with no filter", () => {
    expect(filterKinds(kinds, [], false, { level1: "产出指标", status: null })).toEqual(kinds.slice(0, 2));
    expect(filterKinds(kinds, [], false, NO_FILTERS)).toEqual(kinds);
  });
  it("under a status counts the rows kept, in their order", () =>
    expect(filterKinds(kinds, kept, true, { level1: null, status: "met" })).toEqual([{ ...kinds[0], n: 2 }, { ...kinds[2], n: 1 }]));
  it("under a status with rows left unlisted gives no counts rather than short ones", () =>
    expect(filterKinds(kinds, kept, false, { level1: null, status: "met" })).toBeNull());
});
