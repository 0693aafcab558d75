// The one catalogue of finding texts: per finding code, a Chinese and an English
// template over the finding's params. A finding is data ({severity, code, params,
// location, subject}); its text is rendered from here when it is shown or written.
// The English is typed as the Chinese, so a code without English fails the type
// check, and `finding()` takes only codes the catalogue holds with their params.
// The site's catalogue (src/i18n/messages.ts) holds this one as its `finding`
// section; the core stays DOM-free and does not import src/site/.
//
// Params are plain JSON values: strings, numbers, booleans, lists of them, null;
// amounts in fen as decimal strings. A code with more than one wording says which
// by a `variant` param. Text taken from a file is passed in as it is to be shown
// (already cut to length by the caller), so that a template only places params.
import { formatYuan, type Lang } from "./format.ts";
import { fenToYuanString } from "./money.ts";
import { FORM_KIND_ZH, type Finding, type FindingParams, type FormKind, type Location, type Severity } from "./model.ts";

const yuan = (fen: string) => formatYuan(BigInt(fen));
const yuanEn = (fen: string) => formatYuan(BigInt(fen), "en");
const diff = (a: string, b: string) => String(BigInt(a) - BigInt(b));
const rowOf = (row: number | null, file: string) => (row !== null ? `第 ${row} 行` : file);
const rowEn = (row: number | null, file: string) => (row !== null ? `row ${row}` : file);

type Period = "midyear" | "yearend";
const PERIOD_ZH: Record<Period, string> = { midyear: "年中运行监控", yearend: "年终自评" };
const FAMILY_ZH = { percent: "百分比（%）", count: "数量单位（个、次、人…）", money: "金额单位（元、万元）" };
const FAMILY_EN = { percent: "a percentage (%)", count: "a count unit", money: "a money unit (元, 万元)" };
const FIELD_ZH = { budget_initial: "年初预算数", budget_full_year: "全年预算数", executed: "执行数", amount: "金额" } as const;
type Field = keyof typeof FIELD_ZH;
const BAD_ENTRY_ZH = {
  unit_year_period: "缺少单位、年度或期间", unit_year_name: "缺少单位、年度或名称", name_year: "缺少 name 或 year",
  amount_kind_year: "金额、类别或年度无法识别", year: "年度无法识别", severity_code_message: "缺少 severity、code 或 message",
};
const BAD_ENTRY_EN: Record<keyof typeof BAD_ENTRY_ZH, string> = {
  unit_year_period: "missing unit, year or period", unit_year_name: "missing unit, year or name", name_year: "missing name or year",
  amount_kind_year: "amount, kind or year cannot be read", year: "year cannot be read", severity_code_message: "missing severity, code or message",
};
type Row = { firstRow: number | null; firstFile: string };

/** The reviewer's checks (checks.ts): the codes runChecks can raise. */
const CHECKS = {
  "budget.projects_exceed": (p: { n: number; sum: string; declared: string }) => `已读入的 ${p.n} 个项目预算合计 ${yuan(p.sum)}，超过申报的项目支出 ${yuan(p.declared)}，相差 ${yuan(diff(p.sum, p.declared))}`,
  "budget.projects_partial": (p: { n: number; sum: string; declared: string }) => `已读入的 ${p.n} 个项目预算合计 ${yuan(p.sum)}，少于申报的项目支出 ${yuan(p.declared)}（尚未读入全部项目，差 ${yuan(diff(p.declared, p.sum))}）`,
  "budget.no_total": (_: Record<string, never>) => "预算表没有总额行，无法核对",
  "budget.no_source": (_: Record<string, never>) => "预算表没有资金来源明细",
  "budget.no_structure": (_: Record<string, never>) => "预算表没有资金结构明细",
  "budget.source_mismatch": (p: { sum: string; total: string }) => `资金来源合计 ${yuan(p.sum)} 与预算总额 ${yuan(p.total)} 不符，相差 ${yuan(diff(p.sum, p.total))}`,
  "budget.structure_mismatch": (p: { sum: string; total: string }) => `资金结构合计 ${yuan(p.sum)} 与预算总额 ${yuan(p.total)} 不符，相差 ${yuan(diff(p.sum, p.total))}`,
  "budget.negative": (p: { item: string; amount: string }) => `“${p.item}”金额为负数：${yuan(p.amount)}`,
  "budget.implausible": (p: { item: string; amount: string }) => `“${p.item}”金额超过一千亿元，请核实：${yuan(p.amount)}`,
  "unit.zero_staff": (p: { basic: string }) => `年末在职人数填报为 0，但基本支出为 ${yuan(p.basic)}（基本支出主要是人员经费）`,
  "unit.zero_orgs": (_: Record<string, never>) => "内设机构数填报为 0，请核实",
  "unit.no_duties": (_: Record<string, never>) => "未填写单位职责",
  "unit.no_goals": (_: Record<string, never>) => "未填写年度履职目标",
  "indicator.duplicate_name": (p: { name: string; row: number }) => `三级指标“${p.name}”重复（首次出现在第 ${p.row} 行）`,
  "indicator.missing_level1": (p: { level1: string }) => `缺少一级指标“${p.level1}”`,
  "cell.formula_like": (p: { text: string }) => `“${p.text}”形如电子表格公式，已按文本处理`,
  "indicator.no_target": (p: { label: string }) => `“${p.label}”没有指标目标值`,
  "target.unparsed": (p: { label: string; target: string }) => `“${p.label}”的指标值“${p.target}”无法识别为定量、期限或定性目标，按定性处理`,
  "target.not_quantified": (p: { level2: string; label: string; target: string }) => `${p.level2}“${p.label}”应设定量目标，实际为“${p.target}”`,
  "target.vague_deadline": (p: { label: string; target: string }) => `时效指标“${p.label}”的目标“${p.target}”没有具体期限`,
  "target.deadline_outside_year": (p: { label: string; date: string; target: string; year: number }) => `“${p.label}”的期限 ${p.date}（${p.target}）不在申报年度 ${p.year} 年内`,
  "target.impossible": (p: { variant: "below_zero"; label: string; target: string; atZero: boolean } | { variant: "over_100"; label: string; target: string }) =>
    p.variant === "below_zero"
      ? `“${p.label}”的目标“${p.target}”不可能达到：数值不会小于 0${p.atZero ? "（应为“=0”或“≤0”）" : ""}`
      : `“${p.label}”的目标“${p.target}”超过 100%，不可能达到`,
  "target.count_in_quality": (p: { label: string }) => `“${p.label}”是数量型目标，却列在质量指标下`,
  "target.unit_nonstandard": (p: { label: string }) => `“${p.label}”的计量单位写作“率”，宜写作“%”`,
  "target.unit_mismatch": (p: { label: string; unit: string; expected: keyof typeof FAMILY_ZH }) => `“${p.label}”的计量单位“${p.unit}”与指标不符，应为${FAMILY_ZH[p.expected]}`,
  "target.implausible_number": (p: { label: string; value: string }) => `“${p.label}”的目标值 ${p.value} 位数异常，请核实`,
  "target.exceeds_budget": (p: { label: string; ceiling: string; total: string }) => `“${p.label}”的成本控制数 ${yuan(p.ceiling)} 超过单位预算总额 ${yuan(p.total)}`,
  "task.no_content": (p: { name: string }) => `重点任务“${p.name}”没有主要内容`,
};

