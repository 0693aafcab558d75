// The general form reader: one sheet (records) → the forms it holds → one
// Dataset. Every decision is made from labels and content through the one
// vocabulary (synonyms.ts): the kind from the title, the body from 实施单位 (else
// 预算单位/主管部门), the blocks from their header labels wherever they sit.
import {
  FORM_KIND_ZH,
  ImportError, type Actual, type BudgetLine, type DataStatus, type Dataset, type ExecutionLine, type Finding,
  type FormKind, type Indicator, type Period, type Project, type Severity, type Task, type Unit,
} from "../model.ts";
import type { TableRecord } from "../table.ts";
import { fnv1a, indicatorId, unitId } from "../ids.ts";
import { sumFen } from "../money.ts";
import { parseTarget } from "../target.ts";
import { scoredByBody } from "../scoring.ts";
import { plainText, toParagraphs } from "../text.ts";
import { finding, type FindingCode, type ParamsOf } from "../findingText.ts";
import { readGrade, readLikelihood } from "../progress.ts";
import { brokenTitle, isTitleRow, splitForms, toRows, type Cell, type Row } from "./grid.ts";
import { listExportForms } from "./list.ts";
import { headPairs, textFields, tickedOption, unitIn } from "./head.ts";
import { amountFen, blockUnit, fundingHeader, fundingPairs, fundingRow, type FundingHeader, type FundingLine, type FundingValue } from "./funding.ts";
import { indicatorHeader, isFooter, isPlaceholder, readIndicatorTable, type IndicatorTable } from "./indicators.ts";
import { chineseOrdinal, ordinalName, splitCode, type MoneyUnit } from "./labels.ts";
import { isLabel } from "./head.ts";
import { BLOCK_TITLES, FUNDING_PAIR_HEADER, TASK_HEADERS, fundingItemOf, headField, isFundingBlock, textField, type HeadField, type TextField } from "./synonyms.ts";

/** Kind from the title's words; null when the title says neither. */
export function kindOfTitle(title: string): { scope: "unit" | "project" | null; phase: "declaration" | "selfeval" | "monitoring" | null } {
  const t = title.replace(/\s/g, "");
  const scope = /项目/.test(t) ? "project" : /整体|部门|单位/.test(t) ? "unit" : null;
  const phase = /自评|评价/.test(t) ? "selfeval" : /监控/.test(t) ? "monitoring" : /申报|目标|审批|批复/.test(t) ? "declaration" : null;
  return { scope, phase };
}

interface FormRead {
  title: string | null;
  kind: FormKind;
  year: number;
  head: Partial<Record<HeadField, { value: string; cell: Cell }>>;
  texts: Partial<Record<TextField, string[]>>;
  /** The text fields whose label the form prints (filled in or not), with the label's cell. */
  printed: Partial<Record<TextField, Cell>>;
  unit: MoneyUnit;
  funding: FundingLine[];
  /** Month N of a `1-N月执行数` funding column. */
  fundingMonth: number | null;
  table: IndicatorTable | null;
  tasks: { cells: Record<string, string>; row: number; amount: bigint | null }[];
  /** Template leftover rows outside the indicator table (the funding grid's `①……`). */
  placeholders: number[];
  firstRow: number;
}

/**
 * What the records are, as far as this reader can tell: null when no form
 * (no title and no head label with a value, or no indicator or funding block);
 * else the form's scope (project when its title or head names a project).
 */
export function sniffForm(records: readonly TableRecord[]): { scope: "unit" | "project" } | null {
  return sniffRows(toRows(records.slice(0, 400)));
}

/** sniffForm over rows already made (the callers pass the first 400). */
function sniffRows(rows: readonly Row[]): { scope: "unit" | "project" } | null {
  let titled = false;
  let head = false;
  let project = false;
  let block = false;
  for (let i = 0; i < rows.length; i++) {
    if (isTitleRow(rows[i])) {
      titled = true;
      if (kindOfTitle(rows[i].cells[0].text).scope === "project") project = true;
    }
    for (const p of headPairs(rows[i])) {
      if (!p.value) continue;
      if (p.field === "project") project = true;
      if (p.field === "project" || p.field === "unit" || p.field === "implementer" || p.field === "supervisor") head = true;
    }
    if (!block && (titled || head) && (indicatorHeader(rows, i) || fundingHeader(rows[i]))) block = true;
  }
  // A form cut off before its blocks still names itself (a title and its head): it is read, and the missing table is said.
  return ((titled || head) && block) || (titled && head) ? { scope: project ? "project" : "unit" } : null;
}

/**
 * A quick look for a project form (a 项目名称 label, or a title naming 项目 …表) in
 * the first rows, by plain text: it decides whether the older unit-level
 * readers may take the file before the general reader's full look.
 */
