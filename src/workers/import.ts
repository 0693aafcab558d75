// The import worker: the core importer (and, for .xlsx, read-excel-file, loaded
// only when a workbook arrives) runs here, off the page's thread. It never sees
// DuckDB: it answers with canonical CSV text that the page hands to read_csv.
import { ImportError } from "../core/model.ts";
import type { LoadedFile } from "../core/dedupe.ts";
import { readWorkbook } from "../core/workbook.ts";
import {
  HEAD_BYTES, bulkPlan, importRecords, importText, isZip, mergeSheets, toLoaded, type MappingRequest,
} from "../explore/importer.ts";
import type { WorkerReply, WorkerRequest } from "../explore/protocol.ts";
import type { Lang } from "../i18n/i18n-explore.ts";
import { t } from "../i18n/messages.ts";

const post = (m: WorkerReply) => (self as unknown as Worker).postMessage(m);

async function importOne(id: number, file: Blob, name: string, saved: Extract<WorkerRequest, { kind: "import" }>["saved"], lang: Lang = "zh", year?: number) {
  const progress = (stage: string, fraction: number | null) => post({ kind: "progress", id, stage, fraction });
  progress(t(lang, "explore.stepRead"), 0);
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const plan = bulkPlan(name, file.size, head, saved);
  if (plan) return post({ kind: "bulk", id, plan });
  if (isZip(head)) {
    progress(t(lang, "explore.stepWorkbook"), 0.1);
    // The same reading as the CLI's (src/core/workbook.ts): every sheet, percentages as the sheet shows them.
    const sheets = await readWorkbook(name, new Uint8Array(await file.arrayBuffer()));
    const parts: LoadedFile[] = [];
    const requests: MappingRequest[] = [];
    const names: string[] = [];
    const skipped: string[] = [];
    sheets.forEach((s, i) => {
      progress(t(lang, "explore.stepSheet", s.sheet), 0.3 + (0.6 * i) / sheets.length);
      const part = sheets.length > 1 ? `${name}!${s.sheet}` : name;
      const records = s.records;
      if (!records.some((r) => r.cells.some((c) => c.trim() !== ""))) return skipped.push(s.sheet);
      const out = importRecords(part, records, saved, [], year);
      if ("mapping" in out) requests.push(out.mapping);
      else {
        parts.push({ file: part, data: out.data });
        names.push(part);
      }
    });
    if (requests.length) return post({ kind: "mapping", id, requests });
    if (!parts.length) throw new ImportError(`${name}：工作簿中没有可读取的工作表`, `${name}: no sheet with data`, { file: name });
    progress(t(lang, "explore.stepTidy"), 0.95);
    return post({ kind: "loaded", id, loaded: toLoaded(mergeSheets(parts), names) });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  progress(t(lang, "explore.stepParse"), 0.3);
  const out = importText(name, bytes, saved, year);
  if ("mapping" in out) return post({ kind: "mapping", id, requests: [out.mapping] });
  if ("indicatorMap" in out) return post({ kind: "indicatorMap", id, map: out.indicatorMap });
  progress(t(lang, "explore.stepTidy"), 0.9);
  post({ kind: "loaded", id, loaded: toLoaded(out.data, [name]) });
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const m = event.data;
  try {
    if (m.kind === "import") await importOne(m.id, m.file, m.name, m.saved, m.lang, m.year);
  } catch (e) {
    const err = e as Error & { location?: ImportError["location"]; messageEn?: string; yearsInName?: number[] };
    post({ kind: "failed", id: m.id, error: { name: err.name ?? "Error", message: err.message ?? String(e), messageEn: err.messageEn, location: err.location, ...(err.yearsInName ? { yearsInName: err.yearsInName } : {}) } });
  }
};
