// /data/canonical/{table}.csv — the declared canonical tables as downloads (as committed).
import type { APIRoute } from "astro";
import { readFileSync } from "node:fs";
import { PUBLISHED_TABLES } from "../../../site/paths.ts";

export function getStaticPaths() {
  return PUBLISHED_TABLES.map((table) => ({ params: { table } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(`data/canonical/${params.table}.csv`), { headers: { "content-type": "text/csv; charset=utf-8" } });
