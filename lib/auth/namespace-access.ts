import { allows, roleIn } from "@/lib/core/roles";
import type { Principal } from "./principal";

/**
 * Whether the caller may read a namespace: the role that applies there (narrowed for that one
 * namespace when the user has a narrowing) allows `viewer`. Views that span namespaces (the fleet
 * map) filter with this, so they show what the per-namespace routes would answer, no more.
 */
export function mayReadNamespace(p: Pick<Principal, "role" | "namespaceRoles">): (namespace: string) => boolean {
  return (namespace) => allows(roleIn(p.role, p.namespaceRoles, namespace), "viewer");
}
