// Registers public/sw.js, which serves the data engine a previous visit kept
// (src/query/browser.ts). Its scope is the whole site, so that the page and
// DuckDB's worker (its script is under _assets/) are controlled alike whether a
// browser gives a dedicated worker its parent's service worker or matches the
// worker's own URL; the service worker routes every request but the engine's
// straight to the network (it is not even started for them). Registered from the
// explore pages only. Where there is no service worker (an insecure origin, a
// browser or policy without them) the engine comes from Cache Storage or the site
// as a Blob, as before.
export function registerEngineServer(base: string): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {});
}
