// Illustrative data (示例数据) for the dashboard and the comparisons, derived
// from the one real declaration in data/canonical: mid-year and year-end
// progress for the real unit's 2026 indicators (by their real ids), the same
// unit's 2024 and 2025, and four sibling units (named 示例·…) for 2024–2026.
// Deterministic: the same seed gives the same bytes. Every row carries
// data_status=sample (units, actuals, execution) and source_file
// “scripts/gen-sample.ts (seed N)” with its own row in the written file.
// Never writes into data/canonical (real data only).
//
//   npm run sample                     # seed 20260 → data/sample/
//   node scripts/gen-sample.ts --seed 7 --out /tmp/sample
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importFile, mergeDatasets } from "../src/core/import.ts";
import { tableRows, toCsv, type TableName } from "../src/core/canonical.ts";
import type { Actual, BudgetLine, Dataset, DeviationKind, ExecutionLine, Finding, Indicator, Likelihood, Task, Unit } from "../src/core/model.ts";
import { indicatorId, unitId } from "../src/core/ids.ts";
import { parseTarget, unitFamily } from "../src/core/target.ts";
import { fenToYuanString } from "../src/core/money.ts";
import { linkProgress, scoreProgress } from "../src/core/progress.ts";
import { runChecks } from "../src/core/checks.ts";
import { executionRate } from "../src/core/scoring.ts";
import { mulberry32 } from "./prng.ts";

export const DEFAULT_SEED = 20260;
export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CANONICAL_DIR = "data/canonical";
export const SAMPLE_DIR = "data/sample";
/** The tables written, in this order; findings are the reviewer's checks and the matching of the sample itself. */
export const SAMPLE_TABLES: readonly TableName[] = ["units", "budget", "tasks", "indicators", "actuals", "execution", "findings"];

// ---------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same seed, the same sequence, on every platform.

export function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Rng = ReturnType<typeof rng>;

