// The build's engine: the same query(sql, params) over data that does not change
// while the site is built, so that a page's queries no longer scan whole tables.
// A per-key query (a unit-year's budget, a project-year's indicators …) is answered
// from its GROUPED form (below), read once for every key and kept by
// key; a whole-table query of ONCE is read once. Any other statement goes to the
// engine as it is. The pages and views call the same queries as in the workspace.
import type { QueryEngine, Row, Value } from "./engine.ts";
import { ONE_PROJECT_ROW, PROJECT_COLUMNS, SQL } from "./queries.ts";

/**
 * The per-key queries of SQL (a unit-year's, a project-year's) answered for every key at once: the same
 * columns in the same order, after the key columns `_k1`, `_k2` and the values of the per-key ORDER BY
 * `_o1` …, each key's rows in the per-key query's order. The build reads each once and serves its pages
 * from it (groupedEngine below), instead of one query per page over the whole table; the workspace runs
 * the per-key SQL (this module is the build's alone). DuckDB's sort is not stable, so rows that tie in the
 * per-key order may come in another order there than here: a key with such a tie is asked with its per-key
 * query. `aggregate`: the per-key
 * query always gives one row, the same one for any key that has no rows here.
 * test/grouped.test.ts checks, key by key, that each gives what its per-key query gives.
 */
export const GROUPED: Record<string, { sql: string; aggregate?: true }> = {
  [SQL.budget]: {
    sql: `SELECT unit_id AS _k1, fiscal_year AS _k2, CASE kind WHEN 'total' THEN 0 WHEN 'source' THEN 1 ELSE 2 END AS _o1, line_id AS _o2,
                 line_id, kind, item, CAST(amount AS VARCHAR) AS amount, source_file, source_row
          FROM budget WHERE project_id IS NULL ORDER BY _k1, _k2, _o1, _o2`,
  },
  [SQL.reconciliation]: {
    aggregate: true,
    sql: `SELECT unit_id AS _k1, fiscal_year AS _k2,
                 CAST(sum(amount) FILTER (WHERE kind = 'total') AS VARCHAR) AS total,
                 CAST(sum(amount) FILTER (WHERE kind = 'source') AS VARCHAR) AS sources,
                 CAST(sum(amount) FILTER (WHERE kind = 'structure') AS VARCHAR) AS structure,
                 CAST(count(*) FILTER (WHERE kind = 'source') AS INTEGER) AS source_lines,
                 CAST(count(*) FILTER (WHERE kind = 'structure') AS INTEGER) AS structure_lines
          FROM budget WHERE project_id IS NULL GROUP BY unit_id, fiscal_year`,
  },
  [SQL.indicatorKinds]: {
    sql: `SELECT unit_id AS _k1, fiscal_year AS _k2, min(ord) AS _o1, target_kind AS _o2, level1, level2, target_kind AS kind, CAST(count(*) AS INTEGER) AS n
          FROM indicators WHERE project_id IS NULL
          GROUP BY unit_id, fiscal_year, level1, level2, target_kind ORDER BY _k1, _k2, _o1, _o2`,
  },
  [SQL.indicators]: {
    sql: `SELECT unit_id AS _k1, fiscal_year AS _k2, ord AS _o1,
                 indicator_id, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_file, source_row
          FROM indicators WHERE project_id IS NULL ORDER BY _k1, _k2, _o1`,
  },
  [SQL.tasks]: {
    sql: `SELECT unit_id AS _k1, fiscal_year AS _k2, task_order AS _o1, task_id, task_order, task_name, task_content, source_file, source_row
          FROM tasks ORDER BY _k1, _k2, _o1`,
  },
  [SQL.findings]: {
    sql: `SELECT f.unit_id AS _k1, f.fiscal_year AS _k2, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END AS _o1, source_row AS _o2,
                 severity, code, message, message_en, subject, source_file, source_row, source_column
          FROM findings f
          WHERE f.data_source IS DISTINCT FROM 'sample'
             OR EXISTS (SELECT 1 FROM units u WHERE u.unit_id = f.unit_id AND u.fiscal_year = f.fiscal_year AND u.data_source = 'sample')
          ORDER BY _k1, _k2, _o1, _o2 NULLS FIRST`,
  },
  [SQL.unitProjects]: {
    sql: `SELECT p.unit_id AS _k1, p.fiscal_year AS _k2, p.source_file AS _o1, p.source_row AS _o2, p.project_id AS _o3,
                 ${PROJECT_COLUMNS}, u.unit_name
          FROM projects p JOIN (SELECT unit_id, fiscal_year, min(unit_name) AS unit_name FROM units GROUP BY unit_id, fiscal_year) u
            ON u.unit_id = p.unit_id AND u.fiscal_year = p.fiscal_year
          ${ONE_PROJECT_ROW}
          ORDER BY _k1, _k2, _o1, _o2, _o3`,
  },
  [SQL.unitYearTotal]: {
    aggregate: true,
    sql: `SELECT coalesce(b.unit_id, u.unit_id) AS _k1, coalesce(b.fiscal_year, u.fiscal_year) AS _k2, CAST(b.total AS VARCHAR) AS total, u.data_source
          FROM (SELECT unit_id, fiscal_year, sum(amount) AS total FROM budget WHERE kind = 'total' AND project_id IS NULL GROUP BY unit_id, fiscal_year) b
          FULL JOIN (SELECT unit_id, fiscal_year, min(data_source) AS data_source FROM units GROUP BY unit_id, fiscal_year) u
            ON u.unit_id = b.unit_id AND u.fiscal_year = b.fiscal_year`,
  },
  [SQL.projectBudget]: {
    sql: `SELECT project_id AS _k1, fiscal_year AS _k2, CASE kind WHEN 'total' THEN 0 WHEN 'source' THEN 1 ELSE 2 END AS _o1, source_row AS _o2, line_id AS _o3,
                 line_id, kind, item, CAST(amount AS VARCHAR) AS amount, source_file, source_row
          FROM budget WHERE project_id IS NOT NULL ORDER BY _k1, _k2, _o1, _o2, _o3`,
  },
  [SQL.projectExecution]: {
    sql: `SELECT project_id AS _k1, fiscal_year AS _k2, source_file AS _o1, source_row AS _o2,
                 period, as_of, item, CAST(budget_initial AS VARCHAR) AS budget_initial, CAST(budget_full_year AS VARCHAR) AS budget_full_year,
                 CAST(executed AS VARCHAR) AS executed, declared_rate, source_file, source_row
          FROM execution ORDER BY _k1, _k2, _o1, _o2`,
  },
  [SQL.projectIndicators]: {
    sql: `SELECT project_id AS _k1, fiscal_year AS _k2, ord AS _o1,
                 indicator_id, ord, level1, level2, name, target, target_kind, op, value, measure_unit, direction, deadline, note, source_file, source_row
          FROM indicators WHERE project_id IS NOT NULL ORDER BY _k1, _k2, _o1`,
  },
  [SQL.projectFindings]: {
    sql: `SELECT source_file AS _k1, fiscal_year AS _k2, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END AS _o1, source_row AS _o2,
                 severity, code, message, message_en, subject, source_file, source_row, source_column
          FROM findings ORDER BY _k1, _k2, _o1, _o2 NULLS FIRST`,
  },
};

