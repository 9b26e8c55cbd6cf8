#!/usr/bin/env node
// Fleet map benchmark: how smoothly the home map pans and zooms with 10,000 VMs on it, against the
// empty map (?fleet=0). Starts its own console, deploys MCIs over two namespaces and ~100 regions
// (by default four MCIs, 10,000 VMs; --single deploys one MCI of 10,000 VMs instead), times the
// deployment, the fleet answer and the biggest MCI's page, then in headless Chromium drags and
// wheel-zooms the home map with the fleet and without it, alternating, while requestAnimationFrame
// records every frame. Prints frame-time p50/p95 of both and the ratio of the p95s (goal ≤ 1.5).
//
//   node bench/fleet-map/run.mjs [--regions 100] [--single 1] [--rounds 2] [--drags 4] [--port 3401] [--speed 1000]
import os from "node:os";
import { launchChromium } from "../support/browser.mjs";
import { authorized, globalSubGroups, json, makeTokens, parseArgs, sleep, startConsole } from "../support/console.mjs";

const args = parseArgs();
const regionCount = Number(args.regions ?? 100);
const single = args.single === "1";
const rounds = Number(args.rounds ?? 2);
const drags = Number(args.drags ?? 4);
const speed = Number(args.speed ?? 1000);
const port = Number(args.port ?? 3401);
const VIEWPORT = { width: 1600, height: 900 };

const { base, stop: stopServer } = await startConsole({ port, name: "fleet-map", env: { BARISTA_SIM_SPEED: String(speed), BARISTA_SIM_FAULTS: "off" } });
await fetch(`${base}/api/v1/namespaces`, { method: "POST", headers: authorized({ "content-type": "application/json" }), body: JSON.stringify({ name: "team" }) });

// VMs per region of each MCI; the regions are the first n of the global list (every provider in turn).
const LAYOUT = single
  ? [{ ns: "default", name: "global", regions: regionCount, perRegion: 100 }]
  : [
      { ns: "default", name: "global", regions: regionCount, perRegion: 60 },
      { ns: "default", name: "edge", regions: regionCount, perRegion: 10 },
      { ns: "team", name: "batch", regions: regionCount, perRegion: 20 },
      { ns: "team", name: "game", regions: Math.round(regionCount / 2), perRegion: 20 },
    ];
const all = await globalSubGroups(base, regionCount, 1);

const started = Date.now();
const mcis = [];
for (const m of LAYOUT) {
  const subGroups = all.slice(0, m.regions).map((s) => ({ ...s, count: m.perRegion }));
  const t = Date.now();
  const created = await json(`${base}/api/v1/ns/${m.ns}/mci`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: m.name, subGroups }) });
  mcis.push({ ...m, id: created.id, vms: m.regions * m.perRegion, createMs: Date.now() - t });
}
const vmTotal = mcis.reduce((s, m) => s + m.vms, 0);
for (;;) {
  const fleet = await json(`${base}/api/v1/fleet`);
  if (fleet.totals.vms === vmTotal && !fleet.totals.byStatus.Creating) break;
  await sleep(1000);
}
const deployS = (Date.now() - started) / 1000;

/** Wall time and size of one GET, with the admin token; `etag` sends If-None-Match. */
async function timed(path, etag) {
  const t = performance.now();
  const r = await fetch(`${base}${path}`, { headers: authorized(etag ? { "if-none-match": etag } : {}) });
  const body = await r.text();
  return { ms: performance.now() - t, status: r.status, bytes: body.length, etag: r.headers.get("etag") };
}
const fleetFirst = await timed("/api/v1/fleet");
const fleetAgain = await timed("/api/v1/fleet");
const fleet304 = await timed("/api/v1/fleet", fleetAgain.etag);
const biggest = mcis[0];
const mciView = await timed(`/api/v1/ns/${biggest.ns}/mci/${biggest.id}`);

const browser = await launchChromium();
// The browser holds a viewer's API token, as a wall display would.
const [viewerToken] = await makeTokens(base, 1, "viewer");
const page = await browser.newPage({ viewport: VIEWPORT, extraHTTPHeaders: authorized({}, viewerToken) });
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

const record = () => page.evaluate(() => Object.assign(window.__frames, { on: true, last: 0, frames: [] }));
const collect = () => page.evaluate(() => ((window.__frames.on = false), window.__frames.frames));

