import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { createNamespace, listNamespaces } from "@/lib/provisioning/namespaces";

export const dynamic = "force-dynamic";

export const GET = route(ep.listNamespaces, async () => listNamespaces(runtime().provisioning));

export const POST = route(ep.createNamespace, async ({ body }) => createNamespace(runtime().provisioning, body));
