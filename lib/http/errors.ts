import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isCloudError, type CloudErrorCode } from "@/lib/core/errors";
import type { PlacementInputError } from "@/lib/placement";

/**
 * An error only lib/http itself answers with (a body too large, an encoding it cannot read);
 * the rest of lib/ throws the typed errors of lib/core/errors.ts and describeError maps them.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What to fix, and where: `path` is dotted from the top of the input (`body.subGroups.0.count`). */
export interface Issue {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: string;
  code?: string;
  issues?: Issue[];
}

export interface DescribedError {
  status: number;
  body: ErrorBody;
  retryAfterMs?: number;
}

const CLOUD_STATUS: Record<CloudErrorCode, number> = {
  NotFound: 404,
  NotSupported: 501,
  QuotaExceeded: 409,
  CapacityUnavailable: 503,
  Throttled: 429,
  InvalidArgument: 400,
  AuthFailed: 502,
  Conflict: 409,
  Unavailable: 503,
  Unauthenticated: 401,
  Forbidden: 403,
  UnsupportedMediaType: 415,
};

/** Thrown for a body that is not JSON, so it reads like any other input error. */
export class BodyParseError extends Error {}

function issuePath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join(".") || "input";
}

function issuesBody(issues: Issue[], code: string): ErrorBody {
  return { error: issues.map((i) => `${i.path}: ${i.message}`).join("; "), code, issues };
}

export function zodErrorBody(error: z.ZodError, prefix?: string): ErrorBody {
  return issuesBody(error.issues.map((i) => ({ path: issuePath(prefix, i.path), message: i.message })), "InvalidInput");
}

function isPlacementInputError(e: unknown): e is PlacementInputError {
  // By name, not instanceof: the engine may come from another bundle of the same module.
  return e instanceof Error && e.name === "PlacementInputError" && typeof (e as Partial<PlacementInputError>).field === "string";
}

/** The engine names fields as `users[3].lat`; zod's issues (and so forms) say `users.3.lat`. */
function placementIssuePath(field: string): string {
  return field.replace(/\[(\d+)\]/g, ".$1");
}

/** Turns any thrown value into a status and a message that says what to fix; never a stack trace. */
export function describeError(e: unknown, prefix?: string): DescribedError {
  if (e instanceof z.ZodError) return { status: 400, body: zodErrorBody(e, prefix) };
  if (e instanceof BodyParseError) return { status: 400, body: { error: `body: ${e.message}`, code: "InvalidInput" } };
  if (e instanceof HttpError) return { status: e.status, body: { error: e.message, ...(e.code ? { code: e.code } : {}) } };
  if (isPlacementInputError(e)) return { status: 400, body: issuesBody([{ path: issuePath(prefix, placementIssuePath(e.field).split(".")), message: e.message }], "InvalidInput") };
  if (isCloudError(e)) {
    // An error about one field of the input answers like a validation issue, so a form can place it.
    const body = e.field ? issuesBody([{ path: issuePath(prefix, e.field.split(".")), message: e.message }], e.code) : { error: e.message, code: e.code };
    return { status: CLOUD_STATUS[e.code], body, retryAfterMs: e.retryAfterMs };
  }
  const ref = randomUUID().slice(0, 8);
  console.error(`[barista] unexpected error (ref ${ref})`, e);
  return { status: 500, body: { error: `internal error (ref ${ref}); the server log has the details`, code: "Internal" } };
}
