// Interface text of the view layer's folds (src/views/): what a folded part holds,
// said on its summary line so that nothing folded is out of sight.
import type { Lang } from "../core/format.ts";

const zh = {
  /** After a folded 一级 group's heading: its items with errors or warnings. */
  toCheck: (n: number) => `${n} 项需核实`,
  showTasks: (n: number) => `展开全部 ${n} 项重点任务`,
  showText: "展开全文",
  moreFindings: (n: number) => `其余 ${n} 条错误与警告`,
  /** A finding's badge beside its indicator links to the finding: its name says so (not only 警告). */
  findingLink: (severity: string, name: string) => `${severity}：“${name}”的检查结果`,
};

type Messages = typeof zh;

const en: Messages = {
  toCheck: (n: number) => `${n} to check`,
  showTasks: (n: number) => `Show all ${n} key tasks`,
  showText: "Show the full text",
  moreFindings: (n: number) => `${n} more errors and warnings`,
  findingLink: (severity: string, name: string) => `${severity}: the check on “${name}”`,
};

export const VIEW_MESSAGES: Record<Lang, Messages> = { zh, en };
