import { catalogue, route } from "@/lib/http";
import { requireRegion, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegionLatency, async ({ params, query }) => runtime().latency.nearest(requireRegion(params.key).key, query.limit));
