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

/**
 * Times every frame from requestAnimationFrame, from the page's first script on: `start()` clears
 * and records, `stop()` ends and answers the frame times in ms.
 */
export async function frameRecorder(page) {
  await page.addInitScript(() => {
    const state = { on: false, last: 0, frames: [] };
    window.__frames = state;
    const tick = (t) => {
      if (state.on && state.last) state.frames.push(t - state.last);
      state.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return {
    start: () => page.evaluate(() => Object.assign(window.__frames, { on: true, last: 0, frames: [] })),
    stop: () => page.evaluate(() => ((window.__frames.on = false), window.__frames.frames)),
  };
}
