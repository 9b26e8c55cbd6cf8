"use server";

import { monitoring as ep, validatedAction } from "@/lib/http";
import { createRule, deleteRule } from "@/lib/monitoring";
import { runtime } from "@/lib/server";
import { alertRuleCreateSchema, alertRuleDeleteSchema } from "@/lib/validation/monitoring";

// The alerts page reads rules through react-query polling: the caller invalidates its queries
// when an action answers, so there is no path to revalidate.

export const createAlertRuleAction = validatedAction(alertRuleCreateSchema, async (input) => createRule(runtime().monitoring.deps, input), {
  endpoint: ep.createAlertRule,
  target: (r) => `/api/v1/alerts/rules/${r.name}`,
});

export const deleteAlertRuleAction = validatedAction(
  alertRuleDeleteSchema,
  async ({ id }) => {
    await deleteRule(runtime().monitoring.evaluator, id);
    return { id };
  },
  { endpoint: ep.deleteAlertRuleById, target: ({ id }) => `/api/v1/alerts/rules/${id}` },
);
