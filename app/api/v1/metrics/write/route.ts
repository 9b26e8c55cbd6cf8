import { monitoring as ep, route, writeMetricsAnswer } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.writeMetrics, async ({ query, request }) => writeMetricsAnswer(runtime().monitoring.deps, request, query.precision));
