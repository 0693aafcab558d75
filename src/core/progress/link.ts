// Matching actuals to the declared indicators of their unit (or project) and
// year: by id, else by 一级/二级/三级 name; what was not reported is 未填报.
import type { Actual, ActualGrade, Dataset, Finding, Indicator, Location, ParsedTarget, Period, Severity } from "../model.ts";
import { indicatorId, unitId } from "../ids.ts";
import { moneyTargetToFen, parseTarget, unitFamily } from "../target.ts";
import { scoredByBody, type ActualValue } from "../scoring.ts";
import { PERIODS, blank, readGrade } from "./words.ts";
import { fenInUnit, halfwidth, readDecimal, scaledToString } from "../decimal.ts";
import { finding, type FindingCode, type ParamsOf } from "../findingText.ts";

/** Whitespace-normalised text for matching names (all whitespace, full-width too, removed). */
export function matchKey(s: string | null | undefined): string {
  return (s ?? "").replace(/[\s\u3000\u00a0]+/g, "");
}

export type LinkState = "matched" | "undeclared" | "unmatched" | "duplicate";

export interface LinkedActual {
  actual: Actual;
  /** The declared indicator (or, when the unit-year has no declaration, one built from the progress row). */
  indicator: Indicator | null;
  state: LinkState;
  /** The value scored in this period, read against the indicator's target. */
  value: ActualValue;
  /** The text that value was read from (实际完成值 at year end, 全年预计完成 at mid-year). */
  valueText: string | null;
}

export interface LinkResult {
  linked: LinkedActual[];
  findings: Finding[];
}


/** The text a period's score is read from: 实际完成值 at year end, 全年预计完成情况 at mid-year (a projection). */
export function scoredText(a: Actual): string | null {
  return a.period === "yearend" ? a.actual : a.expectedAnnual;
}

function targetsAgree(a: ParsedTarget, b: ParsedTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "quantitative" && b.kind === "quantitative") return a.op === b.op && readDecimal(a.value) === readDecimal(b.value) && (a.unit ?? "") === (b.unit ?? "");
  if (a.kind === "deadline" && b.kind === "deadline") return a.date === b.date;
  if (a.kind === "qualitative" && b.kind === "qualitative") return matchKey(a.text) === matchKey(b.text);
  return true;
}

/** How a reported value was read, when not plainly: a finding once its indicator's label is added. */
type ValueCode = "actual.no_number" | "actual.unit_converted" | "actual.unit_mismatch" | "actual.operator_dropped" | "actual.unreadable" | "actual.date_inferred" | "actual.grade_inferred" | "actual.grade_needed";
type ValueNote = { [C in ValueCode]: { severity: Severity; code: C; params: Omit<ParamsOf<C>, "label"> } }[ValueCode];

/**
 * Reads a reported value against a target: numbers exactly (a money amount in
 * another unit converted exactly), dates for deadlines, grades for qualitative
 * targets. Returns the value and, when the reading is not plain, a note.
 */