export function looksLikeProjectForm(records: readonly TableRecord[]): boolean {
  const n = Math.min(records.length, 60);
  for (let i = 0; i < n; i++) {
    for (const cell of records[i].cells) {
      if (cell.length > 60 || cell === "") continue;
      const k = cell.replace(/[\s:：]/g, "");
      if (headField(k) === "project" || headField(k.replace(/[(（].*[)）]$/, "")) === "project") return true;
      if (/项目.{0,12}表/.test(k) && /绩效/.test(k)) return true;
    }
  }
  return false;
}


/** How to date a form that prints no year (see docs/reader.md, “A form without a year”). */
export interface YearOptions {
  /** The year the user gives for forms that print none (CLI `--year`, the workspace asking). Never overrides a printed year. */
  year?: number;
  /** Take the year from the file name when the form prints none and the name holds exactly one year (CLI `--year-from-name`). */
  yearFromFileName?: boolean;
}

/**
 * A form that prints no year at all, when the user gave none: it is read once
 * they say the year (`yearsInName` are the years the file name holds, to offer).
 */
export class YearMissingError extends ImportError {
  readonly yearsInName: number[];
  constructor(file: string, row: number, yearsInName: number[]) {
    const hint = yearsInName.length === 1 ? `，或用 --year-from-name 取文件名中的 ${yearsInName[0]}` : "";
    const hintEn = yearsInName.length === 1 ? `, or --year-from-name to take ${yearsInName[0]} from the file name` : "";
    super(
      `${file}：表上没有印年度（标题、年度一栏、实施期和项目名称中都没有）；请用 --year 指定年度${hint}`,
      `${file}: the form prints no year (none in its title, a 年度 field, its period or its project's name); give it with --year${hintEn}`,
      { file, row },
    );
    this.name = "YearMissingError";
    this.yearsInName = yearsInName;
  }
}

/** The distinct years a file name holds (`广水市教育局2023年…` → [2023]); the sheet after `!` counts too. */
export function yearsInFileName(file: string): number[] {
  const base = file.split(/[\\/]/).pop() ?? file;
  return [...new Set([...base.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1])))];
}

/** A year the form names outside its title: a project named `2018年市级专项扶贫资金…`. */
function yearInName(head: FormRead["head"]): { year: number; field: string; text: string } | null {
  for (const [field, zh] of [["project", "项目名称"]] as const) {
    const text = head[field]?.value;
    const m = text ? /((?:19|20)\d{2})\s*年/.exec(text) : null;
    if (m) return { year: Number(m[1]), field: zh, text: text! };
  }
  return null;
}

