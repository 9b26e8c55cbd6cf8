import { placement as ep, route } from "@/lib/http";
import { latencyMatrix } from "@/lib/placement";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.matrix, async ({ body }) => latencyMatrix(runtime().latency, body.points, body.regions));
