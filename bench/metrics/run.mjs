#!/usr/bin/env node
// Metrics benchmark: ingest throughput (samples/s) against the raw better-sqlite3 insert rate on the
// same machine — through the store, through the line protocol parser, and through the HTTP
// endpoint — and the time to chart 24 h of 1,000 VMs at a 1-minute step. Prints Markdown tables;
// never fails on a time.
//
//   node bench/metrics/run.mjs [--vms 1000] [--ticks 100] [--chart-hours 24] [--port 3250] [--http off] [--only chart]
//
// `--only databases [--db sqlite,postgresql] [--vms 1000] [--chart-hours 24] [--chart-interval 60] [--ticks 30]`
// runs on SQLite and on PostgreSQL instead (a fresh database on DATABASE_URL's server when it names
// PostgreSQL, else on a throw-away cluster): one VM's 24 h chart against the MCI's avg, min and max
// charts from the per-MCI rollups, write throughput, and the rollup job's time per tick.
//
// The HTTP part serves the existing build with `next start` on a database of its own (build first
// with `npm run build` or one `npm start`; the benchmark never builds). The benchmark itself is TypeScript
// (bench.ts), run by Vite with the project's `@/` alias. The module runner stays open while it
// runs, because Prisma loads parts of itself lazily.
import { runTsBench } from "../support/run-ts.mjs";

await runTsBench("bench/metrics/bench.ts");
