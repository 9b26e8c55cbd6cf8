import { monitoring as ep, route } from "@/lib/http";
import { deleteRule, getRule } from "@/lib/monitoring";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.getAlertRule, async ({ params }) => getRule(runtime().monitoring.deps, params.id));

export const DELETE = route(ep.deleteAlertRuleById, async ({ params }) => {
  await deleteRule(runtime().monitoring.evaluator, params.id);
  return {};
});
