import { monitoring as ep, route } from "@/lib/http";
import { listEvents } from "@/lib/monitoring";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.listAlertEvents, async ({ query }) => listEvents(runtime().monitoring.deps, query));
