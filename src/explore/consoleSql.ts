// The SQL console's helpers: the example queries, a LIMIT around a read so a million-row answer is not copied
// into the page, and DuckDB's errors (and its CSV errors) said with a kind in the page's language.
import type { Lang } from "../i18n/i18n-explore.ts";
import { t, type MessageText } from "../i18n/messages.ts";

/** DuckDB's CSV error → where it is (line) and a reason (Chinese, or English); null when it is not a CSV error. */
export function csvErrorText(message: string, lang: Lang = "zh"): { row: number | null; reason: string } | null {
  if (!/CSV Error|Could not convert|unterminated|Expected Number of Columns|quote/i.test(message)) return null;
  const line = message.match(/on Line:? (\d+)/i)?.[1] ?? message.match(/line (\d+)/i)?.[1];
  const cols = message.match(/Expected Number of Columns: (\d+) Found: (\d+)/i);
  const reason = cols ? t(lang, "explore.csvColumns", cols[1], cols[2])
    : /unterminated quote|quote/i.test(message) ? t(lang, "explore.csvQuote")
    : /Invalid unicode|UTF-8/i.test(message) ? t(lang, "explore.csvUtf8")
    : t(lang, "explore.csvOther");
  return { row: line ? Number(line) : null, reason };
}

const EXAMPLE_SQL = (countAlias: string) => [
  `SELECT u.unit_name, i.fiscal_year, count(*) AS ${countAlias}\nFROM indicators i JOIN units u USING (unit_id, fiscal_year)\nGROUP BY ALL ORDER BY ${countAlias} DESC\nLIMIT 50`,
  "SELECT level1, target_kind, count(*) AS n\nFROM indicators\nGROUP BY ALL ORDER BY level1, n DESC",
  "SELECT unit_id, fiscal_year, kind, item, amount\nFROM budget\nORDER BY unit_id, fiscal_year, kind",
  "SELECT i.target, count(*) AS n\nFROM indicators i JOIN target_lookup l USING (target, fiscal_year)\nWHERE l.target_kind = 'qualitative' AND NOT l.recognised\nGROUP BY ALL ORDER BY n DESC LIMIT 100",
  "SELECT severity, code, count(*) AS n\nFROM findings\nGROUP BY ALL ORDER BY n DESC",
  "SELECT upload_id, file_name, loaded_at, rows_loaded FROM uploads ORDER BY upload_id",
  "SELECT unit_id, fiscal_year, period, level1, name, target, coalesce(actual, expected_annual) AS result, likelihood, deviation_reason\nFROM actuals\nORDER BY unit_id, fiscal_year, period, level1, name",
  "SELECT unit_id, fiscal_year, period, item, budget_full_year, executed, declared_rate\nFROM execution\nORDER BY unit_id, fiscal_year, period",
];

/** The example queries the SQL console offers, labelled in the page's language. */
export function examples(lang: Lang = "zh"): readonly { label: string; sql: string }[] {
  return EXAMPLE_SQL(t(lang, "explore.countAlias")).map((sql, i) => ({ label: t(lang, "explore.examples")[i], sql }));
}

/** The example queries the SQL console offers (Chinese labels). */
export const EXAMPLES: readonly { label: string; sql: string }[] = examples("zh");

/** A console statement that returns rows is read through a LIMIT, so a million-row answer is not copied into the page. */
export function limitedSql(sql: string, limit: number): { sql: string; limited: boolean } {
  const s = sql.trim().replace(/;\s*$/, "");
  if (/^(select|with|from|values|table)\b/i.test(s) && !s.includes(";")) return { sql: `SELECT * FROM (${s}\n) AS console_query LIMIT ${limit}`, limited: true };
  return { sql: s, limited: false };
}

const ERROR_KINDS: [RegExp, keyof MessageText<"explore.sqlKinds">][] = [
  [/^Parser Error/i, "parser"],
  [/^Catalog Error/i, "catalog"],
  [/^Binder Error/i, "binder"],
  [/^Conversion Error/i, "conversion"],
  [/^Invalid Input Error/i, "input"],
  [/^Constraint Error/i, "constraint"],
  [/^Out of Memory Error/i, "memory"],
  [/^INTERRUPT Error|Interrupted/i, "interrupt"],
];

/** A DuckDB error as the console shows it: a kind in the page's language, then DuckDB's own first lines. */
export function sqlErrorText(message: string, lang: Lang = "zh"): string {
  const m = message.replace(/^Error:\s*/, "");
  const kinds = t(lang, "explore.sqlKinds");
  const kind = kinds[ERROR_KINDS.find(([re]) => re.test(m))?.[1] ?? "other"];
  return t(lang, "explore.sqlError", kind, m.split("\n").slice(0, 3).join(" ").slice(0, 400));
}
