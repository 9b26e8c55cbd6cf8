import { headers } from "next/headers";
import { authenticate, hasUsers, type Principal } from "@/lib/auth";
import { guardDeps } from "./guard-deps";

/** What the console shows about the caller: never a token or a secret. */
export interface Viewer {
  kind: Principal["kind"];
  name: string;
  role: Principal["role"];
  namespaceRoles: Principal["namespaceRoles"];
}

/** The caller of a page, or null (a bad bearer token counts as nobody). */
export async function pageViewer(): Promise<Viewer | null> {
  const p = await authenticate(guardDeps().auth, await headers()).catch(() => null);
  return p ? { kind: p.kind, name: p.name, role: p.role, namespaceRoles: p.namespaceRoles } : null;
}

/** Whether anyone can sign in yet (before setup, the login page points at the setup link). */
export async function accountsExist(): Promise<boolean> {
  return hasUsers(guardDeps().auth);
}
