// One query interface, two runtimes: the build (native DuckDB in Node, see
// node.ts) and the browser (DuckDB-wasm after an upload, see browser.ts).
// Results are plain JSON values: the SQL casts money to VARCHAR and counts to
// INTEGER, so no runtime ever turns a DECIMAL into a float.

export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export interface QueryEngine {
  /** Runs one statement; `params` bind to $1, $2 … */
  query<T extends Row = Row>(sql: string, params?: Value[]): Promise<T[]>;
  close(): Promise<void>;
}
