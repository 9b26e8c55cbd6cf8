import { monitoring as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { queryMetrics } from "@/lib/monitoring/query";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(ep.queryMetrics, async ({ query }) => {
  const { deps } = runtime().monitoring;
  return queryMetrics(deps, query, deps.clock.now());
});
