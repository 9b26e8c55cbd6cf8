"use server";

import { headers } from "next/headers";
import { completeSetup } from "@/lib/auth";
import { publicAction } from "@/lib/http";
import { runtime } from "@/lib/server";
import { setupSchema } from "@/lib/validation/auth";

/** The setup link's form: makes the first admin and signs them in (better-auth sets the cookie). */
export const completeSetupAction = publicAction(setupSchema, async ({ token, ...admin }) => {
  const deps = runtime().auth;
  const user = await completeSetup(deps, token, admin);
  await deps.auth.api.signInEmail({ body: { email: admin.email, password: admin.password }, headers: await headers() });
  return { email: user.email };
});
