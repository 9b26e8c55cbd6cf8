import { monitoring as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { deleteRule, getRule } from "@/lib/monitoring/rules";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(ep.getAlertRule, async ({ params }) => getRule(runtime().monitoring.deps, params.id));

export const DELETE = route(ep.deleteAlertRuleById, async ({ params }) => {
  await deleteRule(runtime().monitoring.evaluator, params.id);
  return {};
});
