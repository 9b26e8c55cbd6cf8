import { placement as ep, route } from "@/lib/http";
import { placeAudience, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.place, async ({ body }) => placeAudience(runtime().placement, body));
