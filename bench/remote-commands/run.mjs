#!/usr/bin/env node
// Remote-command benchmark: one command on every VM of a 1,000-VM simulated MCI, over real SSH to
// the simulator's SSH server. Prints the command's wall time (POST to the last VM's end, as the API
// reports it), the slowest single VM, their ratio (goal ≤ 1.5) and the server's peak memory.
//
//   node bench/remote-commands/run.mjs [--regions 100] [--per-region 10] [--command "sleep 2; hostname"] [--concurrency 1000] [--runs 3]
import os from "node:os";
import { deployMci, globalSubGroups, parseArgs, runCommandToEnd, sleep, startConsole, treeRssMiB } from "../support/console.mjs";

const args = parseArgs();
const regionCount = Number(args.regions ?? 100);
const perRegion = Number(args["per-region"] ?? 10);
const command = args.command ?? "sleep 2; hostname";
const concurrency = Number(args.concurrency ?? regionCount * perRegion);
const runs = Number(args.runs ?? 3);
const port = Number(args.port ?? 3250);

const { base, stop: stopServer, pid } = await startConsole({
  port,
  name: "remote-commands",
  env: { BARISTA_SIM_SPEED: "100", BARISTA_SIM_FAULTS: "off", BARISTA_METRICS_COLLECT: "off" },
});
const subGroups = await globalSubGroups(base, regionCount, perRegion);
const { id: mciId, mci } = await deployMci(base, { name: `bench-${Date.now()}`, subGroups });
console.log(`MCI ready: ${mci.statusCount.running} VMs running`);
const idleMiB = treeRssMiB(pid);

const figures = [];
for (let run = 1; run <= runs; run++) {
  let peakMiB = treeRssMiB(pid);
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, treeRssMiB(pid))), 250);
  const t0 = performance.now();
  const cmd = await runCommandToEnd(base, mciId, { command, concurrency });
  const polledMs = performance.now() - t0;
  clearInterval(sampler);
  const ended = cmd.vms.filter((v) => v.startedAt && v.endedAt);
  const vmMs = ended.map((v) => Date.parse(v.endedAt) - Date.parse(v.startedAt)).sort((a, b) => a - b);
  const slowestMs = vmMs[vmMs.length - 1];
  // A VM's time runs from its start (its place in the limiters) to its end: login included.
  const medianMs = vmMs[Math.floor(vmMs.length / 2)];
  const wallMs = Math.max(...ended.map((v) => Date.parse(v.endedAt))) - Date.parse(cmd.createdAt);
  const byStatus = {};
  for (const v of cmd.vms) byStatus[v.status] = (byStatus[v.status] ?? 0) + 1;
  figures.push({ run, vms: cmd.vms.length, byStatus, wallMs, slowestMs, medianMs, ratio: wallMs / slowestMs, polledMs, peakMiB });
  console.log(
    `run ${run}: ${cmd.vms.length} VMs ${JSON.stringify(byStatus)}; wall ${(wallMs / 1000).toFixed(2)} s (seen by the poller ${(polledMs / 1000).toFixed(2)} s), ` +
      `slowest VM ${(slowestMs / 1000).toFixed(2)} s (median ${(medianMs / 1000).toFixed(2)} s), ratio ${(wallMs / slowestMs).toFixed(3)}; server memory ${idleMiB.toFixed(0)} MiB idle, peak ${peakMiB.toFixed(0)} MiB`,
  );
  await sleep(2000);
}

console.log(JSON.stringify({ machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}`, load: os.loadavg(), command, concurrency, idleMiB, figures }, null, 1));
stopServer();
process.exit(0);
