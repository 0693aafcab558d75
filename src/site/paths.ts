// Links inside the site, prefixed with the configured base so that dist/ can be
// served from a sub-path.
const BASE = (import.meta.env?.BASE_URL ?? "/").replace(/\/?$/, "/");

export const href = (path = "") => BASE + path.replace(/^\//, "");
export const unitHref = (unitId: string, year: number) => href(`unit/${unitId}/${year}/`);
