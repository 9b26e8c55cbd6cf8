import { credentials, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(credentials.getCredential, async ({ params }) => runtime().vault.get(params.name));

export const DELETE = route(credentials.deleteCredential, async ({ params }) => {
  await runtime().vault.remove(params.name);
  return {};
});
