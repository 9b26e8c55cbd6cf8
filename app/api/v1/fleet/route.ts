import { mayReadNamespace } from "@/lib/auth";
import { fleet as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.getFleet, async ({ principal, request }) => {
  // The endpoint needs a viewer, so a principal is always there; the filter is per namespace.
  const view = await runtime().fleet.view(mayReadNamespace(principal!));
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache", etag: view.etag };
  // Pollers revalidate with If-None-Match and get 304 until an MCI or the CPU figures changed.
  if (request.headers.get("if-none-match") === view.etag) return new Response(null, { status: 304, headers });
  return new Response(view.json, { headers });
});
