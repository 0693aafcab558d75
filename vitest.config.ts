import { defineConfig } from "vitest/config";

// Dates are read and shown in Beijing time, so the tests run in it whatever the machine's zone:
// set here for this process and the workers it starts, and again in each worker (test.env).
const TZ = "Asia/Shanghai";
process.env.TZ = TZ;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    env: { TZ },
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 180_000,
    // Browser tests build the site; one file at a time keeps two builds from racing.
    fileParallelism: false,
  },
});