/** The whole-table queries of SQL, whose answer does not change in a build: read once. */
export const ONCE: readonly string[] = [SQL.units, SQL.projects, SQL.keyFigures, SQL.level1Counts, SQL.findingCounts];


/** A query's rows by key; `tied`: keys whose rows tie in the per-key order, asked with the per-key query. */
type Groups = { byKey: Map<string, Row[]>; tied: Set<string>; empty: Row[] | null };

const keyOf = (values: readonly unknown[]) => values.map(String).join("\u0000");

/** Rows a caller may change without changing what the next page is given. */
const copies = (rows: readonly Row[]) => rows.map((r) => ({ ...r }));

/** The grouped rows by key, without their key and order columns. */
function groupsOf(rows: readonly Row[]): Groups {
  const byKey = new Map<string, Row[]>();
  const tied = new Set<string>();
  let last: { key: string; order: string; row: string } | null = null;
  for (const r of rows) {
    // A row with no key is never found by the per-key query (`= $1` is not true of NULL).
    if (r._k1 === null || r._k2 === null) continue;
    const key = keyOf([r._k1, r._k2]);
    const row: Row = {};
    const order: Value[] = [];
    for (const [c, v] of Object.entries(r)) {
      if (c.startsWith("_o")) order.push(v);
      else if (c !== "_k1" && c !== "_k2") row[c] = v;
    }
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
    // Two different rows the per-key ORDER BY cannot tell apart: their order there is DuckDB's to choose.
    const now = { key, order: JSON.stringify(order), row: JSON.stringify(row) };
    if (order.length && last && last.key === key && last.order === now.order && last.row !== now.row) tied.add(key);
    last = now;
  }
  return { byKey, tied, empty: null };
}

export function groupedEngine(engine: QueryEngine): QueryEngine {
  const groups = new Map<string, Promise<Groups>>();
  const once = new Map<string, Promise<Row[]>>();

  const read = async (sql: string): Promise<Groups> => groupsOf(await engine.query(GROUPED[sql].sql));

  return {
    async query<T extends Row = Row>(sql: string, params: Value[] = []): Promise<T[]> {
      const grouped = GROUPED[sql];
      if (grouped && params.length === 2 && params.every((p) => p !== null)) {
        let g = groups.get(sql);
        if (!g) groups.set(sql, (g = read(sql)));
        const gs = await g;
        const key = keyOf(params);
        if (gs.tied.has(key)) return engine.query<T>(sql, params);
        const found = gs.byKey.get(key);
        if (found) return copies(found) as T[];
        if (!grouped.aggregate) return [];
        // An aggregate over no rows reads the same for every key that has none: asked once.
        gs.empty ??= await engine.query(sql, params);
        return copies(gs.empty) as T[];
      }
      if (!params.length && ONCE.includes(sql)) {
        let rows = once.get(sql);
        if (!rows) once.set(sql, (rows = engine.query(sql)));
        return copies(await rows) as T[];
      }
      return engine.query<T>(sql, params);
    },
    close: () => engine.close(),
  };
}
