// The explore page's storage under faults, as an analyst meets them: the quota
// full while a file is kept (told in Chinese, the file still shown, the files
// kept before intact after a reload); a kept store that is corrupt, of another
// layout or of a newer version (told, with a button to clear it, the published
// pages unaffected); two tabs on the workspace at once (neither overwrites the
// other's file; each is told of the other's). The store is IndexedDB, set up or
// stubbed in the page itself.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { useSite } from "./harness.ts";
import { dropFiles, openExplore } from "./explore.harness.ts";

const SEED = "data/raw/000_83bc0b582c527eae.txt";
const OTHER = "test/fixtures/real/05_fujian_ningde_partyhistory_2019_dept_targets.csv";
const SEED_NAME = "000_83bc0b582c527eae.txt";
const OTHER_NAME = "05_fujian_ningde_partyhistory_2019_dept_targets.csv";

const state = useSite();
const explore = () => `${state.server.url}explore/`;
const uploadNames = (page: Page) => page.locator("[data-upload] td:first-child strong").allInnerTexts();
const waitSaved = (page: Page, n: number) => page.waitForFunction((n) => document.querySelector("jx-explore")?.getAttribute("data-saved") === String(n), n, { timeout: 30_000 });
const waitIdle = (page: Page) => page.waitForFunction(() => {
  const el = document.querySelector("jx-explore");
  return el?.getAttribute("data-busy") !== "true" && ["shown", "empty"].includes(el?.getAttribute("data-state") ?? "");
}, null, { timeout: 60_000 });
/** The records kept in this browser's IndexedDB store, as {id, name, bytes}, or the store's trouble. */
const kept = (page: Page) => page.evaluate(() => new Promise<{ id: unknown; name: unknown }[] | string>((ok) => {
  const req = indexedDB.open("jixiao-explore");
  req.onsuccess = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains("uploads")) return (db.close(), ok("no uploads store"));
    const all = db.transaction("uploads").objectStore("uploads").getAll();
    all.onsuccess = () => (db.close(), ok((all.result as { id: unknown; name: unknown }[]).map((r) => ({ id: r.id, name: r.name }))));
  };
  req.onerror = () => ok(String(req.error));
}));

/** Makes the store a page finds: runs in a page of the site's origin (the overview), before the explore page opens. */
async function prepareStore(context: BrowserContext, make: (seed: string) => Promise<void>) {
  const page = await context.newPage();
  await page.goto(state.server.url);
  await page.evaluate(make, readFileSync(SEED, "utf8"));
  await page.close();
}

/** The overview and a unit page still show, with no error, whatever the store holds. */
async function publishedPagesWork(context: BrowserContext) {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(state.server.url);
  const href = await page.locator(".unit-card a").first().getAttribute("href");
  await page.goto(new URL(href!, state.server.url).href);
  expect(await page.locator('figure.chart svg.jx-chart[aria-labelledby]').count()).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await page.close();
}

