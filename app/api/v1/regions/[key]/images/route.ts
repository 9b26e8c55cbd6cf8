import { listImages } from "@/lib/catalogue";
import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";
import { requireRegion } from "@/lib/server/regions";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listRegionImages, async ({ params }) => listImages(requireRegion(params.key).key));
