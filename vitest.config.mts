import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; in unit tests every module is server-side.
      "server-only": path.resolve(import.meta.dirname, "tests/unit/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    // The example tree is created on an installation's first start; tests start from an empty database.
    env: { ARBOR_EXAMPLE_TREE: "off", ARBOR_ALLOWED_HOSTS: "arbor.test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file opens its own PGlite (~0.9 GB); two at a time fits the machine.
    maxWorkers: 2,
  },
});
