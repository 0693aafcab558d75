// Progress forms made at test time from the real declaration's indicators (no
// real 自评表 or 运行监控表 exists in the repo): the year-end 部门整体支出绩效自评表
// and the mid-year 绩效运行监控表, laid out as the budget system and Excel give
// them, with helpers to edit their rows for hostile variants.
import { importFile } from "../src/core/import.ts";
import type { Indicator } from "../src/core/model.ts";
import { SEED_BYTES, SEED_NAME, writeDelimited } from "./fixtures/variants.ts";

export const DECLARATION = importFile(SEED_NAME, SEED_BYTES);
export const UNIT_NAME = DECLARATION.units[0].name;
export const UNIT_ID = DECLARATION.units[0].id;
/** The declared indicators a progress form lists: those with a 三级 name. */
export const NAMED: Indicator[] = DECLARATION.indicators.filter((i) => i.name !== null);

export const byName = (name: string): Indicator => {
  const i = DECLARATION.indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name}`);
  return i;
};

/** Year-end values that exercise each rule; every other indicator is reported as met. */
export const YEAREND: Record<string, { actual: string; reason?: string }> = {
  器材购置更新完成数: { actual: "180", reason: "部分器材供货延迟，已督促供应商于次年一季度补齐" },
  书籍购置完成量: { actual: "15230" },
  公共文化活动策划场次: { actual: "120", reason: "场地改造期间暂停活动，次年增加场次" },
  党群服务站各项日常管理运行工作完成及时性: { actual: "2026-11-15", reason: "人员调整导致延期" },
  活动计划按期完成及时性: { actual: "按时完成" },
  文化馆成本预算控制数: { actual: "6,512,345.67元" },
  提升辖区群众体育活动参与度: { actual: "有效提升" },
  党群工作影响力提升: { actual: "部分达成", reason: "宣传渠道有限" },
  文化素养提升: { actual: "参与人数增加" },
  安全事故发生数: { actual: "0" },
  读者满意度: { actual: "92.5%" },
  相关居民满意度: { actual: "88", reason: "部分居民对开放时间有意见，已延长开放时间" },
};

function isoMinusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A met value for an indicator's target. */
export function metValue(ind: Indicator): string {
  const p = ind.parsed;
  if (p.kind === "quantitative") return p.value;
  if (p.kind === "deadline") return isoMinusDays(p.date, 10);
  return "达成";
}

export interface FormOptions {
  /** Indicator names left out of the table. */
  omit?: string[];
  /** Replace a row's cells before writing. */
  edit?: (rows: string[][]) => void;
}

/** The 部门整体支出绩效自评表 (year-end) as the rows of a sheet. */
export function selfEvalRows(options: FormOptions = {}): string[][] {
  const rows: string[][] = [
    ["部门整体支出绩效自评表"],
    ["（2026年度）"],
    ["单位名称", UNIT_NAME],
    ["项目资金（元）", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率", "得分"],
    ["年度资金总额", "92,787,331.00", "93,120,000.00", "88,812,345.67", "10", "95.37%", "9.54"],
    ["其中：财政拨款", "92,787,331.00", "93,120,000.00", "88,812,345.67", "—", "—", "—"],
    ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["", "按计划完成各项党建、文化、体育工作", "基本完成，个别项目延期"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
  ];
  let l1 = "";
  let l2 = "";
  for (const ind of NAMED) {
    if (options.omit?.includes(ind.name!)) continue;
    const v = YEAREND[ind.name!] ?? { actual: metValue(ind) };
    rows.push(["", ind.level1 === l1 ? "" : ind.level1, ind.level2 === l2 ? "" : ind.level2, ind.name!, ind.target ?? "", v.actual, "", "", v.reason ?? ""]);
    l1 = ind.level1;
    l2 = ind.level2;
  }
  rows.push(["总分", "", "", "", "", "", "100", "92.50", ""]);
  rows.push(["填报人：张三", "", "联系电话：021-00000000"]);
  options.edit?.(rows);
  return rows;
}

/** Mid-year projections and likelihoods that exercise the 预警 colours. */
export const MIDYEAR: Record<string, { done: string; expected: string; likelihood: string; kinds?: string[]; reason?: string; action?: string }> = {
  器材购置更新完成数: { done: "80", expected: "170", likelihood: "有可能", kinds: ["经费保障"], reason: "采购资金拨付滞后", action: "协调财政加快拨付" },
  公共文化活动策划场次: { done: "40", expected: "100", likelihood: "完全不可能", kinds: ["硬件条件保障", "其他"], reason: "场地改造", action: "借用周边场地" },
  书籍购置完成量: { done: "9000", expected: "15000", likelihood: "确定能" },
};

/** The 运行监控表 (mid-year, 1-6月) with the two-row 偏差原因 header, as the rows of a sheet. */
export function monitorRows(options: FormOptions & { months?: string } = {}): string[][] {
  const months = options.months ?? "1-6月";
  const rows: string[][] = [
    ["部门整体支出绩效运行监控表"],
    ["（2026年度）"],
    ["单位名称", UNIT_NAME, "", "填报日期", "2026-07-10"],
    ["预算资金（元）", "年初预算数", "全年预算数", `${months}执行数`, "执行率"],
    ["年度资金总额", "92,787,331.00", "93,120,000.00", "41,234,567.89", "44.28%"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", `${months}执行情况`, "全年预计完成情况", "完成目标可能性", "偏差原因", "", "", "", "", "原因说明", "纠偏措施"],
    ["", "", "", "", "", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "", ""],
  ];
  const KINDS = ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];
  let l1 = "";
  let l2 = "";
  for (const ind of NAMED) {
    if (options.omit?.includes(ind.name!)) continue;
    const m = MIDYEAR[ind.name!] ?? { done: ind.parsed.kind === "quantitative" ? ind.parsed.value : "按计划推进", expected: metValue(ind), likelihood: "确定能" };
    rows.push([
      ind.level1 === l1 ? "" : ind.level1, ind.level2 === l2 ? "" : ind.level2, ind.name!, ind.target ?? "", m.done, m.expected, m.likelihood,
      ...KINDS.map((k) => (m.kinds?.includes(k) ? "√" : "")), m.reason ?? "", m.action ?? "",
    ]);
    l1 = ind.level1;
    l2 = ind.level2;
  }
  options.edit?.(rows);
  return rows;
}

export const tsv = (rows: string[][]) => rows.map((r) => r.join("\t")).join("\n") + "\n";
export const csv = (rows: string[][]) => writeDelimited(rows, ",", "\r\n");
export const bytes = (text: string) => new TextEncoder().encode(text);

/** The row index (0-based, in the sheet) of an indicator's row. */
export function rowOf(rows: string[][], name: string): number {
  const i = rows.findIndex((r) => r.includes(name));
  if (i < 0) throw new Error(`no row ${name}`);
  return i;
}
