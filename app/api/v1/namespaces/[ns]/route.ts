import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { deleteNamespace } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const DELETE = route(ep.deleteNamespace, async ({ params }) => {
  await deleteNamespace(runtime().provisioning, params.ns);
  return {};
});
