"use server";

import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/http";
import { addConnection, removeConnection, verifyConnection } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import { connectionCreateSchema, connectionNameParamsSchema } from "@/lib/validation/connections";

// revalidatePath makes the action's answer carry the re-rendered page, so the table updates in the same round trip.

export const addConnectionAction = validatedAction(connectionCreateSchema, async (input) => {
  const created = await addConnection(runtime().connections, input);
  revalidatePath("/connections");
  return created;
});

export const verifyConnectionAction = validatedAction(connectionNameParamsSchema, async ({ name }) => {
  const answer = await verifyConnection(runtime().connections, name);
  revalidatePath("/connections");
  return answer;
});

export const removeConnectionAction = validatedAction(connectionNameParamsSchema, async ({ name }) => {
  await removeConnection(runtime().connections, name);
  revalidatePath("/connections");
  return { name };
});