function readOne(rows: readonly Row[], file: string, note: Note, previousYear: number | null, options: YearOptions): FormRead {
  let title: string | null = null;
  let year: number | null = null;
  const head: FormRead["head"] = {};
  const texts: FormRead["texts"] = {};
  const labelled: FormRead["printed"] = {};
  let unit: MoneyUnit | null = null;
  const funding: FundingLine[] = [];
  let fHeader: FundingHeader | null = null;
  let fUnit: MoneyUnit | null = null;
  let fMonth: number | null = null;
  let table: IndicatorTable | null = null;
  const tasks: FormRead["tasks"] = [];
  const placeholders: number[] = [];
  let taskCols: Map<number, string> | null = null;
  // A blank row inside a task table (a page break): only a continuation row (no task name) may follow it.
  let taskGap = false;
  const markup = (c: Cell) => {
    if (c.markup) note("info", "text.markup_stripped", {}, c.row, c.col + 1);
  };
  let taskUnit: MoneyUnit | null = null;
  let inFundingPairs = false;
  const firstRow = rows.find((r) => r.cells.length)?.row ?? 1;

  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r.cells.length) {
      fHeader = null;
      taskGap = taskCols !== null;
      inFundingPairs = false;
      continue;
    }
    const joined = r.cells.map((c) => c.text).join(" ");
    const broken: string | null = !table && !title ? brokenTitle(rows, i) : null;
    if (broken) {
      title = broken;
      const y = /((?:19|20)\d{2})\s*年/.exec(broken);
      if (y && year === null) year = Number(y[1]);
      i++;
      continue;
    }
    if (!table && isTitleRow(r)) {
      title ??= r.cells[0].text.replace(/\s+/g, "");
      const y = /((?:19|20)\d{2})\s*年/.exec(joined);
      if (y && year === null) year = Number(y[1]);
      continue;
    }
    if (!table && r.cells.length === 1) {
      // The year row under the title: (2022年度), 2019年度), ( 2023年度).
      const y = /^[(（]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?$/.exec(r.cells[0].text.trim());
      if (y) {
        year ??= Number(y[1]);
        continue;
      }
    }
    const declaredUnit = unitIn(r);
    unit = declaredUnit ?? unit;
    // A row that only says the money unit (`金额单位:元`, `单位：万元`).
    if (declaredUnit && !table && r.cells.every((c) => /单位|^\((元|万元|亿元)\)$/.test(c.text)) && !headPairs(r).some((p) => p.value)) continue;

    // The indicator table.
    if (!table) {
      const ih = indicatorHeader(rows, i);
      if (ih) {
        table = readIndicatorTable(rows, ih);
        for (const n of table.notes) note(n.severity, n.code, n.params as never, n.row, n.column); // params checked where made (indicators.ts tableNote)
        i = table.end - 1;
        fHeader = null;
        taskCols = null;
        continue;
      }
    }

    // A funding header, and the rows under it.
    const fh = fundingHeader(r);
    if (fh && !taskCols) {
      fHeader = fh;
      fMonth = fh.month ?? fMonth;
      fUnit = fh.unit ?? blockUnit(r) ?? unit;
      continue;
    }
    if (fHeader) {
      // A template's leftover row in the funding grid (`①……`): skipped, counted with the others.
      if (r.cells.every((c) => isPlaceholder(c.text))) {
        placeholders.push(r.row);
        continue;
      }
      const line = fundingRow(r, fHeader, fUnit ?? unit ?? "元");
      if (line) {
        funding.push(line);
        continue;
      }
      fHeader = null;
    }

    // A task table (年度重点任务: 任务名称 | 主要内容; 年度履职目标: 部门职能 | 年度目标任务 | 支出项目名称 | 预算金额).
    const taskHeader = new Map<number, string>();
    for (const c of r.cells) if (TASK_HEADERS[c.label.key]) taskHeader.set(c.col, TASK_HEADERS[c.label.key]);
    if (taskHeader.size >= 2 && [...taskHeader.values()].includes("task")) {
      taskCols = taskHeader;
      taskGap = false;
      taskUnit = r.cells.find((c) => c.label.unit)?.label.unit ?? unit;
      continue;
    }
    if (taskCols) {
      const cells: Record<string, string> = {};
      const at: Cell[] = [];
      for (const c of r.cells) if (taskCols.has(c.col)) {
        cells[taskCols.get(c.col)!] = c.text;
        at.push(c);
      }
      // The table ends at a row that is some block's label (预算情况, a head field, a text field's label).
      const ends = r.cells.some((c) => isLabel(c) || isFundingBlock(c.label.key) || BLOCK_TITLES.includes(c.label.key));
      const named = cells.task !== undefined || cells.item !== undefined;
      const last = tasks[tasks.length - 1];
      if (!ends && at.length && !named && last && (cells.content !== undefined || cells.duty !== undefined) && at.length === r.cells.length) {
        // A task's text continued after a page break: joined to the task above.
        const field = cells.content !== undefined ? "content" : "duty";
        last.cells[field] = (last.cells[field] ?? "") + at.filter((c) => taskCols!.get(c.col) === field).map((c) => plainText(c.text)).join("");
        at.forEach(markup);
        note("info", "task.continued", {}, r.row, at[0].col + 1);
        taskGap = false;
        continue;
      }
      if (!ends && at.length && !taskGap) {
        const order = tasks.length + 1;
        const om = cells.task ? ordinalName(plainText(cells.task)) : null;
        if (om) {
          if (chineseOrdinal(om.numeral) !== order) note("warning", "task.order_gap", { numbered: om.numeral, order }, r.row, at[0].col + 1);
          cells.task = om.name;
        }
        at.filter((c) => c.col !== at[0].col).forEach(markup);
        tasks.push({ cells, row: r.row, amount: cells.amount ? amountFen(cells.amount, taskUnit ?? "元") : null });
        continue;
      }
      taskCols = null;
      taskGap = false;
    }

    // Funding as item–amount pairs (年度预算安排(万元) | 资金总额 | 171.41).
    if (r.cells.some((c) => isFundingBlock(c.label.key))) {
      inFundingPairs = true;
      fUnit = blockUnit(r) ?? unit;
    }
    if (inFundingPairs || !table) {
      const pairs = fundingPairs(r, fUnit ?? unit ?? "元");
      if (pairs.length) {
        funding.push(...pairs);
        continue;
      }
      // An item of the block whose amount is missing or cannot be read (`部门整体预算总额(元)` with nothing beside it).
      const named = inFundingPairs && r.cells.length <= 2 ? fundingItemOf(r.cells[0].label.key) : null;
      if (named) {
        const text = r.cells[1]?.text ?? "";
        note("error", "budget.amount_unreadable", { variant: "form", text: text.slice(0, 40), label: named.item }, r.row, (r.cells[1]?.col ?? r.cells[0].col + 1) + 1);
        continue;
      }
      if (inFundingPairs && !r.cells.some((c) => isFundingBlock(c.label.key))) inFundingPairs = false;
    }

    // Head pairs and text fields.
    const pairs = headPairs(r);
    // A row of head labels over a row of their values (年末在职人数 | 内设机构数 over 0 | 0).
    const below = rows[i + 1];
    if (pairs.length === r.cells.length && pairs.every((p) => !p.value) && below && below.row === r.row + 1 && below.cells.length && !below.cells.some(isLabel)) {
      for (const p of pairs) {
        const v = below.cells.find((c) => c.col === p.cell.col);
        if (v && !head[p.field] && p.field !== "contact") head[p.field] = { value: plainText(v.text), cell: v };
      }
      i++;
      continue;
    }
    for (const p of pairs) {
      if (!p.value || head[p.field]) continue;
      if (p.field === "contact") continue; // personal names and phone numbers are not kept
      const value = plainText(p.field === "project_type" || p.field === "project_attr" ? tickedOption(p.value.value) : p.value.value);
      head[p.field] = { value, cell: p.value.cell };
      markup(p.value.cell);
    }
    if (pairs.length) continue;
    const tf = textFields(rows, i);
    if (tf) {
      for (const c of r.cells) {
        const f = textField(c.label.key);
        if (f) labelled[f] ??= c;
      }
      for (const f of tf.fields) {
        (texts[f.field] ??= []).push(...paragraphs(f.text));
        markup(f.cell);
      }
      i += tf.used - 1;
      continue;
    }
    if (!table && /绩效|表/.test(joined) && r.cells.length <= 2 && !title) {
      title = r.cells[0].text.replace(/\s+/g, "");
      continue;
    }
    if (table && isFooter(r)) continue;
    // A section title (年度重点任务, 预算情况) or the column labels of an item–amount block (内容 | 预算情况): nothing to read.
    if (r.cells.every((c) => BLOCK_TITLES.includes(c.label.key) || FUNDING_PAIR_HEADER.includes(c.label.key) || (isFundingBlock(c.label.key) && !c.label.unit))) continue;
    if (!table) note("info", "form.unknown_row", { variant: "skipped", text: r.cells.map((c) => plainText(c.text)).join(" | ").slice(0, 60) }, r.row, r.cells[0].col + 1);
  }

  const printed = year ?? (head.year ? Number(/(?:19|20)\d{2}/.exec(head.year.value)?.[0]) || null : null) ?? periodYear(head);
  const y = printed ?? dateUnprinted(head, file, note, previousYear, options, firstRow);
  const t = kindOfTitle(title ?? "");
  const cols = table ? [...table.header.cols.values()] : [];
  const phase = t.phase ?? (cols.includes("actual") || cols.includes("score") ? "selfeval" : cols.includes("likelihood") || cols.includes("executed_to_date") ? "monitoring" : "declaration");
  const scope = t.scope ?? (head.project ? "project" : "unit");
  return { title, kind: `${scope}_${phase}` as FormKind, year: y, head, texts, printed: labelled, unit: fUnit ?? unit ?? "元", funding, fundingMonth: fMonth, table, tasks, placeholders, firstRow };
}

