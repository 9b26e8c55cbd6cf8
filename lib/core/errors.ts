/**
 * Typed cloud errors. Every driver translates its provider's failures into these, so the
 * reconciler can decide from `retryable` alone whether trying again can help.
 */
export type CloudErrorCode =
  | "NotFound"
  | "NotSupported"
  | "QuotaExceeded"
  | "CapacityUnavailable"
  | "Throttled"
  | "InvalidArgument"
  | "AuthFailed"
  | "Conflict"
  | "Unavailable"
  | "Unauthenticated"
  | "Forbidden"
  | "UnsupportedMediaType";

export class CloudError extends Error {
  readonly code: CloudErrorCode;
  readonly retryable: boolean;
  /** When the provider says how long to wait before retrying. */
  readonly retryAfterMs?: number;
  /**
   * The input field the error is about, as a dotted path into what the caller was given (`name`,
   * `subGroups.2.specId`), so a form can show it next to that field; the message then omits it.
   */
  readonly field?: string;

  constructor(code: CloudErrorCode, message: string, opts: { retryable: boolean; retryAfterMs?: number; field?: string }) {
    super(message);
    this.name = `${code}Error`;
    this.code = code;
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
    if (opts.field) this.field = opts.field;
  }
}

export class NotFoundError extends CloudError {
  constructor(message: string, field?: string) {
    super("NotFound", message, { retryable: false, field });
  }
}

export class NotSupportedError extends CloudError {
  constructor(message: string) {
    super("NotSupported", message, { retryable: false });
  }
}

/** An account limit (e.g. vCPUs per region) was reached; retrying helps only after something is freed. */
export class QuotaExceededError extends CloudError {
  constructor(message: string) {
    super("QuotaExceeded", message, { retryable: false });
  }
}

/** The provider has no capacity for this spec here right now (AWS InsufficientInstanceCapacity). */
export class CapacityUnavailableError extends CloudError {
  constructor(message: string, retryAfterMs?: number) {
    super("CapacityUnavailable", message, { retryable: true, retryAfterMs });
  }
}

export class ThrottledError extends CloudError {
  constructor(message: string, retryAfterMs?: number) {
    super("Throttled", message, { retryable: true, retryAfterMs });
  }
}

export class InvalidArgumentError extends CloudError {
  constructor(message: string, field?: string) {
    super("InvalidArgument", message, { retryable: false, field });
  }
}

export class AuthFailedError extends CloudError {
  constructor(message: string) {
    super("AuthFailed", message, { retryable: false });
  }
}

/** The request conflicts with the resource's current state (e.g. resume a running VM). */
export class ConflictError extends CloudError {
  constructor(message: string, field?: string) {
    super("Conflict", message, { retryable: false, field });
  }
}

/** The provider failed internally or the reply was lost; the call may or may not have taken effect. */
export class UnavailableError extends CloudError {
  constructor(message: string, retryAfterMs?: number) {
    super("Unavailable", message, { retryable: true, retryAfterMs });
  }
}

/** No credentials, or ones that are unknown, revoked or expired (401). */
export class UnauthenticatedError extends CloudError {
  constructor(message: string) {
    super("Unauthenticated", message, { retryable: false });
  }
}

/** The caller is known but its role is not enough (403). */
export class ForbiddenError extends CloudError {
  constructor(message: string, field?: string) {
    super("Forbidden", message, { retryable: false, field });
  }
}

/** The body is not of a type the operation reads (415). */
export class UnsupportedMediaTypeError extends CloudError {
  constructor(message: string) {
    super("UnsupportedMediaType", message, { retryable: false });
  }
}

export function isCloudError(e: unknown): e is CloudError {
  // Not instanceof alone: the server's bundles each hold their own copy of this class, and errors cross them via the shared runtime.
  return e instanceof CloudError || (e instanceof Error && typeof (e as Partial<CloudError>).code === "string" && typeof (e as Partial<CloudError>).retryable === "boolean");
}
