// `jixiao compare OLD NEW [--json] [--map FILE]`: OLD and NEW are each a file or a
// folder of files for one year. Exit 0 when everything was read, 1 when a file
// (or the mapping file) could not be read at all, 2 on wrong usage.
import { readFileSync } from "node:fs";
import { ImportError, type Finding } from "../core/model.ts";
import { compareDatasets, type BudgetDelta, type DatasetComparison, type IndicatorMatch, type TargetDirection, type UnitComparison } from "../core/compare.ts";
import { readMapping, type MappingRow } from "../core/mapping.ts";
import { formatYuan } from "../core/format.ts";
import { finding, findingText } from "../core/findingText.ts";
import { jsonFinding } from "../core/canonical.ts";
import { fenToYuanString } from "../core/money.ts";
import type { DiffPair } from "../core/similarity.ts";
import { EXIT, jsonText, parseFlags, readAll, type Io } from "./io.ts";
import { t } from "../i18n/messages.ts";

export const COMPARE_USAGE = `  jixiao compare OLD NEW [--json] [--map FILE]   逐单位比较两个年度 / compare two years, unit by unit
    OLD, NEW    各为一个文件或一个年度的文件夹 / each a file or a folder of one year's files
    --json      以 JSON 输出（units、budget、indicators、tasks、duties、goals、findings）/ print one JSON object
    --map FILE  指标对应关系文件（CSV），覆盖自动匹配，见 docs/compare.md / indicator mapping overriding the matching`;

const usage = `用法 / usage:\n${COMPARE_USAGE}\n`;

const COMPARE_OPTIONS = { json: { type: "boolean" }, map: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export async function compareCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals: paths, unknown, missing } = parseFlags(args, COMPARE_OPTIONS);
  const json = values.json === true;
  const mapFile = values.map || null;
  if (values.help) {
    io.out(usage);
    return EXIT.ok;
  }
  if (unknown) {
    io.err(`jixiao: 未知选项 ${unknown} / unknown option\n${usage}`);
    return EXIT.usage;
  }
  if (missing === "map" || values.map === "") {
    io.err(`jixiao: --map 需要一个文件 / --map needs a file\n${usage}`);
    return EXIT.usage;
  }
  if (paths.length !== 2) {
    io.err(`jixiao: 请给出旧、新两个文件或文件夹 / give OLD and NEW\n${usage}`);
    return EXIT.usage;
  }

  let failed = 0;
  let mapping: MappingRow[] = [];
  const mapFindings: Finding[] = [];
  if (mapFile) {
    try {
      const read = readMapping(mapFile, readFileSync(mapFile));
      mapping = read.rows;
      mapFindings.push(...read.findings);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (e instanceof ImportError) io.err(`jixiao: ${e.message} / ${e.messageEn}\n`);
      else io.err(`jixiao: ${mapFile}：${code === "ENOENT" ? "文件不存在" : "无法读取"} / cannot read (${code ?? "error"})\n`);
      failed++;
    }
  }
  const old = await readAll([paths[0]], io);
  const neu = await readAll([paths[1]], io);
  failed += old.failed + neu.failed;
  const result = compareDatasets(old.data, neu.data, { mapping });
  for (const row of result.unusedRows) {
    mapFindings.push(finding("info", "map.unused", {}, row.source));
  }
  const findings = [...mapFindings, ...result.findings];
  if (json) io.out(jsonText(toJson(result, findings)) + "\n");
  else io.out(summarise(result, findings));
  return failed ? EXIT.unreadable : EXIT.ok;
}

// ---------------------------------------------------------------------------
// JSON

const yuanOrNull = (fen: bigint | null) => (fen === null ? null : fenToYuanString(fen));

export function budgetRow(b: BudgetDelta) {
  return { item: b.item, kind: b.kind, status: b.status, old: yuanOrNull(b.oldFen), new: yuanOrNull(b.newFen), change: fenToYuanString(b.changeFen), change_pct: b.changePct };
}

export function indicatorRow(m: IndicatorMatch) {
  const either = (m.new ?? m.old)!;
  return {
    status: m.status,
    level1: either.level1,
    level2: either.level2,
    old_level2: m.acrossLevel2 ? m.old!.level2 : null,
    old_name: m.old?.name ?? null,
    new_name: m.new?.name ?? null,
    old_target: m.old?.target ?? null,
    new_target: m.new?.target ?? null,
    direction: m.direction,
    stricter: m.stricter,
    confidence: m.confidence,
    method: m.method,
    similarity: m.similarity,
    old_id: m.old?.id ?? null,
    new_id: m.new?.id ?? null,
  };
}

