// Jixiao's site: static output, no outside origin, works from a sub-path
// (JIXIAO_BASE=/jixiao/ npm run build) and from an intranet with no internet.
import { defineConfig } from "astro/config";

export default defineConfig({
  base: process.env.JIXIAO_BASE ?? "/",
  output: "static",
  trailingSlash: "ignore",
  build: { format: "directory", assets: "_assets" },
  devToolbar: { enabled: false },
  markdown: { syntaxHighlight: false },
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
    },
  },
  vite: {
    // Keep scripts as files so the CSP never needs 'unsafe-inline'.
    build: { assetsInlineLimit: 0 },
    ssr: { external: ["@duckdb/node-api"] },
  },
});
