import { catalogue, route } from "@/lib/http";
import { latencyBetween, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.getLatency, async ({ query }) => latencyBetween(runtime().latency, query.from, query.to));
