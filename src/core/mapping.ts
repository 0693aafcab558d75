// The manual indicator mapping file (docs/compare.md): rows that confirm or
// reject a pairing of an old-year indicator with a new-year one, overriding the
// automatic matching. Read like every other input: findings for bad rows, an
// ImportError only when the file cannot be read at all.
import { ImportError, type Finding, type Indicator, type Location } from "./model.ts";
import { decodeBytes } from "./decode.ts";
import { detectDelimiter, parseDelimited } from "./table.ts";
import { cleanText } from "./text.ts";
import { finding } from "./findingText.ts";

/** One side of a mapping row: an indicator id, or a 一级 / 二级 / name (一级 and 二级 optional). */
export interface IndicatorRef {
  id: string | null;
  level1: string | null;
  level2: string | null;
  name: string | null;
}

export type Decision = "confirmed" | "rejected";

export interface MappingRow {
  /** Unit id or name the row is limited to; null = any unit. */
  unit: string | null;
  /** Null: the new indicator has no predecessor (confirmed as added). */
  old: IndicatorRef | null;
  /** Null: the old indicator has no successor (confirmed as removed). */
  new: IndicatorRef | null;
  decision: Decision;
  source: Location;
}

/** Column → accepted header names (compared lower-cased, without spaces, _ or -). */
const HEADERS: Record<string, readonly string[]> = {
  unit: ["unit", "unit_id", "unit_name", "单位", "单位名称"],
  old_id: ["old_indicator_id", "old_id", "旧指标编码", "旧指标id"],
  new_id: ["new_indicator_id", "new_id", "新指标编码", "新指标id"],
  old_level1: ["old_level1", "旧一级指标", "旧一级"],
  old_level2: ["old_level2", "旧二级指标", "旧二级"],
  old_name: ["old_name", "旧三级指标", "旧指标名称", "旧三级"],
  new_level1: ["new_level1", "新一级指标", "新一级"],
  new_level2: ["new_level2", "新二级指标", "新二级"],
  new_name: ["new_name", "新三级指标", "新指标名称", "新三级"],
  decision: ["decision", "status", "结论", "确认"],
};

const DECISIONS: Record<string, Decision> = {
  confirmed: "confirmed", confirm: "confirmed", yes: "confirmed", 确认: "confirmed", 是: "confirmed", "": "confirmed",
  rejected: "rejected", reject: "rejected", no: "rejected", 否决: "rejected", 拒绝: "rejected", 否: "rejected",
};

const key = (s: string) => s.toLowerCase().replace(/[\s_\-]/g, "");
const LOOKUP = new Map<string, string>();
for (const [col, names] of Object.entries(HEADERS)) for (const n of names) LOOKUP.set(key(n), col);

const mappingColumns = (cells: readonly string[]) => cells.map((c) => LOOKUP.get(key(c.replace(/^\ufeff/, ""))) ?? null);
const namesBothSides = (columns: readonly (string | null)[]) =>
  (["old", "new"] as const).every((p) => columns.includes(`${p}_id`) || columns.includes(`${p}_name`) || columns.includes(`${p}_level2`));

/** Whether a header row is a mapping file's: it names an old and a new indicator (by id, 二级 or name). */
export function looksLikeMapping(header: readonly string[]): boolean {
  return namesBothSides(mappingColumns(header));
}

/** Reads a mapping file (CSV or TSV, UTF-8 or GB18030). Throws ImportError when it has no recognisable header. */
export function readMapping(file: string, bytes: Uint8Array): { rows: MappingRow[]; findings: Finding[] } {
  const { text } = decodeBytes(bytes, file);
  const { records } = parseDelimited(text, detectDelimiter(text));
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  const columns = first === -1 ? [] : mappingColumns(records[first].cells);
  if (!namesBothSides(columns)) {
    throw new ImportError(
      `${file}：映射文件需要表头 old_indicator_id/new_indicator_id 或 old_name/new_name`,
      `${file}: a mapping file needs a header with old_indicator_id/new_indicator_id or old_name/new_name`,
      { file, row: first === -1 ? undefined : records[first].row },
    );
  }
  const rows: MappingRow[] = [];
  const findings: Finding[] = [];
  for (const r of records.slice(first + 1)) {
    if (r.cells.every((c) => c.trim() === "")) continue;
    const get = (col: string): string | null => {
      const i = columns.indexOf(col);
      const v = i === -1 ? "" : cleanText(r.cells[i] ?? "");
      return v === "" ? null : v;
    };
    const source = { file, row: r.row };
    const side = (p: "old" | "new"): IndicatorRef | null => {
      const ref = { id: get(`${p}_id`), level1: get(`${p}_level1`), level2: get(`${p}_level2`), name: get(`${p}_name`) };
      return ref.id === null && ref.level2 === null && ref.name === null ? null : ref;
    };
    const raw = get("decision") ?? "";
    const decision = DECISIONS[raw.toLowerCase()];
    const old = side("old");
    const neu = side("new");
    if (!decision) {
      findings.push(finding("warning", "map.bad_decision", { text: raw }, source));
    } else if (old === null && neu === null) {
      findings.push(finding("warning", "map.empty_row", {}, source));
    } else if (decision === "rejected" && (old === null || neu === null)) {
      findings.push(finding("warning", "map.bad_reject", {}, source));
    } else rows.push({ unit: get("unit"), old, new: neu, decision, source });
  }
  return { rows, findings };
}

/** True when a row applies to a unit (no unit column, or the unit's id or one of its names). */
export function rowAppliesTo(row: MappingRow, unitIdOrNames: readonly string[]): boolean {
  return row.unit === null || unitIdOrNames.includes(row.unit);
}

/**
 * The indicators of one year a reference names: by id when given, else by name
 * (and 一级 / 二级 when given). Names are compared as declared, whitespace collapsed.
 */
export function resolveRef(ref: IndicatorRef, indicators: readonly Indicator[]): Indicator[] {
  if (ref.id !== null) return indicators.filter((i) => i.id === ref.id);
  return indicators.filter(
    (i) =>
      cleanText(i.name ?? "") === (ref.name ?? "") &&
      (ref.level1 === null || cleanText(i.level1) === ref.level1) &&
      (ref.level2 === null || cleanText(i.level2) === ref.level2),
  );
}