/** fen × factor, to the fen (the factor is rounded to 1e-6 first, so only integers are multiplied). */
function scaleFen(fen: bigint, factor: number): bigint {
  const f = BigInt(Math.round(factor * 1_000_000));
  return (fen * f + 500_000n) / 1_000_000n;
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A decimal string × factor, with `decimals` places (half-up on the scaled integer). */
function scaleDecimal(value: string, factor: number, decimals: number): string {
  const [i, f = ""] = value.split(".");
  const units = BigInt(i + f.padEnd(6, "0").slice(0, 6)); // 1e-6
  const scaled = (units * BigInt(Math.round(factor * 1_000_000)) + 500_000n) / 1_000_000n;
  const step = 10n ** BigInt(6 - decimals);
  const rounded = (scaled + step / 2n) / step;
  const s = rounded.toString().padStart(decimals + 1, "0");
  return decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
}

// ---------------------------------------------------------------------------
// The real data

export function readReal(dir = join(ROOT, CANONICAL_DIR)): Dataset {
  const parts = (["units", "budget", "tasks", "indicators"] as const).map((t) =>
    importFile(`${CANONICAL_DIR}/${t}.csv`, new Uint8Array(readFileSync(join(dir, `${t}.csv`))), { checks: false }),
  );
  const data = mergeDatasets(parts);
  data.findings = [];
  return data;
}

// ---------------------------------------------------------------------------
// Declarations of other years and units

interface Decl {
  level1: string;
  level2: string;
  name: string | null;
  target: string | null;
  note: string | null;
}

const RENAMES: [RegExp, string][] = [
  [/完成数$/, "完成量"],
  [/完成量$/, "完成数"],
  [/工作的完成/, "工作完成"],
  [/^提升/, "提高"],
  [/提升$/, "提高"],
  [/数量$/, "数"],
  [/及时性$/, "及时率"],
];

/** Indicators a unit had in an earlier year and later dropped (they join the list going back in time). */
const EXTRA: Decl[] = [
  { level1: "产出指标", level2: "数量指标", name: "志愿服务活动开展场次", target: "≥24.00(场)", note: null },
  { level1: "产出指标", level2: "数量指标", name: "线上文化活动点击量", target: "≥50000.00(人次)", note: null },
  { level1: "产出指标", level2: "数量指标", name: "国民体质监测人数", target: "≥800.00(人次)", note: null },
  { level1: "产出指标", level2: "质量指标", name: "活动安全预案覆盖率", target: "=100.00(%)", note: null },
  { level1: "产出指标", level2: "时效指标", name: "年度活动计划报送及时性", target: "3月底前", note: null },
  { level1: "效益指标", level2: "社会效益指标", name: "社区文化团队活跃度", target: "提升", note: null },
  { level1: "满意度指标", level2: "服务对象满意度指标", name: "志愿者满意度", target: "≥90.00(%)", note: null },
];

const scorable = (d: Decl) => d.name !== null;

/** A target as it would have been a year earlier: quantitative ones a little lower (costs too), “<0” written “=0”. */
function earlierTarget(target: string | null, r: Rng, year: number): string | null {
  if (target === null) return null;
  const p = parseTarget(target, year);
  if (p.kind !== "quantitative") return target;
  const m = /^(.*?)(\d[\d,]*(?:\.\d+)?)(.*)$/.exec(target);
  if (!m) return target;
  let op = m[1];
  if (op === "<" && Number(p.value) === 0) op = "=";
  const decimals = (m[2].split(".")[1] ?? "").length;
  const family = unitFamily(p.unit);
  let value = m[2].replace(/,/g, "");
  if (Number(value) !== 0 && r.chance(0.35)) {
    const integer = family === "count" || family === "percent";
    if (family === "percent" && Number(value) >= 100) value = r.chance(0.3) ? scaleDecimal(value, 0.95, 0) : value.split(".")[0];
    else value = scaleDecimal(value, p.direction === "lower" ? r.between(0.9, 1) : r.between(0.85, 0.97), integer ? 0 : decimals);
    if (decimals) value = `${value.split(".")[0]}.${(value.split(".")[1] ?? "").padEnd(decimals, "0")}`;
  }
  return `${op}${value}${m[3]}`;
}

/** The declaration a year earlier: a few indicators dropped, one or two added, some renamed slightly and retargeted. */
function earlierYear(list: Decl[], r: Rng, year: number, extras: Decl[]): Decl[] {
  let out = list.map((d) => ({ ...d, target: earlierTarget(d.target, r, year) }));
  // Dropped going back = added later.
  const candidates = out.filter((d) => scorable(d) && out.filter((x) => x.level2 === d.level2 && scorable(x)).length > 1);
  for (let n = r.int(1, 3); n > 0 && candidates.length; n--) {
    const d = candidates.splice(r.int(0, candidates.length - 1), 1)[0];
    out = out.filter((x) => x !== d);
  }
  // Renamed slightly.
  const names = new Set(out.map((d) => d.name));
  for (let n = r.int(1, 3); n > 0; n--) {
    const d = r.pick(out.filter(scorable));
    const rules = RENAMES.filter(([re]) => re.test(d.name!));
    if (!rules.length) continue;
    const [re, to] = r.pick(rules);
    const renamed = d.name!.replace(re, to);
    if (!names.has(renamed)) {
      names.add(renamed);
      d.name = renamed;
    }
  }
  // Added: an indicator of the earlier year that was later dropped.
  for (let n = r.int(1, 2); n > 0 && extras.length; n--) {
    const e = extras.splice(r.int(0, extras.length - 1), 1)[0];
    if (names.has(e.name)) continue;
    const at = out.map((d) => d.level1 === e.level1 && d.level2 === e.level2).lastIndexOf(true);
    if (at < 0) continue;
    out.splice(at + 1, 0, { ...e });
    names.add(e.name);
  }
  return out;
}

interface Sibling {
  name: string;
  keep: RegExp;
  duty: string;
  goal: string;
  total2026: [number, number];
  staff: [number, number];
}

export const SIBLINGS: Sibling[] = [
  { name: "示例·江川路街道文化活动中心", keep: /活动|文化|艺术馆|宣传|参与|策划|主题|赛事/, duty: "组织开展辖区群众性文化活动，运营街道文化活动场馆，扶持社区文艺团队。", goal: "完成全年公共文化活动策划与举办，提升居民文化活动参与度。", total2026: [9_000_000, 14_000_000], staff: [18, 30] },
  { name: "示例·江川路街道社区图书馆", keep: /书籍|文献|图书馆|读者|学习型|文化素养/, duty: "负责社区图书馆运营、文献资源购置与借阅服务，开展全民阅读推广。", goal: "完成年度文献购置，保障图书馆平稳运行，推进学习型城市建设。", total2026: [4_000_000, 7_000_000], staff: [8, 15] },
  { name: "示例·江川路街道市民健身中心", keep: /器材|场地|健身|体育|赛事|运动场|设施/, duty: "负责社区健身设施的更新、维护与开放管理，组织全民健身活动和赛事。", goal: "完成健身器材更新与场地维护，组织参与各级赛事，保障设施安全。", total2026: [6_000_000, 11_000_000], staff: [10, 22] },
  { name: "示例·江川路街道社区党校", keep: /党校|党建|党群|培训|积极分子|影响力/, duty: "承担基层党组织书记、党务工作者和入党积极分子的教育培训。", goal: "完成年度培训计划与党建活动，提升党群工作影响力。", total2026: [2_000_000, 4_500_000], staff: [5, 12] },
];

/** Indicators every sibling keeps: safety, satisfaction and the 投入管理 items. */
const GENERIC = /^(安全事故发生数|相关居民满意度|设施设备完好率)$/;

// ---------------------------------------------------------------------------
// Progress

const KINDS: DeviationKind[] = ["经费", "制度", "人员", "硬件", "其他"];
const KIND_WEIGHTS = [0.25, 0.1, 0.25, 0.2, 0.2];
const REASONS: Record<DeviationKind, { reason: string; action: string }[]> = {
  经费: [
    { reason: "专项资金下达较晚，采购进度滞后", action: "与财政部门沟通，加快资金拨付和采购流程" },
    { reason: "预算调整后经费不足，部分项目压缩", action: "优化支出结构，优先保障重点项目" },
  ],
  制度: [
    { reason: "相关管理办法修订中，部分工作暂缓", action: "加快制度修订，明确工作流程和责任分工" },
  ],
  人员: [
    { reason: "人员调整，岗位空缺", action: "通过第三方补充人员，加强业务培训" },
    { reason: "专业人员不足，承接能力有限", action: "引入社会组织协作，错峰安排工作" },
  ],
  硬件: [
    { reason: "场地改造施工，部分设施暂停使用", action: "协调周边场地，错峰开展活动" },
    { reason: "设备老化故障，维修周期较长", action: "加快设备更新，建立备用设备清单" },
  ],
  其他: [
    { reason: "受天气等客观因素影响，部分活动延期", action: "调整活动计划，下半年集中开展" },
    { reason: "上级部署调整，活动安排变化", action: "按新部署重新排期，确保全年目标" },
  ],
};

function deviation(r: Rng): { kind: DeviationKind; reason: string; action: string } {
  let x = r.next();
  let kind: DeviationKind = "其他";
  for (let i = 0; i < KINDS.length; i++) {
    if (x < KIND_WEIGHTS[i]) {
      kind = KINDS[i];
      break;
    }
    x -= KIND_WEIGHTS[i];
  }
  return { kind, ...r.pick(REASONS[kind]) };
}

type Outcome = "met" | "over" | "short" | "far";

function outcome(r: Rng): Outcome {
  const x = r.next();
  return x < 0.74 ? "met" : x < 0.82 ? "over" : x < 0.95 ? "short" : "far";
}

/** A value for a quantitative target under an outcome, written as units write them. */
function quantValue(p: Extract<ReturnType<typeof parseTarget>, { kind: "quantitative" }>, o: Outcome, r: Rng, name: string | null): string {
  const t = Number(p.value);
  const family = unitFamily(p.unit);
  // 读者满意度 ≥90.00(次) is a percentage whatever unit was declared.
  const percent = family === "percent" || /(率|满意度|知晓度|覆盖面|占比)$/.test(name ?? "");
  const integer = !percent && (family === "count" || (family === null && Number.isInteger(t)));
  const fmt = (v: number) => (percent ? (Math.round(v * 10) / 10).toString() : integer ? String(Math.max(0, Math.round(v))) : scaleDecimal(p.value, v / t, 2));
  if (t === 0) return o === "met" || o === "over" ? "0" : String(r.int(1, 2));
  if (p.direction === "lower") {
    const f = o === "met" ? r.between(0.86, 1) : o === "over" ? r.between(0.7, 0.86) : o === "short" ? r.between(1.02, 1.15) : r.between(1.3, 1.6);
    return scaleDecimal(p.value, f, 2);
  }
  if (percent) {
    const cap = 100;
    const v = o === "met" ? Math.min(cap, t + r.between(0, 6)) : o === "over" ? Math.min(cap, t + r.between(3, 9)) : o === "short" ? t - r.between(1, 6) : t - r.between(8, 20);
    return fmt(Math.max(0, v));
  }
  const f = o === "met" ? r.between(1, 1.05) : o === "over" ? r.between(1.1, 1.3) : o === "short" ? r.between(0.8, 0.97) : r.between(0.4, 0.7);
  return fmt(t * f);
}

interface Made {
  actuals: Actual[];
  execution: ExecutionLine[];
}

/** Mid-year and year-end progress of one unit-year. */
function progressOf(unit: { id: string; name: string }, year: number, indicators: Indicator[], budgetTotal: bigint, otherFunds: bigint, r: Rng, src: string): Made {
  const actuals: Actual[] = [];
  const base = { unitId: unit.id, year, status: "sample" as const, source: { file: src }, notApplicable: false, weight: null, declaredScore: null, completeRate: null };
  const mid: Actual[] = [];
  const end: Actual[] = [];
  for (const ind of indicators) {
    if (ind.name === null && ind.parsed.kind === "none") continue; // 投入管理 items are not reported
    const p = ind.parsed;
    const o = outcome(r);
    const dev = o === "short" || o === "far" ? deviation(r) : null;
    const common = { ...base, indicatorId: ind.id, level1: ind.level1, level2: ind.level2, name: ind.name, target: ind.target };
    // Year end.
    let actual: string;
    let grade: Actual["grade"] = null;
    if (p.kind === "quantitative") actual = quantValue(p, o, r, ind.name);
    else if (p.kind === "deadline") {
      const done = o === "met" || o === "over" ? addDays(p.date, -r.int(0, 45)) : addDays(p.date, r.int(3, 40));
      actual = r.chance(0.1) && (o === "met" || o === "over") ? "按时完成" : done;
    } else {
      grade = o === "met" || o === "over" ? "达成" : o === "short" ? "部分达成" : "未达成";
      actual = grade === "达成" ? (p.kind === "qualitative" ? p.text : "达成") : grade;
    }
    const x = r.next();
    if (x >= 0.05) {
      const blank = x < 0.07;
      end.push({
        ...common, period: "yearend", asOf: `${year}-12-31`, executedToDate: null, expectedAnnual: null, likelihood: null,
        deviationKinds: dev ? [dev.kind] : [], deviationReason: blank ? "数据尚在统计" : dev?.reason ?? null, correctiveAction: dev?.action ?? null,
        actual: blank ? null : actual, grade: blank ? null : grade,
      });
    }
    // Mid-year: the projection follows the year-end outcome, the likelihood mostly too.
    if (r.chance(0.03)) continue;
    const likelihood: Likelihood =
      o === "met" || o === "over" ? (r.chance(0.9) ? "确定能" : "有可能") : o === "short" ? (r.chance(0.7) ? "有可能" : "确定能") : r.chance(0.6) ? "完全不可能" : "有可能";
    let done: string;
    let expected: string;
    if (p.kind === "quantitative") {
      expected = o === "met" || o === "over" ? quantValue(p, "met", r, ind.name) : quantValue(p, o, r, ind.name);
      const t = Number(p.value);
      done = t === 0 ? (o === "far" ? "1" : "0") : unitFamily(p.unit) === "percent" || /(率|满意度|知晓度)$/.test(ind.name ?? "") ? expected : scaleDecimal(p.value, r.between(0.35, 0.58), unitFamily(p.unit) === "count" ? 0 : 2);
    } else if (p.kind === "deadline") {
      expected = o === "met" || o === "over" ? p.date : addDays(p.date, r.int(10, 40));
      done = p.date <= `${year}-06-30` ? (o === "met" || o === "over" ? addDays(p.date, -r.int(0, 20)) : "进行中") : "进行中";
    } else {
      expected = o === "met" || o === "over" ? "达成" : o === "short" ? "部分达成" : "未达成";
      done = r.pick(["按计划推进", "稳步推进", "已完成阶段性工作"]);
    }
    const devMid = likelihood !== "确定能" ? (dev ?? deviation(r)) : null;
    mid.push({
      ...common, period: "midyear", asOf: `${year}-06-30`, executedToDate: done, expectedAnnual: expected, likelihood,
      deviationKinds: devMid ? [devMid.kind] : [], deviationReason: devMid?.reason ?? null, correctiveAction: devMid?.action ?? null,
      actual: null, grade: null,
    });
  }
  actuals.push(...mid, ...end);

  // Budget execution: A shifts a little from the year-start budget; B to the fen.
  const execution: ExecutionLine[] = [];
  const fullYear = scaleFen(budgetTotal, r.between(0.97, 1.05));
  const otherFull = otherFunds;
  for (const [period, share] of [["midyear", r.between(0.36, 0.56)], ["yearend", r.between(0.86, 0.995)]] as const) {
    const executed = scaleFen(fullYear, share);
    const otherExec = scaleFen(otherFull, share);
    const ex = executionRate(fullYear, executed);
    const asOf = period === "midyear" ? `${year}-06-30` : `${year}-12-31`;
    const line = (item: string, initial: bigint, a: bigint, b: bigint, total: boolean): ExecutionLine => ({
      unitId: unit.id, unitName: unit.name, year, period, asOf, item, budgetInitialFen: initial, budgetFullYearFen: a, executedFen: b,
      declaredRate: total ? `${ex.rate}%` : null, weight: total && period === "yearend" ? "10" : null, declaredScore: total && period === "yearend" ? ex.score : null,
      declaredTotal: null, status: "sample", source: { file: src },
    });
    execution.push(
      line("年度资金总额", budgetTotal, fullYear, executed, true),
      line("财政拨款", budgetTotal - otherFunds, fullYear - otherFull, executed - otherExec, false),
      line("其他资金", otherFunds, otherFull, otherExec, false),
    );
  }
  return { actuals, execution };
}

// ---------------------------------------------------------------------------
// The whole sample

export interface Sample {
  /** File name (in data/sample) → bytes as text. */
  files: Record<string, string>;
  /** The sample as a dataset (what the files hold). */
  data: Dataset;
}

export function generateSample(seed = DEFAULT_SEED, real: Dataset = readReal()): Sample {
  const r = rng(seed);
  const src = `scripts/gen-sample.ts (seed ${seed})`;
  const realUnit = real.units[0];
  const realYear = realUnit.year;
  const realInds = real.indicators.filter((i) => i.unitId === realUnit.id && i.year === realYear);
  const realBudget = real.budget.filter((b) => b.unitId === realUnit.id && b.year === realYear);
  const realTasks = real.tasks.filter((t) => t.unitId === realUnit.id && t.year === realYear);
  const realTotal = realBudget.find((b) => b.kind === "total")!.amountFen;
  const realBasic = realBudget.find((b) => b.item === "基本支出")?.amountFen ?? (realTotal * 55n) / 100n;
  const years = [realYear - 2, realYear - 1, realYear];

  const units: Unit[] = [];
  const budget: BudgetLine[] = [];
  const tasks: Task[] = [];
  const indicators: Indicator[] = [];
  const actuals: Actual[] = [];
  const execution: ExecutionLine[] = [];
  const at = () => ({ file: src });

  const declare = (id: string, name: string, year: number, decls: Decl[]) => {
    const list = decls.map((d, i): Indicator => ({
      id: indicatorId(name, d.level1, d.level2, d.name), unitId: id, year, order: i + 1, level1: d.level1, level2: d.level2, name: d.name,
      target: d.target, parsed: parseTarget(d.target, year), note: d.note, source: at(),
    }));
    indicators.push(...list);
    return list;
  };
  const budgetLines = (id: string, year: number, total: bigint, basicShare: number, other: bigint) => {
    const basic = scaleFen(total, basicShare);
    const lines: [BudgetLine["kind"], string, bigint][] = [
      ["total", "部门整体预算总额", total], ["source", "财政拨款", total - other], ["source", "其他资金", other],
      ["structure", "基本支出", basic], ["structure", "项目支出", total - basic],
    ];
    const n: Record<string, number> = {};
    for (const [kind, item, amountFen] of lines) {
      n[kind] = (n[kind] ?? 0) + 1;
      budget.push({ id: `b${id.slice(1)}-${year}-${kind}-${n[kind]}`, unitId: id, year, kind, item, amountFen, source: at() });
    }
  };
  const taskList = (id: string, year: number, list: { name: string; content: string }[]) =>
    list.forEach((t, i) => tasks.push({ id: `t${id.slice(1)}-${year}-${i + 1}`, unitId: id, year, order: i + 1, name: t.name, content: t.content, source: at() }));
  const yearText = (s: string, year: number) => s.replaceAll(String(realYear), String(year));

  // --- The real unit: its 2026 progress, and its 2024 and 2025 declarations and progress.
  const realDecls: Decl[] = realInds.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, target: i.target, note: i.note }));
  const realBasicShare = Number((realBasic * 1_000_000n) / realTotal) / 1_000_000;
  const extras = [...EXTRA];
  let decls = realDecls;
  let total = realTotal;
  const byYear = new Map<number, { inds: Indicator[]; total: bigint; other: bigint }>();
  byYear.set(realYear, { inds: realInds, total: realTotal, other: realBudget.find((b) => b.item === "其他资金")?.amountFen ?? 0n });
  for (const year of [realYear - 1, realYear - 2]) {
    decls = earlierYear(decls, r, year, extras);
    total = scaleFen(total, r.between(0.91, 0.97));
    const other = year === realYear - 2 ? scaleFen(total, 0.004) : 0n;
    byYear.set(year, { inds: [], total, other });
    const u: Unit = {
      id: realUnit.id, name: realUnit.name, year, fundingMethod: realUnit.fundingMethod, duties: realUnit.duties.map((d) => yearText(d, year)),
      goals: realUnit.goals.map((g) => yearText(g, year)), staffCount: r.int(22, 30), orgCount: r.int(3, 5), status: "sample", source: at(),
    };
    units.unshift(u);
    byYear.get(year)!.inds = declare(realUnit.id, realUnit.name, year, decls);
    budgetLines(realUnit.id, year, total, realBasicShare + r.between(-0.03, 0.03), other);
    const kept = realTasks.filter((t) => !(year < realYear && /大零号湾/.test(t.name)) && !(year < realYear - 1 && /普查/.test(t.name)));
    taskList(realUnit.id, year, kept.map((t) => ({ name: t.name, content: yearText(t.content, year) })));
  }
  // Declarations in year order (2024 first), as a reader expects them.
  indicators.sort((a, b) => a.year - b.year);
  budget.sort((a, b) => a.year - b.year);
  tasks.sort((a, b) => a.year - b.year);
  for (const year of years) {
    const y = byYear.get(year)!;
    const made = progressOf(realUnit, year, y.inds, y.total, y.other, r, src);
    actuals.push(...made.actuals);
    execution.push(...made.execution);
  }

  // --- Sibling units, 2024–2026.
  for (const s of SIBLINGS) {
    const id = unitId(s.name);
    let list: Decl[] = realDecls
      .filter((d) => d.name === null || s.keep.test(d.name) || GENERIC.test(d.name))
      .map((d) => ({ ...d, note: null }));
    let t = BigInt(Math.round(r.between(...s.total2026))) * 100n + BigInt(r.int(0, 99));
    // Cost ceilings scaled to the sibling's budget (a ceiling above the whole budget is a reviewer's error).
    list = list.map((d) => {
      const p = parseTarget(d.target, realYear);
      if (p.kind !== "quantitative" || p.unit !== "万元" || BigInt(Math.round(Number(p.value) * 100)) * 10_000n <= t / 2n) return d;
      const ceiling = scaleFen(t, r.between(0.15, 0.4)) / 10_000n; // hundredths of 万元
      return { ...d, target: `≤${ceiling / 100n}.${(ceiling % 100n).toString().padStart(2, "0")}(万元)` };
    });
    const siblingExtras = EXTRA.filter((e) => s.keep.test(e.name!));
    const plan = new Map<number, { decls: Decl[]; total: bigint }>();
    plan.set(realYear, { decls: list.map((d) => ({ ...d, target: earlierTarget(d.target, r, realYear) })), total: t });
    for (const year of [realYear - 1, realYear - 2]) {
      list = earlierYear(plan.get(year + 1)!.decls, r, year, siblingExtras);
      t = scaleFen(t, r.between(0.9, 1.02));
      plan.set(year, { decls: list, total: t });
    }
    for (const year of years) {
      const { decls: d, total: tt } = plan.get(year)!;
      units.push({
        id, name: s.name, year, fundingMethod: "全额", duties: [`（示例数据）${s.duty}`], goals: [`（示例数据）${year} 年：${s.goal}`],
        staffCount: r.int(...s.staff), orgCount: r.int(2, 4), status: "sample", source: at(),
      });
      const inds = declare(id, s.name, year, d);
      budgetLines(id, year, tt, r.between(0.35, 0.6), 0n);
      const own = realTasks.filter((x) => s.keep.test(x.name + x.content)).slice(0, 5);
      taskList(id, year, (own.length >= 2 ? own : realTasks.slice(0, 3)).map((x) => ({ name: x.name, content: yearText(x.content, year) })));
      const made = progressOf({ id, name: s.name }, year, inds, tt, 0n, r, src);
      actuals.push(...made.actuals);
      execution.push(...made.execution);
    }
  }

  // --- The unit's own 得分 and 总分: the rule's mostly, sometimes generous, sometimes left blank.
  const declared: Dataset = { units, budget, tasks, indicators, findings: [] };
  const withReal = mergeDatasets([real, declared, { units: [], budget: [], tasks: [], indicators: [], findings: [], actuals, execution }]);
  const { reports } = scoreProgress(withReal);
  for (const rep of reports) {
    if (rep.period !== "yearend") continue;
    for (const i of rep.indicators) {
      const a = i.actual;
      if (!a || i.score.score === null) continue;
      const x = r.next();
      a.declaredScore = x < 0.1 ? null : x < 0.3 && i.score.status !== "met" ? i.score.max : i.score.score;
    }
    const totalLine = execution.find((e) => e.unitId === rep.unitId && e.year === rep.year && e.period === "yearend" && e.item === "年度资金总额");
    if (totalLine) totalLine.declaredTotal = r.chance(0.4) ? scaleDecimal(rep.result.total, 1 + r.between(0.005, 0.03), 2) : rep.result.total;
  }

  // --- Rows know their place in the written files.
  units.forEach((x, i) => (x.source = { file: src, row: i + 2 }));
  budget.forEach((x, i) => (x.source = { file: src, row: i + 2 }));
  tasks.forEach((x, i) => (x.source = { file: src, row: i + 2 }));
  indicators.forEach((x, i) => (x.source = { file: src, row: i + 2 }));
  actuals.forEach((x, i) => (x.source = { file: src, row: i + 2 }));
  execution.forEach((x, i) => (x.source = { file: src, row: i + 2 }));

  // --- Findings about the sample: the reviewer's checks of the sample declarations, and the matching of the sample progress.
  const findings: Finding[] = [...runChecks(declared), ...linkProgress(mergeDatasets([real, declared, { units: [], budget: [], tasks: [], indicators: [], findings: [], actuals, execution }])).findings];
  const data: Dataset = { units, budget, tasks, indicators, findings, actuals, execution };
  const owners = mergeDatasets([real, data]);
  const rows = tableRows(owners);
  const files: Record<string, string> = {};
  const only: Record<TableName, Record<string, string>[]> = { ...rows, ...tableRows(data), findings: rows.findings };
  for (const t of SAMPLE_TABLES) files[`${t}.csv`] = toCsv(t, only[t]) + "\r\n";
  return { files, data };
}

