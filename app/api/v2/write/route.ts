import { influx as ep, influxCompatible, MAX_WRITE_BYTES, route, writeMetricsAnswer } from "@/lib/http";
import { runtime } from "@/lib/server";

export const dynamic = "force-dynamic";

export const POST = influxCompatible(
  "v2",
  route(ep.influxWriteV2, async ({ query, request }) => writeMetricsAnswer(runtime().monitoring.deps, request, query.precision)),
  { lineProtocol: true, maxBytes: MAX_WRITE_BYTES },
);
