import { z } from "zod";

export const hostIdSchema = z
  .string()
  .max(300)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, "a host is written host:port (IPv6 as [addr]:port), e.g. 10.0.0.5:22, URL-encoded in the path")
  .meta({ description: "host:port, as the host-key error names it" });

export const hostKeyParamsSchema = z.object({ hostId: hostIdSchema });

export const hostKeySchema = z
  .object({
    hostId: z.string(),
    fingerprint: z.string().meta({ description: "SHA256 fingerprint of the host key pinned at first contact, as ssh-keygen -l prints it" }),
    pinnedAt: z.string(),
  })
  .meta({ id: "HostKey" });
