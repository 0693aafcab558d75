// The 绩效目标申报表 form export (TSV from the budget system, or the same form
// saved from Excel as CSV) → Dataset. Cells are placed by their content and the
// table's header, not by this or any file's row numbers: page-break
// continuations are joined, labels in the wrong column are recognised, and a
// group implied by the rows above is carried down.
import { ImportError, type BudgetKind, type BudgetLine, type DataStatus, type Dataset, type Finding, type Indicator, type Task, type Unit } from "./model.ts";
import type { TableRecord } from "./table.ts";
import { parseYuanToFen, scaleFen } from "./money.ts";
import { cleanText, hasMarkup, toParagraphs } from "./text.ts";
import { dedupeIds, indicatorId, unitId } from "./ids.ts";
import { parseTarget } from "./target.ts";
import { finding, type FindingCode, type ParamsOf } from "./findingText.ts";
import { chineseOrdinal } from "./reader/labels.ts";
import { ITEM_LEVEL1, admits, isKnownLevel2, isLevel1Label, looksLikeLevel2, parentOf } from "./vocabulary.ts";

type Section = "head" | "tasks" | "budget" | "staff" | "indicators";

const KEYS: Record<string, "name" | "funding" | "duties" | "goals" | "year"> = {
  单位名称: "name",
  部门名称: "name",
  财政资金拨款方式: "funding",
  拨款方式: "funding",
  单位职责: "duties",
  部门职责: "duties",
  年度履职目标: "goals",
  年度绩效目标: "goals",
  整体绩效目标: "goals",
  年度: "year",
};

const HEADER_SYNONYMS: Record<string, "l1" | "l2" | "l3" | "target"> = {
  一级目标: "l1",
  一级指标: "l1",
  二级目标: "l2",
  二级指标: "l2",
  三级目标: "l3",
  三级指标: "l3",
  指标目标值: "target",
  指标值: "target",
  目标值: "target",
  年度指标值: "target",
};

const key = (s: string) => s.replace(/[\s:：]/g, "");

/** A cell as plain text: markup dropped, whitespace collapsed. */
function plain(cell: string): string {
  return hasMarkup(cell) ? toParagraphs(cell).join(" ") : cleanText(cell);
}

/** True when the records look like a 绩效目标申报表 export. */
export function looksLikeForm(records: readonly TableRecord[]): boolean {
  let hasUnit = false;
  let hasIndicators = false;
  for (const r of records.slice(0, 400)) {
    const k = key(r.cells[0] ?? "");
    if (KEYS[k] === "name") hasUnit = true;
    if (k === "绩效指标" || HEADER_SYNONYMS[k] === "l1") hasIndicators = true;
  }
  return hasUnit && hasIndicators;
}

