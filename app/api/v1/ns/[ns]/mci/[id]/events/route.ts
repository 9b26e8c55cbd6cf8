import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { mciEvents } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.mciEvents, async ({ params }) => mciEvents(runtime().provisioning, params.ns, params.id));
