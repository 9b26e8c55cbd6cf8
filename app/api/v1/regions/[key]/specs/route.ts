import { listSpecs } from "@/lib/catalogue";
import { catalogue, route } from "@/lib/http";
import { requireRegion } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegionSpecs, async ({ params }) => listSpecs(requireRegion(params.key).key));