/**
 * The year of a form that prints none, never silently: from its project's name
 * (`2018年…`), else the year the user gave, else the file name's when the user
 * asked for it, else the previous form's in the same file; each said by a
 * finding. Throws YearMissingError when none of these gives one.
 */
function dateUnprinted(head: FormRead["head"], file: string, note: Note, previousYear: number | null, options: YearOptions, row: number): number {
  const named = yearInName(head);
  if (named) {
    note("info", "form.year_from_name", { year: named.year, field: named.field, text: named.text.slice(0, 40) }, row);
    return named.year;
  }
  if (options.year !== undefined) {
    note("info", "form.year_given", { year: options.year }, row);
    return options.year;
  }
  const inName = yearsInFileName(file);
  if (options.yearFromFileName && inName.length === 1) {
    note("info", "form.year_from_file_name", { year: inName[0] }, row);
    return inName[0];
  }
  if (previousYear !== null) {
    note("info", "form.year_from_previous", { year: previousYear }, row);
    return previousYear;
  }
  throw new YearMissingError(file, row, inName);
}

/** The year a form's own period lies in, when its 开始时间 and 结束时间 (or 实施期 `202001-202012`) fall in one year. */
function periodYear(head: FormRead["head"]): number | null {
  const years = (text: string | undefined) => [...(text ?? "").matchAll(/(?:^|\D)((?:19|20)\d{2})(?=\D|\d{2}(?:\D|$)|$)/g)].map((m) => Number(m[1]));
  const span = head.start && head.end ? [...years(head.start.value), ...years(head.end.value)] : years(head.period?.value);
  return span.length >= 2 && span.every((x) => x === span[0]) ? span[0] : null;
}

type Note = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, row?: number, column?: number, subject?: string) => void;

const PERIOD_OF: Record<string, Period | null> = { declaration: null, selfeval: "yearend", monitoring: "midyear" };

/** A cell's text as paragraphs: one per line, markup dropped, whitespace collapsed. */
const paragraphs = (text: string): string[] => toParagraphs(text).flatMap((p) => p.split(/\n+/)).map(plainText).filter(Boolean);

/** A cell holding only dashes or slashes (`/`, `-`, `—`) means nothing was written: no value. */
const given = (text: string | null | undefined): string | null => (text === null || text === undefined || /^[\s/\\\-—–]*$/.test(text) ? null : plainText(text));

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Reads every form in the records. Throws ImportError only when no form can be
 * placed at all; a form of a stacked file that cannot be placed is an error
 * finding and the others still import.
 */
