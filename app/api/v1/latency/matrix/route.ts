import { placement as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { latencyMatrix } from "@/lib/placement";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const POST = route(ep.matrix, async ({ body }) => latencyMatrix(runtime().latency, body.points, body.regions));
