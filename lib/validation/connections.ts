import { z } from "zod";
import { getRegion, listProviders } from "@/lib/catalogue";
import { DRIVER_KINDS } from "@/lib/core/drivers";

export const connectionNameSchema = z
  .string()
  .min(2, "a connection name has at least 2 characters")
  .max(63, "a connection name has at most 63 characters")
  // Region keys are valid names, and some keep the provider's capitals (kt-KR1, ncp-KR).
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "a connection name uses letters, digits and dashes, e.g. aws-us-east-1");

export const hostFactsSchema = z.object({ vcpu: z.number(), memoryGiB: z.number(), os: z.string(), arch: z.string() }).meta({ id: "HostFacts" });

export const connectionNameParamsSchema = z.object({ name: connectionNameSchema });

/** The provider and driver of a connection to your own servers: always both, never one without the other. */
export const SSH_PROVIDER = "ssh";
export const MAX_SSH_HOSTS = 500;

export const locationSchema = z
  .object({
    latitude: z.number({ error: "latitude is a number of degrees, -90 to 90" }).min(-90, "latitude is at least -90").max(90, "latitude is at most 90"),
    longitude: z.number({ error: "longitude is a number of degrees, -180 to 180" }).min(-180, "longitude is at least -180").max(180, "longitude is at most 180"),
  })
  .meta({ id: "Location", description: "Where the servers stand, for the map" });

export const sshHostSchema = z
  .object({
    address: z
      .string()
      .min(1, "a host's address is required")
      .max(253, "a host's address has at most 253 characters")
      .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/, "a host's address is a host name or an IP address, e.g. 10.0.0.5 or lab-1.example.org")
      .transform((a) => a.replace(/^\[(.*)\]$/, "$1")),
    port: z.number({ error: "a port is a whole number, 1 to 65535" }).int("a port is a whole number").min(1, "a port is 1 to 65535").max(65535, "a port is 1 to 65535").default(22),
    name: z.string().min(1).max(63, "a host's name has at most 63 characters").optional().meta({ description: "Defaults to the address" }),
  })
  .meta({ id: "SshHostCreate" });

export const connectionCreateSchema = z
  .object({
    name: connectionNameSchema.optional().meta({ description: "Defaults to provider-region" }),
    provider: z.string().min(2).max(40).meta({ description: "A cloud provider of the catalogue, or ssh for your own servers" }),
    region: z.string().min(1).max(60).meta({ description: "The provider's region code, e.g. us-east-1; for ssh a label of your own, e.g. lab" }),
    driver: z.enum(DRIVER_KINDS).default("sim"),
    credential: z
      .string()
      .min(1)
      .max(63)
      .regex(/^[A-Za-z0-9_.-]+$/, "a credential name uses letters, digits, dot, dash and underscore")
      .default("default"),
    location: locationSchema.optional().meta({ description: "Required for ssh: where the servers stand" }),
    hosts: z.array(sshHostSchema).optional().meta({ description: `Required for ssh: 1 to ${MAX_SSH_HOSTS} servers, each address:port once` }),
  })
  .superRefine((c, ctx) => {
    const ssh = c.provider === SSH_PROVIDER;
    if (ssh !== (c.driver === "ssh")) {
      const message = ssh ? `provider ssh goes with driver ssh; send "driver": "ssh"` : `driver ssh goes with provider ssh (your own servers); send "provider": "ssh", or another driver for ${c.provider}`;
      ctx.addIssue({ code: "custom", path: [ssh ? "driver" : "provider"], message });
      return;
    }
    if (ssh) {
      if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(c.region)) ctx.addIssue({ code: "custom", path: ["region"], message: "an ssh connection's region is a label of your own: letters, digits and dashes, e.g. lab or office-berlin" });
      if (!c.location) ctx.addIssue({ code: "custom", path: ["location"], message: "an ssh connection needs a location { latitude, longitude }: where its servers stand, for the map" });
      if (!c.hosts?.length) ctx.addIssue({ code: "custom", path: ["hosts"], message: "an ssh connection needs at least one host: [{ address, port?, name? }]" });
      else if (c.hosts.length > MAX_SSH_HOSTS) ctx.addIssue({ code: "custom", path: ["hosts"], message: `an ssh connection has at most ${MAX_SSH_HOSTS} hosts (got ${c.hosts.length}); split them over several connections` });
      const seen = new Map<string, number>();
      for (const [i, h] of (c.hosts ?? []).entries()) {
        const key = `${h.address.toLowerCase()}:${h.port}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["hosts", i, "address"], message: `${key} is listed twice (hosts.${seen.get(key)} too); list each address:port once` });
        else seen.set(key, i);
      }
      return;
    }
    for (const field of ["location", "hosts"] as const) {
      if (c[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `${field} is for ssh connections (your own servers); a ${c.provider} connection takes its place from its region` });
    }
    if (!listProviders().some((p) => p.id === c.provider)) {
      ctx.addIssue({ code: "custom", path: ["provider"], message: `unknown provider "${c.provider}"; known: ${listProviders().map((p) => p.id).join(", ")}, or ssh for your own servers` });
    } else if (!getRegion(`${c.provider}-${c.region}`)) {
      ctx.addIssue({ code: "custom", path: ["region"], message: `${c.provider} has no region "${c.region}"` });
    }
  })
  .meta({ id: "ConnectionCreate" });
export type ConnectionCreate = z.infer<typeof connectionCreateSchema>;

export const connectionDeleteSchema = z.object({ name: connectionNameSchema }).meta({ id: "ConnectionDelete" });

export const connectionSchema = z
  .object({
    name: z.string(),
    provider: z.string(),
    region: z.string(),
    regionKey: z.string(),
    driver: z.string(),
    credential: z.string(),
    createdAt: z.string(),
    verifiedAt: z.string().nullable(),
    verifyOk: z.boolean().nullable(),
    verifyMessage: z.string().nullable(),
    location: locationSchema.nullable().meta({ description: "Where an ssh connection's servers stand; null for a cloud region (the catalogue has its place)" }),
    hosts: z
      .array(
        z.object({
          address: z.string(),
          port: z.number().int(),
          name: z.string(),
          free: z.boolean().meta({ description: "No VM holds the host" }),
          vm: z.string().nullable().meta({ description: "The name of the VM that holds it" }),
          facts: hostFactsSchema.nullable().meta({ description: "What the host said of itself at its last login" }),
        }),
      )
      .meta({ description: "An ssh connection's servers; empty for a cloud region" }),
  })
  .meta({ id: "Connection" });
export type ConnectionView = z.infer<typeof connectionSchema>;

export const hostVerifySchema = z
  .object({ address: z.string(), port: z.number().int(), name: z.string(), ok: z.boolean(), message: z.string(), facts: hostFactsSchema.optional() })
  .meta({ id: "HostVerify" });

export const verifyResultSchema = z
  .object({
    ok: z.boolean(),
    connection: z.string(),
    message: z.string().meta({ description: "What the driver answered, or why it failed" }),
    code: z.string().nullable().meta({ description: "The typed error code when the check failed" }),
    regionFound: z.boolean(),
    specCount: z.number().int(),
    imageCount: z.number().int(),
    durationMs: z.number(),
    checkedAt: z.string(),
    hosts: z.array(hostVerifySchema).optional().meta({ description: "ssh connections: how each host answered; ok only when every one did" }),
  })
  .meta({ id: "VerifyResult" });
export type VerifyAnswer = z.infer<typeof verifyResultSchema>;
