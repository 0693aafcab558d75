// The bundled data the build prerenders: real declared data and illustrative
// (示例数据) data, loaded side by side but always told apart (data_source).
import { openDataFolders } from "../query/node.ts";
import type { QueryEngine } from "../query/engine.ts";

const DEFAULT_FOLDERS = [
  { dir: "data/canonical", status: "declared" as const },
  { dir: "data/sample", status: "sample" as const },
];

/**
 * The folders to build from: the bundled ones, or JIXIAO_DATA="dir:declared,dir:sample"
 * (used by the tests to build a site from hostile data).
 */
export const DATA_FOLDERS = process.env.JIXIAO_DATA
  ? process.env.JIXIAO_DATA.split(",").map((part) => {
      const [dir, status] = part.split(":");
      return { dir, status: status === "sample" ? ("sample" as const) : ("declared" as const) };
    })
  : DEFAULT_FOLDERS;

let engine: Promise<QueryEngine> | null = null;

/** The build's query engine, opened once per build process. */
export function siteEngine(): Promise<QueryEngine> {
  engine ??= openDataFolders(DATA_FOLDERS);
  return engine;
}