const zh = {
  ...CHECKS,

  // ---- reading files: decode.ts, import.ts, canonical.ts, dedupe.ts ----
  "encoding.undecodable": (p: { encoding: string }) => `无法按 ${p.encoding} 解码的字节，已替换为 �`,
  "encoding.undecodable_more": (p: { more: number; count: number }) => `另有 ${p.more} 处无法解码的字节（共 ${p.count} 处），请确认文件编码`,
  "encoding.detected": (p: { encoding: string }) => `文件编码为 ${p.encoding}，已转换`,
  "csv.unterminated_quote": (p: { row: number }) => `第 ${p.row} 行起的引号没有闭合，文件可能被截断`,
  /** A file refused whole: the reason as the error gave it (an ImportError says it in both languages). */
  "file.unreadable": (p: { zh: string; en: string }) => p.zh,
  "canonical.unknown_columns": (p: { columns: string[] }) => `未识别的列（已忽略）：${p.columns.join("、")}`,
  "canonical.bad_finding": (_: Record<string, never>) => "发现缺少代码或说明，该行未导入",
  "canonical.bad_year": (p: { text: string }) => `年度无法识别：“${p.text}”，该行未导入`,
  "canonical.bad_count": (p: { text: string }) => `不是整数：“${p.text}”`,
  "canonical.no_item": (_: Record<string, never>) => "预算行没有项目名称，该行未导入",
  "canonical.bad_kind": (p: { text: string }) => `预算类别无法识别：“${p.text}”（应为 total/source/structure），该行未导入`,
  "canonical.bad_weights": (p: { text: string }) => `一级指标分值无法识别：“${p.text}”`,
  "canonical.no_level": (p: { level: 1 | 2 }) => `没有${p.level === 2 ? "二级" : "一级"}指标，上方也没有可沿用的行，该行未导入`,
  "canonical.filled_down": (p: { level: 1 | 2; value: string }) => `${p.level === 1 ? "一级" : "二级"}指标为空（合并单元格），已沿用上一行的“${p.value}”`,
  "canonical.no_unit": (_: Record<string, never>) => "没有单位编码或单位名称，该行未导入",
  "canonical.bad_period": (p: { text: string }) => `期间无法识别：“${p.text}”（应为 midyear/yearend、年中/年终），该行未导入`,
  "canonical.bad_date": (p: { text: string }) => `截至日期无法识别：“${p.text}”（应为 yyyy-mm-dd）`,
  "actual.period_inferred": (p: { count: number }) => `${p.count} 行没有“期间”列，已按所填的列判定（有全年预计完成/执行情况为年中，否则为年终）`,
  "json.bad_entry": (p: { list: string; index: number; reason: keyof typeof BAD_ENTRY_ZH }) => `${p.list}[${p.index}]：${BAD_ENTRY_ZH[p.reason]}，未导入`,
  "load.duplicate_file": (p: { earlier: string }) => `文件与 ${p.earlier} 内容完全相同，只计入一次`,
  "load.duplicate_rows": (p: { variant: "rows"; count: number; earlier: string } | ({ variant: "budget" | "execution"; item: string } & Row)) =>
    p.variant === "rows" ? `${p.count} 行与 ${p.earlier} 中的行相同（同一单位、年度和项目），只计入一次`
      : p.variant === "budget" ? `预算行“${p.item}”与${rowOf(p.firstRow, p.firstFile)}相同（同一单位、年度和项目），只计入一次`
        : `执行行“${p.item}”与${rowOf(p.firstRow, p.firstFile)}相同（同一单位、年度、期间和项目），只计入一次`,
  "load.conflicting_rows": (p: { count: number; earlier: string }) => `${p.count} 行与已载入的 ${p.earlier} 是同一单位、年度和项目，但内容不同，未计入（以先载入的 ${p.earlier} 为准；要改用本文件，请先移除 ${p.earlier} 再载入）`,
  "load.restated_indicators": (p: { count: number; declared: string }) => `本表所列的 ${p.count} 项指标是 ${p.declared} 已载入的同一单位（或项目）同一年度的指标，以 ${p.declared} 为准，不重复计入（申报表优先于自评表和监控表；本表的完成情况对照其中的指标）`,
  "budget.repeated_item": (p: { item: string } & Row) => `预算行“${p.item}”在同一单位同一年度出现两次（另见${rowOf(p.firstRow, p.firstFile)}），金额不同，无法判断以哪一行为准`,

  // ---- reading forms: reader/ ----
  "text.markup_stripped": (_: Record<string, never>) => "单元格含 HTML 标记，已转为纯文本",
  "form.year_from_name": (p: { year: number; field: string; text: string }) => `表上没有印年度：年度 ${p.year} 取自${p.field}“${p.text}”`,
  "form.year_given": (p: { year: number }) => `表上没有印年度：按指定的年度 ${p.year} 读取`,
  "form.year_from_file_name": (p: { year: number }) => `表上没有印年度：年度 ${p.year} 取自文件名`,
  "form.year_from_previous": (p: { year: number }) => `表上没有印年度：按同一文件中上一张表的年度 ${p.year} 读取`,
  "indicator.empty_group": (p: { level2: string }) => `二级指标“${p.level2}”下没有三级指标`,
  "indicator.blank_level1": (p: { level2: string; implied: string | null }) =>
    p.implied ? `二级指标“${p.level2}”的一级指标栏在表上为空，按二级指标归入“${p.implied}”` : `二级指标“${p.level2}”的一级指标栏在表上为空`,
  "form.unknown_row": (p: { variant: "row" | "skipped"; text: string } | { variant: "task" } | { variant: "budget"; text: string }) =>
    p.variant === "task" ? "任务表中无任务名称的行" : p.variant === "budget" ? `预算表中未识别的行：“${p.text}”` : `未识别的行：“${p.text}”`,
  "task.continued": (_: Record<string, never>) => "任务内容跨页续行，已与上一行合并",
  "task.order_gap": (p: { numbered: string; order: number }) => `任务序号（${p.numbered}）与位置（第 ${p.order} 项）不符`,
  "budget.amount_unreadable": (p: { variant: "form"; text: string; label: string } | { variant: "table"; text: string }) =>
    p.variant === "form" ? `金额无法识别：“${p.text}”（${p.label}）` : `金额无法识别：“${p.text}”，该行未导入`,
  "unit.count_unreadable": (p: { label: string; text: string }) => `${p.label}不是整数：“${p.text}”`,
  "layout.repeated_header": (_: Record<string, never>) => "分页处重复的表头，已跳过",
  "layout.shifted": (p:
    | { variant: "level1"; text: string }
    | { variant: "level2"; text: string }
    | { variant: "level2_moved"; text: string; fromLevel1: boolean }
    | { variant: "name_placed"; text: string; column: number; level1: string; level2: string }
    | { variant: "name"; text: string; column: number }
    | { variant: "target"; column: number }
    | { variant: "values"; text: string; offset: number }
    | { variant: "funding"; item: string }) => {
    switch (p.variant) {
      case "level1": return `一级指标“${p.text}”不在一级列，已按内容识别`;
      case "level2": return `二级指标“${p.text}”不在二级列，已按内容识别`;
      case "level2_moved": return `二级指标“${p.text}”位于${p.fromLevel1 ? "一级" : "其他"}列，已按内容识别为二级`;
      case "name_placed": return `三级指标“${p.text}”位于第 ${p.column} 列，已按内容归入“${p.level1}/${p.level2}”`;
      case "name": return `三级指标“${p.text}”位于第 ${p.column} 列，已按内容识别`;
      case "target": return `指标值位于第 ${p.column} 列，已按内容识别`;
      case "values": return `“${p.text}”一行的数值偏离表头 ${p.offset} 列，已按内容对齐`;
      case "funding": return `资金行“${p.item}”的数值不在表头对应的列，已按顺序识别`;
    }
  },
  "layout.implied_level1": (p: { text: string; parent: string }) => `二级指标“${p.text}”属于“${p.parent}”，一级指标按内容补全`,
  "indicator.no_level1": (p: { text: string }) => `二级指标“${p.text}”前没有一级指标`,
  "indicator.no_level2": (_: Record<string, never>) => "指标行前没有二级指标",
  "indicator.no_name": (p: { text: string }) => `指标值“${p.text}”没有三级指标名称`,
  "layout.extra_cells": (p: { variant: "joined" } | { variant: "ignored"; name: string; column: number; text: string }) =>
    p.variant === "joined" ? "指标行多出单元格，已合并为指标名称" : `“${p.name}”一行第 ${p.column} 列的“${p.text}”对应不到任何表头，已忽略`,
  "form.unreadable": (p: { row: number; reason: string; reasonEn: string }) => `第 ${p.row} 行起的表格无法读取：${p.reason}`,
  "file.several_forms": (p: { count: number }) => `文件含 ${p.count} 张表，已分别读取`,
  "form.no_indicator_table": (_: Record<string, never>) => "找不到指标表的表头（一级指标/二级指标/三级指标），也没有资金表：只读取了表头信息",
  "project.no_name": (_: Record<string, never>) => "项目表没有项目名称",
  "form.placeholder_rows": (p: { count: number }) => `跳过模板占位行 ${p.count} 行（如“指标1”“……”）`,
  "form.not_filled": (p: { kind: FormKind }) => `${FORM_KIND_ZH[p.kind]}没有填写任何实际完成值（未填报），不评分`,
  "funding.total_contradicts_parts": (p: { item: string; total: string; sum: string } & ({ field: Field } | { field: "column"; column: number })) =>
    `“${p.item}”的${p.field === "column" ? `第 ${p.column} 列金额` : FIELD_ZH[p.field]} ${fenToYuanString(BigInt(p.total))} 元小于其中各项之和 ${fenToYuanString(BigInt(p.sum))} 元`,
  "budget.lines_disagree": (p: { item: string; sum: string; declared: string }) => `年度履职目标中${p.item}各行合计 ${fenToYuanString(BigInt(p.sum))} 元，与预算安排的${p.item} ${fenToYuanString(BigInt(p.declared))} 元不符`,
  "target.lost_percent_format": (p: { label: string; target: string }) => `“${p.label}”的目标值“${p.target}”像是丢了百分号格式的百分比（同列其他目标值为百分比），请核实`,

  // ---- progress: progress/form.ts, rows.ts, link.ts, report.ts ----
  "actual.bad_likelihood": (p: { text: string }) => `完成目标可能性无法识别：“${p.text}”（应为 确定能/有可能/完全不可能）`,
  "actual.bad_deviation_kind": (p: { variant: "form" | "table"; text: string }) => `偏差原因类型无法识别：“${p.text}”${p.variant === "table" ? "（应为 经费/制度/人员/硬件/其他）" : ""}`,
  "actual.bad_number": (p: { variant: "form"; name: string; label: string; text: string } | { variant: "table"; label: string; text: string }) =>
    p.variant === "form" ? `“${p.name}”的${p.label}不是数字：“${p.text}”（保留原文，不参与计算）` : `${p.label}不是数字：“${p.text}”（保留原文，不参与计算）`,
  "actual.bad_grade": (p: { text: string }) => `完成等级无法识别：“${p.text}”（应为 达成/部分达成/未达成）`,
  "actual.bad_flag": (p: { text: string }) => `“不适用”列的值无法识别：“${p.text}”（按适用处理）`,
  "actual.no_name": (p: { variant: "form"; row: number; text: string } | { variant: "table" }) =>
    p.variant === "form" ? `第 ${p.row} 行有数值“${p.text}”却没有三级指标名称，无法对应，未导入` : "执行数据行既没有指标编码也没有指标名称，无法对应，未导入",
  "execution.amount_unreadable": (p: { variant: "form"; item: string; label: string; text: string } | { variant: "table"; label: string; text: string }) =>
    p.variant === "form" ? `${p.item}的${p.label}无法识别：“${p.text}”` : `${p.label}无法识别：“${p.text}”（应为以元计、至多两位小数的金额）`,
  "progress.project_form": (p: { project: string; name: string }) => `项目支出自评表（项目：${p.project}），按单位“${p.name}”的申报指标对应`,
  "progress.total_unused": (p: { total: string }) => `表中的总分 ${p.total} 没有资金行可附，仅作参考`,
  "progress.no_rows": (_: Record<string, never>) => "执行表中没有指标行",
  "actual.no_number": (p: { label: string; grade: string }) => `“${p.label}”：定量指标只填了等级“${p.grade}”，没有数值，不计分`,
  "actual.unit_converted": (p: { label: string; text: string; converted: string; unit: string }) => `“${p.label}”：实际值“${p.text}”已按指标单位换算为 ${p.converted}${p.unit}`,
  "actual.unit_mismatch": (p: { label: string; text: string; unit: string; value: string }) => `“${p.label}”：实际值“${p.text}”的单位与指标值（${p.unit}）不同，按数值 ${p.value} 评分`,
  "actual.operator_dropped": (p: { label: string; text: string; value: string }) => `“${p.label}”：实际值“${p.text}”带比较符号，按数值 ${p.value} 评分`,
  "actual.unreadable": (p: { variant: "number" | "date"; label: string; text: string }) =>
    p.variant === "number" ? `“${p.label}”：实际值“${p.text}”不是可识别的数值，不计分` : `“${p.label}”：期限指标的实际值“${p.text}”不是可识别的日期，不计分`,
  "actual.date_inferred": (p: { variant: "deadline" | "late"; label: string; text: string; date: string }) =>
    p.variant === "deadline" ? `“${p.label}”：“${p.text}”未写完成日期，按期限 ${p.date} 当日完成计` : `“${p.label}”：“${p.text}”未写完成日期，按逾期（${p.date}）计`,
  "actual.grade_inferred": (p: { label: string; text: string }) => `“${p.label}”：实际值“${p.text}”与年度指标值一致，按“达成”计`,
  "actual.grade_needed": (p: { label: string; text: string }) => `“${p.label}”：定性指标的实际值“${p.text}”无法判定等级，请填写 达成/部分达成/未达成，暂不计分`,
  "actual.no_declaration": (p: { unit: string; year: number; period: Period }) => `没有读到 ${p.unit} ${p.year} 年度的申报表，${PERIOD_ZH[p.period]}按执行文件自带的年度指标值评分`,
  "actual.id_mismatch": (p: { id: string; label: string }) => `指标编码“${p.id}”不在申报表中，已按名称对应到“${p.label}”`,
  "actual.unmatched": (p: { path: string; year: number }) => `“${p.path}”与 ${p.year} 年度申报的指标都对不上（按编码或一级/二级/三级名称），未计分`,
  "actual.duplicate": (p: { label: string; period: Period | null }) => (p.period ? `“${p.label}”在${PERIOD_ZH[p.period]}中重复填报，只采用第一次出现的一行` : `“${p.label}”重复填报，只采用第一次出现的一行`),
  "actual.target_differs": (p: { label: string; target: string; declared: string }) => `“${p.label}”执行文件中的年度指标值“${p.target}”与申报的“${p.declared}”不同，按申报值评分`,
  "actual.missing": (p: { label: string; period: Period }) => `“${p.label}”没有${PERIOD_ZH[p.period]}的${p.period === "yearend" ? "实际完成值" : "全年预计完成情况"}（未填报），不计为 0 分，也不计为达成`,
  "execution.rate_differs": (p: { declared: string; rate: string }) => `填报的执行率 ${p.declared} 与 全年执行数/全年预算数 = ${p.rate}% 不符`,
  "execution.score_differs": (p: { declared: string; score: string }) => `预算执行率自评得分 ${p.declared} 与按规则计算的 ${p.score} 不同`,
  "score.total_differs": (p: { declared: string; total: string }) => `自评总分 ${p.declared} 与按规则计算的 ${p.total} 不同（两者并列显示）`,
  "score.from_form": (p: { n: number }) => `${p.n} 项指标没有指标值和实际完成值，得分取自表上填报的得分（未按规则核算）`,
  "actual.complete_rate_differs": (p: { name: string; declared: string; rate: string }) => `“${p.name}”填报的完成率 ${p.declared} 与 实际值/指标值 = ${p.rate}% 不符（以实际完成值为准）`,

  // ---- comparing, mapping, rolling up: compare.ts, mapping.ts, rollup.ts, cli/compare.ts ----
  "map.ambiguous": (_: Record<string, never>) => "映射行对应多条指标，未采用；请改用指标编码",
  "map.conflict": (_: Record<string, never>) => "该指标已由前面的映射行确认，此行未采用",
  "map.unused": (_: Record<string, never>) => "映射行在本次比较中没有对应的指标",
  "map.bad_decision": (p: { text: string }) => `结论“${p.text}”无法识别（应为 confirmed 或 rejected），此行未采用`,
  "map.empty_row": (_: Record<string, never>) => "此行没有指明旧指标或新指标，未采用",
  "map.bad_reject": (_: Record<string, never>) => "否决须同时指明旧指标和新指标，此行未采用",
  "compare.year_order": (p: { newYear: number; oldYear: number }) => `新年度（${p.newYear}）不晚于旧年度（${p.oldYear}）`,
  "compare.several_years": (p: { side: "old" | "new"; name: string; years: number[]; year: number }) => `${p.side === "old" ? "旧" : "新"}数据中“${p.name}”有多个年度（${p.years.join("、")}），取 ${p.year} 年度`,
  "rollup.unit_missing": (p: { region: string; unit: string }) => `区域“${p.region}”所列单位 ${p.unit} 没有该年度数据`,
  "rollup.unit_repeated": (p: { name: string }) => `单位“${p.name}”在区域树中出现多次，只计一次`,
  "rollup.no_total": (p: { name: string }) => `单位“${p.name}”没有预算总额，合计中按 0 计`,
  "rollup.total_mismatch": (p: { region: string; declared: string; sum: string }) => `区域“${p.region}”申报总额 ${yuan(p.declared)} 与所属单位合计 ${yuan(p.sum)} 相差 ${yuan(diff(p.declared, p.sum))}`,
  "rollup.item_mismatch": (p: { region: string; kind: "source" | "structure"; item: string; declared: string; sum: string }) =>
    `区域“${p.region}”申报的${p.kind === "source" ? "资金来源" : "资金结构"}“${p.item}” ${yuan(p.declared)} 与所属单位合计 ${yuan(p.sum)} 相差 ${yuan(diff(p.declared, p.sum))}`,

  // ---- the workspace (src/explore/importer.ts) ----
  "explore.saved_mapping": (_: Record<string, never>) => "已按保存的表头对应关系读取",
};

