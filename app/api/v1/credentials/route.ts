import { credentials, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(credentials.listCredentials, async () => runtime().vault.list());

export const POST = route(credentials.createCredential, async ({ body }) => runtime().vault.put(body));
