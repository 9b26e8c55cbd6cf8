import { connections, route } from "@/lib/http";
import { verifyConnection } from "@/lib/provisioning";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = route(connections.verifyConnection, async ({ params }) => verifyConnection(runtime().connections, params.name));
