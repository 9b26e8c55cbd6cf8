#!/usr/bin/env node
// Provisioning benchmark: one MCI of 1,000 VMs over 100 regions on the simulator.
// Prints the wall time to Running, the critical path (the slowest single VM as the cloud simulated
// it), their ratio (goal ≤ 1.15), and the p95 of GET on that MCI under 50 concurrent pollers, each
// holding an API token of its own (goal ≤ 50 ms).
//
//   node bench/provision/run.mjs [--speed 3] [--regions 100] [--per-region 10] [--pollers 50] [--faults off]
import os from "node:os";
import { authorized, deployMci, globalSubGroups, json, makeTokens, parseArgs, sleep, startConsole } from "../support/console.mjs";

const args = parseArgs();
const speed = Number(args.speed ?? 3);
const regionCount = Number(args.regions ?? 100);
const perRegion = Number(args["per-region"] ?? 10);
const pollers = Number(args.pollers ?? 50);
const faults = args.faults ?? "off";
const port = Number(args.port ?? 3240);

const { base, stop: stopServer } = await startConsole({ port, name: "provision", env: { BARISTA_SIM_SPEED: String(speed), BARISTA_SIM_FAULTS: faults } });
// Spread the regions over every provider, as a global MCI would be.
const subGroups = await globalSubGroups(base, regionCount, perRegion);

const t0 = performance.now();
const { id: mciId, mci } = await deployMci(base, { name: `bench-${Date.now()}`, subGroups }, 100);
const wallMs = performance.now() - t0;

// The critical path: the longest create the cloud itself simulated (its own status history).
let criticalMs = 0;
for (const { region } of subGroups) {
  for (const vm of await json(`${base}/api/v1/connections/${region}/vms`)) {
    if (vm.tags["barista-mci"] !== mciId) continue;
    const start = vm.history.find((h) => h.status === "Creating");
    const end = vm.history.find((h) => h.status === "Running" || h.status === "Failed");
    if (start && end) criticalMs = Math.max(criticalMs, Date.parse(end.at) - Date.parse(start.at));
  }
}

// Every poller holds an API token of its own (a viewer's), as separate browsers or scripts would:
// each request is authenticated by looking its token up, as in production.
const tokens = args["shared-token"] ? Array(pollers).fill(undefined) : await makeTokens(base, pollers, "viewer");

// 50 pollers as the console polls: once a second, revalidating with the ETag they hold (a browser's
// HTTP cache does this with cache-control: no-cache), then 50 pollers fetching the full body back to back.
async function poll({ conditional, intervalMs, seconds }) {
  const latencies = [];
  // After each poller's first request (which has no ETag yet and takes the full body): the steady state.
  const steady = [];
  let notModified = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: pollers }, async (_, i) => {
      let etag = null;
      await sleep((i * intervalMs) / pollers);
      while (performance.now() < until) {
        const s = performance.now();
        const r = await fetch(`${base}/api/v1/ns/default/mci/${mciId}`, { headers: authorized(conditional && etag ? { "if-none-match": etag } : {}, tokens[i]) });
        await r.arrayBuffer();
        latencies.push(performance.now() - s);
        if (etag) steady.push(performance.now() - s);
        if (r.status === 304) notModified++;
        etag = r.headers.get("etag");
        if (intervalMs) await sleep(Math.max(0, intervalMs - (performance.now() - s)));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  steady.sort((a, b) => a - b);
  const pct = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? NaN;
  return { n: latencies.length, notModified, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), max: latencies.at(-1), steadyP95: pct(steady, 0.95) };
}
const asConsole = await poll({ conditional: true, intervalMs: 1000, seconds: 15 });
const saturated = await poll({ conditional: false, intervalMs: 0, seconds: 10 });

const bytes = JSON.stringify(mci).length;
console.log(`\nprovision bench — ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}`);
console.log(`MCI: ${mci.statusCount.total} VMs over ${subGroups.length} regions (${new Set(mci.vms.map((v) => v.provider)).size} providers), sim speed ×${speed}, faults ${faults}`);
console.log(`final status: ${mci.status}  (running ${mci.statusCount.running}, failed ${mci.statusCount.failed})`);
console.log(`wall time to settle:      ${(wallMs / 1000).toFixed(2)} s`);
console.log(`critical path (slowest VM): ${(criticalMs / 1000).toFixed(2)} s`);
console.log(`ratio:                      ${(wallMs / criticalMs).toFixed(3)}  (goal ≤ 1.15)`);
const fmt = (r) => `${r.n} requests (${r.notModified} × 304), p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`;
console.log(`GET /mci/{id} (${(bytes / 1024).toFixed(0)} KiB of JSON), ${pollers} pollers once a second with ETag: ${fmt(asConsole)}  (goal p95 ≤ 50 ms)`);
console.log(`  the same after each poller's first (full) answer: p95 ${asConsole.steadyP95.toFixed(1)} ms`);
console.log(`GET /mci/{id}, ${pollers} pollers back to back, full body:        ${fmt(saturated)}`);
stopServer();
process.exit(0);
