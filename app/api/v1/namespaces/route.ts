import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { createNamespace, listNamespaces } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.listNamespaces, async () => listNamespaces(runtime().provisioning));

export const POST = route(ep.createNamespace, async ({ body }) => createNamespace(runtime().provisioning, body));
