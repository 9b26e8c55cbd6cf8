import { deleteUser, updateUser } from "@/lib/auth";
import { accounts as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const PATCH = route(ep.updateUser, async ({ params, body }) => updateUser(runtime().auth, params.id, body));

export const DELETE = route(ep.deleteUser, async ({ params }) => {
  await deleteUser(runtime().auth, params.id);
  return new Response(null, { status: 204 });
});
