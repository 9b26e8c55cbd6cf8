import { z } from "zod";
import { emptyObjectSchema } from "@/lib/validation/common";
import { hostKeyParamsSchema, hostKeySchema } from "@/lib/validation/host-keys";
import { endpoint } from "../endpoint";

const PINNING =
  "Barista trusts a host's SSH key on first contact and refuses the host if it later offers another (someone in the middle, or a rebuilt machine).";

export const listHostKeys = endpoint({
  method: "GET",
  path: "/api/v1/host-keys",
  tag: "connections", access: "viewer",
  summary: "The SSH host keys pinned on first contact, one per host:port",
  description: PINNING,
  response: z.array(hostKeySchema),
});

export const forgetHostKey = endpoint({
  method: "DELETE",
  path: "/api/v1/host-keys/{hostId}",
  tag: "connections", access: "admin",
  summary: "Forget a host's pinned key, so the next contact pins the key it offers then",
  description: `${PINNING} Do this only when you know the host was rebuilt.`,
  params: hostKeyParamsSchema,
  response: emptyObjectSchema,
  status: 204,
  errors: [400, 404],
});