export function readForms(records: readonly TableRecord[], file: string, status: DataStatus = "declared", options: YearOptions = {}): Dataset {
  return readRows(toRows(records), file, status, options);
}

/** The records read as forms when they are forms (sniffForm), else null: each cell is read once for both. */
export function readFormsIfAny(records: readonly TableRecord[], file: string, status: DataStatus = "declared", options: YearOptions = {}): Dataset | null {
  // The sniff looks at the first 400 records only: a canonical table of a million rows is not made into rows for it.
  const head = toRows(records.slice(0, 400));
  if (!sniffRows(head)) return null;
  return readRows(records.length > 400 ? head.concat(toRows(records.slice(400), 400)) : head, file, status, options);
}

function readRows(rows: readonly Row[], file: string, status: DataStatus, options: YearOptions): Dataset {
  // A list export (one table of many projects) is split into its projects' forms; else forms are split where a new one starts.
  const parts: Row[][] = splitForms(rows).flatMap(([s, e]) => listExportForms(rows.slice(s, e)) ?? [rows.slice(s, e)]);
  const data: Dataset = { units: [], budget: [], tasks: [], indicators: [], findings: [], actuals: [], execution: [], projects: [] };
  // Indicators so far per unit-year (their order), and the unit-years read: kept as counts so a file of thousands of forms stays linear.
  const seen: Seen = { order: new Map(), units: new Set(), lines: new Map(), tasks: new Map() };
  let year: number | null = null;
  let read = 0;
  let lastError: ImportError | null = null;
  for (const part of parts) {
    const findings: Finding[] = [];
    const first = part.find((r) => r.cells.length);
    const note: Note = (severity, code, params, row, column, subject) => findings.push(finding(severity, code, params, { file, row, column }, subject));
    try {
      const form = readOne(part, file, note, year, options);
      year = form.year;
      const from = { budget: data.budget.length, tasks: data.tasks.length, indicators: data.indicators.length };
      addForm(data, form, file, status, note, seen);
      // Findings raised while reading a row are about what that row became.
      const byRow = new Map<number, string>();
      for (const x of [...data.budget.slice(from.budget), ...data.tasks.slice(from.tasks), ...data.indicators.slice(from.indicators)]) if (x.source.row) byRow.set(x.source.row, x.id);
      for (const f of findings) if (!f.subject && f.location.row) {
        const id = byRow.get(f.location.row);
        if (id) f.subject = id;
      }
      read++;
    } catch (err) {
      if (!(err instanceof ImportError) || parts.length === 1) throw err;
      lastError = err;
      note("error", "form.unreadable", { row: first?.row ?? 1, reason: err.message, reasonEn: err.messageEn }, first?.row);
    }
    data.findings.push(...findings);
  }
  if (read === 0 && lastError) throw lastError;
  if (parts.length > 1) {
    // The second form starts at its first row that is not shared with the first (a list export's forms share the title rows).
    const shared = new Set(parts[0]);
    const second = parts[1].find((r) => r.cells.length && !shared.has(r));
    data.findings.unshift(finding("info", "file.several_forms", { count: parts.length }, { file, row: second?.row }));
  }
  if (!data.projects!.length) delete data.projects;
  if (!data.actuals!.length && !data.execution!.length) {
    delete data.actuals;
    delete data.execution;
  }
  return data;
}

interface Seen {
  order: Map<string, number>;
  units: Set<string>;
  /** Budget lines so far per unit-year and kind, and tasks per unit-year (their numbers). */
  lines: Map<string, number>;
  tasks: Map<string, number>;
}

/** The next number of a counter. */
function bump(counts: Map<string, number>, key: string): number {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}

const COUNT_FIELD_ZH = { 年末在职人数: "年末在职人数", 内设机构数: "内设机构数" } as const;

/** A whole number of the head (年末在职人数, 内设机构数); an error finding when it is not one. */
function count(v: { value: string; cell: Cell } | undefined, zh: keyof typeof COUNT_FIELD_ZH, note: Note): number | null {
  if (!v || v.value === "") return null;
  if (!/^\d+$/.test(v.value)) {
    note("error", "unit.count_unreadable", { label: zh, text: v.value }, v.cell.row, v.cell.col + 1);
    return null;
  }
  return Number(v.value);
}

