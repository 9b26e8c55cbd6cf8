"use server";

import { provisioning as ep, validatedAction } from "@/lib/http";
import { addSubGroup, applyAction, createMci, deleteMci, scaleOut, createNamespace } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import {
  mciActionInputSchema,
  mciCreateInputSchema,
  mciParamsSchema,
  namespaceCreateSchema,
  subGroupAddInputSchema,
  subGroupScaleInputSchema,
} from "@/lib/validation/mci";

const mciPath = (ns: string) => `/api/v1/ns/${ns}/mci`;

// The console reads MCIs through react-query polling, not server-rendered pages, so there is no
// path to revalidate: the caller invalidates its queries when an action answers.

/** The dry run: every VM that would be made, its cost and the warnings; nothing is made. */
export const reviewMciAction = validatedAction(mciCreateInputSchema, async ({ ns, mci }) => {
  const answer = await createMci(runtime().provisioning, ns, { ...mci, dryRun: true });
  if (answer.kind !== "review") throw new Error("the dry run made an MCI instead of reviewing it");
  return answer.review;
}, { access: "operator", body: "mci" });

export const createMciAction = validatedAction(mciCreateInputSchema, async ({ ns, mci }) => {
  const answer = await createMci(runtime().provisioning, ns, { ...mci, dryRun: false });
  if (answer.kind !== "created") throw new Error("the MCI was reviewed instead of made; press Create again");
  return { id: answer.mci.id, name: answer.mci.name };
}, { endpoint: ep.createMci, target: ({ ns, mci }) => `${mciPath(ns)}/${mci.name}`, body: "mci" });

export const runMciAction = validatedAction(mciActionInputSchema, async ({ ns, id, request }) => applyAction(runtime().provisioning, ns, id, request), {
  endpoint: ep.mciAction,
  target: ({ ns, id, request }) => `${mciPath(ns)}/${id}/actions/${request.action}`,
  body: "request",
});

export const scaleSubGroupAction = validatedAction(subGroupScaleInputSchema, async ({ ns, id, name, add }) => {
  const mci = await scaleOut(runtime().provisioning, ns, id, name, add);
  return { id: mci.id, total: mci.statusCount.total };
}, { endpoint: ep.scaleSubGroup, target: ({ ns, id, name }) => `${mciPath(ns)}/${id}/subgroups/${name}/scale` });

export const addSubGroupAction = validatedAction(subGroupAddInputSchema, async ({ ns, id, subGroup }) => {
  const mci = await addSubGroup(runtime().provisioning, ns, id, subGroup);
  return { id: mci.id, total: mci.statusCount.total, subGroups: mci.subGroups.map((s) => s.name) };
}, { endpoint: ep.addSubGroup, target: ({ ns, id, subGroup }) => `${mciPath(ns)}/${id}/subgroups/${subGroup.name ?? ""}`, body: "subGroup" });

export const deleteMciAction = validatedAction(mciParamsSchema, async ({ ns, id }) => deleteMci(runtime().provisioning, ns, id), {
  endpoint: ep.deleteMci,
  target: ({ ns, id }) => `${mciPath(ns)}/${id}`,
});

export const createNamespaceAction = validatedAction(namespaceCreateSchema, async (input) => createNamespace(runtime().provisioning, input), {
  endpoint: ep.createNamespace,
  target: ({ name }) => `/api/v1/namespaces/${name}`,
});
