// A budget system's list export (预算管理一体化): one table whose header holds the
// form's head columns beside the indicator columns (单位名称 | 项目名称 | 预算数 |
// 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 …), a row naming a project
// followed by its further indicator rows. Each project becomes the rows of a form
// of its own — its head cells paired with their labels from the header, its
// indicator rows under the indicator part of the header — so that the one form
// reader reads it; every cell keeps its row and column in the file.
import type { Cell, Row } from "./grid.ts";
import { fundingField, headField, indicatorField, textField } from "./synonyms.ts";

type Role = "unit" | "project" | "amount" | "goal";

function roleOf(c: Cell): Role | null {
  const k = c.label.key;
  const head = headField(k);
  if (head === "project") return "project";
  if (head === "unit" || head === "implementer") return "unit";
  if (fundingField(k) === "budget_full_year" || fundingField(k) === "amount" || fundingField(k) === "budget_initial") return "amount";
  if (textField(k)?.startsWith("goal")) return "goal";
  return null;
}

/**
 * The forms of a list export, as rows a form reader reads (the title rows first,
 * then per project its head, funding, goal, header and indicator rows); null
 * when the rows hold no such table.
 */
export function listExportForms(rows: readonly Row[]): Row[][] | null {
  const at = rows.findIndex((r) => {
    const roles = new Set(r.cells.map(roleOf));
    const levels = r.cells.filter((c) => ["l1", "l2", "name"].includes(indicatorField(c.label.key) ?? "")).length;
    return roles.has("project") && levels >= 2;
  });
  if (at === -1) return null;
  const header = rows[at];
  const roles = new Map<number, { role: Role; label: Cell }>();
  for (const c of header.cells) {
    const role = roleOf(c);
    // A goal column is one only before the indicator columns start (年度目标 is also a target's name in some templates).
    if (role && ![...roles.values()].some((x) => x.role === role)) roles.set(c.col, { role, label: c });
  }
  const indicatorHeader: Row = { row: header.row, cells: header.cells.filter((c) => !roles.has(c.col)) };
  const before = rows.slice(0, at);
  const forms: Row[][] = [];
  let unit: { label: Cell; value: Cell } | null = null;
  let current: Row[] | null = null;
  for (const r of rows.slice(at + 1)) {
    if (!r.cells.length) continue;
    const cellOf = (role: Role) => {
      const col = [...roles].find(([, x]) => x.role === role)?.[0];
      return col === undefined ? undefined : r.cells.find((c) => c.col === col);
    };
    const label = (role: Role) => [...roles.values()].find((x) => x.role === role)!.label;
    const unitCell = cellOf("unit");
    const projectCell = cellOf("project");
    if (unitCell) unit = { label: label("unit"), value: unitCell };
    const rest: Row = { row: r.row, cells: r.cells.filter((c) => !roles.has(c.col)) };
    if (projectCell) {
      // A new project: its head, its amount, its goal, then the indicator header and its first indicator row.
      current = [...before];
      current.push({ row: r.row, cells: [label("project"), projectCell, ...(unit ? [unit.label, unit.value] : [])] });
      const amount = cellOf("amount");
      if (amount) current.push({ row: r.row, cells: [label("amount"), amount] });
      const goal = cellOf("goal");
      if (goal) current.push({ row: r.row, cells: [label("goal"), goal] });
      current.push(indicatorHeader);
      if (rest.cells.length) current.push(rest);
      forms.push(current);
    } else if (current && rest.cells.length && !unitCell) current.push(rest);
    // A unit row without a project (a department's total line) names the unit of the projects after it.
  }
  return forms.length ? forms : null;
}
