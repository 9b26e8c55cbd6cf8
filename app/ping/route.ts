import { influx as ep, route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route(ep.influxPing, async () => new Response(null, { status: 204 }));

// InfluxDB clients ping with HEAD as often as with GET.
export const HEAD = GET;
