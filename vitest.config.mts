import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const shared = {
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
};

/** Every suite on SQLite; the suites of the store, the reconciler and monitoring again on PostgreSQL. */
export default defineConfig({
  ...shared,
  test: {
    environment: "node",
    testTimeout: 30_000,
    pool: "forks",
    projects: [
      {
        ...shared,
        // `*.postgres.test.ts`: what only happens with several servers on one PostgreSQL.
        test: { name: "sqlite", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.postgres.test.ts", "**/node_modules/**"], environment: "node", testTimeout: 30_000, hookTimeout: 30_000, pool: "forks" },
      },
      {
        ...shared,
        test: {
          name: "postgresql",
          include: ["lib/store/**/*.test.ts", "lib/provisioning/**/*.test.ts", "lib/monitoring/**/*.test.ts", "lib/server/leader-lease.test.ts", "lib/server/takeover.test.ts", "lib/drivers/sim/sim-servers.test.ts"],
          // The SQLite-file checks of the key move are their own suite.
          exclude: ["lib/provisioning/namespace-keys.test.ts"],
          globalSetup: ["lib/store/testing-postgres.mjs"],
          // Only this project's workers: the global setup's variable reaches every project's.
          env: { BARISTA_TEST_DATABASE: "postgresql" },
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: "forks",
        },
      },
    ],
  },
});
