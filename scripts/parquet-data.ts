// The build's Parquet steps (docs/scale.md), as an Astro integration in astro.config.mjs:
// before the pages render, a JIXIAO_DATA folder of Parquet tables is read into
// canonical CSV folders (the pages then read CSV as always); after the build, the
// data the site was built from is written to dist/data/parquet/ with its manifest.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { dataFolders, resolveParquetData } from "../src/site/data.ts";
import { openDataFolders } from "../src/query/node.ts";
import { writeParquet } from "../src/query/parquet.ts";

export function parquetData(): AstroIntegration {
  let tmp: string | null = null;
  return {
    name: "jixiao:parquet",
    hooks: {
      "astro:config:setup": async ({ command }) => {
        const resolved = await resolveParquetData();
        tmp = resolved.tmp;
        // The pages' modules read JIXIAO_DATA when they load, after this hook.
        if (resolved.tmp) process.env.JIXIAO_DATA = resolved.spec;
        if (command !== "build" && tmp) process.once("exit", () => tmp && rmSync(tmp, { recursive: true, force: true }));
      },
      "astro:build:done": async ({ dir, logger }) => {
        const db = await openDataFolders(dataFolders());
        try {
          const out = join(fileURLToPath(dir), "data", "parquet");
          const m = await writeParquet(db, out);
          logger.info(`${m.files.length} Parquet files, ${m.files.reduce((s, f) => s + f.rows, 0)} rows, ${(m.files.reduce((s, f) => s + f.bytes, 0) / 1024).toFixed(0)} KB in data/parquet/`);
        } finally {
          await db.close();
          if (tmp) rmSync(tmp, { recursive: true, force: true });
        }
      },
    },
  };
}
