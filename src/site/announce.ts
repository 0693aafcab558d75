// The year across units' polite live region (data-announce, written by src/views/across.ts): what a switch of
// view or order now shows. Used by the page's script (compareClient.ts) and the workspace (explore/resultsView.ts).

/** Fills a data-template's {key} holes; text only, never markup. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

/** Says, in root's live region, that the view (amounts / shares) or the ranking's order is now `value`. */
export function announceSwitch(root: ParentNode, key: "view" | "sort", value: string): void {
  const region = root.querySelector<HTMLElement>("[data-announce]");
  if (region) region.textContent = fill(region.dataset[key] ?? "", { [key]: value });
}
