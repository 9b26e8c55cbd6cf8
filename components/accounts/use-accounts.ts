"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { CallerView, SessionView } from "@/lib/validation/account";
import type { AuditEntry, TokenView, UserView } from "./account-types";
import { auditUrl, type AuditFilters } from "./audit-url";

export const accountKeys = {
  me: ["accounts", "me"] as const,
  sessions: ["accounts", "sessions"] as const,
  tokens: ["accounts", "tokens"] as const,
  users: ["accounts", "users"] as const,
  audit: (filters: AuditFilters, limit: number) => ["accounts", "audit", filters, limit] as const,
};

/** Who is asking, with their user record (a token's owner's). */
export function useCaller() {
  return useQuery({ queryKey: accountKeys.me, queryFn: ({ signal }) => fetchJson<CallerView>("/api/v1/me", signal), staleTime: 0 });
}

/** The caller's signed-in browsers; "last seen" moves, so it is read again every 30 s. */
export function useSessions(enabled: boolean) {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: ({ signal }) => fetchJson<SessionView[]>("/api/v1/sessions", signal), staleTime: 0, refetchInterval: 30_000, enabled });
}

/** API tokens: the caller's own, or every token for an admin. */
export function useTokens(enabled: boolean) {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: ({ signal }) => fetchJson<TokenView[]>("/api/v1/tokens", signal), staleTime: 0, enabled });
}

export function useUsers(enabled: boolean) {
  return useQuery({ queryKey: accountKeys.users, queryFn: ({ signal }) => fetchJson<UserView[]>("/api/v1/users", signal), staleTime: 0, enabled });
}

/** The audit log under the page's filters, newest first; polled, so changes made elsewhere show up. */
export function useAudit(filters: AuditFilters, limit: number, enabled: boolean) {
  return useQuery({
    queryKey: accountKeys.audit(filters, limit),
    queryFn: ({ signal }) => fetchJson<AuditEntry[]>(auditUrl(filters, { limit }), signal),
    staleTime: 0,
    refetchInterval: 15_000,
    enabled,
  });
}
