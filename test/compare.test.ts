import { describe, expect, it } from "vitest";
import { findingText } from "../src/core/findingText.ts";
import { compareBudget, compareDatasets, compareTargets, compareUnit, diffParagraphs, diffTasks, matchIndicators, percentChange, unitYears, type IndicatorMatch } from "../src/core/compare.ts";
import { diceOf, normaliseName, similarity } from "../src/core/similarity.ts";
import { readMapping } from "../src/core/mapping.ts";
import { parseTarget } from "../src/core/target.ts";
import { ImportError, type Dataset } from "../src/core/model.ts";
import { add, addBudget, asYear, budgetLine, drop, indicator, real, rename, retarget, task } from "./compare.fixtures.ts";
import { readFileSync } from "node:fs";
import { importFile } from "../src/core/import.ts";

/** The real 2026 declaration as NEW, a 2025 copy as OLD (before `edit` is applied to it). */
function years(editOld: (d: Dataset) => void = () => {}, editNew: (d: Dataset) => void = () => {}) {
  const neu = real();
  const old = asYear(neu, 2025);
  editOld(old);
  editNew(neu);
  return { old, neu };
}

function match(old: Dataset, neu: Dataset, mapping = "") {
  const rows = mapping ? readMapping("map.csv", new TextEncoder().encode(mapping)).rows : [];
  return matchIndicators(old.indicators, neu.indicators, { mapping: rows, unitKeys: [neu.units[0].id, neu.units[0].name] });
}

const byNewName = (ms: IndicatorMatch[], name: string) => ms.find((m) => m.new?.name === name)!;
const byOldName = (ms: IndicatorMatch[], name: string) => ms.find((m) => m.old?.name === name)!;
const counts = (ms: IndicatorMatch[]) => {
  const c: Record<string, number> = {};
  for (const m of ms) c[m.status] = (c[m.status] ?? 0) + 1;
  return c;
};

describe("normaliseName(name) folds wording that does not change the measure", () => {
  it.each([
    ["器材购置更新完成量", "器材购置更新完成数"],
    ["书籍购置完成数量", "书籍购置完成数"],
    ["场地维护与管理工作的完成数", "场地维护与管理完成数"],
    ["读者满意率", "读者满意度"],
    ["（第三方）响应及时率。", "第三方响应及时率"],
    ["ＡＢＣ 完成率", "abc完成率"],
    ["工作", "工作"],
    [null, ""],
  ])("normaliseName(%j) is %j", (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });
});

describe("similarity(a, b) is the bigram Dice score of the normalised names", () => {
  it.each([
    ["器材购置更新完成数", "器材购置更新完成量", 1],
    ["器材购置更新完成数", "器材购置与更新完成数", 0.82],
    ["读者满意度", "相关居民满意度", 0.4],
    ["活动计划按期完成及时性", "活动工作完成及时性", 0.625],
    ["", "", 0],
  ])("similarity(%j, %j) ≈ %s", (a, b, s) => {
    expect(similarity(a, b)).toBeCloseTo(s, 2);
  });
  it("diceOf counts repeated bigrams once per occurrence", () => {
    expect(diceOf("aaa", "aa")).toBeCloseTo((2 * 1) / 3, 10);
  });
});

describe("matchIndicators(old, new) on an unchanged declaration", () => {
  it("pairs all 60 indicators by id, unchanged, with confidence 1", () => {
    const { old, neu } = years();
    const { matches } = match(old, neu);
    expect(matches).toHaveLength(60);
    expect(matches.every((m) => m.status === "unchanged" && m.method === "id" && m.confidence === 1 && m.direction === "same")).toBe(true);
  });

  it("pairs a renamed unit's indicators by name (every id changed), confidence 1", () => {
    const neu = real();
    const old = asYear(neu, 2025, "上海市闵行区江川路街道党群服务中心");
    const { matches } = match(old, neu);
    expect(counts(matches)).toEqual({ unchanged: 60 });
    expect(new Set(matches.map((m) => `${m.method} ${m.confidence}`))).toEqual(new Set(["name 1"]));
  });
});

