/**
 * The secrets a credential must hold for the providers whose driver signs in with them, so the
 * credentials API says what is missing when the credential is added, not at the first deployment.
 * Providers not listed here (the simulator's) take any keys.
 */
export interface SecretKeys {
  required: readonly string[];
  optional: readonly string[];
}

export const PROVIDER_SECRET_KEYS: Readonly<Record<string, SecretKeys>> = {
  aws: { required: ["accessKeyId", "secretAccessKey"], optional: ["sessionToken"] },
  ssh: { required: ["username", "privateKey"], optional: [] },
};

/** What is wrong with a credential's key names for its provider, one message per problem; never a value. */
export function secretKeyProblems(provider: string, keys: readonly string[]): { key: string | null; message: string }[] {
  const expected = PROVIDER_SECRET_KEYS[provider];
  if (!expected) return [];
  const allowed = [...expected.required, ...expected.optional];
  const holds = `an ${provider} credential holds ${expected.required.join(" and ")}${expected.optional.length ? ` (and ${expected.optional.join(", ")} for temporary keys)` : ""}`;
  const problems: { key: string | null; message: string }[] = [];
  for (const k of expected.required) if (!keys.includes(k)) problems.push({ key: null, message: `${k} is missing: ${holds}` });
  for (const k of keys) if (!allowed.includes(k)) problems.push({ key: k, message: `${k} is not a key of ${provider} credentials: ${holds}` });
  return problems;
}
