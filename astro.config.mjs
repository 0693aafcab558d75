// Jixiao's site: static output, no outside origin, works from a sub-path
// (JIXIAO_BASE=/jixiao/ npm run build) and from an intranet with no internet.
import { defineConfig } from "astro/config";
import { prepareDuckdb } from "./scripts/prepare-duckdb.ts";
import { parquetData } from "./scripts/parquet-data.ts";

export default defineConfig({
  base: process.env.JIXIAO_BASE ?? "/",
  output: "static",
  trailingSlash: "ignore",
  build: { format: "directory", assets: "_assets" },
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false },
  // The explore page's engine: a gzip copy of duckdb-eh.wasm in public/duckdb/
  // (generated, not committed), made before every build and dev server.
  // The canonical tables as Parquet (docs/scale.md): read when JIXIAO_DATA names a Parquet
  // folder, written to dist/data/parquet/ after every build.
  integrations: [{ name: "jixiao:duckdb-wasm", hooks: { "astro:config:setup": async () => void (await prepareDuckdb()) } }, parquetData()],
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // 'wasm-unsafe-eval' lets DuckDB-wasm compile where a host sends this policy as a header
      // (it allows WebAssembly only, not eval of JavaScript).
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  vite: {
    // Keep scripts as files so the CSP never needs 'unsafe-inline'.
    build: { assetsInlineLimit: 0 },
    ssr: { external: ["@duckdb/node-api"] },
  },
});
