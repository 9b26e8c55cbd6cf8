import { placement as ep, route } from "@/lib/http";
import { mciQuality, runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(ep.mciQuality, async ({ params, body }) => {
  const rt = runtime();
  return mciQuality({ latency: rt.latency, provisioning: rt.provisioning }, params.ns, params.id, body);
});
