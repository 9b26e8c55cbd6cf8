import { listProviders } from "@/lib/catalogue";
import { catalogue, route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listProviders, async () => listProviders());
