import { listProviders } from "@/lib/catalogue";
import { catalogue } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(catalogue.listProviders, async () => listProviders());
