// The typed model every part of Jixiao reads: the importer writes it, the
// canonical tables store it, the query layer and the pages read it.
// DOM-free and dependency-free; money is integer fen (bigint), never a float.

/** Where a value came from: file name, 1-based row (line of the record's start) and column. */
export interface Location {
  file: string;
  row?: number;
  column?: number;
}

/** A finding's param: a plain JSON value (amounts in fen as decimal strings). */
export type ParamValue = string | number | boolean | null | readonly (string | number)[];
/** What a finding's text says, by name (src/core/findingText.ts renders it). */
export type FindingParams = Readonly<Record<string, ParamValue>>;

export type Severity = "error" | "warning" | "info";

/** What a data-quality check or the importer has to say, with where it applies. */
export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. `budget.source_mismatch`. */
  code: string;
  /** What its text says, as plain JSON values; the zh and en text are rendered from code + params (findingText.ts). */
  params: FindingParams;
  /** The text a file gave (message, message_en), kept as it was: shown before a rendering, and the only text of a code this version does not know. */
  text?: { zh: string; en: string };
  location: Location;
  /** Id of the unit, budget line, task or indicator the finding is about, if any. */
  subject?: string;
  /** The unit year a stored finding was written under (a findings table read without its units keeps it). */
  owner?: { unitId: string; year: number };
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
  /** The budget code written in front of the name (`219001-…`), when the form gives one. */
  code?: string | null;
  /** The kind of form the unit-year was read from, when it was a form. */
  formKind?: FormKind;
}

/** unit (整体支出) or project (项目支出) × declaration (申报表/目标表/审批表), self-evaluation (自评表), monitoring (监控表). */
export const FORM_KINDS = ["unit_declaration", "unit_selfeval", "unit_monitoring", "project_declaration", "project_selfeval", "project_monitoring"] as const;

export type FormKind = (typeof FORM_KINDS)[number];

/** The form kinds' names as the forms write them. */
export const FORM_KIND_ZH: Record<FormKind, string> = {
  unit_declaration: "部门整体支出绩效目标表", unit_selfeval: "部门整体支出绩效自评表", unit_monitoring: "部门整体支出绩效监控表",
  project_declaration: "项目支出绩效目标表", project_selfeval: "项目支出绩效自评表", project_monitoring: "项目支出绩效监控表",
};

/**
 * A project (项目支出) of a unit in one year. Its indicators, its declared funding
 * (BudgetLine) and its execution (ExecutionLine) carry its id as projectId.
 */
export interface Project {
  /** Stable id: the same unit and project code (else name) give the same id in every year. */
  id: string;
  unitId: string;
  year: number;
  name: string;
  /** Budget code of the project, when given. */
  code: string | null;
  /** 主管部门 and 实施单位 as written (codes split off). */
  supervisor: string | null;
  implementer: string | null;
  /** 实施期 as written. */
  period: string | null;
  /** 项目类型 / 项目属性 (the ticked option). */
  projectType: string | null;
  formKind: FormKind;
  /** 实施期目标 / 年度目标 / 实际完成情况, plain-text paragraphs. */
  goals: { longTerm: string[]; annual: string[]; actual: string[] };
  /** Points written in the 一级 labels (`产出指标(50分)`). */
  level1Weights: Record<string, string>;
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
  /** The project whose funding this line declares; absent or null for the unit's own budget. */
  projectId?: string | null;
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
  /** The project the indicator belongs to; absent or null for the unit's own (整体) indicators. */
  projectId?: string | null;
  /** 分值 / 权重 as the declaration gives it, when it does. */
  weight?: string | null;
}

// ---- Progress: 运行监控 (mid-year) and 自评 (year-end) ----

/** midyear = 运行监控 (1–N月执行情况, 全年预计完成); yearend = 自评 (实际完成值, 分值, 得分). */
export type Period = "midyear" | "yearend";

/** 完成目标可能性 as the 运行监控 form offers it. */
export type Likelihood = "确定能" | "有可能" | "完全不可能";

/** 偏差原因 kinds of the 运行监控 form (经费保障, 制度保障, 人员保障, 硬件条件保障, 其他). */
export type DeviationKind = "经费" | "制度" | "人员" | "硬件" | "其他";

/** Grade of a qualitative actual (the same words as scoring's Grade). */
export type ActualGrade = "达成" | "部分达成" | "未达成";

/**
 * What a unit reported for one indicator in one period. Values stay the text
 * as reported (exact); src/core/progress.ts reads them when scoring.
 */
export interface Actual {
  /** The declared indicator's id: as given in the file, or filled in when matched by name; null while unmatched. */
  indicatorId: string | null;
  unitId: string;
  /** 单位名称 when the file names it (not written to the CSV: units.csv has it). */
  unitName?: string;
  year: number;
  period: Period;
  /** ISO date the figures stand at (the last day of month N of “1-N月执行情况”), when known. */
  asOf: string | null;
  level1: string;
  level2: string;
  name: string | null;
  /** 年度指标值 as repeated in the progress file (cross-checked against the declaration). */
  target: string | null;
  /** 1-N月执行情况 / 执行数 (mid-year). */
  executedToDate: string | null;
  /** 全年预计完成情况 (mid-year). */
  expectedAnnual: string | null;
  likelihood: Likelihood | null;
  deviationKinds: DeviationKind[];
  /** 偏差原因 / 原因说明 / 偏差原因分析. */
  deviationReason: string | null;
  /** 纠偏措施 / 改进措施. */
  correctiveAction: string | null;
  /** 实际完成值 (year-end). */
  actual: string | null;
  /** 完成率 as the file states it: a derived figure, only cross-checked. */
  completeRate: string | null;
  /** 分值 as declared in the progress file. */
  weight: string | null;
  /** 得分 the unit gave itself. */
  declaredScore: string | null;
  /** 达成 / 部分达成 / 未达成 for qualitative indicators, when given. */
  grade: ActualGrade | null;
  notApplicable: boolean;
  status: DataStatus;
  source: Location;
  /** The project reported on; absent or null for the unit's own indicators. */
  projectId?: string | null;
}

/** The budget execution block of a progress file: 年初预算数, 全年预算数 (A), 全年执行数 (B), exact fen. */
export interface ExecutionLine {
  unitId: string;
  unitName?: string;
  year: number;
  period: Period;
  asOf: string | null;
  /** 年度资金总额 (the total), or a part: 财政拨款, 其他资金 … */
  item: string;
  budgetInitialFen: bigint | null;
  budgetFullYearFen: bigint | null;
  /** B: 全年执行数 (year-end) or 1-N月执行数 (mid-year). */
  executedFen: bigint | null;
  /** 执行率 as the file states it (derived; cross-checked). */
  declaredRate: string | null;
  /** 分值 of the execution rate as declared. */
  weight: string | null;
  /** 得分 of the execution rate as declared. */
  declaredScore: string | null;
  /** 总分 the unit declared for the whole form, when given. */
  declaredTotal: string | null;
  status: DataStatus;
  source: Location;
  /** The project whose funding this is; absent or null for the unit's. */
  projectId?: string | null;
}

/** Everything read from one or more files. */
export interface Dataset {
  units: Unit[];
  budget: BudgetLine[];
  tasks: Task[];
  indicators: Indicator[];
  findings: Finding[];
  /** Progress per indicator and period (absent when no progress file was read). */
  actuals?: Actual[];
  /** Budget execution per unit and period (absent when no progress file was read). */
  execution?: ExecutionLine[];
  /** Projects (absent when no project form was read). */
  projects?: Project[];
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
