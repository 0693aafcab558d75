// Ids at city scale: the standard 64-bit FNV-1a (checked against a BigInt
// reference), content only, and no collision among a million distinct keys
// (by the birthday bound ~n²/2^65 pairs are expected: 2.7e-8 at 10^6, where
// the 32-bit hash used before gave ~116).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupeIds, fnv1a, indicatorId, unitId } from "../src/core/ids.ts";

const MASK = (1n << 64n) - 1n;
function reference(s: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(s)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & MASK;
  return h.toString(16).padStart(16, "0");
}

describe("fnv1a(s)", () => {
  it("is the standard FNV-1a 64 of the UTF-8 bytes", () => {
    expect(fnv1a("")).toBe("cbf29ce484222325");
    expect(fnv1a("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a("foobar")).toBe("85944171f73967e8");
    for (let i = 0; i < 2000; i++) {
      const s = `上海市闵行区${i}街道\u001f产出指标\u001f${"数量".repeat(i % 7)}\u{1F600}${i * 7919}`;
      expect(fnv1a(s)).toBe(reference(s));
    }
  });

  it("hashes any string's UTF-8 as TextEncoder makes it (2- and 4-byte characters, lone surrogates as U+FFFD)", () => {
    for (const s of ["\ud800", "a\udc00b", "\udbff\udfff", "\u07ff\u0800\uffff", "\ud83d"]) expect(fnv1a(s)).toBe(reference(s));
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // any UTF-16 unit, halves of pairs alone included
    fc.assert(fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: codeUnit })), (s) => fnv1a(s) === reference(s)), { numRuns: 3000 });
  });

  it("gives 1,000,000 distinct keys 1,000,000 distinct ids", () => {
    const ids = new Set<string>();
    const n = 1_000_000;
    // 2,000 units × 500 indicators each, shaped as indicatorId's keys are.
    for (let i = 0; i < n; i++) ids.add(indicatorId(`某市某区第${i % 2000}街道办事处`, "产出指标", `二级${i % 13}`, `指标${i}`));
    expect(ids.size).toBe(n);
  }, 60_000);
});

describe("ids", () => {
  it("depend on content only: the same name gives the same id on every call", () => {
    expect(unitId("上海市闵行区江川路街道社区党群服务中心")).toBe(unitId("上海市闵行区江川路街道社区党群服务中心"));
    expect(unitId("甲")).toMatch(/^u[0-9a-f]{16}$/);
    expect(indicatorId("甲", "产出", "数量", null)).toBe(indicatorId("甲", "产出", "数量", ""));
  });

  it("dedupeIds keeps the -2 suffix as the fallback for a repeat within a set", () => {
    expect(dedupeIds([{ id: "a" }, { id: "a" }, { id: "b" }, { id: "a" }]).map((x) => x.id)).toEqual(["a", "a-2", "b", "a-3"]);
  });
});
