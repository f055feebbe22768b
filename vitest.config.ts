import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // CI asks for a JSON report too, to print one "N passed, N failed" line per Node version.
    reporters: process.env.VITEST_JSON_REPORT ? ["default", "json"] : ["default"],
    ...(process.env.VITEST_JSON_REPORT
      ? { outputFile: { json: process.env.VITEST_JSON_REPORT } }
      : {}),
  },
});
