import { connections, route } from "@/lib/http";
import { getConnection, removeConnection } from "@/lib/provisioning";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(connections.getConnection, async ({ params }) => getConnection(runtime().connections, params.name));

export const DELETE = route(connections.deleteConnectionByName, async ({ params }) => {
  await removeConnection(runtime().connections, params.name);
  return {};
});
