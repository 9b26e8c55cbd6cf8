import { monitoring as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { createRule, deleteRule, listRules } from "@/lib/monitoring/rules";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(ep.listAlertRules, async () => listRules(runtime().monitoring.deps));

export const POST = route(ep.createAlertRule, async ({ body }) => createRule(runtime().monitoring.deps, body));

export const DELETE = route(ep.deleteAlertRule, async ({ body }) => {
  await deleteRule(runtime().monitoring.evaluator, body.id);
  return {};
});