/** Writes the sample; refuses any folder inside data/canonical. */
export function writeSample(sample: Sample, outDir: string): string[] {
  const out = resolve(outDir);
  const canonical = resolve(ROOT, CANONICAL_DIR);
  const rel = relative(canonical, out);
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
    throw new Error(`refusing to write sample data into ${CANONICAL_DIR} (real data only)`);
  }
  mkdirSync(out, { recursive: true });
  return Object.entries(sample.files).map(([name, text]) => {
    const path = join(out, name);
    writeFileSync(path, text);
    return path;
  });
}

function cli(argv: string[]): number {
  let seed = DEFAULT_SEED;
  let out = join(ROOT, SAMPLE_DIR);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seed" && /^\d+$/.test(argv[i + 1] ?? "")) seed = Number(argv[++i]);
    else if (argv[i] === "--out" && argv[i + 1]) out = argv[++i];
    else {
      process.stderr.write("usage: node scripts/gen-sample.ts [--seed N] [--out DIR]\n");
      return 2;
    }
  }
  try {
    const written = writeSample(generateSample(seed), out);
    process.stdout.write(`示例数据已写出 / sample written (seed ${seed}):\n${written.map((p) => `  ${relative(process.cwd(), p)}`).join("\n")}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`gen-sample: ${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = cli(process.argv.slice(2));
