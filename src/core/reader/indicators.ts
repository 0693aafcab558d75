// The indicator table, wherever it starts: its header found by label at any
// column (one or two header rows; a merged `绩效指标` or `本年度绩效指标` frame in
// front is skipped), rows placed by that header, 一级/二级 carried down from
// merged cells, points in 一级 labels kept as the group's weight, 二级 categories
// typed into the name column recognised, targets split over columns joined,
// template placeholders skipped, and the table ended by its footer.
import type { Cell, Row } from "./grid.ts";
import { ITEM_LEVEL1, admits, isKnownLevel2, isLevel1Label, looksLikeLevel2, parentOf } from "../vocabulary.ts";
import { parseTarget } from "../target.ts";
import type { FindingParams, Severity } from "../model.ts";
import type { FindingCode, ParamsOf } from "../findingText.ts";
import { indicatorField, level1Of, level2Of, monthOf, textField, type IndicatorField } from "./synonyms.ts";

export interface IndicatorHeader {
  cols: Map<number, IndicatorField>;
  /** Month N of a `1-N月执行情况` column. */
  month: number | null;
  /** Index (in the form's rows) of the first row after the header. */
  next: number;
  row: number;
}

export interface IndicatorRow {
  level1: string;
  level2: string;
  name: string | null;
  target: string | null;
  longTarget: string | null;
  explanation: string | null;
  values: Partial<Record<IndicatorField, string>>;
  row: number;
  /** The column of the cell that names the indicator (1-based for findings). */
  column: number;
  cells: Partial<Record<IndicatorField, Cell>>;
  /** A note the row carries itself (the basis text of a 投入管理 item). */
  note?: string | null;
}

/** A finding about how the table's cells were placed, for the caller to record (its code and params checked by tableNote). */
export interface TableNote {
  severity: Severity;
  code: FindingCode;
  params: FindingParams;
  row: number;
  column?: number;
}

const tableNote = <C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, row: number, column?: number): TableNote => ({ severity, code, params: params as FindingParams, row, column });

export interface IndicatorTable {
  header: IndicatorHeader;
  rows: IndicatorRow[];
  /** Points written in 一级 labels (`产出指标(50分)`). */
  level1Weights: Record<string, string>;
  /** Placeholder rows skipped (`指标1`, `……`, instruction text). */
  placeholders: number[];
  /** 二级 rows with no indicator under them. */
  emptyGroups: { level2: string; row: number }[];
  /** 二级 groups under a 一级 column left blank on the form; `implied` is the 一级 the 二级 belongs to, which they are read under. */
  blankLevel1: { level2: string; implied: string | null; row: number }[];
  /** Rows after the table: total (总分) and footers, read by the caller. */
  end: number;
  declaredTotal: string | null;
  /** How cells were placed where the table's columns did not hold them (layout.shifted, layout.repeated_header …), in row order. */
  notes: TableNote[];
}

const LEVELS = new Set<IndicatorField>(["l1", "l2", "name"]);

function headerFields(r: Row): Map<number, IndicatorField> {
  const cols = new Map<number, IndicatorField>();
  // 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值: a 分值 after a 一级/二级 column is that level's points; the
  // indicator's is the one after its name column.
  const fields = r.cells.map((c) => indicatorField(c.label.key));
  const nameCol = r.cells.find((_c, k) => fields[k] === "name")?.col ?? null;
  const weights = r.cells.filter((_c, k) => fields[k] === "weight");
  const weightCol = nameCol !== null && weights.length > 1 ? (weights.find((c) => c.col > nameCol) ?? weights[0]).col : null;
  r.cells.forEach((c, k) => {
    let f = fields[k];
    if (weightCol !== null && c.col !== weightCol && f === "weight") return;
    // Long-term and annual column sets side by side: the annual set is the year's; the long-term target is kept beside it.
    if (c.label.set === "long") f = f === "target" ? "long_target" : null;
    if (f && f !== "frame") {
      // Two columns of one field: the second target is the year's when the first is the long-term one, else kept as is.
      if ([...cols.values()].includes(f)) return;
      cols.set(c.col, f);
    }
  });
  return cols;
}

