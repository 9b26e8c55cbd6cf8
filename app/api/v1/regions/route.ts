import { catalogue, route } from "@/lib/http";
import { regionsWithConnections, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegions, async ({ query }) => regionsWithConnections(runtime().stores.connections, query.provider));
