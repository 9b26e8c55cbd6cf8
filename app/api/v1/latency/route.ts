import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { latencyBetween } from "@/lib/server/latency";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.getLatency, async ({ query }) => latencyBetween(runtime().latency, query.from, query.to));
