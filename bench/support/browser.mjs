// The benchmarks' browser: Debian's chromium when present (or CHROMIUM_PATH), else Playwright's own.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export function launchChromium() {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
