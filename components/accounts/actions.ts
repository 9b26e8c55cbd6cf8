"use server";

import { z } from "zod";
import { createUser, deleteUser, issueToken, revokeSession, revokeToken, updateUser } from "@/lib/auth";
import { accounts as ep, validatedAction } from "@/lib/http";
import { runtime } from "@/lib/server";
import { sessionIdParamsSchema } from "@/lib/validation/account";
import { tokenCreateSchema, tokenIdParamsSchema, userCreateSchema, userIdParamsSchema, userPatchSchema } from "@/lib/validation/auth";

// Each action is its REST operation done from the console: same role, same audit name and target.
// The accounts pages read through react-query and invalidate their queries when an action answers.

export const createTokenAction = validatedAction(tokenCreateSchema, (input, principal) => issueToken(runtime().auth, principal, input), {
  endpoint: ep.createToken,
  target: (t) => `/api/v1/tokens/${t.name}`,
});

export const revokeTokenAction = validatedAction(
  tokenIdParamsSchema,
  async ({ id }, principal) => {
    await revokeToken(runtime().auth, principal, id);
    return { id };
  },
  { endpoint: ep.revokeToken, target: ({ id }) => `/api/v1/tokens/${id}` },
);

export const revokeSessionAction = validatedAction(sessionIdParamsSchema, ({ id }, principal) => revokeSession(runtime().auth, principal, id), {
  endpoint: ep.revokeSession,
  target: ({ id }) => `/api/v1/sessions/${id}`,
});

export const createUserAction = validatedAction(userCreateSchema, (input) => createUser(runtime().auth, input), {
  endpoint: ep.createUser,
  target: (u) => `/api/v1/users/${u.email}`,
});

const userUpdateSchema = z.object({ id: userIdParamsSchema.shape.id, patch: userPatchSchema });

export const updateUserAction = validatedAction(userUpdateSchema, ({ id, patch }) => updateUser(runtime().auth, id, patch), {
  endpoint: ep.updateUser,
  target: ({ id }) => `/api/v1/users/${id}`,
  body: "patch",
});

export const deleteUserAction = validatedAction(
  userIdParamsSchema,
  async ({ id }) => {
    await deleteUser(runtime().auth, id);
    return { id };
  },
  { endpoint: ep.deleteUser, target: ({ id }) => `/api/v1/users/${id}` },
);
