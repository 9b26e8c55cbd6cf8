import { apps as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(ep.listApps, async () => runtime().apps.apps());
