import os from "node:os";
import { listRegions } from "@/lib/catalogue";
import { createLatencyModel, preloadPlacementSolver, solvePlacement, type PlacementObjective } from "@/lib/placement";
import { worldAudience } from "./audience";

const OBJECTIVES: PlacementObjective[] = ["mean", "p95", "max", "conference"];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export async function main(): Promise<void> {
  const users = Number(arg("users", "10000"));
  const budget = Number(arg("budget", "1000"));
  const ks = arg("k", "3,5,10").split(",").map(Number);
  const objectives = arg("objectives", OBJECTIVES.join(",")).split(",") as PlacementObjective[];
  const regions = listRegions();
  const model = createLatencyModel(regions.map((r) => ({ key: r.key, latitude: r.latitude, longitude: r.longitude })));
  const audience = worldAudience(users);
  const candidates = regions.map((r) => r.key);
  await preloadPlacementSolver();
  // One untimed solve per objective first, as a long-running server would have done: the first
  // calls of a fresh process run unoptimised code and would measure V8's warm-up, not the engine.
  for (const objective of objectives) await solvePlacement(model, { users: worldAudience(2000, 99), k: 3, objective, candidates, timeBudgetMs: 300 });
  const calls = 200_000;
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < calls; i++) sink += model.fromPointMs(audience[i % audience.length], candidates[i % candidates.length]);
  const perCallUs = ((performance.now() - t0) * 1000) / calls;
  console.log(`# ${users} users × ${candidates.length} regions, budget ${budget} ms, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
  console.log(`# one user → region model call: ${perCallUs.toFixed(3)} µs${sink > 0 ? "" : "?"}`);
  console.log("| objective | k | ms | gap % | optimal | method | objective ms | centroid | nearest | random | cells (max/mean error ms) |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const objective of objectives) {
    for (const k of ks) {
      const r = await solvePlacement(model, { users: audience, k, objective, candidates, timeBudgetMs: budget });
      const c = r.cells ? `${r.cells.count} @ ${r.cells.cellDeg}° (${r.cells.maxErrorMs.toFixed(2)}/${r.cells.meanErrorMs.toFixed(3)})` : "none";
      console.log(
        `| ${objective} | ${k} | ${r.solver.ms.toFixed(0)} | ${r.solver.gapPct.toFixed(2)} | ${r.solver.optimal ? "yes" : "no"} | ${r.solver.method}${r.solver.budgetHit ? " (budget hit)" : ""} | ${r.objectiveMs.toFixed(1)} | ${r.baselines.centroid.objectiveMs.toFixed(1)} | ${r.baselines.nearest.objectiveMs.toFixed(1)} | ${r.baselines.random.objectiveMs.toFixed(1)} | ${c} |`,
      );
    }
  }
}
