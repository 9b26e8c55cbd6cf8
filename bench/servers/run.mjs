#!/usr/bin/env node
// Several-servers benchmark: one MCI of N VMs deployed by one reconciler, then by two (two
// "servers": each its own database client, simulator state and runner, claiming work items under
// leases from the one queue). Prints the time until every VM runs and how the VMs' creates were
// shared between the servers. Never fails on a time.
//
//   node bench/servers/run.mjs [--vms 500,2000] [--servers 1,2] [--speed 1000] [--timeout 900]
//   DATABASE_URL=postgresql://user@host:port/postgres node bench/servers/run.mjs   (a database per run on that server)
//   node bench/servers/run.mjs --database postgresql                             (a throw-away PostgreSQL cluster; --postgres too)
//
// The benchmark itself is TypeScript (bench.ts), run by Vite with the project's `@/` alias.
import { runTsBench } from "../support/run-ts.mjs";

await runTsBench("bench/servers/bench.ts");
