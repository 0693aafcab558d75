// The skip link, as a keyboard user meets it: the first Tab stop of every page (here a unit page and the
// workspace, zh and en), shown when focused, and Enter moves the focus into the main content, so that the next
// Tab goes on from there rather than through the header again.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importFile } from "../../src/core/import.ts";
import { useSite, watchedPage } from "./harness.ts";

const ctx = useSite();
const FORM = "data/raw/000_83bc0b582c527eae.txt";
const unit = importFile(FORM, readFileSync(FORM)).units[0];

describe("the skip link", () => {
  it.each([["", "跳到正文"], ["en/", "Skip to content"]])("is the first Tab stop of %s, shown on focus, and moves the focus to the main content", async (prefix, text) => {
    const context = await ctx.browser.newContext({ viewport: { width: 375, height: 800 } });
    const { page, errors } = await watchedPage(context, ctx.server.url);
    for (const path of [`${prefix}unit/${unit.id}/${unit.year}/`, `${prefix}explore/`]) {
      await page.goto(ctx.server.url + path);
      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const r = a.getBoundingClientRect();
        return { cls: a.className, text: a.textContent, inView: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.width > 0 };
      });
      expect(skip, path).toEqual({ cls: "skip", text, inView: true });
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.id), path).toBe("main");
      // Tab goes on from the main content, past the header's links.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("main")), path).toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