function addForm(data: Dataset, form: FormRead, file: string, status: DataStatus, note: Note, seen: Seen): void {
  const { head, year, kind } = form;
  const isProject = kind.startsWith("project");
  const bodyField = isProject ? head.implementer ?? head.unit ?? head.supervisor : head.unit ?? head.implementer ?? head.supervisor;
  if (!bodyField) {
    throw new ImportError(
      isProject ? `${file}：找不到填报主体（实施单位、预算单位或主管部门）` : `${file}：找不到单位名称（填报主体：单位名称或部门名称）`,
      `${file}: no body found (${isProject ? "实施单位, 预算单位 or 主管部门" : "单位名称 or 部门名称"})`,
      { file, row: form.firstRow },
    );
  }
  if (!form.table && !form.funding.length) {
    if (!form.title) throw new ImportError(`${file}：找不到指标表的表头（一级指标/二级指标/三级指标）`, `${file}: no indicator table header found (一级指标/二级指标/三级指标)`, { file, row: form.firstRow });
    note("error", "form.no_indicator_table", {}, form.firstRow);
  }
  const body = splitCode(bodyField.value);
  const code = body.code ?? (head.code ? head.code.value : null);
  const uid = unitId(body.name);
  // A unit's source is the row that names it, as the canonical tables keep it (a unit read back from them has no column).
  const source = { file, row: bodyField.cell.row };
  const unitYear = `${uid}|${year}`;
  if (!seen.units.has(unitYear)) {
    seen.units.add(unitYear);
    data.units.push({
      id: uid, name: body.name, year, fundingMethod: head.funding_method?.value ?? null,
      duties: form.texts.duties ?? [], goals: isProject ? [] : [...(form.texts.goal_overall ?? []), ...(form.texts.goal_annual ?? []), ...(form.texts.goal_expected ?? [])],
      staffCount: count(head.staff_count, "年末在职人数", note), orgCount: count(head.org_count, "内设机构数", note), status, source, ...(code ? { code } : {}), formKind: kind,
    });
  }
  if (!isProject) {
    // A field the form prints but leaves empty (单位职责, 年度履职目标): said, as the reviewer's checks say it of a table without them.
    const empty = (fields: TextField[]) => fields.some((f) => form.printed[f]) && fields.every((f) => !form.texts[f]?.length);
    const at = (fields: TextField[]) => fields.map((f) => form.printed[f]).find(Boolean)!;
    if (empty(["duties"])) note("warning", "unit.no_duties", {}, at(["duties"]).row, undefined, uid);
    const goals: TextField[] = ["goal_overall", "goal_annual", "goal_expected"];
    if (empty(goals)) note("warning", "unit.no_goals", {}, at(goals).row, undefined, uid);
  }
  let projectId: string | null = null;
  let scopeName = body.name;
  if (isProject) {
    const named = head.project ? splitCode(head.project.value) : null;
    const name = named?.name ?? FORM_KIND_ZH[kind];
    if (!head.project) note("warning", "project.no_name", {}, form.firstRow);
    const pcode = head.project_code ? splitCode(head.project_code.value).name : named?.code ?? null;
    projectId = `p${fnv1a([body.name, pcode ?? name].join("\u001f"))}`;
    scopeName = `${body.name}\u001f${name}`;
    const project: Project = {
      id: projectId, unitId: uid, year, name, code: pcode,
      supervisor: head.supervisor ? splitCode(head.supervisor.value).name : null,
      implementer: head.implementer ? splitCode(head.implementer.value).name : null,
      period: head.period?.value ?? null, projectType: head.project_type?.value ?? head.project_attr?.value ?? null, formKind: kind,
      goals: {
        longTerm: form.texts.goal_long ?? [],
        annual: [...(form.texts.goal_annual ?? []), ...(form.texts.goal_overall ?? []), ...(form.texts.goal_expected ?? [])],
        actual: form.texts.goal_actual ?? [],
      },
      level1Weights: form.table?.level1Weights ?? {},
      status, source: { file, row: head.project?.cell.row ?? form.firstRow, column: (head.project?.cell.col ?? 0) + 1 },
    };
    data.projects!.push(project);
  }
  const scope = projectId ? { projectId } : {};

  // Funding: a declaration's budget lines (a unit form), or the execution block of a progress form.
  const period = PERIOD_OF[kind.split("_")[1]];
  checkFunding(form.funding, note);
  if (!period && !isProject) checkGroups(form.funding, note);
  if (!period) {
    // A declaration's budget: the unit's, or the project's (its lines carry the project).
    form.funding.forEach((l, k) => {
      const v = l.values.amount ?? l.values.budget_full_year ?? l.values.budget_initial;
      if (!v || v.fen === null) return;
      // A unit's own lines are numbered by kind within its unit-year (b…-2026-source-2); a project's are keyed by the project.
      const n = projectId ? 0 : bump(seen.lines, `${unitYear}|${l.kind}`);
      const id = projectId ? `b${fnv1a([projectId, year, l.item, k].join("\u001f"))}` : `b${uid.slice(1)}-${year}-${l.kind}-${n}`;
      const line: BudgetLine = { id, unitId: uid, year, kind: l.kind, item: l.item, amountFen: v.fen, source: { file, row: l.row, column: v.cell.col + 1 }, ...scope };
      data.budget.push(line);
    });
  }
  const month = form.fundingMonth ?? form.table?.header.month ?? null;
  const asOf = period === "yearend" ? `${year}-12-31` : period === "midyear" && month ? lastDay(year, month) : null;
  if (period) {
    for (const l of form.funding) {
      const v = l.values;
      const line: ExecutionLine = {
        unitId: uid, unitName: body.name, year, period, asOf, item: l.item,
        budgetInitialFen: v.budget_initial?.fen ?? null, budgetFullYearFen: v.budget_full_year?.fen ?? null, executedFen: v.executed?.fen ?? null,
        declaredRate: given(v.rate?.text), weight: given(v.weight?.text), declaredScore: given(v.score?.text), declaredTotal: l.kind === "total" ? form.table?.declaredTotal ?? null : null,
        status, source: { file, row: l.row, column: l.cell.col + 1 }, ...scope,
      };
      data.execution!.push(line);
    }
  }

  // Tasks (a unit form's 年度履职目标 rows) and their amounts against the budget.
  form.tasks.forEach((t) => {
    const order = bump(seen.tasks, unitYear);
    const content = t.cells.content !== undefined ? plainText(t.cells.content) : [t.cells.duty, t.cells.item].filter(Boolean).join("；");
    const task: Task = { id: `t${uid.slice(1)}-${year}-${order}`, unitId: uid, year, order, name: plainText(t.cells.task ?? t.cells.item ?? ""), content, source: { file, row: t.row } };
    data.tasks.push(task);
  });
  checkTasks(form, note);

  // Template leftovers, wherever they were: one finding.
  const leftovers = [...form.placeholders, ...(form.table?.placeholders ?? [])].sort((a, b) => a - b);
  if (leftovers.length) note("info", "form.placeholder_rows", { count: leftovers.length }, leftovers[0]);

  // Indicators: as declared (a progress form restates them), and the results as actuals.
  const table = form.table;
  if (table) {

    for (const g of table.emptyGroups) note("info", "indicator.empty_group", { level2: g.level2 }, g.row);
    // A 二级 with no 一级 above it that none can be implied from: the canonical tables cannot hold it without one.
    for (const g of table.blankLevel1) if (!g.implied) note("warning", "indicator.no_level1", { text: g.level2 }, g.row);
    for (const g of table.blankLevel1) note("info", "indicator.blank_level1", { level2: g.level2, implied: g.implied ?? null }, g.row);
    checkTargets(table, note);
    let filled = 0;
    const hasLevel2Column = [...table.header.cols.values()].includes("l2");
    let inNoLevel2 = false;
    table.rows.forEach((r) => {
      r.name = r.name === null ? null : plainText(r.name);
      // A target with no 三级 name above it (the name cell left empty): kept, and said.
      const target = given(r.target);
      if (r.name === null && target) note("error", "indicator.no_name", { text: target }, r.row, (r.cells.target?.col ?? 0) + 1);
      // Named indicators under no 二级 in a table that has a 二级 column (their group's label left out): said once, at the first.
      const noLevel2 = r.name !== null && r.level2 === "" && hasLevel2Column;
      if (noLevel2 && !inNoLevel2) note("warning", "indicator.no_level2", {}, r.row, (r.cells.name?.col ?? 0) + 1);
      inNoLevel2 = noLevel2;
      const id = indicatorId(scopeName, r.level1, r.level2, r.name);
      const src = { file, row: r.row, column: r.column };
      const ind: Indicator = {
        id, unitId: uid, year, order: (seen.order.get(unitYear) ?? 0) + 1, level1: r.level1, level2: r.level2, name: r.name,
        target, parsed: parseTarget(target, year),
        note: r.note !== undefined ? r.note : [given(r.longTarget) ? `实施期指标值：${given(r.longTarget)}` : null, given(r.explanation) ? `指标解释：${given(r.explanation)}` : null].filter(Boolean).join("；") || null,
        source: src, ...scope, ...(given(r.values.weight) ? { weight: r.values.weight } : {}),
      };
      seen.order.set(unitYear, ind.order);
      data.indicators.push(ind);
      if (!period) return;
      const v = Object.fromEntries(Object.entries(r.values).map(([k, x]) => [k, given(x) ?? undefined])) as typeof r.values;
      const actualText = v.actual ?? null;
      // An item the body scored with no target (an evaluation framework's: 得分, no 实际完成值) is filled in too, as the
      // scoring takes it (score_from_form); a 得分 beside a target with no actual is not.
      if (actualText || v.executed_to_date || v.expected_annual || v.likelihood || scoredByBody(ind.parsed, false, v.score)) filled++;
      const likelihood = v.likelihood ? readLikelihood(v.likelihood) : null;
      if (v.likelihood && !likelihood) note("warning", "actual.bad_likelihood", { text: v.likelihood.slice(0, 20) }, r.row);
      const actual: Actual = {
        indicatorId: id, unitId: uid, unitName: body.name, year, period, asOf, level1: r.level1, level2: r.level2, name: r.name, target: ind.target,
        executedToDate: v.executed_to_date ?? null, expectedAnnual: v.expected_annual ?? null, likelihood, deviationKinds: [],
        deviationReason: v.deviation ?? v.remark ?? null, correctiveAction: v.corrective_action ?? null,
        actual: actualText, completeRate: v.complete_rate ?? null, weight: v.weight ?? null, declaredScore: v.score ?? null,
        grade: v.grade ? readGrade(v.grade) : null, notApplicable: actualText === "不适用", status, source: src, ...scope,
      };
      data.actuals!.push(actual);
    });
    if (period === "yearend" && table.rows.length && filled === 0) {
      note("warning", "form.not_filled", { kind }, table.header.row);
    }
  }
}

