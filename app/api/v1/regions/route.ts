import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { regionsWithConnections } from "@/lib/server/regions";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegions, async ({ query }) => regionsWithConnections(runtime().stores.connections, query.provider));
