import { system } from "@/lib/http/endpoints";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route(system.health, async () => ({ status: "ok" as const }));
