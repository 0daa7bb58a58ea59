import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Loopback servers and Chromium share two cores: keep parallelism modest.
    maxWorkers: 2,
  },
});