describe("matchIndicators(old, new) tolerates renames", () => {
  it.each([
    // old name → new name, method, confidence
    ["书籍购置完成量", "书籍购置完成数", "name", 0.95],
    ["器材购置更新完成数", "器材购置更新完成量", "name", 0.95],
    ["器材购置更新完成数", "器材购置与更新完成数", "fuzzy", 0.74],
    ["场地维护与管理工作的完成数", "场地维护与管理完成数", "name", 0.95],
    ["活动参与人员满意度", "活动参与人员的满意度", "name", 0.95],
    ["党群工作长效管理机制健全性", "党群长效管理机制的健全性", "name", 0.95],
    ["文化工作长效管理机制", "文化工作长效管理机制建设", "fuzzy", 0.79],
  ])("%s → %s is matched by %s, confidence %s", (from, to, method, confidence) => {
    const { old, neu } = years(undefined, (d) => rename(d, from, to));
    const { matches } = match(old, neu);
    const m = byNewName(matches, to);
    expect(m).toMatchObject({ status: "changed", method, confidence, direction: "same" });
    expect(m.old!.name).toBe(from);
    expect(counts(matches)).toEqual({ unchanged: 59, changed: 1 });
  });

  it("does not pair two different indicators whose names only share a measure (below the 0.7 threshold)", () => {
    // 活动计划按期完成及时性 vs 活动工作完成及时性 score 0.63: a drop plus an add, not a rename.
    const { old, neu } = years(undefined, (d) => drop(d, "活动工作完成及时性"));
    drop(old, "活动计划按期完成及时性");
    const { matches } = match(old, neu);
    expect(counts(matches)).toEqual({ unchanged: 58, added: 1, removed: 1 });
  });

  it("matches across 二级 within the same 一级 at lower confidence", () => {
    const { old, neu } = years(undefined, (d) => rename(d, "活动开展主题契合度", "活动开展主题契合度", "数量指标"));
    const m = byNewName(match(old, neu).matches, "活动开展主题契合度");
    expect(m).toMatchObject({ status: "changed", method: "name", confidence: 0.8, acrossLevel2: true });
    expect([m.old!.level2, m.new!.level2]).toEqual(["质量指标", "数量指标"]);
  });

  it("matches a fuzzy rename across 二级 only when the target is of the same kind", () => {
    // 场地维护与管理工作的完成数 (≥130 次) vs …完成及时性 (及时) score 0.8 but differ in kind: no match.
    const { old, neu } = years(undefined, (d) => drop(d, "场地维护与管理工作的完成数"));
    drop(old, "场地维护与管理工作的完成及时性");
    expect(counts(match(old, neu).matches)).toEqual({ unchanged: 58, added: 1, removed: 1 });
  });

  it("never pairs across 一级", () => {
    const { old, neu } = years(undefined, (d) => {
      const i = indicator(d, "读者满意度");
      i.level1 = "效益指标";
      i.id = "i-moved";
    });
    const ms = match(old, neu).matches;
    expect(byNewName(ms, "读者满意度").status).toBe("added");
    expect(byOldName(ms, "读者满意度").status).toBe("removed");
  });
});

describe("matchIndicators(old, new) is one-to-one and deterministic with duplicates", () => {
  const setup = (first: string, second: string) =>
    years(
      (d) => rename(d, "器材维修工作完成数", "器材维修完成数量"),
      (d) => {
        rename(d, "器材维修工作完成数", first);
        add(d, "产出指标", "数量指标", second, "≥100.00(个)");
      },
    );

  it.each([
    ["器材维修完成数", "器材维修工作的完成数"],
    ["器材维修工作的完成数", "器材维修完成数"],
  ])("two equally good candidates (%s, %s): the first in declared order wins, the other is added", (first, second) => {
    const { old, neu } = setup(first, second);
    const ms = match(old, neu).matches;
    expect(byNewName(ms, first)).toMatchObject({ status: "changed", method: "name", confidence: 0.95 });
    expect(byNewName(ms, second).status).toBe("added");
    expect(ms.filter((m) => m.old?.name === "器材维修完成数量")).toHaveLength(1);
    expect(match(old, neu).matches).toEqual(ms);
  });

  it("the better of two fuzzy candidates wins whatever their order", () => {
    for (const order of [0, 1]) {
      const { old, neu } = years(undefined, (d) => {
        rename(d, "器材购置更新完成数", order ? "器材购置与更新完成数" : "器材购置及维护更新完成数");
        add(d, "产出指标", "数量指标", order ? "器材购置及维护更新完成数" : "器材购置与更新完成数", "≥1.00(个)");
      });
      const ms = match(old, neu).matches;
      expect(byOldName(ms, "器材购置更新完成数").new!.name).toBe("器材购置与更新完成数");
      expect(counts(ms)).toEqual({ unchanged: 59, changed: 1, added: 1 });
    }
  });

  it("duplicate ids within a year (-2 suffix) pair with their own twin", () => {
    const { old, neu } = years(
      (d) => add(d, "产出指标", "数量指标", "重大活动举办场次", "≥3.00(次)").id += "-2",
      (d) => add(d, "产出指标", "数量指标", "重大活动举办场次", "≥4.00(次)").id += "-2",
    );
    const ms = match(old, neu).matches.filter((m) => m.new?.name === "重大活动举办场次");
    expect(ms.map((m) => [m.method, m.old!.target, m.new!.target, m.direction])).toEqual([
      ["id", "≥2.00(次)", "≥2.00(次)", "same"],
      ["id", "≥3.00(次)", "≥4.00(次)", "raised"],
    ]);
  });
});

