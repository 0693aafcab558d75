// `jixiao import`: main(argv, io) with a capturing io for the cases, and one real
// run of bin/jixiao.mjs in a child process to see what a user's shell sees.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main.ts";
import { SEED_BYTES, SEED_NAME, SEED_PATH } from "./fixtures/variants.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "jixiao-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const EMPTY = file("empty.txt", "");
const BINARY = file("sheet.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0, 0]));
const UNKNOWN = file("letter.txt", "Dear colleague,\nplease find attached.\n");
const MISSING = join(dir, "no-such-file.txt");
const SEED_COPY = file("seed-copy.txt", SEED_BYTES);

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  const code = await main(argv, io);
  return { code, out, err };
}

const noStackTrace = (err: string) => {
  expect(err).not.toMatch(/^\s+at /m);
  expect(err).not.toMatch(/Error:/);
};

describe("jixiao import FILE --year / --year-from-name (a form that prints no year)", () => {
  const NO_YEAR = join(ROOT, "test/fixtures/real/21_hubei_guangshui_jiaoyuju_2023_unit_declaration.csv");

  it("refuses it with one line saying the year is missing and how to give it, and exits 1", async () => {
    const r = await run("import", NO_YEAR);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/表上没有印年度.*请用 --year 指定年度，或用 --year-from-name 取文件名中的 2023/);
    noStackTrace(r.err);
  });

  it("reads it under --year, or the file name's year with --year-from-name, and a finding says where the year came from", async () => {
    const given = JSON.parse((await run("import", NO_YEAR, "--year", "2024", "--json")).out);
    expect(given.units.map((u: { year: number }) => u.year)).toEqual([2024]);
    expect(given.findings.map((f: { code: string }) => f.code)).toContain("form.year_given");
    const named = await run("import", NO_YEAR, "--year-from-name");
    expect(named.code).toBe(0);
    expect(named.out).toMatch(/广水市教育局（2023 年度）/);
  });

  it("exits 2 when --year is not a four-digit year", async () => {
    const r = await run("import", NO_YEAR, "--year", "23");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--year 需要一个四位年度/);
  });
});

describe("jixiao import FILE", () => {
  it("prints the Chinese summary and exits 0 although there are findings", async () => {
    const { code, out, err } = await run("import", SEED_PATH);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toContain("上海市闵行区江川路街道社区党群服务中心（2026 年度）");
    expect(out).toContain("预算总额：92,787,331.00 元");
    expect(out).toContain("绩效指标：60 条（其中三级指标 53 条）");
    expect(out).toMatch(/发现问题：错误 2，警告 \d+，提示 \d+/);
  });

  it("--json prints one JSON object with the five arrays", async () => {
    const { code, out } = await run("import", SEED_PATH, "--json");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(["units", "budget", "tasks", "indicators", "findings"]);
    expect(json.indicators).toHaveLength(60);
    expect(json.budget.find((b: { item: string }) => b.item === "项目支出").amount).toBe("41948046.13");
  });

  it("reads every file of a folder given as an argument", async () => {
    const folder = join(dir, "year");
    mkdirSync(folder);
    writeFileSync(join(folder, "a.txt"), SEED_BYTES);
    writeFileSync(join(folder, ".hidden"), "ignored");
    const { code, out } = await run("import", folder, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out).units).toHaveLength(1);
  });
});

