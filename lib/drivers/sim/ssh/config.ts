import { z } from "zod";

const envSchema = z.object({
  BARISTA_SIM_SSH_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
});

/** The simulator's SSH port from the environment: 0 (the default) takes a free port at start. */
export function simSshPortFromEnv(env: Record<string, string | undefined> = process.env): number {
  const parsed = envSchema.safeParse({ BARISTA_SIM_SSH_PORT: env.BARISTA_SIM_SSH_PORT || undefined });
  if (!parsed.success) throw new Error(`BARISTA_SIM_SSH_PORT: ${parsed.error.issues[0].message} (a port number, or 0 for a free one)`);
  return parsed.data.BARISTA_SIM_SSH_PORT;
}