describe("matchIndicators(old, new) reports added, removed and retargeted indicators", () => {
  const { old, neu } = years(
    (d) => {
      drop(d, "长者之家会员数量");
      retarget(d, "器材购置更新完成数", "≥180.00(个)");
      retarget(d, "党群服务单场课程人均预算控制数", "≤90.00(元)");
      retarget(d, "体育器材维护预算控制数", "≤80000.00(元)");
      retarget(d, "重大活动举办场次", "≥2.00(个)");
      retarget(d, "党群服务站各项日常管理运行工作完成及时性", "11月底前");
      retarget(d, "运动场及监测站志愿者服务质量", "基本满意");
    },
    (d) => {
      drop(d, "党建活动宣传知晓度");
      add(d, "效益指标", "社会效益指标", "志愿服务时长", "≥5000.00(小时)");
    },
  );
  const ms = match(old, neu).matches;

  it.each([
    ["器材购置更新完成数", "≥180.00(个)", "≥200.00(个)", "raised", true],
    ["党群服务单场课程人均预算控制数", "≤90.00(元)", "≤80.00(元)", "lowered", true],
    ["体育器材维护预算控制数", "≤80000.00(元)", "≤8.00(万元)", "same", null],
    ["重大活动举办场次", "≥2.00(个)", "≥2.00(次)", "unit_changed", null],
    ["党群服务站各项日常管理运行工作完成及时性", "11月底前", "10月底前", "lowered", true],
    ["运动场及监测站志愿者服务质量", "基本满意", "满意", "not_comparable", null],
    ["活动工作完成及时性", "10月底前", "10月底前", "same", null],
  ])("%s: %s → %s is %s (stricter %s)", (name, from, to, direction, stricter) => {
    const m = byNewName(ms, name);
    expect([m.old!.target, m.new!.target, m.direction, m.stricter, m.method]).toEqual([from, to, direction, stricter, "id"]);
    expect(m.status).toBe(from === to ? "unchanged" : "changed");
  });

  it("lists the dropped and the new indicator, never losing one", () => {
    expect(byOldName(ms, "党建活动宣传知晓度")).toMatchObject({ status: "removed", new: null, direction: null, confidence: null });
    expect(byNewName(ms, "长者之家会员数量")).toMatchObject({ status: "added", old: null, method: null });
    expect(byNewName(ms, "志愿服务时长")).toMatchObject({ status: "added" });
    expect(ms.filter((m) => m.old).length).toBe(old.indicators.length);
    expect(ms.filter((m) => m.new).length).toBe(neu.indicators.length);
  });

  it("keeps the declared order, a removed indicator after its old neighbour", () => {
    const k = ms.findIndex((m) => m.old?.name === "党建活动宣传知晓度");
    expect(ms[k - 1].old!.name).toBe("活动参与度提升");
  });
});

