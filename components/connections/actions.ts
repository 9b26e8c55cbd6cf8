"use server";

import { revalidatePath } from "next/cache";
import { connections as ep, validatedAction } from "@/lib/http";
import { addConnection, removeConnection, verifyConnection } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import { connectionCreateSchema, connectionNameParamsSchema } from "@/lib/validation/connections";

// revalidatePath makes the action's answer carry the re-rendered page, so the table updates in the same round trip.

const connectionPath = ({ name }: { name: string }) => `/api/v1/connections/${name}`;

export const addConnectionAction = validatedAction(
  connectionCreateSchema,
  async (input) => {
    const created = await addConnection(runtime().connections, input);
    revalidatePath("/connections");
    return created;
  },
  { endpoint: ep.createConnection, target: (c) => `/api/v1/connections/${c.name ?? c.region}` },
);

export const verifyConnectionAction = validatedAction(
  connectionNameParamsSchema,
  async ({ name }) => {
    const answer = await verifyConnection(runtime().connections, name);
    revalidatePath("/connections");
    return answer;
  },
  { endpoint: ep.verifyConnection, target: (c) => `${connectionPath(c)}/verify` },
);

export const removeConnectionAction = validatedAction(
  connectionNameParamsSchema,
  async ({ name }) => {
    await removeConnection(runtime().connections, name);
    revalidatePath("/connections");
    return { name };
  },
  { endpoint: ep.deleteConnectionByName, target: connectionPath },
);
