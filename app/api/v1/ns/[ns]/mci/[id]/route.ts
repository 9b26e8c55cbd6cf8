import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { deleteMci } from "@/lib/provisioning/mci";
import { mciJson } from "@/lib/provisioning/view-cache";

export const dynamic = "force-dynamic";

export const GET = route(ep.getMci, async ({ params }) =>
  new Response(await mciJson(runtime().provisioning, params.ns, params.id), { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } }),
);

export const DELETE = route(ep.deleteMci, async ({ params }) => deleteMci(runtime().provisioning, params.ns, params.id));
