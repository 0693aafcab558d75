// /search-index/{manifest,e-n,k-n}.json — the search index split (src/site/searchIndex.ts
// splitIndex): loaded only by the search page, a few files a query.
import type { APIRoute } from "astro";
import { siteEngine } from "../../site/data.ts";
import { buildSearchIndex, searchFiles, splitIndex } from "../../site/searchIndex.ts";

let files: Promise<Map<string, unknown>> | null = null;
const all = () => (files ??= siteEngine().then(buildSearchIndex).then((e) => searchFiles(splitIndex(e))));

export async function getStaticPaths() {
  return [...(await all()).keys()].map((file) => ({ params: { file } }));
}

export const GET: APIRoute = async ({ params }) =>
  new Response(JSON.stringify((await all()).get(params.file!)), { headers: { "content-type": "application/json" } });
