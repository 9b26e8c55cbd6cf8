import { z } from "zod";
import { emptyObjectSchema } from "@/lib/validation/common";
import { credentialCreateSchema, credentialNameParamsSchema, credentialSchema } from "@/lib/validation/credentials";
import { endpoint } from "../endpoint";

const WRITE_ONLY = "Secrets are write-only: no answer, error or log line ever holds a secret's value; a credential shows its key names and a fingerprint.";

export const listCredentials = endpoint({
  method: "GET",
  path: "/api/v1/credentials",
  tag: "credentials", access: "admin",
  summary: "The vault's credentials: names, providers, key names and fingerprints, never a secret",
  description: WRITE_ONLY,
  response: z.array(credentialSchema),
});

export const createCredential = endpoint({
  method: "POST",
  path: "/api/v1/credentials",
  tag: "credentials", access: "admin",
  summary: "Add a credential to the vault; its secrets are encrypted at rest (AES-256-GCM)",
  description: `${WRITE_ONLY} A connection names it in its credential field.`,
  body: credentialCreateSchema,
  response: credentialSchema,
  status: 201,
  errors: [400, 409],
});

export const getCredential = endpoint({
  method: "GET",
  path: "/api/v1/credentials/{name}",
  tag: "credentials", access: "admin",
  summary: "One credential's metadata (never a secret)",
  params: credentialNameParamsSchema,
  response: credentialSchema,
  errors: [400, 404],
});

export const deleteCredential = endpoint({
  method: "DELETE",
  path: "/api/v1/credentials/{name}",
  tag: "credentials", access: "admin",
  summary: "Remove a credential from the vault; 409 while a connection uses it",
  params: credentialNameParamsSchema,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404, 409],
});
