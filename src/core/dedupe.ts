// Findings stored in findings.csv (or a JSON export) are derived again by the
// checks when the tables are read back: one finding per code, place, subject and
// message, so a round trip through the canonical tables adds nothing. DOM-free.
import type { Finding } from "./model.ts";

/**
 * One finding per severity, code, subject, file, row and message: a finding
 * read back from findings.csv and the same finding derived again by the checks
 * are one. Where only one of the two knows the column (canonical tables keep a
 * row's file and row, a form also its column), the one with the column stays,
 * at the first one's place in the list.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const out: (Finding | null)[] = [];
  const at = new Map<string, number[]>();
  for (const f of findings) {
    const key = [f.severity, f.code, f.subject ?? "", f.location.file, f.location.row ?? "", f.message, f.messageEn].join("\u0000");
    const same = at.get(key) ?? [];
    const col = f.location.column;
    const hit = same.find((i) => {
      const c = out[i]!.location.column;
      return c === col || c === undefined || col === undefined;
    });
    if (hit === undefined) {
      at.set(key, [...same, out.length]);
      out.push(f);
    } else if (out[hit]!.location.column === undefined && col !== undefined) out[hit] = f;
  }
  return out as Finding[];
}