function toJson(r: DatasetComparison, findings: Finding[]) {
  const each = <T, R>(pick: (u: UnitComparison) => T[], row: (x: T) => R) =>
    r.units.flatMap((u) => pick(u).map((x) => ({ unit_id: u.unitId, unit: u.name, ...row(x) })));
  return {
    units: [
      ...r.units.map((u) => ({ unit_id: u.unitId, unit: u.name, status: "compared", old_year: u.oldYear, new_year: u.newYear, sample: u.sample })),
      ...r.onlyOld.map((u) => ({ unit_id: u.unitId, unit: u.name, status: "only_old", old_year: u.year, new_year: null, sample: u.unit?.status === "sample" })),
      ...r.onlyNew.map((u) => ({ unit_id: u.unitId, unit: u.name, status: "only_new", old_year: null, new_year: u.year, sample: u.unit?.status === "sample" })),
    ],
    budget: each((u) => u.budget, budgetRow),
    indicators: each((u) => u.indicators, indicatorRow),
    tasks: each(
      (u) => u.tasks,
      (p) => ({
        status: p.status, old_order: p.old?.order ?? null, new_order: p.new?.order ?? null, old_name: p.old?.name ?? null, new_name: p.new?.name ?? null,
        old_content: p.old?.content ?? null, new_content: p.new?.content ?? null, similarity: p.similarity, moved: p.moved,
      }),
    ),
    duties: each((u) => u.duties, textRow),
    goals: each((u) => u.goals, textRow),
    // Projects, paired across the years by code, else by name within the unit.
    projects: [
      ...r.projects.map((p) => ({
        project_id: p.projectId, project: p.name, unit_id: p.unitId, status: "compared", paired_by: p.pairedBy, old_year: p.oldYear, new_year: p.newYear, sample: p.sample,
        budget: p.budget.map(budgetRow), indicators: p.indicators.map(indicatorRow), goals: p.goals.map(textRow),
      })),
      ...r.onlyOldProjects.map((p) => ({ project_id: p.project.id, project: p.project.name, unit_id: p.project.unitId, status: "only_old", old_year: p.project.year, new_year: null })),
      ...r.onlyNewProjects.map((p) => ({ project_id: p.project.id, project: p.project.name, unit_id: p.project.unitId, status: "only_new", old_year: null, new_year: p.project.year })),
    ],
    findings: findings.map(jsonFinding),
  };
}

const textRow = (p: DiffPair<string>) => ({ status: p.status, old: p.old, new: p.new, similarity: p.similarity, moved: p.moved });

// ---------------------------------------------------------------------------
// The short Chinese summary

const yuan = (fen: bigint) => formatYuan(fen);
const signed = (fen: bigint) => (fen > 0n ? "+" : "") + yuan(fen);
// The comparison pages' words (src/i18n): the CLI speaks as the site does.
const KIND_LABEL = { total: "预算总额", source: `${t("zh", "compare.kindSource")}·`, structure: `${t("zh", "compare.kindStructure")}·` } as const;
export const DIRECTION_LABEL: Record<TargetDirection, string> = t("zh", "compare.direction");
const METHOD_LABEL = t("zh", "compare.method");
const SEVERITY = { error: "错误", warning: "警告", info: "提示" } as const;

function budgetLine(b: BudgetDelta): string {
  const label = b.kind === "total" ? KIND_LABEL.total : KIND_LABEL[b.kind] + b.item;
  if (b.oldFen === null) return `${label}：— → ${yuan(b.newFen!)}（新增项目）`;
  if (b.newFen === null) return `${label}：${yuan(b.oldFen)} → —（删除项目）`;
  if (b.changeFen === 0n) return `${label}：${yuan(b.newFen)}（不变）`;
  return `${label}：${yuan(b.oldFen)} → ${yuan(b.newFen)}，${signed(b.changeFen)}（${b.changePct === null ? "新增" : (b.changePct.startsWith("-") ? "" : "+") + b.changePct + "%"}）`;
}

const place = (l1: string, l2: string) => `${l1}/${l2}`;
const label = (name: string | null, l2: string) => `「${name ?? l2}」`;

function indicatorLine(m: IndicatorMatch): string {
  if (m.status === "added") return `新增 ${place(m.new!.level1, m.new!.level2)}${label(m.new!.name, m.new!.level2)}：${m.new!.target ?? "无目标值"}`;
  if (m.status === "removed") return `删除 ${place(m.old!.level1, m.old!.level2)}${label(m.old!.name, m.old!.level2)}：${m.old!.target ?? "无目标值"}`;
  const o = m.old!;
  const n = m.new!;
  const names = o.name === n.name ? label(n.name, n.level2) : `${label(o.name, o.level2)} → ${label(n.name, n.level2)}`;
  const where = m.acrossLevel2 ? `${place(o.level1, o.level2)} → ${n.level2}` : place(n.level1, n.level2);
  const target = o.target === n.target ? `目标 ${n.target ?? "无"}` : `${o.target ?? "无"} → ${n.target ?? "无"}`;
  const strict = m.stricter === null ? "" : m.stricter ? "，更严格" : "，更宽松";
  const deadline = o.parsed.kind === "deadline" && n.parsed.kind === "deadline";
  const moved = deadline && m.direction === "raised" ? "推迟" : deadline && m.direction === "lowered" ? "提前" : DIRECTION_LABEL[m.direction!];
  return `调整 ${where}${names}：${target}（${moved}${strict}；${METHOD_LABEL[m.method!]} ${m.confidence!.toFixed(2)}）`;
}