type Templates = typeof zh;
/** Every finding code the catalogue holds: the codes the core (and the CLI, the workspace) may raise. */
export type FindingCode = keyof Templates;
/** The params of a finding code's text. */
export type ParamsOf<C extends FindingCode> = Parameters<Templates[C]>[0];

const en: { [C in FindingCode]: (p: ParamsOf<C>) => string } = {
  "budget.projects_exceed": (p) => `the ${p.n} projects read add up to ${yuanEn(p.sum)}, more than the declared 项目支出 ${yuanEn(p.declared)}`,
  "budget.projects_partial": (p) => `the ${p.n} projects read add up to ${yuanEn(p.sum)}, less than the declared 项目支出 ${yuanEn(p.declared)} (not all projects loaded)`,
  "budget.no_total": () => "the budget has no total line; nothing to reconcile against",
  "budget.no_source": () => "the budget has no source lines",
  "budget.no_structure": () => "the budget has no structure lines",
  "budget.source_mismatch": (p) => `source lines add up to ${yuanEn(p.sum)} but the total is ${yuanEn(p.total)} (difference ${yuanEn(diff(p.sum, p.total))})`,
  "budget.structure_mismatch": (p) => `structure lines add up to ${yuanEn(p.sum)} but the total is ${yuanEn(p.total)} (difference ${yuanEn(diff(p.sum, p.total))})`,
  "budget.negative": (p) => `“${p.item}” is negative: ${yuanEn(p.amount)}`,
  "budget.implausible": (p) => `“${p.item}” exceeds 100 billion yuan; please verify`,
  "unit.zero_staff": (p) => `staff at year end is 0, yet basic expenditure (mostly staff costs) is ${yuanEn(p.basic)}`,
  "unit.zero_orgs": () => "internal departments reported as 0; please verify",
  "unit.no_duties": () => "单位职责 is empty",
  "unit.no_goals": () => "年度履职目标 is empty",
  "indicator.duplicate_name": (p) => `三级 “${p.name}” is repeated (first on row ${p.row})`,
  "indicator.missing_level1": (p) => `no 一级 group “${p.level1}”`,
  "cell.formula_like": (p) => `“${p.text}” looks like a spreadsheet formula; kept as text`,
  "indicator.no_target": (p) => `“${p.label}” has no target`,
  "target.unparsed": (p) => `target “${p.target}” of “${p.label}” fits no known form; treated as qualitative`,
  "target.not_quantified": (p) => `${p.level2} “${p.label}” should have a quantitative target, not “${p.target}”`,
  "target.vague_deadline": (p) => `timeliness target “${p.target}” of “${p.label}” names no date`,
  "target.deadline_outside_year": (p) => `deadline ${p.date} (${p.target}) of “${p.label}” falls outside the declared year ${p.year}`,
  "target.impossible": (p) =>
    p.variant === "below_zero"
      ? `target “${p.target}” of “${p.label}” can never be met: the value is never below 0${p.atZero ? " (write =0 or ≤0)" : ""}`
      : `target “${p.target}” of “${p.label}” exceeds 100% and can never be met`,
  "target.count_in_quality": (p) => `“${p.label}” is a count but sits under 质量指标`,
  "target.unit_nonstandard": (p) => `unit of “${p.label}” is written “率”; “%” is meant`,
  "target.unit_mismatch": (p) => `unit “${p.unit}” does not fit “${p.label}”; expected ${FAMILY_EN[p.expected]}`,
  "target.implausible_number": (p) => `target value ${p.value} of “${p.label}” has an implausible number of digits`,
  "target.exceeds_budget": (p) => `cost ceiling ${yuanEn(p.ceiling)} of “${p.label}” exceeds the unit's whole budget ${yuanEn(p.total)}`,
  "task.no_content": (p) => `key task “${p.name}” has no content`,

  "encoding.undecodable": (p) => `bytes that cannot be decoded as ${p.encoding}; replaced by �`,
  "encoding.undecodable_more": (p) => `${p.more} more undecodable bytes (${p.count} in all); check the file's encoding`,
  "encoding.detected": (p) => `file encoding is ${p.encoding}; converted`,
  "csv.unterminated_quote": (p) => `quote opened on row ${p.row} is never closed; the file may be truncated`,
  "file.unreadable": (p) => p.en,
  "canonical.unknown_columns": (p) => `columns not recognised (ignored): ${p.columns.join(", ")}`,
  "canonical.bad_finding": () => "finding without code or message; row skipped",
  "canonical.bad_year": (p) => `year cannot be read: “${p.text}”; row skipped`,
  "canonical.bad_count": (p) => `not a whole number: “${p.text}”`,
  "canonical.no_item": () => "budget line without an item; row skipped",
  "canonical.bad_kind": (p) => `budget kind not recognised: “${p.text}”; row skipped`,
  "canonical.bad_weights": (p) => `level1_weights cannot be read: “${p.text}”`,
  "canonical.no_level": (p) => `no ${p.level === 2 ? "二级" : "一级"} (level ${p.level}) and no row above to take it from; row skipped`,
  "canonical.filled_down": (p) => `blank level ${p.level} (a merged cell): the row above's “${p.value}” taken`,
  "canonical.no_unit": () => "no unit id or name; row skipped",
  "canonical.bad_period": (p) => `period not recognised: “${p.text}” (midyear or yearend); row skipped`,
  "canonical.bad_date": (p) => `as-of date not recognised: “${p.text}” (yyyy-mm-dd)`,
  "actual.period_inferred": (p) => `${p.count} row(s) have no period; inferred from the columns filled (mid-year when 预计全年完成 or 执行情况 is given, else year-end)`,
  "json.bad_entry": (p) => `${p.list}[${p.index}]: ${BAD_ENTRY_EN[p.reason]}; skipped`,
  "load.duplicate_file": (p) => `the file has the same bytes as ${p.earlier}; counted once`,
  "load.duplicate_rows": (p) =>
    p.variant === "rows" ? `${p.count} row(s) repeat rows of ${p.earlier} (the same unit, year and item); counted once`
      : p.variant === "budget" ? `budget line “${p.item}” repeats ${rowEn(p.firstRow, p.firstFile)} (the same unit, year and item); counted once`
        : `execution line “${p.item}” repeats ${rowEn(p.firstRow, p.firstFile)} (the same unit, year, period and item); counted once`,
  "load.conflicting_rows": (p) => `${p.count} row(s) are the same unit, year and item as rows of ${p.earlier}, loaded before, but differ; not counted (${p.earlier} holds; to use this file instead, remove ${p.earlier} and load this one again)`,
  "load.restated_indicators": (p) => `${p.count} indicator(s) this form lists are those of the same unit (or project) and year that ${p.declared} loaded; ${p.declared} holds and they are not counted twice (a declaration holds over self-evaluations and monitoring forms; this form's results are matched to its indicators)`,
  "budget.repeated_item": (p) => `budget line “${p.item}” appears twice for the same unit and year (see also ${rowEn(p.firstRow, p.firstFile)}) with different amounts; which one holds cannot be told`,

  "text.markup_stripped": () => "cell held HTML markup; converted to plain text",
  "form.year_from_name": (p) => `the form prints no year: ${p.year} is taken from its ${p.field} “${p.text}”`,
  "form.year_given": (p) => `the form prints no year: read as ${p.year}, the year given`,
  "form.year_from_file_name": (p) => `the form prints no year: ${p.year} is taken from the file name`,
  "form.year_from_previous": (p) => `the form prints no year: read as ${p.year}, the year of the form before it in the file`,
  "indicator.empty_group": (p) => `二级 group “${p.level2}” has no indicator`,
  "indicator.blank_level1": (p) => (p.implied ? `the 一级 of 二级 “${p.level2}” is blank on the form; read under “${p.implied}”, the 一级 it belongs to` : `the 一级 of 二级 “${p.level2}” is blank on the form`),
  "form.unknown_row": (p) => (p.variant === "task" ? "task row without a name" : p.variant === "budget" ? `budget row not recognised: “${p.text}”` : p.variant === "skipped" ? "row not recognised; skipped" : "row not recognised"),
  "task.continued": () => "task text continued after a page break; joined to the row above",
  "task.order_gap": (p) => `task numbered (${p.numbered}) stands at position ${p.order}`,
  "budget.amount_unreadable": (p) => (p.variant === "form" ? `amount cannot be read: “${p.text}” (${p.label})` : `amount cannot be read: “${p.text}”; row skipped`),
  "unit.count_unreadable": (p) => `${p.label} is not a whole number: “${p.text}”`,
  "layout.repeated_header": () => "table header repeated after a page break; skipped",
  "layout.shifted": (p) => {
    switch (p.variant) {
      case "level1": return `一级 label “${p.text}” sits outside its column; placed by content`;
      case "level2": return `二级 label “${p.text}” sits outside its column; placed by content`;
      case "level2_moved": return `二级 label “${p.text}” sits in another column; placed by content`;
      case "name_placed": return `三级 “${p.text}” sits in column ${p.column}; placed under “${p.level1}/${p.level2}” by content`;
      case "name": return `三级 “${p.text}” sits in column ${p.column}; placed by content`;
      case "target": return `target sits in column ${p.column}; placed by content`;
      case "values": return `row of “${p.text}”: values stand ${p.offset} column(s) off the header; realigned by content`;
      case "funding": return `funding row “${p.item}”: values stand outside their columns; read in order`;
    }
  },
  "layout.implied_level1": (p) => `二级 “${p.text}” belongs to “${p.parent}”; 一级 completed from content`,
  "indicator.no_level1": (p) => `二级 “${p.text}” has no 一级 above it`,
  "indicator.no_level2": () => "indicator row has no 二级 above it",
  "indicator.no_name": (p) => `target “${p.text}” has no 三级 name`,
  "layout.extra_cells": (p) => (p.variant === "joined" ? "indicator row has extra cells; joined into the name" : `row of “${p.name}”: “${p.text}” in column ${p.column} fits no header; ignored`),
  "form.unreadable": (p) => `the form starting at row ${p.row} cannot be read: ${p.reasonEn}`,
  "file.several_forms": (p) => `the file holds ${p.count} forms; each was read on its own`,
  "form.no_indicator_table": () => "no indicator table header (一级指标/二级指标/三级指标) and no funding block: only the form's head was read",
  "project.no_name": () => "project form has no 项目名称",
  "form.placeholder_rows": (p) => `${p.count} template placeholder row(s) skipped (such as 指标1, ……)`,
  "form.not_filled": () => "the self-evaluation has no actual values (not reported); not scored",
  "funding.total_contradicts_parts": (p) => `${p.field === "column" ? `the amount in column ${p.column}` : p.field} of “${p.item}” (${fenToYuanString(BigInt(p.total))} yuan) is less than the sum of its parts (${fenToYuanString(BigInt(p.sum))} yuan)`,
  "budget.lines_disagree": (p) => `the task rows of ${p.item} add up to ${fenToYuanString(BigInt(p.sum))} yuan; the budget says ${fenToYuanString(BigInt(p.declared))} yuan`,
  "target.lost_percent_format": (p) => `target “${p.target}” of “${p.label}” looks like a percentage that lost its format`,

  "actual.bad_likelihood": (p) => `likelihood not recognised: “${p.text}”`,
  "actual.bad_deviation_kind": (p) => `deviation kind not recognised: “${p.text}”`,
  "actual.bad_number": (p) => (p.variant === "form" ? `${p.label} of “${p.name}” is not a number: “${p.text}”` : `${p.label} is not a number: “${p.text}” (kept as text, not used)`),
  "actual.bad_grade": (p) => `grade not recognised: “${p.text}”`,
  "actual.bad_flag": (p) => `not_applicable value not recognised: “${p.text}” (treated as applicable)`,
  "actual.no_name": (p) => (p.variant === "form" ? `row ${p.row} holds “${p.text}” but no 三级 name; skipped` : "progress row has neither an indicator id nor a name; skipped"),
  "execution.amount_unreadable": (p) => (p.variant === "form" ? `${p.label} of ${p.item} cannot be read: “${p.text}”` : `${p.label} cannot be read: “${p.text}” (yuan, at most 2 decimals)`),
  "progress.project_form": (p) => `project form (${p.project}); matched against the declaration of “${p.name}”`,
  "progress.total_unused": (p) => `declared total ${p.total} has no funding row to attach to`,
  "progress.no_rows": () => "the progress form has no indicator rows",
  "actual.no_number": (p) => `“${p.label}”: quantitative indicator given only the grade “${p.grade}”, no number; not scored`,
  "actual.unit_converted": (p) => `“${p.label}”: actual “${p.text}” converted exactly to ${p.converted} ${p.unit}`,
  "actual.unit_mismatch": (p) => `“${p.label}”: unit of actual “${p.text}” differs from the target's (${p.unit}); scored as ${p.value}`,
  "actual.operator_dropped": (p) => `“${p.label}”: actual “${p.text}” carries an operator; scored as ${p.value}`,
  "actual.unreadable": (p) => (p.variant === "number" ? `“${p.label}”: actual “${p.text}” is not a readable number; not scored` : `“${p.label}”: actual “${p.text}” of a deadline indicator is not a readable date; not scored`),
  "actual.date_inferred": (p) => (p.variant === "deadline" ? `“${p.label}”: “${p.text}” gives no date; taken as done on the deadline ${p.date}` : `“${p.label}”: “${p.text}” gives no date; taken as late (${p.date})`),
  "actual.grade_inferred": (p) => `“${p.label}”: actual “${p.text}” repeats the target; taken as 达成`,
  "actual.grade_needed": (p) => `“${p.label}”: qualitative actual “${p.text}” has no grade (达成/部分达成/未达成); not scored`,
  "actual.no_declaration": (p) => `no declaration of ${p.unit} for ${p.year} was read; the ${p.period} figures are scored against the targets in the progress file`,
  "actual.id_mismatch": (p) => `indicator id “${p.id}” is not declared; matched “${p.label}” by name`,
  "actual.unmatched": (p) => `“${p.path}” matches no indicator declared for ${p.year} (by id or by 一级/二级/三级 name); not scored`,
  "actual.duplicate": (p) => (p.period ? `“${p.label}” is reported twice for ${p.period}; the first row is used` : `“${p.label}” reported twice; the first row is used`),
  "actual.target_differs": (p) => `target of “${p.label}” in the progress file (“${p.target}”) differs from the declared “${p.declared}”; the declared one is used`,
  "actual.missing": (p) => `“${p.label}” has no ${p.period} figure (not reported); neither scored as zero nor as met`,
  "execution.rate_differs": (p) => `stated execution rate ${p.declared} differs from B/A = ${p.rate}%`,
  "execution.score_differs": (p) => `declared execution score ${p.declared} differs from the rule's ${p.score}`,
  "score.total_differs": (p) => `declared total ${p.declared} differs from the rule's ${p.total} (both shown)`,
  "score.from_form": (p) => `${p.n} indicators have no target and no actual value: their scores are the form's own 得分 (not computed by the rules)`,
  "actual.complete_rate_differs": (p) => `stated completion rate ${p.declared} of “${p.name}” differs from actual/target; the actual is used`,

  "map.ambiguous": () => "mapping row names several indicators; ignored (use indicator ids)",
  "map.conflict": () => "indicator already settled by an earlier mapping row; row ignored",
  "map.unused": () => "mapping row matched no indicator in this comparison",
  "map.bad_decision": (p) => `decision "${p.text}" is neither confirmed nor rejected; row ignored`,
  "map.empty_row": () => "row names neither an old nor a new indicator; ignored",
  "map.bad_reject": () => "a rejection must name both the old and the new indicator; row ignored",
  "compare.year_order": (p) => `the new year (${p.newYear}) is not after the old year (${p.oldYear})`,
  "compare.several_years": (p) => `${p.side} data hold several years of ${p.name} (${p.years.join(", ")}); using ${p.year}`,
  "rollup.unit_missing": (p) => `unit ${p.unit} listed under ${p.region} has no data for the year`,
  "rollup.unit_repeated": (p) => `${p.name} appears more than once in the region tree; counted once`,
  "rollup.no_total": (p) => `${p.name} declared no budget total; counted as 0`,
  "rollup.total_mismatch": (p) => `${p.region}: declared total ${yuanEn(p.declared)} differs from the units' sum ${yuanEn(p.sum)} by ${yuanEn(diff(p.declared, p.sum))}`,
  "rollup.item_mismatch": (p) => `${p.region}: declared ${p.kind} ${p.item} ${yuanEn(p.declared)} differs from the units' sum ${yuanEn(p.sum)} by ${yuanEn(diff(p.declared, p.sum))}`,

  "explore.saved_mapping": () => "read with the saved header mapping",
};

