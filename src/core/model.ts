// The typed model every part of Jixiao reads: the importer writes it, the
// canonical tables store it, the query layer and the pages read it.
// DOM-free and dependency-free; money is integer fen (bigint), never a float.

/** Where a value came from: file name, 1-based row (line of the record's start) and column. */
export interface Location {
  file: string;
  row?: number;
  column?: number;
}

export type Severity = "error" | "warning" | "info";

/** What a data-quality check or the importer has to say, with where it applies. */
export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. `budget.sources_mismatch`. */
  code: string;
  /** Chinese message (shown first). */
  message: string;
  /** English message (beside it). */
  messageEn: string;
  location: Location;
  /** Id of the unit, budget line, task or indicator the finding is about, if any. */
  subject?: string;
}

export interface Unit {
  /** Stable id derived from the unit name (same across years). */
  id: string;
  name: string;
  year: number;
  /** 财政资金拨款方式, e.g. 全额. */
  fundingMethod: string | null;
  /** 单位职责 as plain-text paragraphs (HTML stripped). */
  duties: string[];
  /** 年度履职目标 as plain-text paragraphs. */
  goals: string[];
  /** 年末在职人数. */
  staffCount: number | null;
  /** 内设机构数. */
  orgCount: number | null;
  /** declared = real data as received; sample = illustrative (示例数据). */
  status: DataStatus;
  source: Location;
}

export type DataStatus = "declared" | "sample";

export type BudgetKind = "total" | "source" | "structure";

export interface BudgetLine {
  id: string;
  unitId: string;
  year: number;
  kind: BudgetKind;
  /** The label as declared, e.g. 基本支出, 财政拨款, 部门整体预算总额. */
  item: string;
  /** Exact amount in fen (1/100 yuan). */
  amountFen: bigint;
  source: Location;
}

export interface Task {
  id: string;
  unitId: string;
  year: number;
  /** 1-based order in the form. */
  order: number;
  name: string;
  /** 主要内容, page-break continuations joined. */
  content: string;
  source: Location;
}

export type Operator = ">=" | "<=" | "=" | ">" | "<";

/** Which way is better: higher (≥ >), lower (≤ <), or exactly equal (=). */
export type Direction = "higher" | "lower" | "equal";

export type ParsedTarget =
  | {
      kind: "quantitative";
      op: Operator;
      /** Exact decimal as a string, normalised (e.g. "200.00", "-1.5", "685.74"). */
      value: string;
      /** Unit of measure as declared inside the brackets (个, 元, 万元, 率, 百分比, %); null if none. */
      unit: string | null;
      direction: Direction;
    }
  | {
      kind: "deadline";
      /** ISO date (yyyy-mm-dd): the last day the target allows. */
      date: string;
      /** The year the text names, or null when implied by the declaration's year (e.g. 10月底前). */
      explicitYear: number | null;
    }
  | {
      kind: "qualitative";
      /** Normalised qualitative wording (e.g. 提升, 健全有效, 满意, 及时). */
      text: string;
      /** False when the text fitted none of the known forms (a finding goes with it). */
      recognised: boolean;
    }
  | { kind: "none" };

export type TargetKind = ParsedTarget["kind"];

export interface Indicator {
  /** Stable id: the same unit, 一级, 二级 and name give the same id in every year. */
  id: string;
  unitId: string;
  year: number;
  /** 1-based order within the unit's declaration. */
  order: number;
  level1: string;
  level2: string;
  /** 三级 name as declared; null where the form has none (投入管理 items). */
  name: string | null;
  /** Declared target text, trimmed; null where none. */
  target: string | null;
  parsed: ParsedTarget;
  /** A note attached to the row (e.g. the 投入管理 basis text). */
  note: string | null;
  source: Location;
}

/** Everything read from one or more files. */
export interface Dataset {
  units: Unit[];
  budget: BudgetLine[];
  tasks: Task[];
  indicators: Indicator[];
  findings: Finding[];
}

export function emptyDataset(): Dataset {
  return { units: [], budget: [], tasks: [], indicators: [], findings: [] };
}

/** Thrown only when a file cannot be read at all (empty, binary, unknown layout). */
export class ImportError extends Error {
  readonly messageEn: string;
  readonly location: Location;
  constructor(message: string, messageEn: string, location: Location) {
    super(message);
    this.name = "ImportError";
    this.messageEn = messageEn;
    this.location = location;
  }
}
