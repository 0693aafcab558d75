// Messages between the explore page and its import worker (src/workers/import.ts).
// Errors cross the boundary as plain {name, message, messageEn, location} and
// are rebuilt on the page side. Progress stages come in the page's language.
import type { Location } from "../core/model.ts";
import type { BulkPlan, IndicatorMap, Loaded, MappingRequest } from "./importer.ts";
import type { SavedMapping } from "./mapping.ts";
import type { Lang } from "../i18n/i18n-explore.ts";

export type WorkerRequest =
  | { kind: "import"; id: number; file: Blob; name: string; saved: Record<string, SavedMapping>; lang?: Lang; /** The year the analyst gave a form that prints none. */ year?: number };

export type WorkerReply =
  | { kind: "progress"; id: number; stage: string; fraction: number | null }
  | { kind: "loaded"; id: number; loaded: Loaded }
  | { kind: "bulk"; id: number; plan: BulkPlan }
  | { kind: "indicatorMap"; id: number; map: IndicatorMap }
  | { kind: "mapping"; id: number; requests: MappingRequest[] }
  | { kind: "failed"; id: number; error: { name: string; message: string; messageEn?: string; location?: Location; /** A form that prints no year (YearMissingError): the years its file name holds. */ yearsInName?: number[] } };
