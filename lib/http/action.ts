import { headers } from "next/headers";
import type { z } from "zod";
import type { Access } from "@/lib/core/roles";
import { requirePrincipal, requireRole, type Principal } from "@/lib/auth";
import type { AuditScope } from "@/lib/store";
import { auditFailure, auditScopeFor, withAudit } from "./audit-request";
import type { Endpoint } from "./endpoint";
import { describeError, type Issue } from "./errors";
import { guardDeps, type GuardDeps } from "./guard-deps";
import { isAudited } from "./route";

export type { Issue } from "./errors";

/** What a failed action answers: the message, and the issues with their paths into the action's input. */
export type ActionFailure = { ok: false; error: string; issues: Issue[] };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export type ActionOptions<I> = (
  | {
      /**
       * The REST operation this action does from the console: its role is the action's, and a change
       * is audited under the same name (`POST /api/v1/ns/{ns}/mci`), whoever made it and however.
       */
      endpoint: Endpoint;
      /** What the audit entry names as the target (the path the REST call would have used). */
      target: (input: I) => string;
    }
  | {
      /** For an action that changes nothing: the least role it needs. */
      access: Exclude<Access, "public">;
    }
) & {
  /** Under which key of the action's input the request that lib/ validates sits (`mci` for `{ ns, mci }`). */
  body?: string;
}

/**
 * The one wrapper for server actions (the twin of `route`): who asks and whether the role is
 * enough (in the namespace the input names) come first, then zod, then lib/ with the audit record
 * at hand; the answer is `{ ok, data }` or `{ ok: false, error, issues }` in the REST API's words.
 * Next.js itself refuses a server action posted from another origin.
 */
export const validatedAction = actionWrapper(async () => ({ headers: await headers(), deps: guardDeps() }));

/** The wrapper over a source of request headers and guard dependencies (the request's own, or a test's). */
export function actionWrapper(context: () => Promise<{ headers: Headers; deps: GuardDeps }>) {
  return <S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, principal: Principal) => Promise<T>, options: ActionOptions<z.output<S>>) => action(context, schema, fn, options);
}

function action<S extends z.ZodType, T>(
  context: () => Promise<{ headers: Headers; deps: GuardDeps }>,
  schema: S,
  fn: (input: z.output<S>, principal: Principal) => Promise<T>,
  options: ActionOptions<z.output<S>>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    let scope: AuditScope | null = null;
    let deps: GuardDeps | null = null;
    try {
      const ctx = await context();
      deps = ctx.deps;
      const h = ctx.headers;
      const principal = await requirePrincipal(deps.auth, h);
      const raw = input as { ns?: unknown } | null;
      const ns = raw && typeof raw === "object" && typeof raw.ns === "string" ? raw.ns : undefined;
      const ep = "endpoint" in options ? options.endpoint : null;
      if (ep && isAudited(ep)) scope = auditScopeFor(principal, `${ep.method} ${ep.path}`, ns ? `/api/v1/ns/${ns}` : "-", h, ep.status ?? 200);
      const access = ep ? ep.access : "access" in options ? options.access : "admin";
      if (access !== "public") requireRole(principal, access, ns);
      const parsed = await schema.safeParseAsync(input);
      if (!parsed.success) return failure(parsed.error);
      if (!scope || !("target" in options)) return { ok: true, data: await fn(parsed.data, principal) };
      scope.record.target = options.target(parsed.data).slice(0, 300);
      const s = scope;
      return { ok: true, data: await withAudit(deps.audit, s, () => fn(parsed.data, principal)) };
    } catch (e) {
      const d = describeError(e, options.body);
      if (scope && deps) await auditFailure(deps.audit, scope, d);
      return { ok: false, error: d.body.error, issues: d.body.issues ?? [] };
    }
  };
}

function failure(e: unknown): ActionFailure {
  const { body } = describeError(e);
  return { ok: false, error: body.error, issues: body.issues ?? [] };
}

/**
 * For the one action anyone may call (making the first admin with the setup link): zod, then
 * lib/, answered in the same words as every other action.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) return failure(parsed.error);
    try {
      return { ok: true, data: await fn(parsed.data) };
    } catch (e) {
      return failure(e);
    }
  };
}
