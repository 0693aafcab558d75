// @ts-check
// The site's service worker, registered by the explore pages
// (src/explore/engineServed.ts): it serves the data engine, duckdb/*.wasm, from
// Cache Storage, where the explore page kept it decompressed on an earlier visit
// (src/query/engineFile.ts). DuckDB then gets the engine as a real response with
// its own URL, which Chromium compiles as it streams and whose compiled code it
// keeps for the next visit. Every other request goes to the network untouched:
// routed there before this worker runs where the browser has static routes, and
// left alone by the fetch handler where it has not. Nothing is fetched or cached here.
const CACHE = "jixiao-engine";
const ENGINE = /\/duckdb\/[^/]+\.wasm$/;
/** @type {any} */
const sw = self;

sw.addEventListener("install", (/** @type {any} */ event) => {
  sw.skipWaiting();
  if (typeof event.addRoutes === "function") {
    const engine = new URL("duckdb/*.wasm", sw.registration.scope).pathname;
    event.waitUntil(event.addRoutes([
      { condition: { urlPattern: new URLPattern({ pathname: engine }) }, source: "fetch-event" },
      { condition: { urlPattern: new URLPattern({}) }, source: "network" },
    ]).catch(() => {}));
  }
});
sw.addEventListener("activate", (/** @type {any} */ event) => event.waitUntil(sw.clients.claim()));
sw.addEventListener("fetch", (/** @type {any} */ event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== sw.location.origin || !ENGINE.test(url.pathname)) return;
  event.respondWith(caches.open(CACHE).then((c) => c.match(event.request)).then((hit) => hit ?? fetch(event.request)));
});
