import { createHash } from "node:crypto";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { EC2Client } from "@aws-sdk/client-ec2";
import { SSMClient } from "@aws-sdk/client-ssm";
import { AuthFailedError } from "@/lib/core/errors";
import type { Secrets } from "@/lib/secrets";
import { PROVIDER_SECRET_KEYS } from "@/lib/validation/credential-keys";


export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClientOptions {
  /** Another endpoint than AWS's (a test server, LocalStack); every service then goes there. */
  endpoint?: string;
  /** How long to wait for a TCP connection; a host with no route to AWS fails after this. */
  connectTimeoutMs?: number;
  /** How long to wait for an answer once connected. */
  requestTimeoutMs?: number;
}

export interface AwsClients {
  ec2: EC2Client;
  ssm: SSMClient;
  cloudwatch: CloudWatchClient;
  /** An EC2 client that tries once: `verify` must answer promptly, not after the SDK's retries. */
  ec2Once: EC2Client;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 4_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** `verify` waits at most this long for AWS's answer once connected. */
const VERIFY_REQUEST_TIMEOUT_MS = 8_000;

/** The credential's keys, or an error naming the ones missing (never their values). */
export function awsCredentials(credential: string, secrets: Secrets): AwsCredentials {
  const missing = PROVIDER_SECRET_KEYS.aws.required.filter((k) => !secrets[k]);
  if (missing.length) {
    throw new AuthFailedError(
      `credential "${credential}" has no ${missing.join(" and no ")}; an aws credential holds accessKeyId and secretAccessKey (and sessionToken for temporary keys): add one with those keys and point the connection at it`,
    );
  }
  return { accessKeyId: secrets.accessKeyId, secretAccessKey: secrets.secretAccessKey, ...(secrets.sessionToken ? { sessionToken: secrets.sessionToken } : {}) };
}

export function createAwsClients(region: string, credentials: AwsCredentials, opts: AwsClientOptions = {}): AwsClients {
  const requestTimeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  // Without throwOnRequestTimeout the SDK only logs a breached request timeout and waits on: a
  // proxy or firewall that swallows the request would hold the call (and verify) for ever.
  const handler = (timeoutMs: number) => ({ connectionTimeout: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, requestTimeout: timeoutMs, socketTimeout: timeoutMs, throwOnRequestTimeout: true });
  const requestHandler = handler(requestTimeout);
  // Only the vault's keys: never the host's environment, profile or instance role, so a
  // connection acts with exactly the credential it names.
  const base = { region, credentials, requestHandler, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) };
  return {
    ec2: new EC2Client(base),
    ssm: new SSMClient(base),
    cloudwatch: new CloudWatchClient(base),
    ec2Once: new EC2Client({ ...base, maxAttempts: 1, requestHandler: handler(Math.min(requestTimeout, VERIFY_REQUEST_TIMEOUT_MS)) }),
  };
}

/** Clients kept per region, keys and options, so the drivers made per call reuse their connections to AWS. */
const cached = new Map<string, AwsClients>();
const MAX_CACHED = 64;

export function awsClientsFor(region: string, credentials: AwsCredentials, opts: AwsClientOptions = {}): AwsClients {
  // A digest, not the keys: the map's keys must not hold a secret in clear.
  const key = createHash("sha256")
    .update(JSON.stringify([region, credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? "", opts.endpoint ?? "", opts.connectTimeoutMs ?? 0, opts.requestTimeoutMs ?? 0]))
    .digest("hex");
  let clients = cached.get(key);
  if (!clients) {
    clients = createAwsClients(region, credentials, opts);
    // The oldest goes first; a driver still holding its clients keeps using them.
    if (cached.size >= MAX_CACHED) cached.delete(cached.keys().next().value!);
    cached.set(key, clients);
  }
  return clients;
}
