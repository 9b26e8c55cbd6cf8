import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { requireRegion } from "@/lib/server/regions";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegionLatency, async ({ params, query }) => runtime().latency.nearest(requireRegion(params.key).key, query.limit));