export function parseForm(records: readonly TableRecord[], file: string, status: DataStatus = "declared"): Dataset {
  const findings: Finding[] = [];
  const note = <C extends FindingCode>(severity: Finding["severity"], code: C, params: ParamsOf<C>, row?: number, column?: number, subject?: string) =>
    findings.push(finding(severity, code, params, { file, row, column }, subject));

  let section: Section = "head";
  let year: number | null = null;
  let name: string | null = null;
  let nameRow = 1;
  let funding: string | null = null;
  let duties: string[] = [];
  let goals: string[] = [];
  let staffCount: number | null = null;
  let orgCount: number | null = null;
  const tasks: Omit<Task, "unitId" | "year" | "id">[] = [];
  const budget: Omit<BudgetLine, "unitId" | "year" | "id">[] = [];
  let budgetGroup: BudgetKind | null = null;
  let budgetUnit: "元" | "万元" | "亿元" = "元";
  let staffCols: { staff: number; org: number } | null = null;

  // Indicator table state.
  const cols = { l1: 0, l2: 1, l3: 2, target: 3 };
  let expectHeader = false;
  let l1 = "";
  let l2 = "";
  let groupRow = 0;
  let groupCount = 0;
  const indicators: Omit<Indicator, "unitId" | "year" | "id" | "parsed">[] = [];

  const markup = (cell: string, row: number, column: number) => {
    if (hasMarkup(cell)) note("info", "text.markup_stripped", {}, row, column);
  };

  const closeGroup = () => {
    if (l2 && groupCount === 0 && !ITEM_LEVEL1.has(l1)) {
      note("warning", "indicator.empty_group", { level2: l2 }, groupRow);
    }
    groupCount = 0;
  };

  for (const record of records) {
    const raw = record.cells;
    const cells = raw.map(plain);
    const row = record.row;
    if (cells.every((c) => c === "")) continue;
    const first = key(cells[0]);

    // Section anchors, wherever they appear.
    if (first === "年度重点任务") { section = "tasks"; continue; }
    if (first === "预算情况") { section = "budget"; continue; }
    if (first === "绩效指标") { section = "indicators"; expectHeader = true; continue; }
    if (first === "年末在职人数" || (first === "内设机构数" && section === "budget")) {
      section = "staff";
      staffCols = { staff: cells.findIndex((c) => key(c) === "年末在职人数"), org: cells.findIndex((c) => key(c) === "内设机构数") };
      continue;
    }

    if (section === "head") {
      const m = cells.join(" ").match(/((?:19|20)\d{2})\s*年度/);
      if (m && year === null) year = Number(m[1]);
      const field = KEYS[first];
      const valueIndex = cells.findIndex((c, i) => i > 0 && c !== "");
      const value = valueIndex > 0 ? raw[valueIndex] : "";
      if (field === "name") { name = plain(value); nameRow = row; markup(value, row, valueIndex + 1); }
      else if (field === "funding") funding = plain(value) || null;
      else if (field === "duties") { duties = toParagraphs(value); markup(value, row, valueIndex + 1); }
      else if (field === "goals") { goals = toParagraphs(value); markup(value, row, valueIndex + 1); }
      else if (field === "year") { const y = value.match(/(?:19|20)\d{2}/); if (y) year = Number(y[0]); }
      else if (!m && !/申报表$/.test(cells[0])) {
        note("warning", "form.unknown_row", { variant: "row", text: cells.filter(Boolean).join(" | ").slice(0, 60) }, row, 1);
      }
      continue;
    }

    if (section === "tasks") {
      if (first === "任务名称") continue;
      const content = cells.slice(1).filter(Boolean).join("");
      if (cells[0] === "") {
        const last = tasks[tasks.length - 1];
        if (last) {
          last.content += content;
          note("info", "task.continued", {}, row, 2);
        } else note("warning", "form.unknown_row", { variant: "task" }, row, 1);
        continue;
      }
      const om = cells[0].match(/^[(（]([一二三四五六七八九十]{1,3})[)）]\s*(.*)$/);
      const order = tasks.length + 1;
      if (om && chineseOrdinal(om[1]) !== order) {
        note("warning", "task.order_gap", { numbered: om[1], order }, row, 1);
      }
      tasks.push({ order, name: om ? om[2] : cells[0], content, source: { file, row } });
      for (let c = 1; c < raw.length; c++) markup(raw[c], row, c + 1);
      continue;
    }

    if (section === "budget") {
      if (first === "内容") continue;
      let label = cells[0];
      const valueIndex = cells.findIndex((c, i) => i > 0 && c !== "");
      const gm = label.match(/^\d+\s*[、.．]\s*(资金来源|资金结构)\s*[:：]?\s*(.*)$/);
      let kind: BudgetKind | null = null;
      if (gm) {
        budgetGroup = gm[1] === "资金来源" ? "source" : "structure";
        label = gm[2];
        if (label === "") continue;
      }
      if (/总额|合计|总计/.test(label) && !gm) {
        kind = "total";
        const um = label.match(/[(（](元|万元|亿元)[)）]/);
        if (um) budgetUnit = um[1] as "元" | "万元" | "亿元";
        label = label.replace(/[(（](元|万元|亿元)[)）]/, "");
      } else {
        kind = budgetGroup;
        label = label.replace(/^[(（]\d+[)）]\s*/, "");
      }
      if (!kind) {
        note("warning", "form.unknown_row", { variant: "budget", text: label }, row, 1);
        continue;
      }
      const text = valueIndex > 0 ? cells[valueIndex] : "";
      const fen = parseYuanToFen(text);
      if (fen === null) {
        note("error", "budget.amount_unreadable", { variant: "form", text: text.slice(0, 40), label }, row, valueIndex > 0 ? valueIndex + 1 : 2);
        continue;
      }
      budget.push({ kind, item: label, amountFen: scaleFen(fen, budgetUnit), source: { file, row, column: valueIndex + 1 } });
      continue;
    }

    if (section === "staff") {
      const read = (i: number, label: string) => {
        if (i < 0 || (cells[i] ?? "") === "") return null;
        if (!/^\d+$/.test(cells[i])) {
          note("error", "unit.count_unreadable", { label, text: cells[i] }, row, i + 1);
          return null;
        }
        return Number(cells[i]);
      };
      staffCount = read(staffCols?.staff ?? 0, "年末在职人数");
      orgCount = read(staffCols?.org ?? 1, "内设机构数");
      section = "budget";
      continue;
    }

    // section === "indicators"
    // The table header, and its repetition at the top of a later page.
    const mapped = cells.map((c) => HEADER_SYNONYMS[key(c)]);
    if (mapped.filter(Boolean).length >= (expectHeader ? 1 : 2)) {
      mapped.forEach((m, i) => { if (m) cols[m] = i; });
      if (!expectHeader) note("info", "layout.repeated_header", {}, row, 1);
      expectHeader = false;
      continue;
    }
    expectHeader = false;
    const rest: { text: string; col: number }[] = [];
    let sawLevel2 = false;
    let explicitLevel1 = false;
    cells.forEach((text, col) => {
      if (text === "") return;
      markup(raw[col], row, col + 1);
      // A known 二级 label anywhere; an unknown “…指标” only in the 一级/二级 columns.
      const level2Like = isKnownLevel2(text) || (col <= cols.l2 && looksLikeLevel2(text));
      const asLevel2 = level2Like && (admits(l1, text) || !isLevel1Label(text));
      if (isLevel1Label(text) && !asLevel2) {
        closeGroup();
        l1 = text;
        l2 = "";
        groupRow = row;
        explicitLevel1 = true;
        if (col !== cols.l1) note("info", "layout.shifted", { variant: "level1", text }, row, col + 1);
      } else if (asLevel2 && !(rest.length > 0)) {
        closeGroup();
        const parent = parentOf(text);
        if (!explicitLevel1 && parent && parent !== l1 && !admits(l1, text)) {
          note("info", "layout.implied_level1", { text, parent }, row, col + 1);
          l1 = parent;
        }
        if (!l1) note("warning", "indicator.no_level1", { text }, row, col + 1);
        l2 = text;
        groupRow = row;
        sawLevel2 = true;
        if (col !== cols.l2) note("info", "layout.shifted", { variant: "level2_moved", text, fromLevel1: col === cols.l1 }, row, col + 1);
      } else rest.push({ text, col });
    });

    if (ITEM_LEVEL1.has(l1) && sawLevel2) {
      indicators.push({ order: 0, level1: l1, level2: l2, name: null, target: null, note: rest.map((r) => r.text).join(" ") || null, source: { file, row, column: cols.l2 + 1 } });
      groupCount++;
      continue;
    }
    if (rest.length === 0) continue;
    if (!l2) note("warning", "indicator.no_level2", {}, row, rest[0].col + 1);

    let nameCell: { text: string; col: number } | null;
    let targetCell: { text: string; col: number } | null;
    if (rest.length === 1) {
      const only = rest[0];
      const t = parseTarget(only.text, year ?? 2000); // any year: only the kind matters here
      const targetLike = t.kind === "quantitative" || t.kind === "deadline";
      if (targetLike && only.col === cols.target) {
        nameCell = null;
        targetCell = only;
        note("error", "indicator.no_name", { text: only.text }, row, only.col + 1);
      } else {
        nameCell = only;
        targetCell = null;
      }
    } else {
      targetCell = rest[rest.length - 1];
      nameCell = { text: rest.slice(0, -1).map((r) => r.text).join(" "), col: rest[0].col };
      if (rest.length > 2) note("warning", "layout.extra_cells", { variant: "joined" }, row, rest[1].col + 1);
    }
    if (nameCell && nameCell.col !== cols.l3) {
      note("info", "layout.shifted", { variant: "name_placed", text: nameCell.text, column: nameCell.col + 1, level1: l1, level2: l2 }, row, nameCell.col + 1);
    } else if (targetCell && targetCell.col !== cols.target && nameCell) {
      note("info", "layout.shifted", { variant: "target", column: targetCell.col + 1 }, row, targetCell.col + 1);
    }
    indicators.push({
      order: 0,
      level1: l1,
      level2: l2,
      name: nameCell?.text ?? null,
      target: targetCell?.text ?? null,
      note: null,
      source: { file, row, column: (nameCell ?? targetCell)!.col + 1 },
    });
    groupCount++;
  }
  closeGroup();

  if (name === null || name === "") throw new ImportError(`${file}：找不到单位名称`, `${file}: no 单位名称 found`, { file });
  if (year === null) throw new ImportError(`${file}：找不到年度（如“(2026 年度)”）`, `${file}: no year found (e.g. “(2026 年度)”)`, { file });

  const uid = unitId(name);
  const unit: Unit = { id: uid, name, year, fundingMethod: funding, duties, goals, staffCount, orgCount, status, source: { file, row: nameRow } };
  const kindCount: Record<string, number> = {};
  const data: Dataset = {
    units: [unit],
    budget: budget.map((b) => {
      kindCount[b.kind] = (kindCount[b.kind] ?? 0) + 1;
      return { ...b, id: `b${uid.slice(1)}-${year}-${b.kind}-${kindCount[b.kind]}`, unitId: uid, year: year! };
    }),
    tasks: tasks.map((t) => ({ ...t, id: `t${uid.slice(1)}-${year}-${t.order}`, unitId: uid, year: year! })),
    indicators: dedupeIds(
      indicators.map((ind, i) => ({
        ...ind,
        order: i + 1,
        id: indicatorId(name!, ind.level1, ind.level2, ind.name),
        unitId: uid,
        year: year!,
        parsed: parseTarget(ind.target, year!),
      })),
    ),
    findings,
  };
  // Findings raised while reading a row are about what that row became.
  const byRow = new Map<number, string>();
  for (const x of [...data.budget, ...data.tasks, ...data.indicators]) if (x.source.row) byRow.set(x.source.row, x.id);
  for (const f of findings) if (!f.subject && f.location.row) {
    const id = byRow.get(f.location.row);
    if (id) f.subject = id;
  }
  return data;
}
