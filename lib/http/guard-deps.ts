import type { AuthDeps } from "@/lib/auth";
import { runtime } from "@/lib/server";
import type { AuditRepository } from "@/lib/store";

export interface GuardDeps {
  auth: AuthDeps;
  audit: AuditRepository;
}

/** What the wrappers need to authenticate and audit; read lazily, so a public operation never opens the database. */
export function guardDeps(): GuardDeps {
  const rt = runtime();
  return { auth: rt.auth, audit: rt.stores.audit };
}
