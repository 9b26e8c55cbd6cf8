// The benchmarks written in TypeScript (bench.ts) run through Vite's module runner, with the
// project's `@/` alias, from the project's root: one runner for all of them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, createServerModuleRunner } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Imports `file` (relative to the project's root) and awaits its `main()`. */
export async function runTsBench(file) {
  process.chdir(root);
  const server = await createServer({ configFile: false, root, logLevel: "error", server: { middlewareMode: true, ws: false, watch: null }, resolve: { alias: { "@": root } } });
  const runner = createServerModuleRunner(server.environments.ssr);
  try {
    const bench = await runner.import(path.join(root, file));
    await bench.main();
  } finally {
    await runner.close();
    await server.close();
  }
  // A throw-away PostgreSQL cluster (--database postgresql) is a child process that would keep
  // this one alive for ever: end here, and its exit handler stops the cluster.
  process.exit(process.exitCode ?? 0);
}
