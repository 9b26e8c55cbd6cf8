import { systemClock } from "@/lib/core/clock";
import type { AuthDeps } from "@/lib/auth";
import type { AuditRecord, AuditRepository } from "@/lib/store";
import type { GuardDeps } from "./guard-deps";
import { routeWith } from "./route";

/** The automation token of handler tests: the wrapper lets it through as admin without a database. */
export const TEST_TOKEN = "automation-token-of-the-handler-tests";
export const TEST_AUTH_HEADERS = { authorization: `Bearer ${TEST_TOKEN}` };

/** Guard dependencies for driving route handlers in a test; audit entries land in `audited`. */
export function testGuard(overrides: Partial<AuthDeps> = {}): GuardDeps & { audited: (AuditRecord & { result: string })[] } {
  const audited: (AuditRecord & { result: string })[] = [];
  const auth = { automationToken: TEST_TOKEN, anonymousRole: null, state: { hasUsers: true }, clock: systemClock, ...overrides } as AuthDeps;
  const audit = { append: async (r: AuditRecord, result: string) => void audited.push({ ...r, result }) } as unknown as AuditRepository;
  return { auth, audit, audited };
}

/** `route`, guarded by `testGuard()`: send TEST_AUTH_HEADERS. */
export const testRoute = routeWith(() => testGuard());
