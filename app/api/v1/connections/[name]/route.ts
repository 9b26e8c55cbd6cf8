import { connections } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { getConnection, removeConnection } from "@/lib/provisioning/connections";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(connections.getConnection, async ({ params }) => getConnection(runtime().connections, params.name));

export const DELETE = route(connections.deleteConnectionByName, async ({ params }) => {
  await removeConnection(runtime().connections, params.name);
  return {};
});