export function readActualValue(
  text: string | null,
  grade: ActualGrade | null,
  target: ParsedTarget,
  year: number,
): { value: ActualValue; note?: ValueNote } {
  if (blank(text) && !grade) return { value: { kind: "missing" } };
  const t = (text ?? "").trim();
  if (target.kind === "quantitative") {
    if (blank(t)) return { value: { kind: "missing" }, note: { severity: "warning", code: "actual.no_number", params: { grade: String(grade) } } };
    const direct = readDecimal(t);
    if (direct !== null) return { value: { kind: "number", value: scaledToString(direct) } };
    const p = parseTarget(t, year);
    if (p.kind === "quantitative") {
      let value = p.value;
      let note: ValueNote | undefined;
      const tf = unitFamily(target.unit);
      const af = unitFamily(p.unit);
      if (p.unit && target.unit && tf === "money" && af === "money" && p.unit !== target.unit) {
        const fen = moneyTargetToFen(p.value, p.unit);
        const converted = fen === null ? null : fenInUnit(fen, target.unit);
        if (converted !== null) {
          value = converted;
          note = { severity: "info", code: "actual.unit_converted", params: { text: t, converted, unit: target.unit } };
        }
      } else if (p.unit && target.unit && af && tf && af !== tf && af !== "other" && tf !== "other") {
        note = { severity: "warning", code: "actual.unit_mismatch", params: { text: t, unit: target.unit, value: p.value } };
      }
      if (p.op !== "=" && !note) note = { severity: "info", code: "actual.operator_dropped", params: { text: t, value: p.value } };
      return { value: { kind: "number", value }, ...(note ? { note } : {}) };
    }
    return { value: { kind: "number", value: t }, note: { severity: "warning", code: "actual.unreadable", params: { variant: "number", text: t.slice(0, 30) } } };
  }
  if (target.kind === "deadline") {
    const stripped = halfwidth(t).replace(/\s/g, "").replace(/^(已于|已在|于|在)/, "").replace(/(已完成|完成|办结|完工)$/, "");
    if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(stripped) || /^(\d{4}年)?\d{1,2}月(\d{1,2}[日号]|底|末)$/.test(stripped)) {
      const p = parseTarget(stripped, year);
      if (p.kind === "deadline") return { value: { kind: "date", date: p.date } };
    }
    const word = halfwidth(t).replace(/\s/g, "");
    if (/^(按时|按期|如期|提前)(完成)?$/.test(word) || (blank(t) && grade === "达成")) {
      return { value: { kind: "date", date: target.date }, note: { severity: "info", code: "actual.date_inferred", params: { variant: "deadline", text: String(t || grade), date: target.date } } };
    }
    if (/^(逾期|延期|未按时|未按期|超期|推迟)/.test(word) || /^(未完成|未达成)$/.test(word) || (blank(t) && grade === "未达成")) {
      const d = new Date(`${target.date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      const late = d.toISOString().slice(0, 10);
      return { value: { kind: "date", date: late }, note: { severity: "info", code: "actual.date_inferred", params: { variant: "late", text: String(t || grade), date: late } } };
    }
    return { value: { kind: "date", date: t }, note: { severity: "warning", code: "actual.unreadable", params: { variant: "date", text: t.slice(0, 30) } } };
  }
  // Qualitative, or an item with no target: a grade.
  if (grade) return { value: { kind: "grade", grade } };
  const g = readGrade(t);
  if (g) return { value: { kind: "grade", grade: g } };
  if (target.kind === "qualitative" && (matchKey(t) === matchKey(target.text) || matchKey(t.replace(/[。.]$/, "")) === matchKey(target.text))) {
    return { value: { kind: "grade", grade: "达成" }, note: { severity: "info", code: "actual.grade_inferred", params: { text: t } } };
  }
  return { value: { kind: "missing" }, note: { severity: "warning", code: "actual.grade_needed", params: { text: t.slice(0, 30) } } };
}

function hasValue(a: Actual): boolean {
  return a.notApplicable || !blank(scoredText(a)) || a.grade !== null || (a.period === "midyear" && (a.likelihood !== null || !blank(a.executedToDate)));
}

/**
 * Matches each actual to a declared indicator of its unit and year: by id, else
 * by (一级, 二级, 三级) after whitespace normalisation. An actual that matches
 * nothing is `actual.unmatched`; a declared indicator with nothing reported in a
 * period the unit reported is `actual.missing` (未填报). When a unit-year has no
 * declaration at all, its progress rows stand for the indicators (targets from
 * the progress file) and one `actual.no_declaration` says so.
 */
/** A unit's own indicators are scoped by the unit; a project's by the project (its id is unique across units). */
export const scopeOf = (x: { unitId: string; projectId?: string | null }): string => x.projectId ?? x.unitId;

export function linkProgress(data: Dataset): LinkResult {
  const findings: Finding[] = [];
  const f = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, location: Location, subject?: string) => findings.push(finding(severity, code, params, location, subject));
  const actuals = data.actuals ?? [];
  const declared = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    const k = `${scopeOf(ind)}|${ind.year}`;
    const list = declared.get(k);
    if (list) list.push(ind);
    else declared.set(k, [ind]);
  }
  const byId = new Map<string, Indicator>();
  const byName = new Map<string, Indicator[]>();
  for (const ind of data.indicators) {
    byId.set(`${scopeOf(ind)}|${ind.year}|${ind.id}`, ind);
    const nk = `${scopeOf(ind)}|${ind.year}|${matchKey(ind.level1)}|${matchKey(ind.level2)}|${matchKey(ind.name)}`;
    const list = byName.get(nk);
    if (list) list.push(ind);
    else byName.set(nk, [ind]);
  }
  const unitNames = new Map<string, string>();
  for (const u of data.units) unitNames.set(u.id, u.name);
  for (const a of actuals) if (a.unitName) unitNames.set(a.unitId, a.unitName);
  for (const e of data.execution ?? []) if (e.unitName) unitNames.set(e.unitId, e.unitName);

  const taken = new Set<string>(); // unit|year|period|indicator id
  const noDeclarationNoted = new Set<string>();
  const linked: LinkedActual[] = [];
  for (const a of actuals) {
    const uy = `${scopeOf(a)}|${a.year}`;
    const label = a.name ?? a.level2 ?? a.indicatorId ?? "";
    let indicator: Indicator | null = null;
    let state: LinkState;
    if (!declared.has(uy)) {
      state = "undeclared";
      const unitName = unitNames.get(a.unitId) ?? a.unitId;
      indicator = {
        id: a.indicatorId ?? indicatorId(unitName, a.level1, a.level2, a.name), unitId: a.unitId, year: a.year, order: 0,
        level1: a.level1, level2: a.level2, name: a.name, target: a.target, parsed: parseTarget(a.target, a.year), note: null, source: a.source,
        ...(a.projectId ? { projectId: a.projectId } : {}),
      };
      const nk = `${uy}|${a.period}|${a.source.file}`;
      if (!noDeclarationNoted.has(nk)) {
        noDeclarationNoted.add(nk);
        f("info", "actual.no_declaration", { unit: unitName, year: a.year, period: a.period }, { file: a.source.file });
      }
    } else {
      if (a.indicatorId) indicator = byId.get(`${uy}|${a.indicatorId}`) ?? null;
      if (!indicator) {
        const candidates = byName.get(`${uy}|${matchKey(a.level1)}|${matchKey(a.level2)}|${matchKey(a.name)}`) ?? [];
        indicator = candidates.find((c) => !taken.has(`${uy}|${a.period}|${c.id}`)) ?? candidates[0] ?? null;
        if (indicator && a.indicatorId) f("warning", "actual.id_mismatch", { id: a.indicatorId, label }, a.source, indicator.id);
      }
      if (!indicator) {
        state = "unmatched";
        f("warning", "actual.unmatched", { path: [a.level1, a.level2, label].filter(Boolean).join("/"), year: a.year }, a.source);
      } else if (taken.has(`${uy}|${a.period}|${indicator.id}`)) {
        state = "duplicate";
        f("warning", "actual.duplicate", { label, period: a.period }, a.source, indicator.id);
      } else {
        state = "matched";
        taken.add(`${uy}|${a.period}|${indicator.id}`);
        if (a.target && indicator.target && matchKey(a.target) !== matchKey(indicator.target) && !targetsAgree(parseTarget(a.target, a.year), indicator.parsed)) {
          f("warning", "actual.target_differs", { label, target: a.target, declared: indicator.target }, a.source, indicator.id);
        }
      }
    }
    let value: ActualValue = { kind: "missing" };
    if (indicator && state !== "unmatched" && state !== "duplicate") {
      const read = readActualValue(scoredText(a), a.grade, indicator.parsed, a.year);
      value = read.value;
      if (read.note && !a.notApplicable) findings.push(finding(read.note.severity, read.note.code, { ...read.note.params, label } as ParamsOf<typeof read.note.code>, a.source, indicator.id));
    }
    linked.push({ actual: a, indicator, state, value, valueText: scoredText(a) });
  }

  // 未填报: declared indicators with nothing reported in a period the unit reported.
  const periods = new Map<string, Set<Period>>();
  for (const x of [...actuals, ...(data.execution ?? [])]) {
    const k = `${scopeOf(x)}|${x.year}`;
    const set = periods.get(k) ?? new Set<Period>();
    set.add(x.period);
    periods.set(k, set);
  }
  const reported = new Map<string, LinkedActual>();
  for (const l of linked) if (l.state === "matched" && l.indicator) reported.set(`${l.actual.period}|${l.indicator.id}|${l.indicator.year}`, l);
  for (const [uy, ps] of periods) {
    const inds = declared.get(uy);
    if (!inds) continue;
    for (const period of PERIODS) {
      if (!ps.has(period)) continue;
      for (const ind of inds) {
        if (ind.name === null && ind.parsed.kind === "none") continue; // 投入管理 items: not reported, not scored
        const l = reported.get(`${period}|${ind.id}|${ind.year}`);
        if (l && hasValue(l.actual)) continue;
        // An item with no target that the body scored (得分): there is no value to report (scored from the form, report.ts).
        if (l && scoredByBody(ind.parsed, false, l.actual.declaredScore)) continue;
        f("warning", "actual.missing", { label: ind.name ?? ind.level2, period }, l ? l.actual.source : ind.source, ind.id);
      }
    }
  }
  return { linked, findings };
}

/** The dataset with matched actuals carrying their declared indicator's id, and the matching findings appended. */
export function withLinkedProgress(data: Dataset): Dataset {
  if (!data.actuals?.length && !data.execution?.length) return data;
  const { linked, findings } = linkProgress(data);
  return {
    ...data,
    actuals: linked.map((l) => (l.indicator && (l.state === "matched" || l.state === "duplicate") ? { ...l.actual, indicatorId: l.indicator.id } : l.actual)),
    findings: [...data.findings, ...findings],
  };
}
