import { system } from "@/lib/http/endpoints";
import { json, route } from "@/lib/http/route";
import { checkHealth } from "@/lib/server/health";
import { runtime } from "@/lib/server/runtime";

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
