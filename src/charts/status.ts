// How each assessment status looks, shared by the bullet and completion charts: a colour and a
// pattern for the statuses that matter most; its word is the catalogue's (src/i18n, chart.status).

import { EDGE, INK, MUTED, type PatternName, type Tone, cssColor } from "./util.ts";

export type Status = "met" | "partly" | "not_met" | "no_data" | "not_applicable";

export interface StatusStyle {
  fill: string;
  pattern: PatternName;
  tone: Tone;
  /** Text colour on the page background. */
  ink: string;
  /** Text colour inside a filled segment. */
  onFill: string;
  /** The edge of a light mark, whose fill alone is under 3:1 against the paper. */
  edge?: string;
}

const ON_FILL = "var(--c-on-fill, #ffffff)";

export const STATUS_STYLE: Record<Status, StatusStyle> = {
  met: { fill: cssColor("met", "#2e7d4f"), pattern: "solid", tone: "light", ink: cssColor("met", "#2e7d4f"), onFill: ON_FILL },
  partly: { fill: cssColor("partly", "#8a6a00"), pattern: "hatch", tone: "light", ink: cssColor("partly", "#8a6a00"), onFill: ON_FILL },
  not_met: { fill: cssColor("not-met", "#b3261e"), pattern: "cross", tone: "light", ink: cssColor("not-met", "#b3261e"), onFill: ON_FILL },
  no_data: { fill: cssColor("no-data", "#d0d7de"), pattern: "dots", tone: "dark", ink: MUTED, onFill: INK, edge: EDGE },
  not_applicable: { fill: cssColor("not-applicable", "#8c959f"), pattern: "solid", tone: "dark", ink: MUTED, onFill: INK },
};
