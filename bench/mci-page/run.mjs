#!/usr/bin/env node
// MCI page benchmark: how smoothly the map of a 2,000-VM MCI pans, against the home map.
// Starts its own console, creates one MCI (by default 20 VMs in each of 100 regions), waits until
// it runs, then in headless Chromium drags the home map and the MCI page's map the same way while
// requestAnimationFrame records every frame. Prints each page's frame-time p50/p95, the ratio of
// the p95s (MCI page / home map; goal ≤ 1.1) and the MCI page's DOM node count (goal ≤ 3,000).
//
//   node bench/mci-page/run.mjs [--regions 100] [--per-region 20] [--drags 6] [--port 3260] [--speed 100]
import os from "node:os";
import { frameRecorder, launchChromium } from "../support/browser.mjs";
import { authorized, deployMci, globalSubGroups, makeTokens, parseArgs, sleep, startConsole } from "../support/console.mjs";

const args = parseArgs();
const regionCount = Number(args.regions ?? 100);
const perRegion = Number(args["per-region"] ?? 20);
const drags = Number(args.drags ?? 6);
const speed = Number(args.speed ?? 100);
const port = Number(args.port ?? 3260);
const VIEWPORT = { width: 1600, height: 900 };

const { base, stop: stopServer } = await startConsole({ port, name: "mci-page", env: { BARISTA_SIM_SPEED: String(speed), BARISTA_SIM_FAULTS: "off" } });
// Regions spread over every provider, as a global MCI would be.
const subGroups = await globalSubGroups(base, regionCount, perRegion);
const { id: mciId, mci } = await deployMci(base, { name: `page-bench-${Date.now() % 100_000}`, subGroups });

const browser = await launchChromium();
// The browser holds a viewer's API token, as a wall display or a test script would.
const [viewerToken] = await makeTokens(base, 1, "viewer");
const page = await browser.newPage({ viewport: VIEWPORT, extraHTTPHeaders: authorized({}, viewerToken) });

// Every frame's time, from requestAnimationFrame.
const frameTimes = await frameRecorder(page);

/** Drags the map back and forth `drags` times over the part no panel covers; returns the frame times. */
async function dragFrames(mapTestId) {
  const box = await page.getByTestId(mapTestId).boundingBox();
  // Left of the 36rem side panel, below the MCI page's header: visible map on both pages.
  const y = Math.round(box.y + box.height * 0.6);
  const x0 = Math.round(box.x + 120);
  const x1 = Math.round(box.x + box.width - 36 * 16 - 120);
  const frames = [];
  for (let d = 0; d < drags + 1; d++) {
    const [from, to] = d % 2 === 0 ? [x0, x1] : [x1, x0];
    await page.mouse.move(from, y);
    await page.mouse.down();
    // The first drag warms up (layers, caches, JIT) and is not counted.
    if (d > 0) await frameTimes.start();
    const steps = 60;
    for (let s = 1; s <= steps; s++) {
      await page.mouse.move(from + ((to - from) * s) / steps, y + Math.round(20 * Math.sin((s / steps) * Math.PI)));
      await sleep(12);
    }
    await page.mouse.up();
    if (d > 0) frames.push(...(await frameTimes.stop()));
    await sleep(400);
  }
  return frames;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

await page.goto(`${base}/`);
await page.getByTestId("world-map").locator("canvas").first().waitFor();
await sleep(1500);
const home = await dragFrames("world-map");
const homeNodes = await page.evaluate(() => document.getElementsByTagName("*").length);

await page.goto(`${base}/ns/default/mci/${mciId}`);
await page.getByTestId("mci-map").locator("canvas").first().waitFor();
await page.waitForFunction((total) => document.querySelector('[data-testid="mci-progress"]')?.getAttribute("data-total") === String(total), mci.statusCount.total);
await sleep(2500);
const mciNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
const mciFrames = await dragFrames("mci-map");
await browser.close();

const fmt = (f) => `${f.length} frames, p50 ${percentile(f, 0.5).toFixed(1)} ms, p95 ${percentile(f, 0.95).toFixed(1)} ms`;
console.log(`\nmci-page bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`MCI: ${mci.statusCount.total} VMs over ${subGroups.length} regions, ${mci.status}; viewport ${VIEWPORT.width}×${VIEWPORT.height}, ${drags} drags each`);
console.log(`home map:  ${fmt(home)}  (${homeNodes} DOM nodes)`);
console.log(`MCI page:  ${fmt(mciFrames)}  (${mciNodes} DOM nodes, goal ≤ 3,000)`);
console.log(`ratio of frame-time p95, MCI page / home map: ${(percentile(mciFrames, 0.95) / percentile(home, 0.95)).toFixed(2)}  (goal ≤ 1.1)`);
stopServer();
process.exit(0);
