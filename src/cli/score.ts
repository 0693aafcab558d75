// `jixiao score FILE… [--json] [--rule linear|ratio]`: reads declarations and
// progress files (运行监控表, 绩效自评表, actuals/execution tables) together and
// prints, per unit and period, each indicator's status, score and 分值, the
// unit's total (0–100), grade and execution rate. Exit codes as `import`: 0 when
// every file was read (findings may exist), 1 when one could not be read (the
// others are still scored), 2 on wrong usage.
import type { Dataset, Finding } from "../core/model.ts";
import { formatYuan } from "../core/format.ts";
import { findingText } from "../core/findingText.ts";
import { jsonFinding } from "../core/canonical.ts";
import { fenToYuanString } from "../core/money.ts";
import { scoreProgress, type ProgressIndicator, type ProgressReport } from "../core/progress.ts";
import { t } from "../i18n/messages.ts";
import type { ReverseRule, ScoreStatus } from "../core/scoring.ts";
import { EXIT, jsonText, parseFlags, readAll, type Io } from "./io.ts";

export const SCORE_USAGE = `  jixiao score FILE… [--json] [--rule linear|ratio]   按规则给执行情况评分 / score progress against the declared targets
    --json      以 JSON 输出（reports、findings）/ print one JSON object
    --rule      反向指标超出目标时的扣分方式：linear（默认）或 ratio / how a ≤ indicator above target is scored`;

// The progress pages' words (src/i18n): the CLI speaks as the site does.
const STATUS_ZH: Record<ScoreStatus, string> = t("zh", "progress.status");
const PERIOD_LABELS = t("zh", "progress.period");
const ALERT_ZH = { red: "红", yellow: "黄", green: "绿" } as const;
const STATUSES: ScoreStatus[] = ["met", "partly", "not_met", "no_data", "not_applicable"];

/** Display width: CJK and full-width characters count two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}
function cut(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = "";
  for (const ch of s) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return out + "…";
}
const padEnd = (s: string, n: number) => s + " ".repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => " ".repeat(Math.max(0, n - width(s))) + s;

function counts(list: ProgressIndicator[]): Record<ScoreStatus, number> {
  const c = { met: 0, partly: 0, not_met: 0, no_data: 0, not_applicable: 0 };
  for (const i of list) c[i.score.status]++;
  return c;
}

/** The JSON form of one report: the canonical column names, exact decimals and amounts as strings. */
export function reportToJson(r: ProgressReport) {
  const yuan = (fen: bigint | null | undefined) => (fen === null || fen === undefined ? null : fenToYuanString(fen));
  return {
    unit_id: r.unitId,
    unit_name: r.unitName,
    project_id: r.projectId,
    project_name: r.projectName,
    fiscal_year: r.year,
    period: r.period,
    as_of: r.asOf,
    data_status: r.status,
    undeclared: r.undeclared,
    // 未填报: nothing reported that could be scored — no total and no grade, never 0 (差).
    filled: r.filled,
    total: r.filled ? r.result.total : null,
    grade: r.filled ? r.result.grade : "未填报",
    execution_rate: r.result.executionRate ?? r.execution?.rate ?? null,
    execution_score: r.result.executionScore,
    execution_max: r.result.executionMax,
    budget_initial: yuan(r.execution?.budgetInitialFen),
    budget_full_year: yuan(r.execution?.budgetFullYearFen),
    executed: yuan(r.execution?.executedFen),
    time_progress: r.execution?.timeProgress ?? null,
    execution_alert: r.execution?.alert ?? null,
    flags: r.result.flags,
    counts: counts(r.indicators),
    indicators: r.indicators.map((i) => ({
      indicator_id: i.indicator.id,
      order: i.indicator.order,
      level1: i.indicator.level1,
      level2: i.indicator.level2,
      name: i.indicator.name,
      target: i.indicator.target,
      value: i.valueText,
      executed_to_date: i.actual?.executedToDate ?? null,
      likelihood: i.actual?.likelihood ?? null,
      deviation_kind: i.actual?.deviationKinds ?? [],
      deviation_reason: i.actual?.deviationReason ?? null,
      corrective_action: i.actual?.correctiveAction ?? null,
      status: i.score.status,
      score: i.score.score,
      max: i.score.max,
      declared_score: i.score.declaredScore,
      flags: i.score.flags,
      alert: i.alert,
      source: i.actual?.source ?? null,
    })),
  };
}