describe("compareTargets(old, new) compares parsed targets exactly", () => {
  it.each([
    // old, new, direction, stricter
    ["≥200.00(个)", "≥220.00(个)", "raised", true],
    ["≥200.00(个)", "≥199.99(个)", "lowered", false],
    ["≥200.00(个)", "≥200(个)", "same", null],
    ["≤80.00(元)", "≤70.00(元)", "lowered", true],
    ["≤80.00(元)", "≤80.01(元)", "raised", false],
    ["≤8.00(万元)", "≤80000.00(元)", "same", null],
    ["≤8.00(万元)", "≤80000.01(元)", "raised", false],
    ["≤685.74(万元)", "≤6857399.99(元)", "lowered", true],
    ["≤1(亿元)", "≤10000(万元)", "same", null],
    ["≥200.00(个)", "≥200.00(次)", "unit_changed", null],
    ["≥200", "≥200(个)", "unit_changed", null],
    ["≥1(万人次)", "≥10000(人次)", "same", null],
    ["=100.00(率)", "=100.00(百分比)", "same", null],
    ["≥95.00(百分比)", "≥95%", "same", null],
    ["≤1‰", "≤0.1%", "same", null],
    ["=100.00(率)", "=95.00(%)", "lowered", null],
    ["≥100.00(率)", "=100.00(率)", "same", null],
    ["≥90", ">90", "same", true],
    ["<0.00(次)", "≤0.00(次)", "same", false],
    ["≥5", "≤5", "not_comparable", null],
    ["≤3(天)", "≤72(小时)", "same", null],
    ["≤1(周)", "≤6(天)", "lowered", true],
    ["满意", "满意。", "same", null],
    ["满意", "基本满意", "not_comparable", null],
    ["提升", "≥90.00(%)", "not_comparable", null],
    ["", "—", "same", null],
  ])("%s → %s is %s, stricter %s", (a, b, direction, stricter) => {
    expect(compareTargets(parseTarget(a, 2025), parseTarget(b, 2026), { old: 2025, new: 2026 })).toEqual({ direction, stricter });
  });

  it.each([
    // a deadline is compared within its own declaration year
    ["10月底前", 2025, "10月底前", 2026, "same", null],
    ["10月底前", 2025, "9月底前", 2026, "lowered", true],
    ["10月底前", 2025, "11月15日前", 2026, "raised", false],
    ["2025年底", 2025, "2026年底", 2026, "same", null],
    ["2025年10月底", 2025, "2026年9月30日前", 2026, "lowered", true],
    ["2027年底前", 2025, "2027年底前", 2026, "same", null],
    ["2027年底前", 2025, "2028年6月底前", 2026, "raised", false],
    ["2024年底", 2025, "2024年底", 2026, "same", null],
    ["2月底前", 2024, "2月底前", 2025, "same", null],
    ["上半年", 2025, "6月30日前", 2026, "same", null],
  ])("deadline %s (%s) → %s (%s) is %s, stricter %s", (a, ya, b, yb, direction, stricter) => {
    expect(compareTargets(parseTarget(a, ya), parseTarget(b, yb), { old: ya, new: yb })).toEqual({ direction, stricter });
  });
});

