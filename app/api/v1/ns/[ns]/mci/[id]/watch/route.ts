import { provisioning as ep, route } from "@/lib/http";
import { mciWatchStream, watchHub } from "@/lib/provisioning";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.watchMci, async ({ params, request }) => {
  const body = await mciWatchStream(watchHub(runtime().provisioning), params.ns, params.id, { signal: request.signal });
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
});
