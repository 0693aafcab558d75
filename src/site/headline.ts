// The headline strip a leader reads first — 预算 · 执行率 · 得分/等级 · 未达成 N 项 · change
// against last year — as a view model: items in that order, each knowing whether it comes
// from illustrative data (示例数据), grouped into runs so that a page marks each
// illustrative run once. Pure: the overview card, the unit page and the project page
// give it their own figures (headlineReport() reads them from a scoring report).
import { formatChange, formatWan, formatYuan, type Lang } from "../core/format.ts";
import type { ProgressReport } from "../core/progress.ts";
import type { PerformanceGrade } from "../core/scoring.ts";
import { t } from "../i18n/messages.ts";

/** What a scoring report says, as the strip needs it. */
export interface HeadlineReport {
  period: "yearend" | "midyear";
  /** 预算执行率 as a decimal string ("96.82"), null when not computable. */
  rate: string | null;
  /** False when nothing was reported that could be scored (未填报): no score or grade then. */
  filled: boolean;
  /** Σ score / Σ max × 100, 2 decimals ("88.67"). */
  score: string | null;
  grade: PerformanceGrade | null;
  notMet: number;
  /** Indicators with no reported value. */
  noData: number;
  indicators: number;
  sample: boolean;
}

export interface HeadlineInput {
  /** The declared budget total (预算总额, or a project's funding), in fen. */
  budgetFen: bigint | null;
  budgetSample: boolean;
  /** The report the strip shows: the year-end one when there is one. */
  report: HeadlineReport | null;
  /** Last year's budget total of the same unit (or project), when the data has it. */
  previous: { year: number; budgetFen: bigint | null; sample: boolean } | null;
}

export type HeadlineKey = "budget" | "rate" | "score" | "notMet" | "change";

export interface HeadlineItem {
  key: HeadlineKey;
  label: string;
  /** The figure, short (万元, %, a score and grade, a count). */
  value: string;
  /** The exact figure or what it is against, e.g. "92,787,331.00 元" or "较 2025 年度 8,548.91 万元". */
  detail: string | null;
  /** From illustrative data. */
  sample: boolean;
  /** How to read it: up/down for the change, bad for indicators not met, none when there is no figure. */
  tone: "up" | "down" | "same" | "bad" | "good" | "none" | null;
}

export interface Headline {
  items: HeadlineItem[];
  /** Consecutive items of the same kind of data, in order: mark each sample run once. */
  runs: { sample: boolean; items: HeadlineItem[] }[];
  /** Any item from illustrative data. */
  sample: boolean;
}

/** The strip's reading of a scoring report (unit or project, either period). */
export function headlineReport(r: ProgressReport): HeadlineReport {
  const count = (s: string) => r.indicators.filter((p) => p.score.status === s).length;
  return {
    period: r.period,
    rate: r.execution?.rate ?? null,
    filled: r.filled,
    score: r.filled ? r.result.total : null,
    grade: r.filled ? r.result.grade : null,
    notMet: count("not_met"),
    noData: count("no_data"),
    indicators: r.indicators.filter((p) => p.score.status !== "not_applicable").length,
    sample: r.status === "sample",
  };
}

/** The strip for one unit-year (or project-year): always five items, a missing figure said as such. */
export function headline(input: HeadlineInput, lang: Lang): Headline {
  const { budgetFen, budgetSample, report, previous } = input;
  const none = t(lang, "site.hlNone");
  const items: HeadlineItem[] = [];
  items.push({
    key: "budget",
    label: t(lang, "site.hlBudget"),
    value: budgetFen === null ? none : formatWan(budgetFen, lang),
    detail: budgetFen === null ? null : formatYuan(budgetFen, lang),
    sample: budgetSample && budgetFen !== null,
    tone: budgetFen === null ? "none" : null,
  });
  const period = report ? t(lang, "site.hlPeriod")[report.period] : null;
  const fromReport = report?.sample ?? false;
  items.push({
    key: "rate",
    label: t(lang, "site.hlRate"),
    value: report?.rate ? `${report.rate}%` : none,
    detail: report?.rate ? period : report ? t(lang, "site.hlRateNone") : t(lang, "site.hlNoReport"),
    sample: fromReport && report?.rate != null,
    tone: report?.rate ? null : "none",
  });
  const scored = report?.filled && report.score !== null && report.period === "yearend";
  items.push({
    key: "score",
    label: t(lang, "site.hlScore"),
    value: scored ? `${report.score} ${t(lang, "common.grade")[report.grade!]}` : report && !report.filled ? t(lang, "site.hlNotFilled", report.noData) : none,
    detail: scored ? period : report?.period === "midyear" && report.filled ? t(lang, "site.hlMidyearNoGrade") : report ? null : t(lang, "site.hlNoReport"),
    sample: fromReport && report !== null && (scored || !report.filled),
    tone: scored ? (report.grade === "差" ? "bad" : null) : "none",
  });
  items.push({
    key: "notMet",
    label: t(lang, "site.hlNotMet"),
    value: report ? t(lang, "site.hlNotMetValue", report.notMet) : none,
    detail: report ? (report.noData > 0 ? t(lang, "site.hlNoData", report.noData, report.indicators) : t(lang, "site.hlOf", report.indicators)) : t(lang, "site.hlNoReport"),
    sample: fromReport && report !== null,
    tone: report ? (report.notMet > 0 ? "bad" : "good") : "none",
  });
  const canChange = previous !== null && previous.budgetFen !== null && budgetFen !== null;
  const delta = canChange ? budgetFen - previous.budgetFen! : 0n;
  items.push({
    key: "change",
    label: t(lang, "site.hlChange"),
    value: !canChange
      ? none
      : delta === 0n
        ? t(lang, "site.hlSame")
        : `${delta > 0n ? "▲" : "▼"} ${formatWan(delta < 0n ? -delta : delta, lang)}`,
    detail: canChange
      ? t(lang, "site.hlAgainst", formatChange(budgetFen, previous.budgetFen!, lang), previous.year, formatWan(previous.budgetFen!, lang))
      : previous
        ? null
        : t(lang, "site.hlNoPrevious"),
    sample: canChange && (previous.sample || budgetSample),
    tone: !canChange ? "none" : delta > 0n ? "up" : delta < 0n ? "down" : "same",
  });
  // An item with no figure is neither kind: it joins the run before it, so that a missing
  // figure never splits one illustrative run into two marks.
  const runs: Headline["runs"] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && (last.sample === item.sample || item.tone === "none")) last.items.push(item);
    else runs.push({ sample: item.sample, items: [item] });
  }
  return { items, runs, sample: items.some((i) => i.sample) };
}