/**
 * A total row that contradicts its parts: a finding that shows both. Its parts are the sub-rows under it (其中 …), or,
 * for a total that closes its group (收入构成 财政拨款 | 其他资金 | 合计), the rows of the group above it; every amount
 * column is compared, a block's further columns (近两年 `2021 年 | 2022 年`) too.
 */
function checkFunding(lines: readonly FundingLine[], note: Note): void {
  lines.forEach((total, k) => {
    if (total.kind !== "total") return;
    const after = lines.slice(k + 1).filter((l) => l.kind === "source");
    let before: FundingLine[] = [];
    for (let j = k - 1; j >= 0 && lines[j].kind !== "total"; j--) before.unshift(lines[j]);
    if (new Set(before.map((l) => l.kind)).size > 1) before = [];
    // The first total keeps its sub-rows below it (as before); a later one is checked against the group it closes.
    const parts = k === lines.findIndex((l) => l.kind === "total") && after.length ? after : before;
    if (!parts.length) return;
    const compare = (t: FundingValue | undefined, values: (FundingValue | undefined)[], field: Field | number) => {
      const ps = values.map((v) => v?.fen).filter((x): x is bigint => x !== null && x !== undefined);
      if (!t || t.fen === null || !ps.length) return;
      const sum = sumFen(ps);
      if (sum > t.fen) {
        const params = { item: total.item, total: String(t.fen), sum: String(sum) };
        note("warning", "funding.total_contradicts_parts", typeof field === "number" ? { ...params, field: "column", column: field } : { ...params, field }, total.row, t.cell.col + 1);
      }
    };
    for (const field of ["budget_initial", "budget_full_year", "executed", "amount"] as const) compare(total.values[field], parts.map((p) => p.values[field]), field);
    for (const [col, t] of total.more ?? []) compare(t, parts.map((p) => p.more?.get(col)), col + 1);
  });
}