/** The header of an indicator table at row i, or null when row i is not one. */
export function indicatorHeader(rows: readonly Row[], i: number): IndicatorHeader | null {
  const cols = headerFields(rows[i]);
  const levels = [...cols.values()].filter((f) => LEVELS.has(f)).length;
  if (levels === 0 || cols.size < 2) {
    // A frame row (绩效指标 | 年度指标值 …) whose level labels are in the row below.
    const below = rows[i + 1];
    if (!below || !rows[i].cells.some((c) => indicatorField(c.label.key))) return null;
    const sub = headerFields(below);
    if (![...sub.values()].some((f) => LEVELS.has(f))) return null;
    for (const [c, f] of cols) if (!sub.has(c) && ![...sub.values()].includes(f)) sub.set(c, f);
    return sub.size >= 2 ? { cols: sub, month: monthIn(rows[i], below), next: i + 2, row: below.row } : null;
  }
  // A second header row under this one (指标性质 | 指标值 | 度量单位 under a merged 年度指标值).
  const below = rows[i + 1];
  let next = i + 1;
  if (below && below.cells.length && below.cells.every((c) => indicatorField(c.label.key) !== null)) {
    for (const [c, f] of headerFields(below)) {
      if (f === "target" && [...cols.values()].includes("long_target") && !cols.has(c)) cols.set(c, "target");
      else cols.set(c, f);
    }
    next = i + 2;
  }
  return { cols, month: monthIn(rows[i], below), next, row: rows[i].row };
}

function monthIn(...rows: (Row | undefined)[]): number | null {
  for (const r of rows) for (const c of r?.cells ?? []) if (indicatorField(c.label.key) === "executed_to_date" && monthOf(c.label.key)) return monthOf(c.label.key);
  return null;
}

/** 指标1, 指标2, ……, (填写说明), 请填写…: template leftovers, never indicators. */
export function isPlaceholder(text: string): boolean {
  const t = text.replace(/\s/g, "");
  const rest = t.replace(/^(指标|三级指标|二级指标)\d*[:：]?/, "").replace(/^[①②③④⑤⑥⑦⑧⑨⑩]/, "");
  return rest === "" || /^[/\\\-—–_.…。·、]+$/.test(rest) || /^(指标|三级指标|二级指标)\d*$/.test(t) || /^[.…。·、\-—_]+$/.test(t) || /^[(（].*[)）]$/.test(t) || /^(请|填写|注[:：]|例[:：]|如[:：])/.test(t);
}

const FOOTER_FIELDS = new Set(["conclusion", "problems", "measures", "review", "signature", "note"]);
const TOTAL = /^(总分|合计|总计|得分合计|综合得分|总得分|自评总分)$/;

/** True when the row ends the indicator table: a footer label (评价结论, 项目负责人, 注 …) in its first cell. */
export function isFooter(r: Row): boolean {
  const first = r.cells[0];
  if (!first) return false;
  const f = textField(first.label.key) ?? textField(first.label.key.split(/[:：]/)[0]);
  return (f !== null && FOOTER_FIELDS.has(f)) || /^(注|说明|备注)[:：\d]/.test(first.text);
}

/** Joins a target split over columns: 指标性质 `≥` | 指标值 `100` | 度量单位 `%` → `≥100%`. */
const sign = (op: string | undefined) =>
  (op ?? "").trim().replace(/^(大于等于|不低于|不少于)$/, "≥").replace(/^(小于等于|不高于|不多于|不超过)$/, "≤").replace(/^(等于)$/, "=").replace(/^(大于)$/, ">").replace(/^(小于)$/, "<").replace(/^(定性|定量|正向|反向)$/, "");

/** 指标性质 | 指标值 | 度量单位 → `=100%`; the sign from 指标方向 when 指标性质 gives none (`正向` | `大于等于` | `1` → `≥1`). */
function joinTarget(op: string | undefined, dir: string | undefined, value: string | undefined, unit: string | undefined): string | null {
  if (!value) return null;
  if (!op && !dir && !unit) return value;
  const o = sign(op) || sign(dir);
  return `${o}${value}${unit && !value.endsWith(unit) ? unit : ""}`;
}

