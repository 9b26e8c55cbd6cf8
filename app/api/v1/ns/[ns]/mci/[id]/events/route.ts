import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { mciEvents } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const GET = route(ep.mciEvents, async ({ params }) => mciEvents(runtime().provisioning, params.ns, params.id));
