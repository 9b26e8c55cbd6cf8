#!/usr/bin/env node
// Watch benchmark: a console of its own, one MCI of N VMs deploying on the simulator, and the
// server's cost while (a) nobody looks, (b) W browsers watch the MCI's stream (…/mci/{id}/watch),
// (c) W clients poll GET …/mci/{id} back to back. The three run in turns of a few seconds each,
// over several rounds, all while the MCI deploys, so each sees the same kind of work. Per mode it
// prints the server's CPU time (user+system of the console's processes, from /proc) per second,
// how late a trivial request was answered (the event loop's lag as a client sees it), the bytes
// each client got, and how many VMs changed status meanwhile. Never fails on a time.
//
//   node bench/watch/run.mjs [--vms 2000] [--clients 50] [--phase 6] [--rounds 4] [--speed 1000] [--port 3390]
//
// DATABASE_URL, when set, is the console's database (e.g. a PostgreSQL URL); else a fresh SQLite file.
import { readFileSync } from "node:fs";
import os from "node:os";
import { below, readProcesses } from "../../lib/remote/testing/processes.mjs";
import { authorized, globalSubGroups, json, parseArgs, sleep, startConsole } from "../support/console.mjs";

const args = parseArgs();
const VMS = Number(args.vms ?? 2000);
const CLIENTS = Number(args.clients ?? 50);
const PHASE_MS = Number(args.phase ?? 6) * 1000;
const ROUNDS = Number(args.rounds ?? 4);
const PORT = Number(args.port ?? 3390);
const TICKS = 100; // clock ticks per second (USER_HZ) on Linux

/** User+system CPU seconds of the console's processes (the start script and the server below it). */
function cpuSeconds(pid) {
  let ticks = 0;
  for (const p of [pid, ...below(readProcesses(), pid).map((x) => x.pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    } catch {
      // ended while we looked
    }
  }
  return ticks / TICKS;
}

const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);

/** Asks a trivial question every 100 ms; answers how long each answer took (ms). */
function probeLag(base, signal) {
  const times = [];
  const done = (async () => {
    while (!signal.aborted) {
      const t0 = performance.now();
      try {
        await (await fetch(`${base}/api/v1/health`, { signal })).arrayBuffer();
        times.push(performance.now() - t0);
      } catch {
        // aborted at the end of the phase
      }
      await sleep(100);
    }
  })();
  return { times, done };
}

/** One browser's watch: reads the stream until aborted; answers bytes and events received. */
async function watcher(url, signal, got) {
  try {
    const r = await fetch(url, { signal, headers: authorized({ accept: "text/event-stream" }) });
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      got.bytes += value.byteLength;
      got.events += (decoder.decode(value, { stream: true }).match(/^event: /gm) ?? []).length;
    }
  } catch {
    // aborted at the end of the phase
  }
}

/** One client polling GET back to back, as a console without the stream would (no ETag: the console's fetch sends none). */
async function poller(url, signal, got) {
  while (!signal.aborted) {
    try {
      const r = await fetch(url, { signal, headers: authorized({ accept: "application/json" }) });
      got.bytes += (await r.arrayBuffer()).byteLength;
      got.requests += 1;
    } catch {
      // aborted at the end of the phase
    }
  }
}

async function phase(mode, base, pid, mciUrl) {
  const abort = new AbortController();
  const clients = Array.from({ length: mode === "idle" ? 0 : CLIENTS }, () => ({ bytes: 0, events: 0, requests: 0 }));
  const before = await json(mciUrl);
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const lag = probeLag(base, abort.signal);
  const running = clients.map((got) => (mode === "watch" ? watcher(`${mciUrl}/watch`, abort.signal, got) : poller(mciUrl, abort.signal, got)));
  await sleep(PHASE_MS);
  abort.abort();
  await Promise.all([...running, lag.done]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - cpu0;
  const after = await json(mciUrl);
  const changed = after.vms.filter((v, i) => before.vms[i]?.status !== v.status).length;
  return { mode, seconds, cpu, lag: lag.times, clients, changed, running: after.statusCount.running };
}

const { base, pid, stop } = await startConsole({
  port: PORT,
  name: "watch",
  env: { BARISTA_SIM_SPEED: String(args.speed ?? 1000), BARISTA_SIM_FAULTS: "off", ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) },
});
try {
  const perRegion = 100;
  const subGroups = await globalSubGroups(base, Math.ceil(VMS / perRegion), perRegion);
  const created = await json(`${base}/api/v1/ns/default/mci`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `watch-${VMS}`, description: "", subGroups }) });
  const mciUrl = `${base}/api/v1/ns/default/mci/${created.id}`;
  console.log(`MCI of ${VMS} VMs created; ${CLIENTS} clients; phases of ${PHASE_MS / 1000} s, ${ROUNDS} rounds; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const results = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ["idle", "watch", "poll"]) {
      const r = await phase(mode, base, pid, mciUrl);
      results.push(r);
      console.log(`round ${round + 1} ${mode.padEnd(5)} cpu ${(r.cpu / r.seconds).toFixed(2)} s/s, lag p50/p95/max ${pct(r.lag, 50).toFixed(0)}/${pct(r.lag, 95).toFixed(0)}/${Math.max(...r.lag).toFixed(0)} ms, ${r.changed} VMs changed, ${r.running} running`);
    }
  }
  console.log(`\n| mode | server CPU (s per s) | health answer p50 / p95 / max | per client: bytes/s | per client: events or GETs/s | VMs that changed status |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const mode of ["idle", "watch", "poll"]) {
    const rs = results.filter((r) => r.mode === mode);
    const seconds = rs.reduce((s, r) => s + r.seconds, 0);
    const cpu = rs.reduce((s, r) => s + r.cpu, 0);
    const lag = rs.flatMap((r) => r.lag);
    const perClient = rs.flatMap((r) => r.clients);
    const bytes = perClient.reduce((s, c) => s + c.bytes, 0) / Math.max(1, perClient.length / rs.length) / seconds;
    const count = perClient.reduce((s, c) => s + (mode === "watch" ? c.events : c.requests), 0) / Math.max(1, perClient.length / rs.length) / seconds;
    const changed = rs.reduce((s, r) => s + r.changed, 0);
    const label = mode === "idle" ? "0 watchers" : mode === "watch" ? `${CLIENTS} watchers` : `${CLIENTS} clients polling GET`;
    console.log(`| ${label} | ${(cpu / seconds).toFixed(2)} | ${pct(lag, 50).toFixed(0)} / ${pct(lag, 95).toFixed(0)} / ${Math.max(...lag).toFixed(0)} ms (${lag.length} answers) | ${mode === "idle" ? "—" : `${(bytes / 1024).toFixed(1)} KiB/s`} | ${mode === "idle" ? "—" : count.toFixed(2)} | ${changed} in ${seconds.toFixed(0)} s |`);
  }
  const watched = results.filter((r) => r.mode === "watch").flatMap((r) => r.clients.map((c) => c.bytes));
  console.log(`\nbytes per watcher per ${PHASE_MS / 1000} s phase (snapshot included): min ${Math.min(...watched)}, median ${pct(watched, 50)}, max ${Math.max(...watched)}`);
  console.log(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  stop();
}
