import { NotFoundError } from "@/lib/core/errors";
import { hostKeys, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const DELETE = route(hostKeys.forgetHostKey, async ({ params }) => {
  if (!(await runtime().stores.hostKeys.forget(params.hostId))) throw new NotFoundError(`no key is pinned for ${params.hostId}; GET /api/v1/host-keys lists the pinned hosts`);
  return {};
});
