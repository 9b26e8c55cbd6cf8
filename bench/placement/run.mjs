#!/usr/bin/env node
// Placement benchmark: 10,000 weighted users around world cities × every catalogue region,
// k = 3, 5, 10, each objective; prints time and optimality gap as a Markdown table.
//
//   node bench/placement/run.mjs [--users 10000] [--k 3,5,10] [--objectives mean,p95,max,conference] [--budget 1000]
//
// The benchmark itself is TypeScript (bench.ts); Vite, already installed for the tests, runs it
// with the project's `@/` alias, so nothing is compiled to disk.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runnerImport } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { module } = await runnerImport(path.join(root, "bench/placement/bench.ts"), {
  configFile: false,
  root,
  logLevel: "error",
  resolve: { alias: { "@": root } },
});
await module.main();
