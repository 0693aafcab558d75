// A console result drawn as rank bars (src/views/queryChart.ts): which columns name and measure the
// bars, exact figures in the labels, ties sharing a rank, the largest first, and no chart when the
// result has nothing to draw.
import { describe, expect, it } from "vitest";
import { QUERY_CHART_ROWS, queryChart } from "../src/views/queryChart.ts";

describe("queryChart(result, lang)", () => {
  it("names the bars by the first text column and measures them by the first numeric one, largest first, exact", () => {
    const c = queryChart({
      columns: ["fiscal_year", "unit_name", "total"],
      types: ["Int32", "Utf8", "Decimal[18e+2]"],
      rows: [[2026, "甲", "1234567.80"], [2026, "乙", "92787331.00"], [2026, "丙", "1234567.80"], [2026, "丁", null]],
    }, "zh")!;
    // fiscal_year is numeric and comes first: it is the measure; unit_name names the bars.
    expect([c.label, c.measure]).toEqual(["unit_name", "fiscal_year"]);
    const d = queryChart({ columns: ["unit_name", "total"], types: ["Utf8", "Decimal[18e+2]"], rows: [["甲", "1234567.80"], ["乙", "92787331.00"], ["丙", "1234567.80"], ["丁", null]] }, "zh")!;
    expect([d.label, d.measure, d.shown, d.rows]).toEqual(["unit_name", "total", 4, 4]);
    const table = d.chart.wide.table.rows;
    expect(table.map((r) => r[1])).toEqual(["乙", "甲", "丙", "丁"]);
    expect(table.map((r) => r[0])).toEqual(["1", "2", "2", "—"]);
    expect(table.map((r) => r[2])).toEqual(["92,787,331.00", "1,234,567.80", "1,234,567.80", "无数据"]);
    expect(d.chart.wide.svg).toContain("<svg");
    expect(d.chart.compact?.svg).toContain("<svg");
  });

  it("draws at most QUERY_CHART_ROWS bars, and says so in English too", () => {
    const rows = Array.from({ length: 45 }, (_, i) => [`u${i}`, i]);
    const c = queryChart({ columns: ["name", "n"], types: ["Utf8", "Int64"], rows }, "en")!;
    expect([c.shown, c.rows]).toEqual([QUERY_CHART_ROWS, 45]);
    expect(c.chart.wide.table.rows[0]).toEqual(["1", "u44", "44"]);
    expect(c.chart.wide.table.caption).toBe("Query result: n by name");
  });

  it("draws nothing without a text column and a numeric one", () => {
    expect(queryChart({ columns: ["a", "b"], types: ["Int32", "Int32"], rows: [[1, 2]] }, "zh")).toBeNull();
    expect(queryChart({ columns: ["a", "b"], types: ["Utf8", "Utf8"], rows: [["x", "y"]] }, "zh")).toBeNull();
    expect(queryChart({ columns: ["a", "b"], types: ["Utf8", "Int32"], rows: [] }, "zh")).toBeNull();
    // Digits in a text column are text: the name column stays the name.
    expect(queryChart({ columns: ["code", "n"], types: ["Utf8", "Int32"], rows: [["001", 3]] }, "zh")?.label).toBe("code");
  });
});
