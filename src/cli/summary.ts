// The short Chinese summary `jixiao import` prints by default.
import { FORM_KIND_ZH, type BudgetLine, type Dataset, type Indicator } from "../core/model.ts";
import { formatYuan } from "../core/format.ts";
import { findingText } from "../core/findingText.ts";

const yuan = (fen: bigint) => formatYuan(fen);
const SEVERITY = { error: "错误", warning: "警告", info: "提示" } as const;


/** Budget lines, indented: a unit's own, or a project's. */
function budgetLines(lines: string[], indent: string, budget: readonly BudgetLine[]): void {
  for (const b of budget) {
    const label = b.kind === "total" ? "预算总额" : b.kind === "source" ? `资金来源·${b.item}` : `资金结构·${b.item}`;
    lines.push(`${indent}${label}：${yuan(b.amountFen)}`);
  }
}

/** The indicator count by 一级/二级, indented. */
function indicatorLines(lines: string[], indent: string, inds: readonly Indicator[]): void {
  if (!inds.length) return;
  const groups = new Map<string, { n: number; l2: Map<string, number> }>();
  for (const i of inds) {
    const g = groups.get(i.level1) ?? { n: 0, l2: new Map() };
    g.n++;
    g.l2.set(i.level2, (g.l2.get(i.level2) ?? 0) + 1);
    groups.set(i.level1, g);
  }
  lines.push(`${indent}绩效指标：${inds.length} 条（其中三级指标 ${inds.filter((i) => i.name).length} 条）`);
  for (const [l1, g] of groups) lines.push(`${indent}  ${l1} ${g.n}：${[...g.l2].map(([l2, n]) => `${l2} ${n}`).join("，")}`);
}

export function summarise(data: Dataset): string {
  const lines: string[] = [];
  const keys = new Set([...data.units.map((u) => `${u.id}|${u.year}`), ...data.indicators.map((i) => `${i.unitId}|${i.year}`)]);
  for (const key of keys) {
    const [id, y] = key.split("|");
    const year = Number(y);
    const unit = data.units.find((u) => u.id === id && u.year === year);
    lines.push(`${unit?.name ?? id}（${year} 年度${unit?.status === "sample" ? "，示例数据" : ""}）`);
    if (unit?.fundingMethod) lines.push(`  拨款方式：${unit.fundingMethod}`);
    const tasks = data.tasks.filter((t) => t.unitId === id && t.year === year);
    const own = <T extends { unitId: string; year: number; projectId?: string | null }>(xs: readonly T[]) => xs.filter((x) => x.unitId === id && x.year === year && !x.projectId);
    budgetLines(lines, "  ", own(data.budget));
    if (tasks.length) lines.push(`  重点任务：${tasks.length} 项`);
    indicatorLines(lines, "  ", own(data.indicators));
    // Its projects, each with its own funding and indicators.
    for (const p of (data.projects ?? []).filter((p) => p.unitId === id && p.year === year)) {
      lines.push(`  项目：${p.name}${p.code ? `（${p.code}）` : ""} · ${FORM_KIND_ZH[p.formKind]}`);
      budgetLines(lines, "    ", data.budget.filter((b) => b.projectId === p.id && b.year === year));
      indicatorLines(lines, "    ", data.indicators.filter((i) => i.projectId === p.id && i.year === year));
    }
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of data.findings) counts[f.severity]++;
  lines.push(`发现问题：错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`);
  for (const f of data.findings.filter((f) => f.severity !== "info")) {
    const where = [f.location.file, f.location.row && `第 ${f.location.row} 行`, f.location.column && `第 ${f.location.column} 列`].filter(Boolean).join(" ");
    lines.push(`  [${SEVERITY[f.severity]}] ${findingText(f, "zh")}（${where}）`);
  }
  return lines.join("\n") + "\n";
}
