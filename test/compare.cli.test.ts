import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type Io } from "../src/cli/main.ts";
import { jsonText } from "../src/cli/io.ts";
import { toJson } from "../src/core/canonical.ts";
import type { Dataset } from "../src/core/model.ts";
import { add, asYear, budgetLine, drop, real, rename, retarget, SEED_FILE } from "./compare.fixtures.ts";

let dir: string;
const write = (path: string, data: Dataset) => writeFileSync(join(dir, path), jsonText(toJson(data)));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(["compare", ...argv], io);
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-compare-"));
  // 2025 (sample): the real declaration a year earlier, before a rename, a retarget, a drop and an add.
  const old = asYear(real(), 2025);
  old.units[0].status = "sample";
  budgetLine(old, "部门整体预算总额").amountFen -= 1_234_567n;
  budgetLine(old, "财政拨款").amountFen -= 1_234_567n;
  budgetLine(old, "项目支出").amountFen -= 1_234_567n;
  rename(old, "器材购置更新完成数", "器材购置更新完成量");
  retarget(old, "书籍购置完成量", "≥12000.00(本)");
  retarget(old, "体育器材维护预算控制数", "≤80000.00(元)");
  drop(old, "长者之家会员数量");
  add(old, "产出指标", "数量指标", "图书借阅人次", "≥5.00(万人次)");
  mkdirSync(join(dir, "2025"));
  write("2025/unit.json", old);
  // A second 2025 unit with no 2026 counterpart.
  const other = asYear(real(), 2025, "上海市闵行区江川路街道文化活动中心");
  write("2025/other.json", other);
  mkdirSync(join(dir, "2026"));
  writeFileSync(join(dir, "2026", "unit.txt"), readFileSync(SEED_FILE));
  writeFileSync(join(dir, "map.csv"), `old_name,new_name,decision\n图书借阅人次,长者之家会员数量,confirmed\n不存在的指标,读者满意度,confirmed\n`);
  writeFileSync(join(dir, "bad-map.csv"), `a,b\n1,2\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("jixiao compare OLD NEW --json", () => {
  it("prints budget changes as exact strings, unit by unit, and units present on one side", async () => {
    const { code, out, err } = await run(join(dir, "2025"), join(dir, "2026"), "--json");
    expect([code, err]).toEqual([0, ""]);
    const r = JSON.parse(out);
    expect(r.units.map((u: { status: string; old_year: number; new_year: number; sample: boolean }) => [u.status, u.old_year, u.new_year, u.sample])).toEqual([
      ["compared", 2025, 2026, true],
      ["only_old", 2025, null, false],
    ]);
    expect(r.budget.map(({ item, kind, old, new: neu, change, change_pct }: Record<string, string>) => [item, kind, old, neu, change, change_pct])).toEqual([
      ["部门整体预算总额", "total", "92774985.33", "92787331.00", "12345.67", "0.01"],
      ["财政拨款", "source", "92774985.33", "92787331.00", "12345.67", "0.01"],
      ["其他资金", "source", "0.00", "0.00", "0.00", null],
      ["基本支出", "structure", "50839284.87", "50839284.87", "0.00", "0.00"],
      ["项目支出", "structure", "41935700.46", "41948046.13", "12345.67", "0.03"],
    ]);
  });

  it("prints the indicator matches with status, targets, direction, stricter, confidence and method", async () => {
    const r = JSON.parse((await run(join(dir, "2025"), join(dir, "2026"), "--json")).out);
    const row = (name: string) => r.indicators.find((i: { new_name: string; old_name: string }) => i.new_name === name || i.old_name === name);
    expect(row("器材购置更新完成数")).toMatchObject({
      status: "changed", level1: "产出指标", level2: "数量指标", old_name: "器材购置更新完成量", new_name: "器材购置更新完成数",
      old_target: "≥200.00(个)", new_target: "≥200.00(个)", direction: "same", stricter: null, confidence: 0.95, method: "name",
    });
    expect(row("书籍购置完成量")).toMatchObject({ status: "changed", old_target: "≥12000.00(本)", new_target: "≥15000.00(本)", direction: "raised", stricter: true, method: "id", confidence: 1 });
    expect(row("体育器材维护预算控制数")).toMatchObject({ status: "changed", direction: "same", stricter: null });
    expect(row("长者之家会员数量")).toMatchObject({ status: "added", old_name: null, direction: null, confidence: null, method: null });
    expect(row("图书借阅人次")).toMatchObject({ status: "removed", new_name: null });
    expect(r.indicators.filter((i: { status: string }) => i.status === "unchanged")).toHaveLength(56);
    expect(Object.keys(r)).toEqual(["units", "budget", "indicators", "tasks", "duties", "goals", "projects", "findings"]);
    expect(r.tasks.every((t: { status: string }) => t.status === "unchanged")).toBe(true);
  });

  it("applies --map, and notes rows that matched nothing", async () => {
    const { code, out } = await run(join(dir, "2025"), join(dir, "2026"), "--json", "--map", join(dir, "map.csv"));
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.indicators.find((i: { new_name: string }) => i.new_name === "长者之家会员数量")).toMatchObject({
      status: "changed", method: "manual", confidence: 1, old_name: "图书借阅人次", direction: "unit_changed",
    });
    expect(r.findings.map((f: { code: string; location: { row: number } }) => [f.code, f.location.row])).toEqual([["map.unused", 3]]);
  });
});

describe("jixiao compare OLD NEW (summary)", () => {
  it("prints a short Chinese summary labelled 示例数据", async () => {
    const { code, out } = await run(join(dir, "2025"), join(dir, "2026", "unit.txt"));
    expect(code).toBe(0);
    expect(out).toContain("上海市闵行区江川路街道社区党群服务中心：2025 年度 → 2026 年度（示例数据）");
    expect(out).toContain("预算总额：92,774,985.33 元 → 92,787,331.00 元，+12,345.67 元（+0.01%）");
    expect(out).toContain("绩效指标：60 → 60 条；不变 56，调整 3，新增 1，删除 1");
    expect(out).toContain("书籍购置完成量」：≥12000.00(本) → ≥15000.00(本)（提高，更严格；编码 1.00）");
    expect(out).toContain("仅旧数据有：上海市闵行区江川路街道文化活动中心（2025 年度）");
  });
});

describe("jixiao compare exit codes", () => {
  it.each([
    [["only-one"], 2, "give OLD and NEW"],
    [["a", "b", "c"], 2, "give OLD and NEW"],
    [["a", "b", "--bogus"], 2, "unknown option"],
    [["a", "b", "--map"], 2, "--map needs a file"],
  ])("compare %j exits %s", async (args, code, message) => {
    const r = await run(...args);
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });

  it("exits 1 naming a file that cannot be read, still comparing the rest", async () => {
    const r = await run(join(dir, "missing.json"), join(dir, "2026"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("missing.json");
    expect(r.out).toContain("仅新数据有");
  });

  it.each([["bad-map.csv"], ["no-map.csv"]])("exits 1 naming a mapping file that cannot be read (%s)", async (file) => {
    const r = await run(join(dir, "2025"), join(dir, "2026"), "--map", join(dir, file));
    expect(r.code).toBe(1);
    expect(r.err).toContain(file);
  });
});