function count<T extends { status: string }>(rows: readonly T[], status: string): number {
  return rows.filter((r) => r.status === status).length;
}

function textSummary(title: string, rows: readonly DiffPair<unknown>[], show: (x: unknown) => string, lines: string[]): void {
  if (!rows.length) return;
  lines.push(`  ${title}：不变 ${count(rows, "unchanged")}，修改 ${count(rows, "changed")}，新增 ${count(rows, "added")}，删除 ${count(rows, "dropped")}`);
  for (const p of rows) {
    if (p.status === "added") lines.push(`    新增「${show(p.new)}」`);
    else if (p.status === "dropped") lines.push(`    删除「${show(p.old)}」`);
    else if (p.status === "changed") lines.push(`    修改「${show(p.old)}」→「${show(p.new)}」`);
  }
}

const short = (s: string) => (s.length > 40 ? s.slice(0, 40) + "…" : s);

export function summarise(r: DatasetComparison, findings: readonly Finding[]): string {
  const lines: string[] = [];
  for (const u of r.units) {
    lines.push(`${u.name}：${u.oldYear} 年度 → ${u.newYear} 年度${u.sample ? "（示例数据）" : ""}`);
    if (u.budget.length) lines.push("  预算：");
    for (const b of u.budget) lines.push(`    ${budgetLine(b)}`);
    const ms = u.indicators;
    const matched = ms.filter((m) => m.old && m.new);
    // A body read only from its project forms has no indicators of its own: its projects follow.
    if (ms.length) lines.push(
      `  绩效指标：${ms.filter((m) => m.old).length} → ${ms.filter((m) => m.new).length} 条；不变 ${count(ms, "unchanged")}，调整 ${count(ms, "changed")}，新增 ${count(ms, "added")}，删除 ${count(ms, "removed")}`,
    );
    const moved = (["raised", "lowered", "unit_changed", "not_comparable"] as const).map((d) => `${DIRECTION_LABEL[d]} ${matched.filter((m) => m.direction === d).length}`);
    if (ms.length) lines.push(`    目标值：${moved.join("，")}；更严格 ${matched.filter((m) => m.stricter === true).length}，更宽松 ${matched.filter((m) => m.stricter === false).length}`);
    for (const m of ms) if (m.status !== "unchanged") lines.push(`    ${indicatorLine(m)}`);
    textSummary("重点任务", u.tasks, (t) => (t as { name: string }).name, lines);
    textSummary("单位职责", u.duties, (s) => short(s as string), lines);
    textSummary("年度履职目标（按句）", u.goals, (s) => short(s as string), lines);
  }
  for (const p of r.projects) {
    lines.push(`项目 ${p.name}：${p.oldYear} 年度 → ${p.newYear} 年度（按${p.pairedBy === "code" ? "项目编码" : "项目名称"}对应）${p.sample ? "（示例数据）" : ""}`);
    for (const b of p.budget) lines.push(`    ${budgetLine(b)}`);
    const ms = p.indicators;
    lines.push(`  绩效指标：${ms.filter((m) => m.old).length} → ${ms.filter((m) => m.new).length} 条；不变 ${count(ms, "unchanged")}，调整 ${count(ms, "changed")}，新增 ${count(ms, "added")}，删除 ${count(ms, "removed")}`);
    for (const m of ms) if (m.status !== "unchanged") lines.push(`    ${indicatorLine(m)}`);
  }
  for (const u of r.onlyOld) lines.push(`仅旧数据有：${u.name}（${u.year} 年度）`);
  for (const u of r.onlyNew) lines.push(`仅新数据有：${u.name}（${u.year} 年度）`);
  for (const p of r.onlyOldProjects) lines.push(`仅旧数据有项目：${p.project.name}（${p.project.year} 年度）`);
  for (const p of r.onlyNewProjects) lines.push(`仅新数据有项目：${p.project.name}（${p.project.year} 年度）`);
  if (!r.units.length && !r.onlyOld.length && !r.onlyNew.length && !r.projects.length) lines.push("没有可比较的单位 / nothing to compare");
  for (const f of findings) {
    const where = [f.location.file, f.location.row && `第 ${f.location.row} 行`].filter(Boolean).join(" ");
    lines.push(`[${SEVERITY[f.severity]}] ${findingText(f, "zh")}${where ? `（${where}）` : ""}`);
  }
  return lines.join("\n") + "\n";
}
