// The README's screenshot: the top of the unit page at a desktop width.
// `node scripts/screenshot-readme.ts` after `npm run build`.
import { launchChromium } from "./chromium.ts";
import { serve } from "./serve.ts";

const { server, url } = await serve({ root: "dist", port: 0 });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
await page.goto(url);
await page.locator(".unit-card a").first().click();
await page.screenshot({ path: "docs/screenshot.png" });
await browser.close();
server.close();
