import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { namespaceSshKey } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.namespaceSshKey, async ({ params }) => {
  const key = await namespaceSshKey(runtime().provisioning, params.ns);
  return new Response(key, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="barista-${params.ns}.pem"`, "cache-control": "no-store" },
  });
});
