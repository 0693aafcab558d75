// What a SQL console text asks of the loaded data, DOM-free: read it (the
// default: run in a read-only transaction, so DuckDB itself refuses a write a
// CTE hides), change it (only with 允许修改, in a transaction the analyst can
// undo), or something the page never runs from the console (transactions are
// the page's, and settings, attached databases and extensions hold the page's
// own state).

export type StatementKind = "read" | "change" | "refused";

/** First words of statements that only read (DuckDB's read-only transaction still guards them). */
const READ = new Set(["select", "with", "from", "values", "table", "explain", "describe", "desc", "show", "summarize", "pragma", "call"]);
/** First words of statements that change the loaded data. */
const CHANGE = new Set(["insert", "update", "delete", "create", "drop", "alter", "truncate", "merge", "copy", "comment", "upsert"]);
/** PRAGMAs that only read (any other one may change a setting). */
const READ_PRAGMAS = new Set(["table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list", "database_size", "storage_info", "version", "platform", "functions", "collations", "metadata_info", "user_agent"]);

/** The statements of a text, split at semicolons outside quotes and comments; comments removed, empty statements left out. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = closing(text, i, c);
      cur += text.slice(i, end);
      i = end - 1;
    } else if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl - 1;
      cur += " ";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 1;
      cur += " ";
    } else if (c === "$" && /^\$[A-Za-z_]*\$/.test(text.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))![0];
      const end = text.indexOf(tag, i + tag.length);
      const stop = end === -1 ? text.length : end + tag.length;
      cur += text.slice(i, stop);
      i = stop - 1;
    } else if (c === ";") {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The index just past the quote closing the one at `start` (a doubled quote is part of the text). */
function closing(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

const words = (s: string) => s.replace(/^[\s(]+/, "").split(/[\s(;]+/).filter(Boolean).map((w) => w.toLowerCase());

/** What one statement (as splitStatements gives it) does. */
export function statementKind(statement: string): StatementKind {
  const [first = "", second = ""] = words(statement);
  if (first === "explain") {
    // EXPLAIN ANALYZE runs its statement; plain EXPLAIN only plans it.
    return second === "analyze" ? statementKind(statement.replace(/^\s*explain\s+analyze\s+/i, "")) : "read";
  }
  if (first === "pragma") {
    const name = second.replace(/[=;].*$/, "");
    return READ_PRAGMAS.has(name) && !/=/.test(statement) ? "read" : "refused";
  }
  if (READ.has(first)) return "read";
  if (CHANGE.has(first)) return "change";
  return "refused";
}

/**
 * What a console text does as a whole: refused when any statement is, a change
 * when any statement changes data, a read otherwise; `first` is the statement
 * that decided it (for the message), `statements` how many there are.
 */
export function consoleKind(text: string): { kind: StatementKind; first: string; statements: number } {
  const list = splitStatements(text);
  const kinds = list.map(statementKind);
  const at = (k: StatementKind) => kinds.indexOf(k);
  const pick = at("refused") !== -1 ? at("refused") : at("change") !== -1 ? at("change") : 0;
  const kind: StatementKind = at("refused") !== -1 ? "refused" : at("change") !== -1 ? "change" : "read";
  return { kind, first: words(list[pick] ?? "")[0]?.toUpperCase() ?? "", statements: list.length };
}

/** DuckDB's refusal of a write in a read-only transaction (a change a read statement held, e.g. a CTE before DELETE). */
export const isReadOnlyRefusal = (message: string): boolean => /transaction is launched in read-only mode|read-only transaction/i.test(message);

/** DuckDB's error once a failed statement has aborted the open transaction. */
export const isAborted = (message: string): boolean => /Current transaction is aborted/i.test(message);
