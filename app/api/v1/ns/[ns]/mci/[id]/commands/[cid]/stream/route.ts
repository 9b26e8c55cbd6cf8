import { commands as ep, route } from "@/lib/http";
import { commandEventStream } from "@/lib/remote/commands";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.streamCommand, async ({ params, request }) => {
  const body = await commandEventStream(runtime().commands, params.ns, params.id, params.cid, { signal: request.signal });
  return new Response(body, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" } });
});
