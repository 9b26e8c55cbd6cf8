import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { deleteMci, cachedMciView } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.getMci, async ({ params, request }) => {
  const view = await cachedMciView(runtime().provisioning, params.ns, params.id);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache", etag: view.etag, };
  // Pollers (browsers revalidate with If-None-Match) get 304 until something about the MCI changed.
  if (request.headers.get("if-none-match") === view.etag) return new Response(null, { status: 304, headers });
  return new Response(view.json, { headers });
});

export const DELETE = route(ep.deleteMci, async ({ params }) => deleteMci(runtime().provisioning, params.ns, params.id));
