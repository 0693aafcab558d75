// One entry for every file the importer reads: bytes in, Dataset out. It throws
// ImportError only when a file cannot be read at all; everything else is a
// finding with its location. Runs in Node and in a browser worker alike.
import { ImportError, type DataStatus, type Dataset } from "./model.ts";
import { decodeBytes } from "./decode.ts";
import { detectDelimiter, parseDelimited, type TableRecord } from "./table.ts";
import { looksLikeProgressForm, parseProgressForm } from "./progress.ts";
import { looksLikeProjectForm, readFormsIfAny, sniffForm, type YearOptions } from "./reader/read.ts";
import { importWorkbook, isZip } from "./workbook.ts";
import { fromJson, mapHeader, readCanonical } from "./canonical.ts";
import { runChecks } from "./checks.ts";
import { dedupeFindings, dropRepeatedLines } from "./dedupe.ts";
import { finding } from "./findingText.ts";
import { yieldRestated } from "./restated.ts";

/** Year options apply to forms that print no year (src/core/reader/read.ts `YearOptions`). */
export interface ImportOptions extends YearOptions {
  status?: DataStatus;
  /** Run the reviewer's checks (default true). */
  checks?: boolean;
}

export function importFile(file: string, bytes: Uint8Array, options: ImportOptions = {}): Dataset {
  const status = options.status ?? "declared";
  const { text, encoding, findings } = decodeBytes(bytes, file);
  const trimmed = text.trimStart();
  let data: Dataset;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const m = String((e as Error).message).match(/position (\d+)/);
      throw new ImportError(`${file}：JSON 格式错误${m ? `（第 ${m[1]} 个字符处）` : ""}`, `${file}: invalid JSON${m ? ` (at character ${m[1]})` : ""}`, { file });
    }
    data = fromJson(value, file);
  } else {
    const delimiter = detectDelimiter(text);
    const { records, unterminatedQuoteRow } = parseDelimited(text, delimiter);
    if (unterminatedQuoteRow !== null) {
      findings.push(finding("error", "csv.unterminated_quote", { row: unterminatedQuoteRow }, { file, row: unterminatedQuoteRow }));
    }
    data = readRecords(file, records, status, options);
    if (encoding !== "utf-8") {
      findings.push(finding("info", "encoding.detected", { encoding: encoding.toUpperCase() }, { file }));
    }
  }
  data.findings.unshift(...findings);
  return finish(data, options);
}

/** What every file gets after it is read, text or workbook alike: repeated lines once, then the reviewer's checks. */
function finish(read: Dataset, options: ImportOptions): Dataset {
  const data = dropRepeatedLines(read); // a form pasted twice into one file: each amount once
  // A JSON export's stored findings and the same ones derived again are one.
  if (options.checks !== false) data.findings = dedupeFindings([...data.findings, ...runChecks(data)]);
  return data;
}

/** The records of a delimited file or a sheet: a form, else a canonical table; ImportError when neither. */
export function readRecords(file: string, records: TableRecord[], status: DataStatus = "declared", years: YearOptions = {}): Dataset {
  const firstRow = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  if (firstRow === -1) throw new ImportError(`${file}：文件没有内容`, `${file}: the file has no content`, { file });
  const form = readSheet(records, file, status, years);
  if (form) return form;
  const header = mapHeader(records[firstRow].cells);
  if (!header) {
    throw new ImportError(
      `${file}：无法识别的文件格式（第 ${records[firstRow].row} 行既不是申报表、自评表或监控表，也不是可识别的表头）`,
      `${file}: unknown layout (row ${records[firstRow].row} is neither a form nor a known header)`,
      { file, row: records[firstRow].row },
    );
  }
  return readCanonical(header, records.slice(firstRow + 1), file, status);
}

/** Any file the importer reads, workbooks included (every sheet, through the same readers as text). */
export async function importAny(file: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<Dataset> {
  if (!isZip(bytes)) return importFile(file, bytes, options);
  const read = (part: string, records: TableRecord[], status: DataStatus) => readRecords(part, records, status, options);
  return finish(await importWorkbook(file, bytes, read, mergeDatasets, options.status ?? "declared"), options);
}

/**
 * A sheet that is a form → Dataset; null when it is not one (a canonical table, say).
 * Two earlier readers keep the layouts they were written for: the bundled
 * 申报表 export (it joins page-break continuations) and the unit-level 自评/监控
 * column layout (ticked 偏差原因 kinds, rows realigned by content). Every other
 * form — project forms, declarations of other templates, stacked forms — goes
 * through the general reader (src/core/reader).
 */
export function readSheet(records: readonly TableRecord[], file: string, status: DataStatus = "declared", years: YearOptions = {}): Dataset | null {
  // A project form never goes to the unit-level readers (a quick look by plain text first).
  const unitForm = !looksLikeProjectForm(records);
  // A 自评表 / 运行监控表 also has 单位名称 and 一级指标: it is told apart by its progress columns.
  if (unitForm && looksLikeProgressForm(records)) return parseProgressForm(records, file, status);
  return readFormsIfAny(records, file, status, years);
}

/** True when readSheet takes the records as a form (whichever reader reads it), not as a table. */
export function looksLikeAnyForm(records: readonly TableRecord[]): boolean {
  return looksLikeProgressForm(records) || sniffForm(records) !== null;
}

/** Concatenates datasets (several files, several years, several units). */
export function mergeDatasets(all: readonly Dataset[]): Dataset {
  const { parts, findings } = yieldRestated(all);
  return {
    units: parts.flatMap((p) => p.units),
    budget: parts.flatMap((p) => p.budget),
    tasks: parts.flatMap((p) => p.tasks),
    indicators: parts.flatMap((p) => p.indicators),
    findings: [...parts.flatMap((p) => p.findings), ...findings],
    ...(parts.some((p) => p.actuals || p.execution)
      ? { actuals: parts.flatMap((p) => p.actuals ?? []), execution: parts.flatMap((p) => p.execution ?? []) }
      : {}),
    ...(parts.some((p) => p.projects) ? { projects: parts.flatMap((p) => p.projects ?? []) } : {}),
  };
}