type Field = "budget_initial" | "budget_full_year" | "executed" | "amount";

/**
 * A declaration that lays its budget out in groups (`1、资金来源：…`, `2、资金结构：…`) and prints one group without the
 * other: the missing one said, against the total (a form with no group labels, or none of either, has nothing missing).
 */
function checkGroups(lines: readonly FundingLine[], note: Note): void {
  const total = lines.find((l) => l.kind === "total");
  if (!total || !lines.some((l) => l.grouped)) return;
  const at = total.values.amount?.cell ?? total.cell;
  if (!lines.some((l) => l.kind === "source")) note("warning", "budget.no_source", {}, total.row, at.col + 1);
  if (!lines.some((l) => l.kind === "structure")) note("warning", "budget.no_structure", {}, total.row, at.col + 1);
}

/** Task rows' amounts against the declared budget: 基本支出 rows against 基本支出, the rest against 项目支出. */
function checkTasks(form: FormRead, note: Note): void {
  const withAmount = form.tasks.filter((t) => t.amount !== null);
  if (!withAmount.length) return;
  const budget = (item: string) => form.funding.find((l) => l.item === item)?.values.amount?.fen ?? null;
  const basic = withAmount.filter((t) => /基本支出/.test(t.cells.item ?? ""));
  const project = withAmount.filter((t) => !/基本支出/.test(t.cells.item ?? ""));
  for (const [item, rows] of [["基本支出", basic], ["项目支出", project]] as const) {
    const declared = budget(item);
    if (declared === null || !rows.length) continue;
    const sum = sumFen(rows.map((r) => r.amount!));
    if (sum !== declared) {
      note("warning", "budget.lines_disagree", { item, sum: String(sum), declared: String(declared) }, rows[0].row);
    }
  }
}

/** A bare 1 (or 0.9) in a target column that otherwise holds percentages: a percentage cell that lost its format. */
function checkTargets(table: IndicatorTable, note: Note): void {
  const targets = table.rows.map((r) => r.target).filter((t): t is string => !!t);
  if (!targets.some((t) => /%/.test(t))) return;
  for (const r of table.rows) {
    if (r.target && /^(0(\.\d+)?|1(\.0+)?)$/.test(r.target.trim())) {
      note("warning", "target.lost_percent_format", { label: r.name ?? r.level2, target: r.target }, r.row, (r.cells.target?.col ?? 0) + 1);
    }
  }
}
