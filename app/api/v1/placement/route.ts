import { placement as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { placeAudience } from "@/lib/server/placement";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const POST = route(ep.place, async ({ body }) => placeAudience(runtime().placement, body));