export function summariseScores(reports: ProgressReport[], findings: Finding[], declarationFindings: number): string {
  const lines: string[] = [];
  if (!reports.length) lines.push("没有读到执行数据（运行监控表、绩效自评表或 actuals/execution 表）/ no progress data was read");
  for (const r of reports) {
    const tags = [r.status === "sample" ? "示例数据" : "", r.undeclared ? "未读到申报表，按执行文件的指标值评分" : ""].filter(Boolean);
    lines.push(`${r.unitName}${r.projectName ? ` · 项目：${r.projectName}` : ""} · ${r.year} 年度 · ${PERIOD_LABELS[r.period]}${r.asOf ? `（截至 ${r.asOf}）` : ""}${tags.length ? `【${tags.join("；")}】` : ""}`);
    const ex = r.execution;
    const rate = r.result.executionRate ?? ex?.rate ?? null;
    const exText = rate === null ? "预算执行率 —（无执行数）"
      : r.period === "yearend" ? `预算执行率 ${rate}%（得分 ${r.result.executionScore} / ${r.result.executionMax}）`
      : `预算执行率 ${rate}%${ex?.timeProgress ? `，序时进度 ${ex.timeProgress}%${ex.alert ? `（${ALERT_ZH[ex.alert]}）` : ""}` : ""}（年中不计分）`;
    lines.push(r.filled ? `  ${r.period === "midyear" ? "预计总分" : "总分"} ${r.result.total} / 100，等级 ${r.result.grade}；${exText}` : `  未填报（没有可评分的完成值），不评分；${exText}`);
    if (ex && ex.budgetFullYearFen !== null) {
      lines.push(`  全年预算数 ${formatYuan(ex.budgetFullYearFen)}，${r.period === "yearend" ? "全年执行数" : "已执行"} ${ex.executedFen === null ? "—" : formatYuan(ex.executedFen)}`);
    }
    const c = counts(r.indicators);
    lines.push(`  指标 ${r.indicators.length} 项：${STATUSES.map((s) => `${STATUS_ZH[s]} ${c[s]}`).join("，")}`);
    // By 一级.
    const groups = new Map<string, ProgressIndicator[]>();
    for (const i of r.indicators) groups.set(i.indicator.level1, [...(groups.get(i.indicator.level1) ?? []), i]);
    lines.push(`  ${padEnd("一级指标", 14)}${STATUSES.map((s) => padStart(STATUS_ZH[s], 9)).join("")}  ${padStart("得分 / 分值", 16)}`);
    for (const [l1, list] of groups) {
      const gc = counts(list);
      // Scores and 分值 are 2-decimal strings: summed exactly in hundredths.
      const sum = (f: (i: ProgressIndicator) => string | null) => list.reduce((n, i) => n + BigInt((f(i) ?? "0.00").replace(".", "")), 0n);
      const pts = (h: bigint) => `${h / 100n}.${(h % 100n).toString().padStart(2, "0")}`;
      lines.push(`  ${padEnd(cut(l1 || "（无一级）", 14), 14)}${STATUSES.map((s) => padStart(String(gc[s]), 9)).join("")}  ${padStart(`${pts(sum((i) => i.score.score))} / ${pts(sum((i) => i.score.max))}`, 16)}`);
    }
    // Every indicator.
    const mid = r.period === "midyear";
    const items = r.indicators.filter((i) => i.indicator.name === null && i.score.status === "not_applicable");
    if (items.length) lines.push(`  （另有 ${items.length} 项无三级指标的${[...new Set(items.map((i) => i.indicator.level1))].join("、")}，不计分）`);
    lines.push(`  ${padStart("序号", 4)} ${padEnd("指标", 30)} ${padEnd("指标值", 16)} ${padEnd(mid ? "全年预计" : "实际完成", 14)} ${padEnd("状态", 8)} ${padStart("得分 / 分值", 13)}${mid ? "  预警 可能性" : ""}`);
    r.indicators.forEach((i, n) => {
      if (items.includes(i)) return;
      const name = i.indicator.name ?? `${i.indicator.level2}（无三级）`;
      const score = i.score.score === null ? "—" : i.score.score;
      lines.push(
        `  ${padStart(String(i.indicator.order || n + 1), 4)} ${padEnd(cut(name, 30), 30)} ${padEnd(cut(i.indicator.target ?? "—", 16), 16)} ${padEnd(cut(i.valueText ?? "—", 14), 14)} ${padEnd(STATUS_ZH[i.score.status], 8)} ${padStart(`${score} / ${i.score.max}`, 13)}` +
          (mid ? `  ${padEnd(i.alert ? ALERT_ZH[i.alert] : "—", 4)} ${i.actual?.likelihood ?? "—"}` : ""),
      );
    });
    lines.push("");
  }
  const shown = findings.filter((f) => f.severity !== "info");
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  lines.push(`执行数据的问题：错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}${declarationFindings ? `（申报表另有 ${declarationFindings} 条审核意见，见 jixiao import）` : ""}`);
  const label = { error: "错误", warning: "警告", info: "提示" } as const;
  for (const f of shown) {
    const where = [f.location.file, f.location.row && `第 ${f.location.row} 行`, f.location.column && `第 ${f.location.column} 列`].filter(Boolean).join(" ");
    lines.push(`  [${label[f.severity]}] ${findingText(f, "zh")}（${where}）`);
  }
  return lines.join("\n") + "\n";
}

