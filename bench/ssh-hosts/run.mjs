#!/usr/bin/env node
// SSH-hosts benchmark: 50 real hosts' worth of SSH sessions at once. Several Debian OpenSSH servers
// on 127.0.0.1, each listening on several ports (every port a host of its own to the console),
// registered through the API as one ssh connection with its ssh credential; an MCI of one VM per
// host; then one command on all of them at once, a few times. Prints the verify time of the hosts,
// each run's wall time (POST to the last VM's end, as the API reports it) against its slowest VM
// (the ratio), the SSH sessions the servers saw, and the console's peak memory.
//
// The console keeps an idle SSH connection 60 s, so the first run waits until the servers have no
// connection left (--cold 0 skips that): it opens all its connections at once, handshakes included;
// later runs reuse them.
//
//   node bench/ssh-hosts/run.mjs [--servers 10] [--ports 5] [--command "sleep 2; hostname"] [--runs 3] [--cold 1] [--port 3270]
import os from "node:os";
import { below, readProcesses } from "../../lib/remote/testing/processes.mjs";
import { startTestHosts } from "../../lib/remote/testing/sshd.mjs";
import { deployMci, json, parseArgs, runCommandToEnd, sleep, startConsole, treeRssMiB } from "../support/console.mjs";

const args = parseArgs();
const serverCount = Number(args.servers ?? 10);
const portsEach = Number(args.ports ?? 5);
const command = args.command ?? "sleep 2; hostname";
const runs = Number(args.runs ?? 3);
const port = Number(args.port ?? 3270);
const cold = args.cold !== "0";
const hostCount = serverCount * portsEach;

const servers = await startTestHosts(serverCount, { ports: portsEach });
const stopServers = () => Promise.all(servers.map((s) => s.stop(true)));
process.on("SIGINT", () => void stopServers().then(() => process.exit(130)));
const hosts = servers.flatMap((s) => s.ports.map((p) => ({ address: s.host, port: p })));
console.log(`${servers.length} sshd processes, ${hosts.length} host:port entries`);

/** The processes below each sshd: one per connection (the session's sshd) and the commands' shells under them. */
function sshdTree() {
  const processes = readProcesses();
  const roots = new Set(servers.map((s) => s.pid).filter(Boolean));
  const connections = [];
  const commands = [];
  for (const p of processes) {
    if (!roots.has(p.parent)) continue;
    connections.push(p.pid);
    // sshd forks per connection, then (privilege separation) per user; the user's shell runs below.
    for (const q of below(processes, p.pid, (x) => x.name.startsWith("sshd"))) if (!q.name.startsWith("sshd")) commands.push(`${q.pid}:${q.name}`);
  }
  return { connections, commands };
}

const { base, stop: stopServer, pid } = await startConsole({ port, name: "ssh-hosts", env: { BARISTA_METRICS_COLLECT: "off" } });
const send = (method, path, body) => json(`${base}${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const name = `bench-lab-${Date.now()}`;
await send("POST", "/api/v1/credentials", { name: `${name}-key`, provider: "ssh", secrets: { username: servers[0].username, privateKey: servers[0].privateKey } });
await send("POST", "/api/v1/connections", { name, provider: "ssh", driver: "ssh", region: name, credential: `${name}-key`, location: { latitude: 48.14, longitude: 11.58 }, hosts });

const verifies = [];
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  const v = await send("POST", `/api/v1/connections/${name}/verify`, {});
  const ms = performance.now() - t0;
  const okHosts = v.hosts.filter((h) => h.ok).length;
  verifies.push({ ok: v.ok, okHosts, durationMs: v.durationMs, requestMs: ms });
  console.log(`verify ${i + 1}: ${okHosts}/${v.hosts.length} hosts ok in ${v.durationMs} ms (the request took ${ms.toFixed(0)} ms)`);
  if (!v.ok) throw new Error(`verify failed: ${v.message}`);
}

const { id: mciId, mci } = await deployMci(base, { name: `bench-${Date.now()}`, subGroups: [{ connection: name, count: hostCount }] }, 250);
console.log(`MCI ready: ${mci.statusCount.running} VMs running`);
if (mci.statusCount.running !== hostCount) throw new Error(`only ${mci.statusCount.running} of ${hostCount} VMs run: ${JSON.stringify(mci.statusCount)}`);
const idleMiB = treeRssMiB(pid);

const figures = [];
for (let run = 1; run <= runs; run++) {
  if (run === 1 && cold) {
    const t = performance.now();
    while (sshdTree().connections.length > 0 && performance.now() - t < 120_000) await sleep(1000);
    console.log(`waited ${((performance.now() - t) / 1000).toFixed(0)} s for the console to close its idle connections`);
  }
  let peakMiB = treeRssMiB(pid);
  let peakConnections = 0;
  const connectionPids = new Set();
  let peakCommands = 0;
  const shells = new Set();
  const sample = () => {
    peakMiB = Math.max(peakMiB, treeRssMiB(pid));
    const t = sshdTree();
    peakConnections = Math.max(peakConnections, t.connections.length);
    for (const c of t.connections) connectionPids.add(c);
    peakCommands = Math.max(peakCommands, t.commands.length);
    for (const c of t.commands) shells.add(c);
  };
  const sampler = setInterval(sample, 100);
  const beforePids = sshdTree().connections;
  const before = beforePids.length;
  const t0 = performance.now();
  const cmd = await runCommandToEnd(base, mciId, { command });
  const polledMs = performance.now() - t0;
  clearInterval(sampler);
  const ended = cmd.vms.filter((v) => v.startedAt && v.endedAt);
  const slowestMs = Math.max(...ended.map((v) => Date.parse(v.endedAt) - Date.parse(v.startedAt)));
  const wallMs = Math.max(...ended.map((v) => Date.parse(v.endedAt))) - Date.parse(cmd.createdAt);
  const byStatus = {};
  for (const v of cmd.vms) byStatus[v.status] = (byStatus[v.status] ?? 0) + 1;
  const opened = [...connectionPids].filter((c) => !beforePids.includes(c)).length;
  const sessions = { connectionsBefore: before, connectionsOpened: opened, peakConnections, peakCommands, remoteProcessesSeen: shells.size };
  figures.push({ run, vms: cmd.vms.length, byStatus, wallMs, slowestMs, ratio: wallMs / slowestMs, polledMs, peakMiB, sessions });
  console.log(
    `run ${run}: ${cmd.vms.length} VMs ${JSON.stringify(byStatus)}; wall ${(wallMs / 1000).toFixed(2)} s (seen by the poller ${(polledMs / 1000).toFixed(2)} s), ` +
      `slowest VM ${(slowestMs / 1000).toFixed(2)} s, ratio ${(wallMs / slowestMs).toFixed(3)}; SSH connections ${before} open before, ${opened} opened, peak ${peakConnections}; ` +
      `remote commands ${shells.size}, peak at once ${peakCommands}; server memory ${idleMiB.toFixed(0)} MiB idle, peak ${peakMiB.toFixed(0)} MiB`,
  );
  await sleep(2000);
}

console.log(
  JSON.stringify({ machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}, Node ${process.version}`, load: os.loadavg(), servers: serverCount, portsEach, command, verifies, idleMiB, figures }, null, 1),
);
stopServer();
await stopServers();
process.exit(0);