describe("the storage quota exceeded while a file is kept", () => {
  it("says so in Chinese, keeps the file on screen, and the file kept before is intact and shown after a reload", async () => {
    const context = await state.browser.newContext();
    // The store's writes fail as a full quota fails them: the transaction aborts with QuotaExceededError.
    await context.addInitScript(() => {
      for (const name of ["add", "put"] as const) {
        const original = IDBObjectStore.prototype[name];
        IDBObjectStore.prototype[name] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["add"]>) {
          const req = original.apply(this, args);
          if ((window as unknown as { __full?: boolean }).__full) {
            Object.defineProperty(this.transaction, "error", { value: new DOMException("The quota has been exceeded.", "QuotaExceededError") });
            this.transaction.abort();
          }
          return req;
        } as never;
      }
    });
    const { page, errors } = await openExplore(context, explore());
    await dropFiles(page, [SEED]);
    await waitSaved(page, 1);
    await page.evaluate(() => ((window as unknown as { __full: boolean }).__full = true));
    await dropFiles(page, [OTHER]);
    const notice = page.locator('[data-storage="full"]');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.innerText()).toContain(`${OTHER_NAME} 已载入，但本浏览器的存储空间已满，未能保存`);
    expect(await notice.innerText()).toContain("此前保存的文件不受影响");
    // Not a file that failed to load: both are loaded and listed.
    expect(await page.locator("[data-failure]").count()).toBe(0);
    expect(await uploadNames(page)).toEqual([SEED_NAME, OTHER_NAME]);
    expect(await kept(page)).toEqual([{ id: 1, name: SEED_NAME }]);
    await page.reload();
    await waitIdle(page);
    expect(await uploadNames(page)).toEqual([SEED_NAME]);
    expect(await page.locator(".x-unit-title").count()).toBe(1);
    expect(await page.locator("[data-indicator]").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe("a kept store that cannot be read back", () => {
  it("corrupt records: the readable file is restored, the rest told with 清除, which removes only them", async () => {
    const context = await state.browser.newContext();
    await prepareStore(context, (seed) => new Promise<void>((ok) => {
      const req = indexedDB.open("jixiao-explore", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("uploads", { keyPath: "id" });
      req.onsuccess = () => {
        const t = req.result.transaction("uploads", "readwrite");
        const text = seed;
        t.objectStore("uploads").put({ id: 1, name: "000_83bc0b582c527eae.txt", loadedAt: "2026-12-01 09:00:00", bytes: new Blob([text]).size, file: new File([text], "x.txt") });
        t.objectStore("uploads").put({ id: 2, name: 42, file: "not a file" });
        t.objectStore("uploads").put({ id: 3, name: "cut.txt", loadedAt: "2026-12-01 09:00:00", bytes: 999_999, file: new Blob(["cut"]) });
        t.oncomplete = () => (req.result.close(), ok());
      };
    }));
    const { page, errors } = await openExplore(context, explore());
    const notice = page.locator('[data-storage="unreadable"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain("本浏览器中保存的 2 个文件记录已损坏，无法恢复；其余文件照常恢复。已发布的概览和单位页面不受影响");
    expect(await uploadNames(page)).toEqual([SEED_NAME]);
    expect(await page.locator("[data-failure]").count()).toBe(0);
    await notice.getByRole("button", { name: "清除无法读取的保存数据" }).click();
    await notice.waitFor({ state: "detached" });
    expect(await kept(page)).toEqual([{ id: 1, name: SEED_NAME }]);
    await page.reload();
    await waitIdle(page);
    expect(await page.locator("[data-storage]").count()).toBe(0);
    expect(await uploadNames(page)).toEqual([SEED_NAME]);
    await publishedPagesWork(context);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("a kept file that no longer loads: its failure offers 从本浏览器移除, which removes only it, so the next visit is clean", async () => {
    const context = await state.browser.newContext();
    await prepareStore(context, (seed) => new Promise<void>((ok) => {
      const req = indexedDB.open("jixiao-explore", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("uploads", { keyPath: "id" });
      req.onsuccess = () => {
        const t = req.result.transaction("uploads", "readwrite");
        const bad = new Uint8Array([0, 1, 2, 255, 254, 0, 128]); // not a text file: refused on every visit
        t.objectStore("uploads").put({ id: 1, name: "000_83bc0b582c527eae.txt", loadedAt: "2026-12-01 09:00:00", bytes: new Blob([seed]).size, file: new File([seed], "x.txt") });
        t.objectStore("uploads").put({ id: 2, name: "坏文件.txt", loadedAt: "2026-12-01 09:00:01", bytes: bad.length, file: new File([bad], "坏文件.txt") });
        t.oncomplete = () => (req.result.close(), ok());
      };
    }));
    const { page, errors } = await openExplore(context, explore());
    await waitIdle(page);
    const failure = page.locator("[data-failure]");
    await failure.waitFor();
    expect(await failure.innerText()).toContain("坏文件.txt");
    await failure.getByRole("button", { name: "从本浏览器移除这个文件" }).click();
    await failure.waitFor({ state: "detached" });
    expect(await kept(page)).toEqual([{ id: 1, name: SEED_NAME }]);
    await page.reload();
    await waitIdle(page);
    expect(await page.locator("[data-failure]").count()).toBe(0);
    expect(await uploadNames(page)).toEqual([SEED_NAME]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("another layout (an older version's store): told, 清除 removes it, and files are kept again after", async () => {
    const context = await state.browser.newContext();
    await prepareStore(context, () => new Promise<void>((ok) => {
      const req = indexedDB.open("jixiao-explore", 1);
      req.onupgradeneeded = () => req.result.createObjectStore("files", { keyPath: "name" }).put({ name: "旧.txt", text: "旧版本" });
      req.onsuccess = () => (req.result.close(), ok());
    }));
    const { page, errors } = await openExplore(context, explore());
    const notice = page.locator('[data-storage="unreadable"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain("本浏览器中保存的数据探索数据格式不符（可能来自旧版本），无法恢复");
    await publishedPagesWork(context);
    // A file loaded before clearing cannot be kept in that store: told what to do, not a raw IndexedDB error.
    await dropFiles(page, [OTHER]);
    const unsaved = page.locator('[data-storage="unsaved"]');
    await unsaved.waitFor();
    expect(await unsaved.innerText()).toContain(`${OTHER_NAME} 已载入，但未能保存在本浏览器中（本浏览器中保存的数据无法读取，请先点击“清除无法读取的保存数据”）`);
    await notice.getByRole("button", { name: "清除无法读取的保存数据" }).click();
    await notice.waitFor({ state: "detached" });
    await dropFiles(page, [SEED]);
    // (data-saved counts the files listed once their saves have settled: the two on screen.)
    await waitSaved(page, 2);
    expect(await page.locator('[data-storage="unreadable"]').count()).toBe(0);
    await page.reload();
    await waitIdle(page);
    expect(await uploadNames(page)).toEqual([SEED_NAME]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("a newer version's store: told, the published pages unaffected, 清除 removes it", async () => {
    const context = await state.browser.newContext();
    await prepareStore(context, () => new Promise<void>((ok) => {
      const req = indexedDB.open("jixiao-explore", 7);
      req.onupgradeneeded = () => req.result.createObjectStore("uploads-v7", { keyPath: "key" });
      req.onsuccess = () => (req.result.close(), ok());
    }));
    await publishedPagesWork(context);
    const { page, errors } = await openExplore(context, explore());
    const notice = page.locator('[data-storage="unreadable"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain("本浏览器中保存的数据探索数据来自较新的版本，本页无法读取");
    await notice.getByRole("button", { name: "清除无法读取的保存数据" }).click();
    await notice.waitFor({ state: "detached" });
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain("jixiao-explore");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("on /en/explore/", () => {
  it("the same notices are in English", async () => {
    const context = await state.browser.newContext();
    await prepareStore(context, () => new Promise<void>((ok) => {
      const req = indexedDB.open("jixiao-explore", 7);
      req.onsuccess = () => (req.result.close(), ok());
    }));
    const { page, errors } = await openExplore(context, `${state.server.url}en/explore/`);
    const notice = page.locator('[data-storage="unreadable"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain("Storage The explore data kept in this browser comes from a newer version and cannot be read by this page. The published overview and unit pages are not affected");
    await notice.getByRole("button", { name: "Clear the unreadable kept data" }).click();
    await notice.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("two tabs on the workspace at once", () => {
  it("each keeps its own file (neither overwrites the other), each is told of the other's, and a reload shows both", async () => {
    const context = await state.browser.newContext();
    const a = await openExplore(context, explore());
    const b = await openExplore(context, explore());
    await dropFiles(a.page, [SEED]);
    await dropFiles(b.page, [OTHER]);
    await waitSaved(a.page, 1);
    await waitSaved(b.page, 1);
    expect(await kept(a.page)).toEqual([{ id: 1, name: SEED_NAME }, { id: 2, name: OTHER_NAME }]);
    // Each tab is told what the other kept, and how to see it.
    const told = a.page.locator('[data-storage="elsewhere"]');
    await told.waitFor();
    expect(await told.innerText()).toContain(`另一个标签页载入并保存了 ${OTHER_NAME}：两页的文件都已保存，互不覆盖`);
    await b.page.locator('[data-storage="elsewhere"]').waitFor();
    expect(await b.page.locator('[data-storage="elsewhere"]').innerText()).toContain(SEED_NAME);
    await told.getByRole("button", { name: "重新载入本页" }).click();
    await a.page.waitForFunction(() => document.querySelectorAll("[data-upload]").length === 2, null, { timeout: 30_000 });
    await waitIdle(a.page);
    expect(await uploadNames(a.page)).toEqual([SEED_NAME, OTHER_NAME]);
    // Removed in one tab: gone from the store, the other's file kept.
    await b.page.locator("[data-upload]").first().getByRole("button", { name: "移除" }).click();
    await b.page.waitForFunction(() => document.querySelectorAll("[data-upload]").length === 0);
    expect(await kept(a.page)).toEqual([{ id: 1, name: SEED_NAME }]);
    // Cleared in one tab: the other is told its files are no longer kept.
    await a.page.click('[data-x="clear"]');
    await b.page.locator('[data-storage="clearedElsewhere"]').waitFor();
    expect(await b.page.locator('[data-storage="clearedElsewhere"]').innerText()).toContain("另一个标签页清除了本浏览器保存的数据");
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await context.close();
  }, 60_000);
});