/** What `jixiao import` says about progress rows it read (scores are `jixiao score`'s job). */
export function summariseProgressRows(data: Dataset): string {
  const lines: string[] = [];
  const keys = new Map<string, { n: number; matched: number; lines: number }>();
  const names = new Map<string, string>();
  for (const a of data.actuals ?? []) {
    const k = `${a.unitId}|${a.year}|${a.period}`;
    const g = keys.get(k) ?? { n: 0, matched: 0, lines: 0 };
    g.n++;
    if (a.indicatorId) g.matched++;
    keys.set(k, g);
    if (a.unitName) names.set(a.unitId, a.unitName);
  }
  for (const e of data.execution ?? []) {
    const k = `${e.unitId}|${e.year}|${e.period}`;
    const g = keys.get(k) ?? { n: 0, matched: 0, lines: 0 };
    g.lines++;
    keys.set(k, g);
    if (e.unitName) names.set(e.unitId, e.unitName);
  }
  for (const [k, g] of keys) {
    const [id, year, period] = k.split("|");
    const name = data.units.find((u) => u.id === id)?.name ?? names.get(id) ?? id;
    lines.push(`${name}（${year} 年度 · ${PERIOD_LABELS[period as keyof typeof PERIOD_LABELS]}）：指标执行情况 ${g.n} 行（已对应申报指标 ${g.matched} 行），资金执行 ${g.lines} 行`);
  }
  return lines.join("\n") + "\n";
}

const SCORE_OPTIONS = { json: { type: "boolean" }, rule: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export async function runScore(args: string[], io: Io): Promise<number> {
  const { values, positionals: files, unknown, missing } = parseFlags(args, SCORE_OPTIONS);
  if (values.help) {
    io.out(`用法 / usage:\n${SCORE_USAGE}\n`);
    return EXIT.ok;
  }
  const json = values.json === true;
  const rule: ReverseRule | undefined = missing === "rule" ? undefined : ((values.rule ?? "linear") as ReverseRule);
  if (rule !== "linear" && rule !== "ratio") {
    io.err(`jixiao: --rule 应为 linear 或 ratio / --rule must be linear or ratio\n`);
    return EXIT.usage;
  }
  if (unknown) {
    io.err(`jixiao: 未知选项 ${unknown} / unknown option\n用法 / usage:\n${SCORE_USAGE}\n`);
    return EXIT.usage;
  }
  if (!files.length) {
    io.err(`jixiao: 请给出至少一个文件 / give at least one file\n用法 / usage:\n${SCORE_USAGE}\n`);
    return EXIT.usage;
  }
  const { data, failed } = await readAll(files, io);
  const { reports, findings } = scoreProgress(data, { reverseRule: rule });
  if (json) {
    io.out(jsonText({ reports: reports.map(reportToJson), findings: [...data.findings, ...findings].map(jsonFinding) }) + "\n");
  } else {
    // Findings about the progress files and the matching; the declaration's own review stays with `import`.
    const progressFiles = new Set([...(data.actuals ?? []), ...(data.execution ?? [])].map((x) => x.source.file));
    const about = (f: Finding) => progressFiles.has(f.location.file) || /^(actual|execution|progress|score)\./.test(f.code);
    const fromProgress = data.findings.filter(about);
    const declarationFindings = data.findings.filter((f) => !about(f) && f.severity !== "info").length;
    io.out(summariseScores(reports, [...fromProgress, ...findings], declarationFindings));
  }
  return failed ? EXIT.unreadable : EXIT.ok;
}
