import { monitoring as ep, json, route, readTextBody } from "@/lib/http";
import { writeLineProtocol } from "@/lib/monitoring";
import { runtime } from "@/lib/server";
import type { WriteRejected } from "@/lib/validation/monitoring";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MAX_LISTED = 100;

export const POST = route(ep.writeMetrics, async ({ query, request }) => {
  const { deps } = runtime().monitoring;
  const body = await readTextBody(request, MAX_BODY_BYTES);
  const r = await writeLineProtocol(deps, body, query.precision, deps.clock.now());
  if (!r.rejected.length) {
    return new Response(null, { status: 204, headers: { "x-barista-lines-accepted": String(r.accepted), "x-barista-lines-ignored": String(r.ignored), "x-barista-samples": String(r.samples) } });
  }
  const first = r.rejected.slice(0, 3).map((e) => `line ${e.line}: ${e.error}`).join("; ");
  const more = r.rejected.length > 3 ? ` (and ${r.rejected.length - 3} more rejected lines)` : "";
  const answer: WriteRejected = {
    error: `${first}${more}; ${r.accepted} line(s) accepted, ${r.rejected.length} rejected`,
    code: "InvalidInput",
    accepted: r.accepted,
    ignored: r.ignored,
    samples: r.samples,
    rejected: r.rejected.slice(0, MAX_LISTED),
    rejectedCount: r.rejected.length,
  };
  return json(answer, 400);
});
