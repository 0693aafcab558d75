import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 180_000,
    // Browser tests build the site; one file at a time keeps two builds from racing.
    fileParallelism: false,
  },
});
