import { system, json, route } from "@/lib/http";
import { checkHealth, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(system.health, async () => {
  const rt = runtime();
  const health = await checkHealth({
    readDatabase: () => rt.stores.database.read(),
    reconciler: rt.reconciler.liveness(),
    collector: rt.monitoring.collectorLiveness(),
    now: Date.now(),
  });
  return json(health, health.status === "ok" ? 200 : 503);
});
