import { provisioning as ep, route } from "@/lib/http";
import { runtime } from "@/lib/server";
import { scaleOut } from "@/lib/provisioning";

export const dynamic = "force-dynamic";

export const POST = route(ep.scaleSubGroup, async ({ params, body }) => scaleOut(runtime().provisioning, params.ns, params.id, params.name, body.add));
