import type { Clock } from "@/lib/core/clock";
import { writeLineProtocol, type IngestDeps } from "@/lib/monitoring";
import type { Precision } from "@/lib/monitoring/line-protocol";
import type { WriteRejected } from "@/lib/validation/monitoring";
import { json } from "./route";
import { readTextBody } from "./text-body";

/** The most line protocol one request may carry, after gunzip. */
export const MAX_WRITE_BYTES = 32 * 1024 * 1024;
const MAX_LISTED = 100;

/**
 * One write of line protocol, for every route that takes it (Barista's own and the InfluxDB
 * ones): 204 with counts when every line was good, else 400 naming the first rejected lines, the
 * good ones stored all the same.
 */
export async function writeMetricsAnswer(deps: IngestDeps & { clock: Clock }, request: Request, precision: Precision): Promise<Response> {
  const body = await readTextBody(request, MAX_WRITE_BYTES);
  const r = await writeLineProtocol(deps, body, precision, deps.clock.now());
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
}
