import { answerInfluxQuery, influx as ep, influxCompatible, readTextBody, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** A statement is short; a body past this is not Telegraf's CREATE DATABASE. */
const MAX_QUERY_BYTES = 64 * 1024;

export const POST = influxCompatible(
  "v1",
  route(ep.influxQuery, async ({ query, request }) => answerInfluxQuery(new URLSearchParams(await readTextBody(request, MAX_QUERY_BYTES)).get("q") ?? query.q)),
);
