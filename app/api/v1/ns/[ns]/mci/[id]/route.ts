import { provisioning as ep } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { runtime } from "@/lib/server/runtime";
import { deleteMci, getMci } from "@/lib/provisioning/mci";

export const dynamic = "force-dynamic";

export const GET = route(ep.getMci, async ({ params }) => getMci(runtime().provisioning, params.ns, params.id));

export const DELETE = route(ep.deleteMci, async ({ params }) => deleteMci(runtime().provisioning, params.ns, params.id));
