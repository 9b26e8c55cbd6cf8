import { connections, route } from "@/lib/http";
import { addConnection, listConnections } from "@/lib/provisioning";
import { runtime } from "@/lib/server";
import { DELETE as deleteByName } from "./[name]/route";

export const dynamic = "force-dynamic";

export const GET = route(connections.listConnections, async () => listConnections(runtime().connections));

export const POST = route(connections.createConnection, async ({ body }) => addConnection(runtime().connections, body));

// ?name= (or { name }) is another spelling of DELETE /connections/{name}: that route's handler answers it.
export const DELETE = route(connections.deleteConnection, async ({ body, request }) => deleteByName(request, { params: Promise.resolve({ name: body.name }) }));
