// The one catalogue of interface text (src/i18n/messages.ts) and its accessor t(lang, key, ...params).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE, t, type Catalogue } from "../src/i18n/messages.ts";

type Tree = Record<string, unknown>;

/** Every entry as [path, value], objects of strings walked into. */
function leaves(tree: Tree, path = ""): [string, unknown][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? leaves(v as Tree, `${path}${k}.`) : [[`${path}${k}`, v] as [string, unknown]],
  );
}

describe("t(lang, key, ...params)", () => {
  it.each([
    ["zh", "site.navCompare", [], "比较"],
    ["en", "site.navCompare", [], "Compare"],
    ["zh", "common.recOk", [], "✓ 相符"],
    ["en", "compare.drillUnits", [3], "3 units"],
    ["en", "compare.drillUnits", [1], "1 unit"],
    ["zh", "site.footBuilt", ["2026-12-02"], "构建日期 2026-12-02。金额精确到分。"],
    ["zh", "progress.status", [], { met: "达成", partly: "部分达成", not_met: "未达成", no_data: "未填报", not_applicable: "不适用" }],
  ] as const)("t(%j, %j, …%j) is %j", (lang, key, params, text) => {
    expect((t as (l: string, k: string, ...p: unknown[]) => unknown)(lang, key, ...params)).toEqual(text);
  });

  it("t(lang, key) takes a key's parameters and refuses one it does not know, in the type checker and at run time", () => {
    // @ts-expect-error: no such key
    expect(() => t("zh", "site.noSuchKey")).toThrow("missing: site.noSuchKey (zh)");
    // @ts-expect-error: drillUnits takes a number
    expect(t("en", "compare.drillUnits", "3")).toBe("3 units");
    // @ts-expect-error: navCompare takes none
    expect(t("en", "site.navCompare", 1)).toBe("Compare");
    const units: string = t("en", "compare.drillUnits", 2);
    expect(units).toBe("2 units");
  });
});

describe("the catalogue", () => {
  it.each(Object.keys(CATALOGUE.zh) as (keyof Catalogue)[])("section %s has the same entries in English as in Chinese", (section) => {
    const zh = leaves(CATALOGUE.zh[section] as Tree).map(([k, v]) => [k, typeof v]);
    const en = leaves(CATALOGUE.en[section] as Tree).map(([k, v]) => [k, typeof v]);
    expect(en.sort()).toEqual(zh.sort());
  });

  it("writes a Chinese term shared by the sections once: text with the same English in two places comes from common", () => {
    const common = new Set(leaves(CATALOGUE.zh.common as Tree).map(([, v]) => v));
    const seen = new Map<string, Set<unknown>>();
    const where = new Map<string, string[]>();
    for (const section of Object.keys(CATALOGUE.zh) as (keyof Catalogue)[]) {
      if (section === "common") continue;
      const en = new Map(leaves(CATALOGUE.en[section] as Tree));
      for (const [key, zh] of leaves(CATALOGUE.zh[section] as Tree)) {
        if (typeof zh !== "string" || key.includes(".")) continue;
        seen.set(zh, (seen.get(zh) ?? new Set()).add(en.get(key)));
        where.set(zh, [...(where.get(zh) ?? []), `${section}.${key}`]);
      }
    }
    const twice = [...where].filter(([zh, at]) => at.length > 1 && seen.get(zh)!.size === 1 && !common.has(zh));
    expect(twice).toEqual([]);
  });
});

describe("every entry is read somewhere", () => {
  // The code outside the catalogue, where an entry is asked for by its whole key ("compare.budgetH"); scripts/pdf.ts
  // writes one into the built pages (the print button of reports made on demand).
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|astro)$/.test(e.name) ? [join(dir, e.name)] : []));
  const code = [...walk("src").filter((f) => !f.startsWith(join("src", "i18n"))), "scripts/pdf.ts"].map((f) => readFileSync(f, "utf8")).join("\n");

  it("holds no entry that no page, chart, view, workspace or CLI code asks for (common is read by the sections, finding by code)", () => {
    const unread = (Object.keys(CATALOGUE.zh) as (keyof Catalogue)[])
      .filter((s) => s !== "common" && s !== "finding")
      .flatMap((s) => Object.keys(CATALOGUE.zh[s]).map((k) => `${s}.${k}`))
      .filter((key) => !code.includes(`"${key}"`));
    expect(unread).toEqual([]);
  });
});
