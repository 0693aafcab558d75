// siteProjectComparison (src/site/projectHistory.ts), the project pages' comparison at build:
// for every project-year of a generated district it gives what projectComparison gives, with the
// pairing of two years made once instead of once per page.
import { describe, expect, it } from "vitest";
import { district } from "../bench/district.ts";
import { projectComparison } from "../src/site/compareView.ts";
import { siteProjectComparison } from "../src/site/projectHistory.ts";

describe("siteProjectComparison(data, projectId, year, mapping)", () => {
  it("gives what projectComparison gives for every project-year", () => {
    const data = district({ units: 6, projects: 4, seed: 11 });
    const mapping: never[] = [];
    const text = (x: unknown) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    let paired = 0;
    for (const p of data.projects!) {
      const want = projectComparison(data, p.id, p.year, mapping);
      expect(text(siteProjectComparison(data, p.id, p.year, mapping))).toBe(text(want));
      if (want) paired++;
    }
    expect(paired).toBeGreaterThan(0);
    expect(siteProjectComparison(data, "nowhere", 2026, mapping)).toBeNull();
  });
});
