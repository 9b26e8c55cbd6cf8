import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";

const port = Number(process.env.E2E_PORT ?? 3210);

// The suites act as an admin through the automation token (BARISTA_API_TOKEN), sent by the browser
// and by API requests alike; servers the specs start themselves inherit it. The accounts spec signs
// in as real users instead.
process.env.BARISTA_API_TOKEN ??= `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`;
// The specs' webhook receiver listens on loopback, which alert webhooks may not reach otherwise.
process.env.BARISTA_WEBHOOK_ALLOW ??= "127.0.0.1";
export const E2E_TOKEN = process.env.BARISTA_API_TOKEN;

/** Debian's chromium where it exists (machines without Playwright's own browsers), else Playwright's default. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    extraHTTPHeaders: { authorization: `Bearer ${E2E_TOKEN}` },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // A fresh database for every run; the server builds first when the build is missing or stale.
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: `file:./data/e2e/barista-${Date.now()}.db`,
      BARISTA_SIM_SPEED: "200",
      BARISTA_SIM_FAULTS: "off",
      BARISTA_API_TOKEN: E2E_TOKEN,
      BARISTA_WEBHOOK_ALLOW: process.env.BARISTA_WEBHOOK_ALLOW,
    },
  },
});
