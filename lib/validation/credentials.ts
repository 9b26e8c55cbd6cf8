import { z } from "zod";
import { listProviders } from "@/lib/catalogue";
import { connectionNameSchema } from "./connections";
import { secretKeyProblems } from "./credential-keys";

/** The vault's credentials are for a cloud provider, or `ssh` for servers reached over SSH. */
export const CREDENTIAL_PROVIDERS: [string, ...string[]] = ["ssh", ...listProviders().map((p) => p.id)];

/** A namespace's SSH key is kept in the vault under this name, by Barista; no user credential may take it. */
export function namespaceKeyName(namespace: string): string {
  return `ns-${namespace}-ssh`;
}

const NAMESPACE_KEY_NAME = /^ns-.+-ssh$/;

export const credentialNameSchema = connectionNameSchema
  .refine((n) => !NAMESPACE_KEY_NAME.test(n), "names ns-…-ssh are kept for the namespaces' SSH keys (GET /api/v1/ns/{ns}/ssh-key); choose another name")
  .meta({ description: "Letters, digits and dashes, like a connection name" });

export const credentialNameParamsSchema = z.object({ name: credentialNameSchema });

export const SECRET_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_SECRET_BYTES = 16 * 1024;
const MAX_SECRETS = 32;

// Every message here names the key (a path) and what to fix, never the value it was given: a
// mistyped secret must not come back in an answer, a log line or an error.
const secretValueSchema = z
  .string({ error: "a secret's value is a string" })
  .min(1, "a secret's value is not empty")
  .refine((v) => new TextEncoder().encode(v).length <= MAX_SECRET_BYTES, `a secret's value has at most ${MAX_SECRET_BYTES / 1024} KiB`);

export const secretsSchema = z
  .record(z.string().regex(SECRET_KEY_PATTERN), secretValueSchema, {
    error: (issue) =>
      issue.code === "invalid_key"
        ? "a secret's key starts with a letter and uses letters, digits and underscores (at most 64), e.g. accessKeyId"
        : issue.code === "invalid_type"
          ? "secrets is an object of key names to string values, e.g. { \"accessKeyId\": \"…\", \"secretAccessKey\": \"…\" }"
          : undefined,
  })
  .refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= MAX_SECRETS, `secrets holds 1 to ${MAX_SECRETS} keys`)
  .meta({ description: "Write-only: each value is encrypted into the vault and never answered back" });

export const credentialCreateSchema = z
  .object({
    name: credentialNameSchema,
    provider: z.enum(CREDENTIAL_PROVIDERS, { error: `provider is one of ${CREDENTIAL_PROVIDERS.join(", ")}` }),
    secrets: secretsSchema,
  })
  .superRefine((c, ctx) => {
    for (const p of secretKeyProblems(c.provider, Object.keys(c.secrets))) ctx.addIssue({ code: "custom", path: p.key ? ["secrets", p.key] : ["secrets"], message: p.message });
    // Named by key only: the value must never come back in an answer.
    if (c.provider === "ssh" && c.secrets.privateKey && !/^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(c.secrets.privateKey.trim())) {
      ctx.addIssue({ code: "custom", path: ["secrets", "privateKey"], message: "privateKey is a private key in OpenSSH or PEM text, starting -----BEGIN OPENSSH PRIVATE KEY----- (a key with a passphrase is not supported)" });
    }
  })
  .meta({ id: "CredentialCreate" });
export type CredentialCreate = z.infer<typeof credentialCreateSchema>;

export const credentialSchema = z
  .object({
    name: z.string(),
    provider: z.string(),
    keys: z.array(z.string()).meta({ description: "The names of its secrets; the values never leave the vault through the API" }),
    fingerprint: z.string().meta({ description: "A short keyed digest of the secrets: equal fingerprints mean equal secrets on this installation; it reveals nothing about them" }),
    createdAt: z.string(),
  })
  .meta({ id: "Credential" });
export type CredentialView = z.infer<typeof credentialSchema>;
