import { ALL_ENDPOINTS, system } from "@/lib/http/endpoints";
import { buildOpenApi } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = route(system.openapi, async () => buildOpenApi(ALL_ENDPOINTS, { version: pkg.version }));