/** Drags the map back and forth, then zooms in and out with the wheel over Europe and Asia; the frame times. */
async function panAndZoom() {
  const box = await page.getByTestId("world-map").boundingBox();
  const y = Math.round(box.y + box.height * 0.45);
  const x0 = Math.round(box.x + 420);
  const x1 = Math.round(box.x + box.width - 420);
  const frames = [];
  for (let d = 0; d < drags + 1; d++) {
    const [from, to] = d % 2 === 0 ? [x0, x1] : [x1, x0];
    await page.mouse.move(from, y);
    await page.mouse.down();
    // The first drag warms up (layers, caches, JIT) and is not counted.
    if (d > 0) await record();
    for (let s = 1; s <= 60; s++) {
      await page.mouse.move(from + ((to - from) * s) / 60, y + Math.round(20 * Math.sin((s / 60) * Math.PI)));
      await sleep(12);
    }
    await page.mouse.up();
    if (d > 0) frames.push(...(await collect()));
    await sleep(400);
  }
  for (const x of [0.45, 0.7]) {
    await page.mouse.move(Math.round(box.x + box.width * x), y);
    await record();
    for (const dy of [-120, -120, -120, -120, 120, 120, 120, 120]) {
      await page.mouse.wheel(0, dy);
      await sleep(250);
    }
    await sleep(400);
    frames.push(...(await collect()));
  }
  return frames;
}

async function measure(withFleet) {
  await page.goto(`${base}/${withFleet ? "" : "?fleet=0"}`);
  await page.getByTestId("world-map").locator("canvas").first().waitFor();
  if (withFleet) await page.waitForFunction((n) => document.querySelector('[data-testid="fleet-layer"]')?.getAttribute("data-vms") === String(n), vmTotal);
  else await page.getByTestId("fleet-show").waitFor();
  await sleep(1500);
  return panAndZoom();
}

const frames = { fleet: [], empty: [] };
for (let r = 0; r < rounds; r++) {
  frames.empty.push(...(await measure(false)));
  frames.fleet.push(...(await measure(true)));
}
await page.goto(`${base}/`);
await page.getByTestId("fleet-layer").waitFor();
await sleep(1000);
await page.screenshot({ path: "test-results/fleet-bench-home.png" });
const homeNodes = await page.evaluate(() => document.getElementsByTagName("*").length);

// The biggest MCI's page: time until its progress shows every VM, then its DOM size.
const t = Date.now();
await page.goto(`${base}/ns/${biggest.ns}/mci/${biggest.id}`);
await page.waitForFunction((total) => document.querySelector('[data-testid="mci-progress"]')?.getAttribute("data-total") === String(total), biggest.vms, { timeout: 120_000 });
const mciPageMs = Date.now() - t;
await sleep(1500);
const mciNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
await page.screenshot({ path: "test-results/fleet-bench-mci.png" });
await browser.close();

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const fmt = (f) => `${f.length} frames, p50 ${percentile(f, 0.5).toFixed(1)} ms, p95 ${percentile(f, 0.95).toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`\nfleet-map bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`fleet: ${vmTotal} VMs in ${mcis.length} MCIs over 2 namespaces and ${regionCount} regions (${mcis.map((m) => `${m.ns}/${m.name} ${m.vms}`).join(", ")}), sim speed ${speed}`);
console.log(`deploy: POST ${mcis.map((m) => `${m.createMs} ms`).join(", ")}; every VM out of Creating after ${deployS.toFixed(1)} s`);
console.log(`GET /api/v1/fleet: first ${fleetFirst.ms.toFixed(0)} ms (${kb(fleetFirst.bytes)}), cached ${fleetAgain.ms.toFixed(1)} ms, If-None-Match ${fleet304.status} in ${fleet304.ms.toFixed(1)} ms`);
console.log(`GET the ${biggest.vms}-VM MCI: ${mciView.ms.toFixed(0)} ms (${kb(mciView.bytes)}); its page shows all VMs after ${mciPageMs} ms, ${mciNodes} DOM nodes (home map: ${homeNodes})`);
console.log(`viewport ${VIEWPORT.width}×${VIEWPORT.height}, ${rounds} rounds of ${drags} drags and 16 wheel steps each`);
console.log(`empty map (?fleet=0): ${fmt(frames.empty)}`);
console.log(`fleet map:            ${fmt(frames.fleet)}`);
console.log(`ratio of frame-time p95, fleet / empty: ${(percentile(frames.fleet, 0.95) / percentile(frames.empty, 0.95)).toFixed(2)}  (goal ≤ 1.5); p50 ${(percentile(frames.fleet, 0.5) / percentile(frames.empty, 0.5)).toFixed(2)}`);
stopServer();
process.exit(0);
