import { must, revokeSession } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const DELETE = route(ep.revokeSession, async ({ params, principal }) => {
  await revokeSession(runtime().auth, must(principal), params.id);
  return new Response(null, { status: 204 });
});
