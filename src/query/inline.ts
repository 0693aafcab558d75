// A statement's parameters written into its text as SQL literals, so that the
// browser's engine runs it in one message (a prepared statement takes three:
// prepare, execute, close — each a round trip through the page's thread).
import type { Value } from "./engine.ts";

/** A value as a DuckDB literal, or null when it has no exact one here (then the statement is prepared instead). */
function literal(v: Value): string | null {
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  // A bound JavaScript number is a DOUBLE; a literal 1.5 would be a DECIMAL: only integers are written in.
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : null;
  // Standard SQL strings: a quote is doubled, nothing else is special (no backslash escapes). NUL cannot be in SQL text.
  return v.includes("\0") ? null : `'${v.replaceAll("'", "''")}'`;
}

/**
 * `sql` with $1, $2 … (outside quoted text) replaced by `params` as literals;
 * null when a value has no literal, or a placeholder has no value.
 */
export function inlineParams(sql: string, params: readonly Value[]): string | null {
  const lits = params.map(literal);
  if (lits.some((l) => l === null)) return null;
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = null; // a doubled quote closes and opens again
      out += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === "$" && /[0-9]/.test(sql[i + 1] ?? "")) {
      let j = i + 1;
      while (/[0-9]/.test(sql[j] ?? "")) j++;
      const n = Number(sql.slice(i + 1, j));
      if (n < 1 || n > lits.length) return null;
      out += lits[n - 1];
      i = j - 1;
    } else out += c;
  }
  return out;
}