/**
 * A header whose 一级 label stands over the 二级 column (绩效目标 | 评价指标 over
 * 投入 | 成本目标): when the rows under the 一级 column hold 二级 names and the
 * column left of it holds 一级 names, the levels are moved one column left.
 */
function realignLevels(rows: readonly Row[], header: IndicatorHeader): IndicatorHeader {
  const at = (f: IndicatorField) => [...header.cols].find(([, x]) => x === f)?.[0];
  const c = at("l1");
  if (c === undefined || c === 0 || header.cols.has(c - 1) && header.cols.get(c - 1) !== "frame") return header;
  let l1Here = 0;
  let l2Here = 0;
  let l1Left = 0;
  for (const r of rows.slice(header.next, header.next + 40)) {
    for (const cell of r.cells) {
      if (cell.col === c && level2Of(cell.label.key) && !level1Of(cell.label.key)) l2Here++;
      if (cell.col === c && level1Of(cell.label.key)) l1Here++;
      if (cell.col === c - 1 && level1Of(cell.label.key)) l1Left++;
    }
  }
  if (!(l2Here > 0 && l1Here === 0 && l1Left > 0)) return header;
  const cols = new Map(header.cols);
  cols.set(c - 1, "l1");
  if (at("l2") === undefined || at("l2") === c) cols.set(c, "l2");
  return { ...header, cols };
}

const isLevel1Cell = (c: Cell) => level1Of(c.label.key) !== null || isLevel1Label(c.label.key);
const isLevel2Cell = (c: Cell | undefined) => !!c && (level2Of(c.label.key) !== null || isKnownLevel2(c.label.key) || looksLikeLevel2(c.label.key));

/** A target as forms write them (≥200.00(个), 10月底前, 及时, 健全有效): the text parses as a recognised target. */
function targetLike(text: string): boolean {
  const t = parseTarget(text, 2000); // any year: only the kind matters here
  return t.kind === "quantitative" || t.kind === "deadline" || (t.kind === "qualitative" && t.recognised);
}

interface Placed {
  l1: Cell | undefined;
  l2: Cell | undefined;
  names: Cell[];
  target: Cell | null;
}

/**
 * A row whose cells stand left of their columns (a 三级 name in the 一级 or 二级 column, its target in the name
 * column; a 二级 label in the 一级 column): placed by content as the framework's labels tell, left to right —
 * 一级 labels, 二级 labels, then the name and, last, the target. Null when the row fits its columns, or when its
 * last cell does not read as a target (then the columns are trusted).
 */
function placeByContent(r: Row, colOf: Map<IndicatorField, number>, level1: string, level2: string): Placed | null {
  const nameCol = colOf.get("name");
  const targetCol = colOf.get("target");
  const l2Col = colOf.get("l2");
  if (nameCol === undefined || targetCol === undefined || l2Col === undefined || targetCol < nameCol) return null;
  // Cells beyond the table's last column (a ragged row): joined into the name, the last one the target.
  const lastCol = Math.max(...colOf.values());
  const beyond = targetCol === lastCol && r.cells.some((c) => c.col > lastCol);
  if (!beyond && r.cells.some((c) => c.col > targetCol)) return null;
  let l1: Cell | undefined;
  let l2: Cell | undefined;
  const rest: Cell[] = [];
  for (const c of r.cells) {
    const asLevel2 = isLevel2Cell(c) && (admits(level1, level2Of(c.label.key) ?? c.label.key) || !isLevel1Cell(c));
    if (c.col <= l2Col && !rest.length && isLevel1Cell(c) && !asLevel2) l1 = c;
    else if (c.col <= l2Col && !rest.length && !l2 && asLevel2) l2 = c;
    else rest.push(c);
  }
  if (beyond && rest.length >= 2) return { l1, l2, names: rest.slice(0, -1), target: rest[rest.length - 1] };
  // A lone text in a level column under a current group, that is no label of either level and no points: a 三级 name.
  if (rest.length === 1 && !l1 && !l2 && level2 && rest[0].col < nameCol && !rest[0].label.points && !targetLike(rest[0].text)) {
    return { l1, l2, names: rest, target: null };
  }
  const misplaced = rest.some((c) => c.col < nameCol) || (l2 !== undefined && l2.col !== l2Col);
  if (!misplaced || rest.length < 2) return null;
  const target = rest[rest.length - 1];
  const hasName = r.cells.some((c) => c.col === nameCol);
  const hasTarget = r.cells.some((c) => c.col === targetCol);
  if ((hasName && hasTarget) || !targetLike(target.text)) return null;
  return { l1, l2, names: rest.slice(0, -1), target };
}

