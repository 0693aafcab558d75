// Assertions shared by the chart snapshot tests.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const SNAPSHOTS = fileURLToPath(new URL("./snapshots/charts/", import.meta.url));

/** Compares with test/snapshots/charts/<name>.svg; writes it when missing, <name>-changed.svg when different. */
export function expectSnapshot(name: string, svg: string, { dir = SNAPSHOTS, ext = "svg" } = {}): void {
  const file = `${dir}${name}.${ext}`;
  const changed = `${dir}${name}-changed.${ext}`;
  const actual = `${svg}\n`;
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (readFileSync(file, "utf8") === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  throw new Error(`snapshot ${name}.${ext} differs: see ${name}-changed.${ext}`);
}

/** Tags balance, and text and attributes hold no raw < or bare &. */
export function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between, `text before <${m[1]}${m[2]}>`).not.toMatch(/<|&(?!(amp|lt|gt|quot|#\d+);)/);
    expect(m[3], `attributes of <${m[2]}>`).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+);)/);
    if (m[1]) expect(stack.pop(), `closing </${m[2]}>`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]);
    last = tag.lastIndex;
  }
  expect(svg.slice(last).trim()).toBe("");
  expect(stack).toEqual([]);
}
