// Delimited text → records, keeping each record's row so that findings can say
// where. Incremental (push chunks, get records) so a 1,000,000-row file streams
// in constant memory; handles RFC 4180 quoting, CRLF/LF/CR, ragged rows.

export interface TableRecord {
  cells: string[];
  /** 1-based line on which the record starts. */
  row: number;
}

export type Delimiter = "\t" | "," | ";";

export interface Tokenizer {
  push(chunk: string): void;
  /** Flushes the last record; returns the row of an unterminated quote, if any. */
  end(): { unterminatedQuoteRow: number | null };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function createTokenizer(delimiter: Delimiter, onRecord: (r: TableRecord) => void): Tokenizer {
  const delim = delimiter.charCodeAt(0);
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let quoteClosed = false; // just saw a closing quote (or a doubled one pending)
  let atCellStart = true;
  let line = 1;
  let recordRow = 1;
  let quoteRow = 0;
  let pendingCR = false;
  let lastChar = -1; // last character of the previous chunk (a CRLF may be split between chunks)

  function endCell() {
    cells.push(cell);
    cell = "";
    atCellStart = true;
    quoteClosed = false;
  }
  function endRecord() {
    endCell();
    onRecord({ cells, row: recordRow });
    cells = [];
  }

  return {
    push(chunk: string) {
      let i = 0;
      const n = chunk.length;
      if (pendingCR && n > 0) {
        pendingCR = false;
        if (n > 0 && chunk.charCodeAt(0) === LF) i = 1;
      }
      while (i < n) {
        const c = chunk.charCodeAt(i);
        if (inQuotes) {
          if (c === QUOTE) {
            inQuotes = false;
            quoteClosed = true;
          } else {
            // CR and CRLF end one line each, also when the chunk ends between CR and LF.
            if (c === CR || (c === LF && (i > 0 ? chunk.charCodeAt(i - 1) : lastChar) !== CR)) line++;
            cell += chunk[i];
          }
          i++;
          continue;
        }
        if (quoteClosed && c === QUOTE) {
          // "" inside a quoted cell is one quote.
          cell += '"';
          inQuotes = true;
          quoteClosed = false;
          i++;
          continue;
        }
        if (c === delim) {
          endCell();
          i++;
          continue;
        }
        if (c === LF || c === CR) {
          endRecord();
          if (c === CR) {
            if (i + 1 < n) {
              if (chunk.charCodeAt(i + 1) === LF) i++;
            } else pendingCR = true;
          }
          line++;
          recordRow = line;
          i++;
          continue;
        }
        if (atCellStart && c === QUOTE) {
          inQuotes = true;
          quoteRow = line;
          atCellStart = false;
          i++;
          continue;
        }
        // Fast path: copy a run of plain characters at once (text after a closing
        // quote is kept as is, as spreadsheet programs do).
        quoteClosed = false;
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === delim || d === LF || d === CR) break;
          j++;
        }
        cell += chunk.slice(i, j);
        atCellStart = false;
        i = j;
      }
      if (n > 0) lastChar = chunk.charCodeAt(n - 1);
    },
    end() {
      const unterminated = inQuotes ? quoteRow : null;
      if (cell !== "" || cells.length > 0 || inQuotes) endRecord();
      return { unterminatedQuoteRow: unterminated };
    },
  };
}

/** Parses a whole text at once. */
export function parseDelimited(text: string, delimiter: Delimiter): { records: TableRecord[]; unterminatedQuoteRow: number | null } {
  const records: TableRecord[] = [];
  const t = createTokenizer(delimiter, (r) => records.push(r));
  t.push(text);
  const { unterminatedQuoteRow } = t.end();
  return { records, unterminatedQuoteRow };
}

/**
 * Picks the delimiter from the first lines: a tab outside quotes means TSV (a CSV
 * from Excel quotes any cell with a tab, while TSV exports often carry commas in
 * amounts such as 92,787,331.00); otherwise comma, then semicolon.
 */
export function detectDelimiter(text: string): Delimiter {
  const head = text.slice(0, 64 * 1024);
  let tabs = 0;
  let commas = 0;
  let semis = 0;
  let inQuotes = false;
  let atStart = true;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (inQuotes) {
      if (c === '"') inQuotes = false;
      continue;
    }
    if (c === '"' && atStart) inQuotes = true;
    else if (c === "\t") tabs++;
    else if (c === ",") commas++;
    else if (c === ";") semis++;
    atStart = c === "\t" || c === "," || c === ";" || c === "\n" || c === "\r";
  }
  if (tabs > 0) return "\t";
  if (commas > 0 || semis === 0) return ",";
  return ";";
}
