// The one catalogue of finding texts (src/core/findingText.ts): every code the core raises is in it, each
// renders in Chinese and English from its params, and a finding read from a file keeps the file's text.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECK_CODES, FINDING_CODES, FINDING_TEXT, finding, findingText, findingTexts, renderFinding } from "../src/core/findingText.ts";
import { t } from "../src/i18n/messages.ts";
import { readParams, writeParams } from "../src/core/canonical.ts";
import { findingTextSql } from "../src/explore/bulkSql.ts";
import { runChecks } from "../src/core/checks.ts";
import { importFile } from "../src/core/import.ts";

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));

const CODE = String.raw`"([a-z]+\.[a-z0-9_]+)"`;
/** The code literals of the calls that raise findings: finding(sev, "code", …), note/f/bad(sev, "code", …), dedupe's note("code", …), { code: "code" }, and the ternaries that pick one. */
const RAISED = [
  new RegExp(String.raw`\b(?:finding|note|tableNote|f|bad|ctx\.note)\(\s*(?:"(?:error|warning|info)"|DECLARATION_CHECKS\[[^\]]+\]|[a-z.]+severity)\s*,\s*${CODE}`, "g"),
  new RegExp(String.raw`\bnote\(\s*${CODE}\s*,`, "g"),
  new RegExp(String.raw`\bcode: ${CODE}`, "g"),
  new RegExp(String.raw`\? ${CODE} : ${CODE}`, "g"),
];

/** Each code raised in the files under `dir`, with the files that raise it. */
function raisedIn(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of walk(dir)) {
    if (file.endsWith("findingText.ts")) continue;
    const text = readFileSync(file, "utf8");
    for (const re of RAISED) for (const m of text.matchAll(re)) for (const c of m.slice(1)) if (c) out.set(c, [...new Set([...(out.get(c) ?? []), file])]);
  }
  return out;
}

describe("the finding catalogue", () => {
  const core = raisedIn("src/core");

  it("holds every code literal raised in src/core", () => {
    expect(core.size).toBeGreaterThan(90);
    expect([...core.keys()].filter((c) => !FINDING_CODES.includes(c as never))).toEqual([]);
  });

  it("holds no code that nothing raises (src/core, src/cli, src/explore)", () => {
    const all = new Set([...core.keys(), ...raisedIn("src/cli").keys(), ...raisedIn("src/explore").keys()]);
    expect(FINDING_CODES.filter((c) => !all.has(c))).toEqual([]);
  });

  it("lists as CHECK_CODES exactly the codes src/core/checks.ts raises", () => {
    const checks = [...core].filter(([, files]) => files.some((file) => file.endsWith("checks.ts"))).map(([c]) => c);
    expect([...CHECK_CODES].sort()).toEqual(checks.sort());
  });

  it("has the same codes in Chinese and English", () => {
    expect(Object.keys(FINDING_TEXT.en)).toEqual(Object.keys(FINDING_TEXT.zh));
  });
});