/** The finding texts per language: the `finding` section of the site's catalogue (src/i18n/messages.ts). */
export const FINDING_TEXT: Record<Lang, { readonly [C in FindingCode]: (p: ParamsOf<C>) => string }> = { zh, en };

/** Every code the catalogue holds, in its order. */
export const FINDING_CODES = Object.keys(zh) as FindingCode[];

/** The codes the reviewer's checks (checks.ts runChecks) can raise: the bulk route's parity test runs over each. */
export const CHECK_CODES = Object.keys(CHECKS) as (keyof typeof CHECKS)[];

export const isFindingCode = (code: string): code is FindingCode => Object.hasOwn(zh, code);

export type { FindingParams };

/**
 * A finding of a code the catalogue holds, with its params. `subject`: the id of the unit,
 * line or indicator it is about.
 */
export function finding<C extends FindingCode>(severity: Severity, code: C, params: ParamsOf<C>, location: Location, subject?: string | null): Finding {
  return { severity, code: code as string, params: params as FindingParams, location, ...(subject ? { subject } : {}) };
}

/** `code`'s text in `lang` from `params`; null when the catalogue does not hold the code or the params do not fit it. */
export function renderFinding(code: string, params: FindingParams, lang: Lang): string | null {
  if (!isFindingCode(code)) return null;
  try {
    return (FINDING_TEXT[lang === "en" ? "en" : "zh"][code] as (p: FindingParams) => string)(params);
  } catch {
    return null; // params read from a file that do not fit (an amount that is no integer …): the file's text stands
  }
}

/** What findingText needs of a finding. */
export interface FindingLike {
  code: string;
  params?: FindingParams;
  /** The text a file gave, kept as it was (a code this version does not know, or a file without params). */
  text?: { zh: string; en: string };
}

/**
 * A finding's text in `lang`: the text the file gave, when it was read from one; else rendered
 * from the catalogue. A finding with no English shows its Chinese.
 */
export function findingText(f: FindingLike, lang: Lang): string {
  if (f.text) return (lang === "en" && f.text.en) || f.text.zh;
  return renderFinding(f.code, f.params ?? {}, lang) ?? f.code;
}

/** Both texts as a file writes them (message, message_en): a file's text exactly as read, else rendered. */
export function findingTexts(f: FindingLike): { zh: string; en: string } {
  return f.text ?? { zh: findingText(f, "zh"), en: findingText(f, "en") };
}
