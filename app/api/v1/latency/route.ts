import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { latencyBetween } from "@/lib/server/latency";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.getLatency, async ({ query }) => latencyBetween(query.from, query.to));