describe("matchIndicators(old, new, {mapping}) lets a mapping file override the matching", () => {
  const setup = () =>
    years(
      (d) => drop(d, "活动工作完成及时性"),
      (d) => {
        drop(d, "活动计划按期完成及时性");
        rename(d, "器材购置更新完成数", "器材购置与更新完成数");
      },
    );

  it("confirms a pair the automatic matching misses (by ids)", () => {
    const { old, neu } = setup();
    const o = indicator(old, "活动计划按期完成及时性").id;
    const n = indicator(neu, "活动工作完成及时性").id;
    const ms = match(old, neu, `old_indicator_id,new_indicator_id,decision\n${o},${n},confirmed\n`).matches;
    expect(byNewName(ms, "活动工作完成及时性")).toMatchObject({ status: "changed", method: "manual", confidence: 1, similarity: 0.63, direction: "same" });
    expect(counts(ms)).toEqual({ unchanged: 57, changed: 2 });
  });

  it("rejects an automatic fuzzy pair (by names)", () => {
    const { old, neu } = setup();
    const ms = match(old, neu, `old_level1,old_level2,old_name,new_level1,new_level2,new_name,decision\n产出指标,数量指标,器材购置更新完成数,产出指标,数量指标,器材购置与更新完成数,rejected\n`).matches;
    expect(byNewName(ms, "器材购置与更新完成数").status).toBe("added");
    expect(byOldName(ms, "器材购置更新完成数").status).toBe("removed");
  });

  it("rejects even an id match, and confirms an indicator as having no successor", () => {
    const { old, neu } = years();
    const id = indicator(old, "读者满意度").id;
    const reject = match(old, neu, `old_id,new_id,decision\n${id},${id},rejected\n`).matches;
    expect(counts(reject)).toEqual({ unchanged: 59, added: 1, removed: 1 });
    const solo = match(old, neu, `old_name,new_name,decision\n读者满意度,,confirmed\n`).matches;
    expect(counts(solo)).toEqual({ unchanged: 59, added: 1, removed: 1 });
  });

  it("applies only rows for the unit named in its unit column", () => {
    const { old, neu } = years();
    const id = indicator(old, "读者满意度").id;
    expect(counts(match(old, neu, `unit,old_id,new_id,decision\n别的单位,${id},${id},rejected\n`).matches)).toEqual({ unchanged: 60 });
    expect(counts(match(old, neu, `unit,old_id,new_id,decision\n${neu.units[0].name},${id},${id},rejected\n`).matches)).toEqual({ unchanged: 59, added: 1, removed: 1 });
  });

  it("reports ambiguous and conflicting rows, and applies the first", () => {
    const { old, neu } = years();
    const r = match(old, neu, `old_name,new_name,decision\n读者满意度,相关居民满意度,confirmed\n读者满意度,活动参与人员满意度,confirmed\n,,confirmed\n`);
    expect(byOldName(r.matches, "读者满意度").new!.name).toBe("相关居民满意度");
    expect(r.findings.map((f) => [f.code, f.location.row])).toEqual([["map.conflict", 3]]);
    add(old, "产出指标", "质量指标", "读者满意度", "≥90.00(%)");
    const amb = match(old, neu, `old_name,new_name,decision\n读者满意度,读者满意度,confirmed\n`);
    expect(amb.findings.map((f) => f.code)).toEqual(["map.ambiguous"]);
  });
});

describe("readMapping(file, bytes) reads the mapping file", () => {
  it("accepts Chinese headers and decisions, and reports bad rows", () => {
    const text = "旧指标名称,新指标名称,结论\n甲,乙,确认\n丙,丁,否决\n戊,己,也许\n,,\n庚,,否决\n";
    const { rows, findings } = readMapping("m.csv", new TextEncoder().encode(text));
    expect(rows.map((r) => [r.old?.name, r.new?.name, r.decision, r.source.row])).toEqual([
      ["甲", "乙", "confirmed", 2],
      ["丙", "丁", "rejected", 3],
    ]);
    expect(findings.map((f) => [f.code, f.location.row])).toEqual([["map.bad_decision", 4], ["map.bad_reject", 6]]);
  });
  it("throws ImportError when there is no usable header", () => {
    expect(() => readMapping("m.csv", new TextEncoder().encode("a,b\n1,2\n"))).toThrow(ImportError);
  });
});

describe("percentChange(old, new) is exact to 0.01%, rounded half away from zero", () => {
  it.each([
    [100n, 150n, "50.00"],
    [300n, 400n, "33.33"],
    [300n, 200n, "-33.33"],
    [6n, 7n, "16.67"],
    [8n, 9n, "12.50"],
    [40000n, 39998n, "-0.01"],
    [40000n, 39999n, "0.00"],
    [40000n, 40002n, "0.01"],
    [100n, 0n, "-100.00"],
    [0n, 100n, null],
    [0n, 0n, null],
    [-200n, -100n, "50.00"],
  ])("percentChange(%s, %s) is %s", (a, b, pct) => {
    expect(percentChange(a, b)).toBe(pct);
  });
});

