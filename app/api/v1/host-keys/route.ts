import { hostKeys, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(hostKeys.listHostKeys, async () =>
  (await runtime().stores.hostKeys.list()).map((k) => ({ ...k, pinnedAt: k.pinnedAt.toISOString() })),
);
