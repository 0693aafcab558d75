// One unit of the published Parquet tables read the way the workspace reads it
// (src/explore/parquetRemote.ts: manifest, footers, the row groups whose unit_id
// statistics can hold the unit, by Range requests), from scripts/serve.ts on
// 127.0.0.1. Counts the bytes twice: the response bodies the reader read, and what
// the server's sockets wrote (headers included). Run by `npm run bench:scale --
// --parquet-only`; throws — the bench then fails — when a figure cannot be measured.
import type { Socket } from "node:net";
import { serve } from "../scripts/serve.ts";
import { listUnits, openPublished, probePublished, readUnit } from "../src/explore/parquetRemote.ts";
import type { Manifest } from "../src/query/parquet.ts";

/** The goal of issue #19 for a one-unit query against the city's data. */
export const GOAL_BYTES = 5 * 1024 * 1024;

export interface RemoteFigure {
  what: string;
  bodyBytes: number;
  wireBytes: number;
  requests: number;
  ms: number;
  groups?: { read: number; total: number };
  rows?: number;
}

/** Serves root (holding data/parquet/) and measures the unit list of the latest year and three units' reads. */
export async function measureRemote(root: string, manifest: Manifest): Promise<RemoteFigure[]> {
  const { server, url } = await serve({ root, port: 0 });
  const sockets = new Set<Socket>();
  server.on("connection", (s) => sockets.add(s));
  let closedBytes = 0;
  server.on("connection", (s) => s.on("close", () => ((closedBytes += s.bytesWritten), sockets.delete(s))));
  const wire = () => closedBytes + [...sockets].reduce((n, s) => n + s.bytesWritten, 0);
  const figures: RemoteFigure[] = [];
  try {
    const p = await openPublished(`${url}data/parquet/`);
    const step = async <T>(what: string, run: () => Promise<T>) => {
      const b0 = p.traffic.bytes, r0 = p.traffic.requests, w0 = wire(), t0 = performance.now();
      const out = await run();
      const fig = { what, bodyBytes: p.traffic.bytes - b0, wireBytes: wire() - w0, requests: p.traffic.requests - r0, ms: performance.now() - t0 };
      if (!fig.requests || !fig.bodyBytes || !fig.wireBytes || fig.wireBytes < fig.bodyBytes) throw new Error(`parquet remote: ${what} could not be measured (${JSON.stringify(fig)})`);
      figures.push(fig);
      return { out, fig };
    };
    const probe = await step("probe (Range: bytes=0-7)", () => probePublished(p));
    if (!probe.out.ok) throw new Error(`parquet remote: the server ignored ranges (${probe.out.status})`);
    const years = [...new Set(manifest.files.map((f) => f.fiscal_year).filter((y): y is number => y !== null))].sort();
    const year = years.at(-1);
    if (year === undefined) throw new Error("parquet remote: the manifest has no year");
    const { out: units } = await step(`unit list of ${year} (unit_id, unit_name, data_status)`, () => listUnits(p, year));
    if (!units.length) throw new Error(`parquet remote: no units in ${year}`);
    const picks = [units[0]!, units[Math.floor(units.length / 2)]!, units.at(-1)!];
    for (const u of picks) {
      for (const y of [year, null]) {
        const { out, fig } = await step(`${u.unit_name} (${u.unit_id}), ${y ?? "every year"}`, () => readUnit(p, u.unit_id, y));
        const unitRows = out.rows.units?.length ?? 0;
        if (unitRows !== (y === null ? years.length : 1)) throw new Error(`parquet remote: ${fig.what} gave ${unitRows} units rows`);
        Object.assign(fig, { groups: out.groups, rows: Object.values(out.rows).reduce((n, r) => n + r.length, 0) });
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
  return figures;
}