describe("compareBudget(old, new) reports every item to the fen", () => {
  const { old, neu } = years(
    (d) => {
      budgetLine(d, "部门整体预算总额").amountFen -= 1_234_567n; // 92,787,331.00 − 12,345.67
      budgetLine(d, "财政拨款").amountFen -= 1_234_567n;
      budgetLine(d, "基本支出").amountFen -= 1_234_568n;
      budgetLine(d, "项目支出").amountFen += 1n;
      addBudget(d, "structure", "专项支出", 99n);
    },
    (d) => {
      budgetLine(d, "其他资金").amountFen = 1_000_001n;
      budgetLine(d, "部门整体预算总额").amountFen += 1_000_001n;
    },
  );
  const rows = compareBudget(old.budget, neu.budget);

  it.each([
    ["total", "部门整体预算总额", "changed", 9_277_498_533n, 9_279_733_101n, 2_234_568n, "0.02"],
    ["source", "财政拨款", "changed", 9_277_498_533n, 9_278_733_100n, 1_234_567n, "0.01"],
    ["source", "其他资金", "changed", 0n, 1_000_001n, 1_000_001n, null],
    ["structure", "基本支出", "changed", 5_082_693_919n, 5_083_928_487n, 1_234_568n, "0.02"],
    ["structure", "项目支出", "changed", 4_194_804_614n, 4_194_804_613n, -1n, "0.00"],
    ["structure", "专项支出", "removed", 99n, null, -99n, "-100.00"],
  ])("%s %s is %s: %s → %s, change %s (%s%)", (kind, item, status, oldFen, newFen, changeFen, changePct) => {
    expect(rows.find((r) => r.item === item)).toEqual({ kind, item, status, oldFen, newFen, changeFen, changePct });
  });

  it("orders total, sources, structure and lists an item new this year as added", () => {
    expect(rows.map((r) => r.item)).toEqual(["部门整体预算总额", "财政拨款", "其他资金", "基本支出", "项目支出", "专项支出"]);
    const back = compareBudget(neu.budget, old.budget).find((r) => r.item === "专项支出");
    expect(back).toEqual({ kind: "structure", item: "专项支出", status: "added", oldFen: null, newFen: 99n, changeFen: 99n, changePct: null });
  });
});

describe("diffTasks(old, new) and diffParagraphs(old, new) diff text by similarity", () => {
  it("finds added, dropped, renamed and rewritten tasks", () => {
    const { old, neu } = years(
      (d) => {
        d.tasks = d.tasks.filter((t) => t.order !== 7); // 体育场地普查: new this year
        task(d, 2).name = "优化公共文化服务。";
        task(d, 8).content = "完成600人次国民体质监测指标";
      },
      (d) => {
        d.tasks = d.tasks.filter((t) => t.order !== 10); // 运营测评: dropped this year
      },
    );
    const diff = diffTasks(old.tasks, neu.tasks);
    expect(diff.map((p) => [p.status, p.old?.order ?? null, p.new?.order ?? null])).toEqual([
      ["unchanged", 1, 1],
      ["changed", 2, 2],
      ["unchanged", 3, 3],
      ["unchanged", 4, 4],
      ["unchanged", 5, 5],
      ["unchanged", 6, 6],
      ["added", null, 7],
      ["changed", 8, 8],
      ["unchanged", 9, 9],
      ["dropped", 10, null],
    ]);
  });

  it("ignores a shift of list numbering when a duty is inserted", () => {
    const duties = real().units[0].duties;
    const renumbered = ["(一) 统筹辖区公共文化设施建设；", ...duties.map((p, k) => p.replace(/^\([^)]+\)/, `(${k + 2})`))];
    const diff = diffParagraphs(duties, renumbered);
    expect(diff.map((p) => p.status)).toEqual(["added", ...duties.map(() => "unchanged")]);
  });

  it("marks an item found outside the common order as moved", () => {
    const diff = diffParagraphs(["甲乙丙丁", "戊己庚辛", "子丑寅卯"], ["子丑寅卯", "甲乙丙丁", "戊己庚辛"]);
    expect(diff.map((p) => [p.status, p.moved])).toEqual([
      ["unchanged", true],
      ["unchanged", false],
      ["unchanged", false],
    ]);
  });
});

