// What every test can count on, whatever the machine: Beijing time, and a temporary
// folder of the run's own that is removed when the run ends (test/global-setup.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";

describe("the test environment", () => {
  it("runs in Asia/Shanghai (UTC+8)", () => {
    expect(process.env.TZ).toBe("Asia/Shanghai");
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Asia/Shanghai");
    expect(new Date("2026-12-01T16:00:00Z").getDate()).toBe(2);
    expect(new Date(0).getTimezoneOffset()).toBe(-480);
  });

  it("makes temporary folders inside the run's own folder, which the global teardown removes", () => {
    const tmp = inject("tmp");
    expect(tmp).toMatch(/jixiao-test-run-/);
    expect(tmpdir()).toBe(tmp);
    expect(mkdtempSync(join(tmpdir(), "jixiao-env-")).startsWith(tmp)).toBe(true);
    expect(inject("dist").startsWith(tmp)).toBe(true);
  });
});
