// The comparison pages honour the manual mapping file: a rejected pairing
// splits an automatic match into a removal and an addition.
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { siteDataset, siteMapping } from "../src/site/dataset.ts";
import { compareModel, unitPair } from "../src/site/compareView.ts";

const UNIT = "ue5033044165152b9";

describe("siteMapping() and compareModel(data, mapping)", () => {
  it("without data/mapping.csv no row overrides the automatic matching", () => {
    process.env.JIXIAO_MAPPING = join(tmpdir(), "jixiao-no-such-mapping.csv");
    expect(siteMapping()).toEqual([]);
    delete process.env.JIXIAO_MAPPING;
  });

  it("a rejected row turns an id match between 2025 and 2026 into removed + added", () => {
    const data = siteDataset();
    const auto = unitPair(compareModel(data), UNIT, 2025, 2026)!;
    const pair = auto.indicators.find((m) => m.method === "id" && m.old && m.new)!;
    expect(pair).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "jixiao-map-"));
    const file = join(dir, "mapping.csv");
    writeFileSync(file, `unit,old_indicator_id,new_indicator_id,decision\r\n${UNIT},${pair.old!.id},${pair.new!.id},rejected\r\n`);
    process.env.JIXIAO_MAPPING = file;
    const rows = siteMapping();
    delete process.env.JIXIAO_MAPPING;
    expect(rows).toHaveLength(1);
    // A separate Dataset object, so that the model cache does not return the automatic one.
    const manual = unitPair(compareModel({ ...data }, rows), UNIT, 2025, 2026)!;
    const old = manual.indicators.find((m) => m.old?.id === pair.old!.id)!;
    const neu = manual.indicators.find((m) => m.new?.id === pair.new!.id)!;
    expect(old.status).toBe("removed");
    expect(neu.status).toBe("added");
  });
});
