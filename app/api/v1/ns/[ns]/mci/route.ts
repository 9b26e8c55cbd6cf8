import { provisioning as ep, json, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { createMci, listMcis } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.listMcis, async ({ params }) => listMcis(runtime().provisioning, params.ns));

export const POST = route(ep.createMci, async ({ params, body }) => {
  const answer = await createMci(runtime().provisioning, params.ns, body);
  return answer.kind === "review" ? json(answer.review, 200) : json(answer.mci, 202, { location: `/api/v1/ns/${params.ns}/mci/${answer.mci.id}` });
});
