import { connections } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { verifyConnection } from "@/lib/provisioning/connections";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const POST = route(connections.verifyConnection, async ({ params }) => verifyConnection(runtime().connections, params.name));
