#!/usr/bin/env node
// Big-MCI benchmark: creates one MCI of N VMs (100 per subgroup, one subgroup per region, regions
// spread over every provider) through lib/provisioning on a real SQLite file with the production
// reconciler limits, at a high simulator speed. Prints the create call's time, the time until every
// VM runs, the slowest VM as the simulated cloud timed it, the ratio, and how a health-style
// database read and the event loop fared meanwhile. Never fails on a time.
//
//   node bench/big-mci/run.mjs [--vms 1000,2000,5000,10000] [--speed 1000] [--per-subgroup 100] [--timeout 900] [--sql 1] [--database sqlite|postgresql]
//   DATABASE_URL=file:/path/empty.db node bench/big-mci/run.mjs …   (another database than a temporary file)
//
// Add `--cpu-prof` before the script (node --cpu-prof bench/big-mci/run.mjs …) for a profile.
// The benchmark itself is TypeScript (bench.ts), run by Vite with the project's `@/` alias.
import { runTsBench } from "../support/run-ts.mjs";

await runTsBench("bench/big-mci/bench.ts");
