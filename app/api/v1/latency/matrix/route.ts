import { placement as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { matrixFor } from "@/lib/server/placement";

export const dynamic = "force-dynamic";

export const POST = route(ep.matrix, async ({ body }) => matrixFor(body.points, body.regions));