export function readIndicatorTable(rows: readonly Row[], found: IndicatorHeader): IndicatorTable {
  const header = realignLevels(rows, found);
  const colOf = new Map<IndicatorField, number>();
  for (const [c, f] of header.cols) colOf.set(f, c);
  const hasLevel2Column = colOf.has("l2");
  const out: IndicatorRow[] = [];
  const level1Weights: Record<string, string> = {};
  const placeholders: number[] = [];
  const emptyGroups: { level2: string; row: number }[] = [];
  const blankLevel1: IndicatorTable["blankLevel1"] = [];
  // Whether a 一级 cell was met yet (one holding only its points counts): a 一级 column left blank is said.
  let l1Cell = false;
  let l1 = "";
  let l2 = "";
  let l2Row = 0;
  let l2Count = 0;
  let declaredTotal: string | null = null;
  let pendingPoints: string | null = null;
  const notes: TableNote[] = [];
  const fieldsOf = (h: IndicatorHeader) => [...new Set(h.cols.values())].sort().join();
  const closeGroup = () => {
    if (l2 && l2Count === 0) emptyGroups.push({ level2: l2, row: l2Row });
  };
  let i = header.next;
  for (; i < rows.length; i++) {
    const r = rows[i];
    if (!r.cells.length) continue;
    if (isFooter(r)) break;
    const firstKey = r.cells[0].label.key;
    if (TOTAL.test(firstKey)) {
      const nums = r.cells.slice(1).filter((c) => /^[\d.]+$/.test(c.label.key));
      if (nums.length) declaredTotal = nums[nums.length - 1].text;
      continue;
    }
    const again = indicatorHeader(rows, i);
    if (again && fieldsOf(again) === fieldsOf(found)) {
      // The header repeated at the top of a later page: skipped.
      notes.push(tableNote("info", "layout.repeated_header", {}, r.row, 1));
      i = again.next - 1;
      continue;
    }
    if (again) break; // a new table is the caller's to read
    let at: Partial<Record<IndicatorField, Cell>> = {};
    for (const c of r.cells) {
      const f = header.cols.get(c.col);
      if (f) at[f] = c;
    }
    // Markup in a cell of the table is dropped, and said.
    for (const c of r.cells) if (c.markup) notes.push(tableNote("info", "text.markup_stripped", {}, r.row, c.col + 1));
    const placed = placeByContent(r, colOf, l1, l2);
    let placedName: { text: string; col: number } | null = null;
    if (placed) {
      at = { ...(placed.l1 ? { l1: placed.l1 } : {}), ...(placed.l2 ? { l2: placed.l2 } : {}), ...(placed.target ? { target: placed.target } : {}) };
      if (placed.names.length) placedName = { text: placed.names.map((c) => c.text).join(" "), col: placed.names[0].col };
      if (placed.l2 && placed.l2.col !== colOf.get("l2")) {
        notes.push(tableNote("info", "layout.shifted", { variant: "level2_moved", text: placed.l2.text, fromLevel1: placed.l2.col === colOf.get("l1") }, r.row, placed.l2.col + 1));
      }
      if (placed.names.length > 1) notes.push(tableNote("warning", "layout.extra_cells", { variant: "joined" }, r.row, placed.names[1].col + 1));
    }
    if (at.l1) {
      l1Cell = true;
      const key = at.l1.label.key;
      closeGroup();
      l1 = level1Of(key) ?? key;
      pendingPoints = at.l1.label.points;
      if (l1 && pendingPoints) level1Weights[l1] = pendingPoints;
      l2 = "";
      l2Count = 0;
    }
    let nameCell = at.name;
    if (at.l2 && ITEM_LEVEL1.has(l1)) {
      // A 一级 whose 二级 rows are themselves the items (投入管理指标): no 三级 name, no target; what else the row says is its note.
      closeGroup();
      l2 = level2Of(at.l2.label.key) ?? at.l2.label.key;
      l2Row = r.row;
      l2Count = 1;
      const rest = r.cells.filter((c) => c !== at.l1 && c !== at.l2 && c.col !== colOf.get("weight") && c.col !== colOf.get("score"));
      out.push({ ...rowOf(r, at, l1, l2, null), target: null, note: rest.map((c) => c.text).join(" ") || null, column: (colOf.get("l2") ?? at.l2.col) + 1 });
      continue;
    }
    if (at.l2) {
      closeGroup();
      const key = at.l2.label.key;
      l2 = level2Of(key) ?? key;
      l2Row = r.row;
      l2Count = 0;
      // A 一级 cell holding only its points (`(50分)`): the 一级 is the one the 二级 belongs to.
      // A 一级 column left blank on the form (no 一级 cell above at all): the same, and the caller says so.
      if (!l1 && colOf.has("l1") && !l1Cell) blankLevel1.push({ level2: l2, implied: parentOf(l2) ?? null, row: r.row });
      if (!l1 && parentOf(l2)) {
        l1 = parentOf(l2)!;
        if (pendingPoints) level1Weights[l1] = pendingPoints;
      }
      // 满意度指标 written as a 二级 of 效益指标 stays there; a 二级 that is a known 一级 with no 一级 column sets both.
      if (!colOf.has("l1") && level1Of(key) && !level2Of(key)) l1 = level1Of(key)!;
    } else if (!hasLevel2Column && nameCell && level2Of(nameCell.label.key)) {
      // 二级 categories typed into the name column (质量 | 时效 | 成本): the row is the 二级 group's indicator.
      closeGroup();
      l2 = level2Of(nameCell.label.key)!;
      l2Row = r.row;
      l2Count = 1;
      nameCell = undefined;
      out.push(rowOf(r, at, l1, l2, null));
      continue;
    }
    const name = placedName ? placedName.text : nameCell ? nameCell.text.replace(/\s*\n\s*/g, "") : null;
    if (name !== null && isPlaceholder(name)) {
      placeholders.push(r.row);
      continue;
    }
    const hasData = ["target", "actual", "weight", "score", "executed_to_date", "expected_annual", "likelihood"].some((f) => at[f as IndicatorField]);
    if (name === null) {
      if (hasData && l2) {
        // A row with figures but no 三级 name: the 二级 itself is the item (投入管理-style).
        l2Count++;
        out.push(rowOf(r, at, l1, l2, null));
      }
      continue;
    }
    l2Count++;
    if (placedName) {
      const target = placed?.target;
      if (placedName.col !== colOf.get("name")) {
        notes.push(tableNote("info", "layout.shifted", { variant: "name_placed", text: name, column: placedName.col + 1, level1: l1, level2: l2 }, r.row, placedName.col + 1));
      } else if (target && target.col !== colOf.get("target")) {
        notes.push(tableNote("info", "layout.shifted", { variant: "target", column: target.col + 1 }, r.row, target.col + 1));
      }
      out.push({ ...rowOf(r, at, l1, l2, name), column: placedName.col + 1 });
      continue;
    }
    out.push(rowOf(r, at, l1, l2, name));
  }
  closeGroup();
  return { header, rows: out, level1Weights, placeholders, emptyGroups, blankLevel1, end: i, declaredTotal, notes };
}

function rowOf(r: Row, at: Partial<Record<IndicatorField, Cell>>, level1: string, level2: string, name: string | null): IndicatorRow {
  const values: Partial<Record<IndicatorField, string>> = {};
  for (const [f, c] of Object.entries(at) as [IndicatorField, Cell][]) values[f] = c.text;
  // A 计量单位 column after the 实际完成值 column is the unit of both: the target is its own cell (with its sign).
  const unitOfTarget = !(at.target_unit && at.actual && at.target_unit.col > at.actual.col);
  const target = joinTarget(values.target_op, values.target_dir, values.target, unitOfTarget ? values.target_unit : undefined);
  const named = at.name ?? at.l2 ?? r.cells[0];
  return {
    level1, level2, name, target, longTarget: values.long_target ?? null, explanation: values.explanation ?? null,
    values, row: r.row, column: named.col + 1, cells: at,
  };
}
