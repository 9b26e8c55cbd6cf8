import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { cloudVms } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const GET = route(ep.connectionVms, async ({ params }) => cloudVms(runtime().provisioning, params.name));