describe("findingText(f, lang)", () => {
  it("renders a finding's zh and en text from its code and params", () => {
    const f = finding("error", "budget.negative", { item: "基本支出", amount: "-12345" }, { file: "a.csv", row: 3 });
    expect(findingText(f, "zh")).toBe("“基本支出”金额为负数：-123.45 元");
    expect(findingText(f, "en")).toBe("“基本支出” is negative: -¥123.45");
    const dup = finding("warning", "indicator.duplicate_name", { name: "培训人数", row: 12 }, { file: "a.csv", row: 14 });
    expect(findingTexts(dup)).toEqual({ zh: "三级指标“培训人数”重复（首次出现在第 12 行）", en: "三级 “培训人数” is repeated (first on row 12)" });
  });

  it("says a code's wordings by its variant param", () => {
    const below = finding("error", "target.impossible", { variant: "below_zero", label: "事故数", target: "<0个", atZero: true }, { file: "" });
    const over = finding("error", "target.impossible", { variant: "over_100", label: "合格率", target: "≥120%" }, { file: "" });
    expect(findingText(below, "zh")).toBe("“事故数”的目标“<0个”不可能达到：数值不会小于 0（应为“=0”或“≤0”）");
    expect(findingText(below, "en")).toBe("target “<0个” of “事故数” can never be met: the value is never below 0 (write =0 or ≤0)");
    expect(findingText(over, "zh")).toBe("“合格率”的目标“≥120%”超过 100%，不可能达到");
    expect(findingText(over, "en")).toBe("target “≥120%” of “合格率” exceeds 100% and can never be met");
  });

  it("is the site catalogue's finding section: t(lang, \"finding.<code>\", params)", () => {
    expect(t("zh", "finding.indicator.missing_level1", { level1: "满意度指标" })).toBe("缺少一级指标“满意度指标”");
    expect(t("en", "finding.indicator.missing_level1", { level1: "满意度指标" })).toBe("no 一级 group “满意度指标”");
  });

  it("keeps the text a file gave, for a code it does not know or with params that do not fit; English falls back to Chinese", () => {
    expect(findingText({ code: "other.tool", params: {}, text: { zh: "别的工具说的", en: "" } }, "en")).toBe("别的工具说的");
    expect(findingText({ code: "other.tool", params: {}, text: { zh: "别的工具说的", en: "another tool's" } }, "en")).toBe("another tool's");
    expect(renderFinding("budget.negative", { item: "x", amount: "not fen" }, "zh")).toBeNull();
    expect(renderFinding("other.tool", {}, "zh")).toBeNull();
    expect(findingText({ code: "budget.negative", params: { amount: "not fen" }, text: { zh: "文件原文", en: "as the file said" } }, "zh")).toBe("文件原文");
  });

  it("renders every finding the checks and the reader give for the seed form in both languages, none empty or undefined", () => {
    const d = importFile("000_83bc0b582c527eae.txt", new Uint8Array(readFileSync("data/raw/000_83bc0b582c527eae.txt")));
    expect(d.findings.length).toBeGreaterThan(20);
    for (const f of [...d.findings, ...runChecks(d)]) {
      for (const lang of ["zh", "en"] as const) expect(findingText(f, lang)).toMatch(/^(?!.*(undefined|null|NaN|\[object)).+$/);
    }
  });
});

describe("params in files", () => {
  it("are written as JSON (nothing when none) and read back as they were", () => {
    const p = { variant: "rows", count: 3, earlier: "a.csv", years: [2025, 2026], ok: true, none: null };
    expect(readParams(writeParams(p))).toEqual(p);
    expect(writeParams({})).toBe("");
    expect(readParams("")).toEqual({});
  });

  it("an older findings.csv without the column still reads, keeping its text; a code another tool wrote keeps its text", () => {
    const csv = "severity,code,message,message_en,source_file,source_row\r\nwarning,unit.no_duties,未填写单位职责,单位职责 is empty,a.csv,3\r\nerror,other.tool,别的工具说的,,b.csv,4\r\n";
    const d = importFile("findings.csv", new TextEncoder().encode(csv), { checks: false });
    expect(d.findings.map((f) => [f.code, f.params, findingText(f, "zh"), findingText(f, "en")])).toEqual([
      ["unit.no_duties", {}, "未填写单位职责", "单位职责 is empty"], ["other.tool", {}, "别的工具说的", "别的工具说的"],
    ]);
  });

  it("read as none unless a JSON object of plain values", () => {
    for (const bad of ["[1,2]", "3", "{", '{"a":{"b":1}}', '{"a":[{"b":1}]}', "null"]) expect(readParams(bad)).toEqual({});
  });
});

describe("findingTextSql(code, lang, params)", () => {
  it("places SQL expressions in the catalogue's template", () => {
    expect(findingTextSql("indicator.duplicate_name", "zh", { name: "name", row: "first_row" }))
      .toBe("concat('三级指标“', CAST(name AS VARCHAR), '”重复（首次出现在第 ', CAST(first_row AS VARCHAR), ' 行）')");
  });

  it("refuses a template that does not place a param as it is", () => {
    expect(() => findingTextSql("canonical.unknown_columns", "zh", { columns: "cols" })).toThrow();
    expect(() => findingTextSql("canonical.no_level", "zh", { level: "lvl" })).toThrow();
  });
});
