import { monitoring as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { listEvents } from "@/lib/monitoring/rules";
import { runtime } from "@/lib/server/runtime";

export const dynamic = "force-dynamic";

export const GET = route(ep.listAlertEvents, async ({ query }) => listEvents(runtime().monitoring.deps, query));
