import { createHash, timingSafeEqual } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";
import { ConflictError, ForbiddenError } from "@/lib/core/errors";
import type { SettingsRepository } from "@/lib/store";
import { hasUsers, type AuthDeps } from "./authenticate";
import { createUser, type UserView } from "./users";

const SETUP_TOKEN = "setup-token-hash";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export type SetupDeps = AuthDeps & { settings: SettingsRepository };

/**
 * While no user exists, a one-time setup token (printed as a link when the server starts, as
 * Jupyter does) lets the first person in make the admin account. A new start makes a new token;
 * only its hash is kept.
 */
export async function prepareSetup(deps: SetupDeps): Promise<string | null> {
  if (await hasUsers(deps)) return null;
  const token = generateRandomString(32, "a-z", "A-Z", "0-9");
  await deps.settings.set(SETUP_TOKEN, hash(token));
  return token;
}

/** Whether a setup token is the current one (the setup page asks before showing its form). */
export async function setupTokenValid(deps: SetupDeps, token: string): Promise<boolean> {
  if (await hasUsers(deps)) return false;
  const stored = await deps.settings.get(SETUP_TOKEN);
  return !!stored && timingSafeEqual(Buffer.from(stored), Buffer.from(hash(token)));
}

/** Makes the first admin; the token is taken in one write, so two browsers racing make one admin. */
export async function completeSetup(deps: SetupDeps, token: string, admin: { name: string; email: string; password: string }): Promise<UserView> {
  if (await hasUsers(deps)) throw new ConflictError("setup is done: an admin exists; sign in instead");
  if (!(await setupTokenValid(deps, token)) || !(await deps.settings.takeIf(SETUP_TOKEN, hash(token)))) {
    throw new ForbiddenError("this setup link is not valid; use the link the server printed when it last started");
  }
  const user = await createUser(deps, { ...admin, role: "admin" });
  deps.state.hasUsers = true;
  return user;
}
