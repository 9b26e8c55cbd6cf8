import { isRole, type Role, type TokenRole } from "@/lib/core/roles";

/** Who is asking: a signed-in user, an API token, the automation token, or an anonymous reader. */
export interface Principal {
  kind: "user" | "token" | "automation" | "anonymous";
  /** The user behind it (a token's owner); null for automation and anonymous readers. */
  userId: string | null;
  /** What the audit log calls it: the user's email, or the token's name. */
  name: string;
  role: TokenRole;
  tokenId: string | null;
  /** The browser session, for a signed-in user (so their page can mark "this device"). */
  sessionId?: string;
  namespaceRoles: Record<string, Role>;
}

/** A user's per-namespace roles as stored (JSON); anything that is not a role is dropped. */
export function parseNamespaceRoles(json: string | null | undefined): Record<string, Role> {
  try {
    const raw: unknown = JSON.parse(json ?? "{}");
    if (!raw || typeof raw !== "object") return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, Role] => isRole(e[1])));
  } catch {
    return {};
  }
}

export function userRole(role: string | null | undefined): Role {
  return isRole(role) ? role : "viewer";
}
