import { monitoring as ep, route } from "@/lib/http";
import { queryMetrics } from "@/lib/monitoring";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.queryMetrics, async ({ query }) => {
  const { deps } = runtime().monitoring;
  return queryMetrics(deps, query, deps.clock.now());
});