describe("compareUnit(old, new) and compareDatasets(old, new)", () => {
  it("compares one unit's two years as a whole", () => {
    const { old, neu } = years((d) => (budgetLine(d, "部门整体预算总额").amountFen -= 1n));
    const [o] = unitYears(old);
    const [n] = unitYears(neu);
    const c = compareUnit(o, n);
    expect([c.oldYear, c.newYear, c.sample, c.findings]).toEqual([2025, 2026, false, []]);
    expect(c.budget[0]).toMatchObject({ changeFen: 1n, changePct: "0.00" });
    expect(c.indicators).toHaveLength(60);
    expect(c.tasks.every((p) => p.status === "unchanged")).toBe(true);
    expect(c.goals.length).toBeGreaterThan(1);
  });

  it("pairs units by id and reports units present on one side only", () => {
    const a = real();
    const b = asYear(a, 2026, "上海市闵行区江川路街道文化活动中心");
    const c = asYear(a, 2026, "上海市闵行区江川路街道社区事务受理服务中心");
    const merge = (...ds: Dataset[]): Dataset => ({
      units: ds.flatMap((d) => d.units), budget: ds.flatMap((d) => d.budget), tasks: ds.flatMap((d) => d.tasks), indicators: ds.flatMap((d) => d.indicators), findings: [],
    });
    const r = compareDatasets(merge(asYear(a, 2025), asYear(b, 2025)), merge(a, c));
    expect(r.units.map((u) => u.name)).toEqual([a.units[0].name]);
    expect(r.onlyOld.map((u) => u.name)).toEqual([b.units[0].name]);
    expect(r.onlyNew.map((u) => u.name)).toEqual([c.units[0].name]);
  });

  it("pairs a renamed unit when each side holds one unit, and flags sample data", () => {
    const neu = real();
    const old = asYear(neu, 2025, "江川路街道党群服务中心");
    old.units[0].status = "sample";
    const r = compareDatasets(old, neu);
    expect(r.units).toHaveLength(1);
    expect(r.units[0]).toMatchObject({ sample: true, oldYear: 2025, newYear: 2026 });
    expect(r.units[0].indicators.every((m) => m.method === "name")).toBe(true);
  });

  it("warns when the new year is not after the old one", () => {
    const r = compareDatasets(real(), real());
    expect(r.findings.map((f) => f.code)).toEqual(["compare.year_order"]);
  });
  it.each([
    ["in order", [2024, 2025, 2026]],
    ["out of order", [2026, 2024, 2025]],
  ])("warns compare.several_years once per unit, naming the latest year, when a side holds three years (%s)", (_label, years) => {
    const a = real();
    const side = (ys: number[]): Dataset => {
      const ds = ys.map((y) => asYear(a, y));
      return { units: ds.flatMap((d) => d.units), budget: ds.flatMap((d) => d.budget), tasks: ds.flatMap((d) => d.tasks), indicators: ds.flatMap((d) => d.indicators), findings: [] };
    };
    const r = compareDatasets(side(years), asYear(a, 2027));
    const several = r.findings.filter((f) => f.code === "compare.several_years");
    expect(several).toHaveLength(1);
    expect(findingText(several[0], "zh")).toBe(`旧数据中“${a.units[0].name}”有多个年度（2024、2025、2026），取 2026 年度`);
    expect(findingText(several[0], "en")).toContain("using 2026");
    expect(r.units).toMatchObject([{ oldYear: 2026, newYear: 2027 }]);
  });
});

describe("compareProjects(old, new) pairs a unit's projects across years", () => {
  const REAL = "test/fixtures/real/01_anhui_chizhou_tangxi_2022_project_selfeval.csv";
  const text = readFileSync(REAL, "utf8");
  const year2023 = text.replace("(2022年度)", "(2023年度)").replace("≥50个", "≥60个").replace(",0,0,0,10,0,0,", ",100,100,100,10,100%,10,");
  const renamedUnit = year2023.replace(/219001-池州市贵池区棠溪镇人民政府/g, "219001-池州市贵池区棠溪镇政府");
  const read = (name: string, t: string) => importFile(name, new TextEncoder().encode(t));

  it("by name within the unit: targets raised, funding to the fen, the unit's own rows left out of the unit comparison", () => {
    const r = compareDatasets(read("2022.csv", text), read("2023.csv", year2023));
    expect(r.projects).toHaveLength(1);
    const p = r.projects[0];
    expect(p).toMatchObject({ name: "委托业务项目", oldYear: 2022, newYear: 2023, pairedBy: "name" });
    const changed = p.indicators.filter((m) => m.status === "changed");
    expect(changed.map((m) => [m.old!.name, m.old!.target, m.new!.target, m.direction])).toEqual([["基建工程委托业务项目数量", "≥50个", "≥60个", "raised"]]);
    expect(r.units.every((u) => u.indicators.length === 0)).toBe(true);
  });

  it("a project of another unit (another body) is not paired by its name", () => {
    const r = compareDatasets(read("2022.csv", text), read("2023.csv", renamedUnit));
    expect(r.projects).toHaveLength(0);
    expect(r.onlyNewProjects.map((p) => p.project.name)).toEqual(["委托业务项目"]);
    expect(r.onlyOldProjects.map((p) => p.project.year)).toEqual([2022]);
  });
});
