// /data/canonical/{table}.csv — the declared canonical tables as downloads (as committed).
import type { APIRoute } from "astro";
import { readFileSync } from "node:fs";

const TABLES = ["units", "budget", "tasks", "indicators", "findings"];

export function getStaticPaths() {
  return TABLES.map((table) => ({ params: { table } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(`data/canonical/${params.table}.csv`), { headers: { "content-type": "text/csv; charset=utf-8" } });
