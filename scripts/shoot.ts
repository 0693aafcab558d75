// Screenshots of the built site at desktop and phone widths, to look at:
// `node scripts/shoot.ts [path…]` → test/output/*.png
// With `--focus=SELECTOR [--press=KEY,KEY…]` each page is also shot as the screen shows it with the keyboard's
// focus on the first visible match after those keys (`-focus.png`), e.g. a chart's part walked by arrow keys:
// `npm run shoot -- --focus='svg.jx-indicator-groups:visible [tabindex="0"]' --press=ArrowDown,ArrowRight unit/…/`.
import { launchChromium } from "./chromium.ts";
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { serve } from "./serve.ts";

const { values: flags, positionals: paths } = parseArgs({ allowPositionals: true, options: { focus: { type: "string" }, press: { type: "string" } } });
const { server, url } = await serve({ root: "dist", port: 0 });
const browser = await launchChromium();
mkdirSync("test/output", { recursive: true });
for (const [name, width] of [["desktop", 1280], ["phone", 375]] as const) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  page.on("console", (m) => m.type() === "error" && console.log("console:", m.text()));
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  for (const p of paths.length ? paths : [""]) {
    // Pages that fetch after load (search) are shot once the network is quiet.
    await page.goto(url + p.replace(/^\//, ""), { waitUntil: "networkidle" });
    const file = `test/output/${(p || "index").replace(/[\/]+/g, "_")}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
    // Long pages are also cut into screen-high pieces, easier to look at.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, i = 1; y < height && i <= 12; y += 1800, i++) {
      await page.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(1800, height - y) } });
    }
    console.log(file, await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]));
    if (flags.focus) {
      const target = page.locator(flags.focus).first();
      await target.scrollIntoViewIfNeeded();
      await target.focus();
      for (const key of flags.press ? flags.press.split(",") : []) await page.keyboard.press(key.trim());
      const focused = file.replace(/\.png$/, "-focus.png");
      await page.screenshot({ path: focused });
      console.log(focused, await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName));
    }
  }
  await page.close();
}
await browser.close();
server.close();
