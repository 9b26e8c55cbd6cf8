import { connections } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { addConnection, listConnections, removeConnection } from "@/lib/provisioning/connections";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(connections.listConnections, async () => listConnections(runtime().connections));

export const POST = route(connections.createConnection, async ({ body }) => addConnection(runtime().connections, body));

export const DELETE = route(connections.deleteConnection, async ({ body }) => {
  await removeConnection(runtime().connections, body.name);
  return {};
});
