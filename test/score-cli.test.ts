// `jixiao score`: in-process through main(argv, io), and once as a real process
// for the exit codes.
import { describe, expect, it, beforeAll } from "vitest";
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.ts";
import { SEED_PATH, writeDelimited } from "./fixtures/variants.ts";
import { NAMED, UNIT_ID, csv, monitorRows, selfEvalRows, tsv } from "./progress.fixtures.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;
let self: string;
let mon: string;
let folder: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jixiao-score-"));
  self = join(dir, "自评表.txt");
  mon = join(dir, "运行监控表.csv");
  writeFileSync(self, tsv(selfEvalRows()));
  writeFileSync(mon, csv(monitorRows()));
  folder = join(dir, "2026");
  mkdirSync(folder);
  writeFileSync(join(folder, "a-申报表.txt"), readFileSync(SEED_PATH));
  writeFileSync(join(folder, "b-自评表.txt"), tsv(selfEvalRows()));
  writeFileSync(join(folder, "c-运行监控表.csv"), csv(monitorRows()));
});

describe("jixiao score", () => {
  it("prints a Chinese summary per unit and period", async () => {
    const { code, out, err } = await run("score", SEED_PATH, self, mon);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("上海市闵行区江川路街道社区党群服务中心 · 2026 年度 · 年中运行监控（截至 2026-06-30）");
    expect(out).toContain("上海市闵行区江川路街道社区党群服务中心 · 2026 年度 · 年终绩效自评（截至 2026-12-31）");
    expect(out).toContain("总分 94.57 / 100，等级 优；预算执行率 95.37%（得分 9.54 / 10.00）");
    expect(out).toContain("预算执行率 44.28%，序时进度 50.00%（绿）（年中不计分）");
    expect(out).toMatch(/器材购置更新完成数\s+≥200\.00\(个\)\s+180\s+部分达成\s+1\.29 \/ 1\.43/);
    expect(out).toContain("定性指标的实际值“参与人数增加”无法判定等级");
    // The year-end row comes after the mid-year one.
    expect(out.indexOf("年中运行监控")).toBeLessThan(out.indexOf("年终绩效自评"));
  });

  it("says 未填报 for an indicator with no reported value, as the site does", async () => {
    const { out } = await run("score", SEED_PATH, self, mon);
    expect(out).toMatch(/一级指标\s+达成\s+部分达成\s+未达成\s+未填报\s+不适用/);
    expect(out).not.toContain("无数据");
  });

  it("--json: status, score, max, total, grade and execution_rate as exact strings", async () => {
    const { code, out } = await run("score", SEED_PATH, self, mon, "--json");
    expect(code).toBe(0);
    const j = JSON.parse(out);
    expect(j.reports.map((r: { period: string }) => r.period)).toEqual(["midyear", "yearend"]);
    const y = j.reports[1];
    expect(y).toMatchObject({
      unit_id: UNIT_ID, fiscal_year: 2026, period: "yearend", data_status: "declared", total: "94.57", grade: "优",
      execution_rate: "95.37", execution_score: "9.54", execution_max: "10.00",
      budget_initial: "92787331.00", budget_full_year: "93120000.00", executed: "88812345.67",
    });
    expect(y.indicators).toHaveLength(60);
    const row = y.indicators.find((i: { name: string }) => i.name === "器材购置更新完成数");
    expect(row).toMatchObject({ status: "partly", score: "1.29", max: "1.43", value: "180", target: "≥200.00(个)", source: { row: 11, column: 4 } });
    for (const i of y.indicators) {
      expect(["met", "partly", "not_met", "no_data", "not_applicable"]).toContain(i.status);
      expect(typeof i.max).toBe("string");
      expect(i.score === null || typeof i.score === "string").toBe(true);
    }
    expect(y.counts).toEqual({ met: 47, partly: 4, not_met: 1, no_data: 1, not_applicable: 7 });
    const m = j.reports[0];
    expect(m).toMatchObject({ execution_rate: "44.28", execution_score: null, time_progress: "50.00", execution_alert: "green" });
    expect(m.indicators.find((i: { name: string }) => i.name === "公共文化活动策划场次")).toMatchObject({ alert: "red", likelihood: "完全不可能", deviation_kind: ["硬件", "其他"] });
    expect(j.findings.some((f: { code: string }) => f.code === "score.total_differs")).toBe(true);
  });

  it("a folder is read as its files, in name order", async () => {
    const a = JSON.parse((await run("score", folder, "--json")).out);
    const b = JSON.parse((await run("score", SEED_PATH, self, mon, "--json")).out);
    const strip = (r: { indicators: { source: unknown }[] }) => ({ ...r, indicators: r.indicators.map((i) => ({ ...i, source: null })) });
    expect(a.reports.map(strip)).toEqual(b.reports.map(strip));
  });

  it("a file that cannot be read: exit 1, named on stderr, the rest still scored", async () => {
    const missing = join(dir, "nope.txt");
    const bin = join(dir, "x.xlsx");
    writeFileSync(bin, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    const { code, out, err } = await run("score", SEED_PATH, self, missing, bin);
    expect(code).toBe(1);
    expect(err).toContain(missing);
    expect(err).toContain("x.xlsx");
    expect(out).toContain("年终绩效自评");
  });

  it("usage errors exit 2", async () => {
    expect((await run("score")).code).toBe(2);
    expect((await run("score", self, "--bogus")).code).toBe(2);
    expect((await run("score", self, "--rule", "steep")).code).toBe(2);
    expect((await run("score", self, "--rule")).code).toBe(2);
    expect((await run("score", self, "--rule=steep")).code).toBe(2);
    expect((await run("score", "-h")).out).toContain("jixiao score FILE…");
    expect((await run("score", "--help")).code).toBe(0);
    expect((await run("--help")).out).toContain("jixiao score");
  });

  it("--rule ratio scores a ≤ indicator above its target by target/actual", async () => {
    const f = join(dir, "cost.csv");
    writeFileSync(f, writeDelimited([
      ["unit_id", "fiscal_year", "period", "level1", "level2", "name", "actual", "分值"],
      [UNIT_ID, "2026", "yearend", "产出指标", "成本指标", "文化馆成本预算控制数", "750", "10"],
    ]));
    const cost = async (...extra: string[]) =>
      JSON.parse((await run("score", SEED_PATH, f, "--json", ...extra)).out).reports[0].indicators.find((i: { name: string }) => i.name === "文化馆成本预算控制数").score;
    expect(await cost()).toBe("9.06"); // (2 × 685.74 − 750) / 685.74 × 10
    expect(await cost("--rule", "ratio")).toBe("9.14"); // 685.74 / 750 × 10
    expect(await cost("--rule=ratio")).toBe("9.14");
  });

  it("without progress data: nothing to score, exit 0", async () => {
    const { code, out } = await run("score", SEED_PATH);
    expect(code).toBe(0);
    expect(out).toContain("没有读到执行数据");
    expect(JSON.parse((await run("score", SEED_PATH, "--json")).out).reports).toEqual([]);
  });

  it("sample figures are labelled 示例数据", async () => {
    const f = join(dir, "sample.csv");
    writeFileSync(f, writeDelimited([
      ["unit_id", "fiscal_year", "period", "level1", "level2", "name", "actual", "data_status"],
      [UNIT_ID, "2026", "yearend", "产出指标", "数量指标", "书籍购置完成量", "15000", "sample"],
    ]));
    const { out } = await run("score", SEED_PATH, f);
    expect(out).toContain("【示例数据】");
    expect(out).toContain("未填报");
  });
});

describe("jixiao import with progress files", () => {
  it("writes actuals.csv and execution.csv, with the matched ids; a declaration alone writes the five tables as before", async () => {
    const out1 = join(dir, "out1");
    expect((await run("import", SEED_PATH, self, mon, "--out", out1)).code).toBe(0);
    expect(readdirSync(out1).sort()).toEqual(["actuals.csv", "budget.csv", "execution.csv", "findings.csv", "indicators.csv", "tasks.csv", "units.csv"]);
    const actuals = readFileSync(join(out1, "actuals.csv"), "utf8").trim().split("\r\n");
    expect(actuals).toHaveLength(1 + 2 * NAMED.length);
    expect(actuals.slice(1).every((l) => /^i[0-9a-f]{8}/.test(l))).toBe(true);
    const execution = readFileSync(join(out1, "execution.csv"), "utf8");
    expect(execution).toContain(",yearend,2026-12-31,年度资金总额,92787331.00,93120000.00,88812345.67,95.37%,10,9.54,92.50,declared,");
    const out2 = join(dir, "out2");
    expect((await run("import", SEED_PATH, "--out", out2)).code).toBe(0);
    expect(readdirSync(out2).sort()).toEqual(["budget.csv", "findings.csv", "indicators.csv", "tasks.csv", "units.csv"]);
  });

  it("prints what it read from a progress file alone", async () => {
    const { code, out } = await run("import", self);
    expect(code).toBe(0);
    expect(out).toContain(`指标执行情况 ${NAMED.length} 行`);
  });
});

describe("as a process", () => {
  it("exit codes 0, 1 and 2", () => {
    const bin = join(ROOT, "bin", "jixiao.mjs");
    const go = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(go("score", SEED_PATH, self).status).toBe(0);
    const failed = go("score", SEED_PATH, join(dir, "nope.txt"));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("nope.txt");
    expect(failed.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(go("score").status).toBe(2);
  });
});
