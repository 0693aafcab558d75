// /search-index.json — loaded only by the search page.
import type { APIRoute } from "astro";
import { siteEngine } from "../site/data.ts";
import { buildSearchIndex } from "../site/searchIndex.ts";

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await buildSearchIndex(await siteEngine())), { headers: { "content-type": "application/json" } });
