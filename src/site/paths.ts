// Links inside the site, prefixed with the configured base so that dist/ can be
// served from a sub-path, and with /en/ for the English interface.
import type { Lang } from "../core/format.ts";

// The same setting astro.config.mjs gives Astro as `base` (paths are made at build time only).
const BASE = (globalThis.process?.env?.JIXIAO_BASE ?? "/").replace(/\/?$/, "/");

/** A site path (no leading slash, e.g. "unit/u1/2026/") in the given language. */
export const href = (path = "", lang: Lang = "zh") => BASE + (lang === "en" ? "en/" : "") + path.replace(/^\//, "");
export const unitHref = (unitId: string, year: number, lang: Lang = "zh") => href(`unit/${unitId}/${year}/`, lang);
/** Static files (favicon, data) are shared by both languages. */
export const asset = (path: string) => BASE + path.replace(/^\//, "");

/** The canonical tables the site publishes as downloads (data/canonical/{table}.csv), which the workspace can load. */
export const PUBLISHED_TABLES = ["units", "budget", "tasks", "indicators", "findings"] as const;
