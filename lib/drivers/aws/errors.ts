import {
  AuthFailedError,
  CapacityUnavailableError,
  type CloudError,
  ConflictError,
  InvalidArgumentError,
  isCloudError,
  NotFoundError,
  NotSupportedError,
  QuotaExceededError,
  ThrottledError,
  UnavailableError,
} from "@/lib/core/errors";

const CAPACITY = new Set(["InsufficientInstanceCapacity", "InsufficientHostCapacity", "InsufficientReservedInstanceCapacity", "InsufficientCapacity"]);
const THROTTLED = new Set(["RequestLimitExceeded", "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestThrottled", "SlowDown", "ThrottledException"]);
const AUTH = new Set([
  "AuthFailure",
  "UnauthorizedOperation",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "AccessDenied",
  "AccessDeniedException",
  "UnrecognizedClientException",
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "OptInRequired",
  "PendingVerification",
  "Blocked",
  "CredentialsProviderError",
]);
const INVALID = new Set([
  "InvalidParameterValue",
  "InvalidParameter",
  "InvalidParameterCombination",
  "MissingParameter",
  "ValidationError",
  "ValidationException",
  "InvalidSubnet.Range",
  "InvalidSubnet.Conflict",
  "InvalidVpc.Range",
  "InvalidKey.Format",
  "InvalidKeyPair.Format",
  "InvalidInput",
  "Unsupported",
  "InsufficientFreeAddressesInSubnet",
]);
const CONFLICT = new Set(["IncorrectInstanceState", "IncorrectState", "DependencyViolation", "IdempotentParameterMismatch", "InvalidState", "ResourceInUse"]);
const UNAVAILABLE = new Set(["InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "ServerInternal", "InternalServerError"]);
/** Node's words for a network that did not let the request through. */
const NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EAI_AGAIN", "EPIPE", "TimeoutError", "RequestTimeout", "RequestTimeoutException", "NetworkingError"]);

/** What the SDK's exceptions and Node's network errors carry that tells them apart. */
interface AwsErrorShape {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function codeOf(e: AwsErrorShape): string {
  return e.Code ?? (e.name && e.name !== "Error" ? e.name : undefined) ?? e.code ?? "Error";
}

function networkCode(e: AwsErrorShape): string | null {
  for (let cur: AwsErrorShape | undefined = e, depth = 0; cur && depth < 4; cur = cur.cause as AwsErrorShape | undefined, depth++) {
    for (const c of [cur.code, cur.name]) if (c && NETWORK.has(c)) return c;
  }
  return null;
}

/**
 * An AWS SDK failure as one of Barista's typed errors, so the reconciler decides from `retryable`
 * alone whether to try again. `what` names the call in the message (`RunInstances t3.micro`).
 */
export function toCloudError(err: unknown, what: string): CloudError {
  if (isCloudError(err)) return err;
  const e = (err ?? {}) as AwsErrorShape;
  const code = codeOf(e);
  const detail = (e.message ?? String(err)).trim();
  const msg = `${what}: ${code}: ${detail}`;
  const status = e.$metadata?.httpStatusCode ?? 0;

  if (CAPACITY.has(code)) return new CapacityUnavailableError(`${msg}; AWS has no capacity for it there right now: retry later or choose another spec, zone or region`);
  if (THROTTLED.has(code)) return new ThrottledError(`${msg}; AWS is limiting this account's request rate: Barista retries with backoff`);
  if (code === "VcpuLimitExceeded" || code === "InstanceLimitExceeded" || code.endsWith("LimitExceeded") || code === "MaxSpotInstanceCountExceeded") {
    return new QuotaExceededError(`${msg}; an account limit was reached in this region: free some of it or ask AWS to raise the quota`);
  }
  if (AUTH.has(code)) return new AuthFailedError(`${msg}; check the credential's accessKeyId and secretAccessKey (and sessionToken for temporary keys) and that its IAM policy allows this call`);
  // An image id is an argument of the call, not a resource the caller owns.
  if (code.startsWith("InvalidAMIID.")) return new InvalidArgumentError(`${msg}; list the connection's images and pick one of them`);
  if (code.endsWith(".NotFound") || code === "ParameterNotFound" || code === "ResourceNotFound" || code.endsWith("ID.Malformed")) return new NotFoundError(msg);
  if (code.endsWith(".Duplicate") || code.endsWith(".InUse") || CONFLICT.has(code)) return new ConflictError(msg);
  if (code === "UnsupportedOperation" || code === "OperationNotPermitted") return new NotSupportedError(msg);
  if (INVALID.has(code) || code.startsWith("Invalid")) return new InvalidArgumentError(msg);
  const net = networkCode(e);
  if (net) return new UnavailableError(`${what}: AWS could not be reached (${net}: ${detail}); check this server's network route to AWS (proxy, firewall, DNS) and try again`);
  if (UNAVAILABLE.has(code) || status >= 500 || e.$fault === "server") return new UnavailableError(`${msg}; AWS failed on its side: Barista retries`);
  if (status >= 400 || e.$fault === "client") return new InvalidArgumentError(msg);
  // No answer from AWS at all (no status): the request never got there, or its reply was lost.
  return new UnavailableError(`${what}: AWS could not be reached (${detail}); check this server's network route to AWS and try again`);
}

/** Runs one SDK call and translates its failure. */
export async function ec2Call<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toCloudError(e, what);
  }
}