describe("jixiao import with a file it cannot read", () => {
  it.each([
    ["an empty file", EMPTY, /empty\.txt：文件为空/],
    ["a zip that is no workbook", BINARY, /sheet\.xlsx：不是可读取的 Excel 工作簿/],
    ["a file of unknown layout", UNKNOWN, /letter\.txt：无法识别的文件格式/],
    ["a missing file", MISSING, /no-such-file\.txt：文件不存在/],
  ])("exits 1 with a one-line message naming %s, and no stack trace", async (_label, path, message) => {
    const { code, out, err } = await run("import", path);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toMatch(message);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
    expect(err.startsWith("jixiao: ")).toBe(true);
    noStackTrace(err);
  });

  it("still prints the good files when one of several is bad, and exits 1", async () => {
    const { code, out, err } = await run("import", SEED_PATH, MISSING, SEED_COPY, BINARY, "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out);
    // The copy has the seed's bytes: counted once, with a finding (test/dedupe.test.ts).
    expect(json.units.map((u: { source: { file: string } }) => u.source.file)).toEqual([SEED_PATH]);
    expect(json.indicators).toHaveLength(60);
    expect(json.findings.filter((f: { code: string }) => f.code === "load.duplicate_file")).toHaveLength(1);
    expect(err.trimEnd().split("\n")).toHaveLength(2);
    expect(err).toContain("no-such-file.txt");
    expect(err).toContain("sheet.xlsx");
    noStackTrace(err);
  });

  it("--json still prints one JSON object, whose findings hold the refusal with its file and row, and exits 1", async () => {
    const { code, out, err } = await run("import", UNKNOWN, SEED_PATH, "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(json.units).toHaveLength(1);
    expect(json.findings[0]).toEqual({
      severity: "error",
      code: "file.unreadable",
      message: expect.stringMatching(/letter\.txt：无法识别的文件格式/),
      messageEn: expect.stringContaining("unknown layout"),
      // The params of its text: the reason as the importer's error said it.
      params: { zh: expect.stringMatching(/letter\.txt：无法识别的文件格式/), en: expect.stringContaining("unknown layout") },
      location: { file: UNKNOWN, row: 1 },
    });
    expect(json.findings.filter((f: { code: string }) => f.code === "file.unreadable")).toHaveLength(1);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
    noStackTrace(err);
  });

  it.each([
    ["an empty file", EMPTY, /empty\.txt：文件为空/],
    ["a missing file", MISSING, /no-such-file\.txt：文件不存在/],
  ])("--json on %s alone prints one JSON object with the refusal as its only finding, and exits 1", async (_label, path, message) => {
    const { code, out } = await run("import", path, "--json");
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect([json.units, json.budget, json.tasks, json.indicators]).toEqual([[], [], [], []]);
    expect(json.findings).toEqual([{ severity: "error", code: "file.unreadable", message: expect.stringMatching(message), messageEn: expect.any(String), params: { zh: expect.stringMatching(message), en: expect.any(String) }, location: { file: path } }]);
  });

  it("prints the summary of the good files too without --json", async () => {
    const { code, out } = await run("import", UNKNOWN, SEED_PATH);
    expect(code).toBe(1);
    expect(out).toContain("绩效指标：60 条");
  });
});

describe("jixiao import --out DIR", () => {
  it("writes the five canonical CSV files and says so", async () => {
    const outDir = join(dir, "canonical");
    const { code, out } = await run("import", SEED_PATH, "--out", outDir);
    expect(code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(["budget.csv", "findings.csv", "indicators.csv", "tasks.csv", "units.csv"]);
    expect(out).toContain("已写出 / written:");
    expect(readFileSync(join(outDir, "indicators.csv"), "utf8").split("\r\n").filter(Boolean)).toHaveLength(61);
  });

  it("writes the CSV files and prints JSON when both are asked for", async () => {
    const outDir = join(dir, "both");
    const { code, out } = await run("import", SEED_PATH, "--json", "--out", outDir);
    expect(code).toBe(0);
    expect(JSON.parse(out).units).toHaveLength(1);
    expect(readdirSync(outDir)).toHaveLength(5);
  });
});

describe("jixiao usage errors", () => {
  it.each([
    ["an unknown option", ["import", SEED_PATH, "--frobnicate"], /未知选项 --frobnicate/],
    ["an unknown command", ["export", SEED_PATH], /未知命令“export”/],
    ["no file", ["import"], /请给出至少一个文件/],
    ["--out without a folder", ["import", SEED_PATH, "--out"], /--out 需要一个文件夹/],
  ])("exits 2 on %s, with the usage", async (_label, argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
    noStackTrace(err);
  });

  it("import --help and -h print the usage and exit 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const help = await run("import", flag);
      expect(help.code).toBe(0);
      expect(help.out).toContain("jixiao import FILE…");
    }
  });

  it("reads --out=DIR written with an equals sign as --out DIR", async () => {
    const outDir = join(dir, "equals");
    const { code } = await run("import", SEED_PATH, `--out=${outDir}`);
    expect(code).toBe(0);
    expect(readdirSync(outDir)).toHaveLength(5);
  });

  it("exits 2 with the usage on stdout when called with nothing, 0 for --help", async () => {
    expect((await run()).code).toBe(2);
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("jixiao import FILE…");
  });
});

describe("bin/jixiao.mjs in a real process", () => {
  it("prints the seed as JSON on stdout, nothing on stderr, exit 0", () => {
    // The Node that runs the tests is the project's pinned one (npx puts node_modules/.bin first on PATH).
    const child = spawnSync(process.execPath, ["bin/jixiao.mjs", "import", SEED_NAME, "--json"], { cwd: ROOT, env: process.env, encoding: "utf8" });
    expect(child.status).toBe(0);
    expect(child.stderr).toBe("");
    const json = JSON.parse(child.stdout);
    for (const key of ["units", "budget", "tasks", "indicators", "findings"]) expect(Array.isArray(json[key])).toBe(true);
    expect(json.units[0]).toMatchObject({ name: "上海市闵行区江川路街道社区党群服务中心", year: 2026, staffCount: 0, orgCount: 0 });
    expect(json.budget).toContainEqual(expect.objectContaining({ item: "基本支出", amount: "50839284.87", kind: "structure" }));
    expect(json.tasks).toHaveLength(10);
    expect(json.indicators).toHaveLength(60);
    expect(json.indicators[0]).toMatchObject({ level1: "投入管理指标", level2: "预算编审管理", name: null, target: null, targetKind: "none", op: null, value: null, deadline: null });
    expect(json.indicators[7]).toMatchObject({
      level1: "产出指标", level2: "数量指标", name: "器材购置更新完成数", target: "≥200.00(个)",
      targetKind: "quantitative", op: ">=", value: "200.00", measureUnit: "个", direction: "higher", deadline: null, recognised: null,
    });
    expect(json.indicators.find((i: { name: string }) => i.name === "文献购置及时性")).toMatchObject({ targetKind: "deadline", deadline: "2024-12-31" });
    expect(json.indicators.find((i: { name: string }) => i.name === "文化素养提升")).toMatchObject({ targetKind: "qualitative", recognised: true });
    expect(json.findings.some((f: { code: string; location: { row: number } }) => f.code === "target.impossible" && f.location.row === 78)).toBe(true);
  });
});

describe("jixiao import on project forms", () => {
  it("prints each project under its unit with its own funding and indicators, and reads a workbook like its CSV", async () => {
    const csv = await run("import", "test/fixtures/real/13_sichuan_jingyan_mata_2023_project_declaration.csv");
    expect(csv.code).toBe(0);
    expect(csv.out).toMatch(/井研县马踏镇人民政府（2023 年度）\n  项目：村组干部报酬 · 项目支出绩效目标表\n    预算总额：3,309,840\.00 元\n    绩效指标：8 条/);
    expect(csv.out).toContain("  项目：基层组织活动经费 · 项目支出绩效目标表\n    预算总额：660,000.00 元");
    const a = await run("import", "test/fixtures/real/12_sichuan_zhongjiang_shuili_2022_project_selfeval.csv", "--json");
    const b = await run("import", "test/fixtures/real/12_sichuan_zhongjiang_shuili_2022_project_selfeval.xlsx", "--json");
    const strip = (out: string) => JSON.parse(out.replace(/12_sichuan_zhongjiang_shuili_2022_project_selfeval\.(csv|xlsx)/g, "F")) as { projects: unknown[]; indicators: { name: string; target: string }[]; execution: unknown[] };
    expect(strip(b.out).projects).toEqual(strip(a.out).projects);
    expect(strip(b.out).indicators.map((i) => [i.name, i.target])).toEqual(strip(a.out).indicators.map((i) => [i.name, i.target]));
    expect(strip(b.out).execution).toEqual(strip(a.out).execution);
  });
});
