import { z } from "zod";
import { ROLES, type Role } from "@/lib/core/roles";

export interface AuthConfig {
  automationToken: string | null;
  anonymousRole: Role | null;
  publicUrl: string | undefined;
}

const schema = z.object({
  BARISTA_API_TOKEN: z.string().min(16, "BARISTA_API_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)").optional(),
  BARISTA_ANONYMOUS_ROLE: z.enum(ROLES.filter((r) => r !== "admin") as ["viewer", "operator"], { error: "BARISTA_ANONYMOUS_ROLE is viewer or operator (or unset)" }).optional(),
  BARISTA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "BARISTA_PUBLIC_URL is the console's address, e.g. https://barista.example.com" }).optional(),
});

/** Reads the authentication settings; a bad value stops the server with a message that says what to set. */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const parsed = schema.safeParse({ BARISTA_API_TOKEN: blank(env.BARISTA_API_TOKEN), BARISTA_ANONYMOUS_ROLE: blank(env.BARISTA_ANONYMOUS_ROLE), BARISTA_PUBLIC_URL: blank(env.BARISTA_PUBLIC_URL) });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const c = parsed.data;
  return { automationToken: c.BARISTA_API_TOKEN ?? null, anonymousRole: c.BARISTA_ANONYMOUS_ROLE ?? null, publicUrl: c.BARISTA_PUBLIC_URL?.replace(/\/$/, "") };
}
