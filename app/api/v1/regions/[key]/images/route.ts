import { listImages } from "@/lib/catalogue";
import { catalogue, route } from "@/lib/http";
import { requireRegion } from "@/lib/server";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegionImages, async ({ params }) => listImages(requireRegion(params.key).key));
