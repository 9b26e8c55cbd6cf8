import { ALL_ENDPOINTS, system, buildOpenApi, route } from "@/lib/http";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = route(system.openapi, async () => buildOpenApi(ALL_ENDPOINTS, { version: pkg.version }));
