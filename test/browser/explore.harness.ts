// What every explore browser test does: open the page (recording requests,
// page errors and dialogs) and pick files through the real <input type=file>,
// waiting until the loads and the dashboards are done.
import type { BrowserContext, Page } from "playwright-core";
import { watchedPage, type Watched } from "./harness.ts";

export async function openExplore(context: BrowserContext, url: string): Promise<Watched & { requests: { url: string; method: string }[] }> {
  const w = await watchedPage(context, new URL(url).origin);
  const requests: { url: string; method: string }[] = [];
  w.page.on("request", (r) => requests.push({ url: r.url(), method: r.method() }));
  w.page.on("dialog", (d) => void d.accept());
  await w.page.goto(url);
  await w.page.waitForFunction(() => ["empty", "shown"].includes(document.querySelector("jx-explore")?.getAttribute("data-state") ?? ""), null, { timeout: 60_000 });
  return { ...w, requests };
}

/** Picks files through the real input and waits until the loads and the dashboards are done. */
export async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await page.setInputFiles("#x-file", paths);
  await page.waitForFunction(() => {
    const el = document.querySelector("jx-explore");
    return el?.getAttribute("data-busy") === "false" && ["shown", "empty"].includes(el.getAttribute("data-state") ?? "");
  }, null, { timeout: 120_000 });
}
