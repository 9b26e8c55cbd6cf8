import { monitoring as ep, route } from "@/lib/http";
import { createRule, listRules } from "@/lib/monitoring";
import { runtime } from "@/lib/server";
import { DELETE as deleteById } from "./[id]/route";

export const dynamic = "force-dynamic";

export const GET = route(ep.listAlertRules, async () => listRules(runtime().monitoring.deps));

export const POST = route(ep.createAlertRule, async ({ body }) => createRule(runtime().monitoring.deps, body));

// ?id= (or { id }) is another spelling of DELETE /alerts/rules/{id}: that route's handler answers it.
export const DELETE = route(ep.deleteAlertRule, async ({ body, request }) => deleteById(request, { params: Promise.resolve({ id: body.id }) }));
