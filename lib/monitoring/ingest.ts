import { METRIC_NAMES } from "@/lib/core/metrics";
import type { MetricStore, SampleInput } from "@/lib/store/metrics";
import { LineProtocolError, parseLineProtocol, toEpochMs, type LineError, type ParsedLine, type Precision } from "./line-protocol";
import type { VmDirectory } from "./vm-directory";

const METRICS: ReadonlySet<string> = new Set(METRIC_NAMES);

export interface WriteResult {
  /** Lines whose samples were stored. */
  accepted: number;
  /** Well-formed lines without a metric field: nothing to store, and not an error. */
  ignored: number;
  samples: number;
  rejected: LineError[];
}

export interface IngestDeps {
  metrics: MetricStore;
  directory: VmDirectory;
}

/**
 * The samples of one line: its fields named like a metric, which must be numeric. Other fields
 * (Telegraf's own usage_idle, strings, booleans) are not metrics here and are left out.
 */
function metricFields(line: ParsedLine): [string, number][] {
  const out: [string, number][] = [];
  for (const key in line.fields) {
    if (!METRICS.has(key)) continue;
    const f = line.fields[key];
    if (f.type === "string" || f.type === "boolean") throw new LineProtocolError(`field ${key} is a ${f.type}; a metric is a number (float, integer or unsigned)`);
    out.push([key, f.value]);
  }
  return out;
}

async function vmOf(line: ParsedLine, directory: VmDirectory): Promise<string> {
  const { vm, host } = line.tags;
  if (vm !== undefined) {
    const found = await directory.byVmId(vm);
    if (!found) throw new LineProtocolError(`unknown VM "${vm}" (tag vm); use a VM id from GET /api/v1/ns/{ns}/mci/{id}`);
    return found.id;
  }
  if (host !== undefined) {
    const found = await directory.byPublicIp(host);
    if (!found) throw new LineProtocolError(`no VM has the public IP "${host}" (tag host); tag the line with vm=<VM id> instead`);
    return found.id;
  }
  throw new LineProtocolError("the line names no VM: add a tag vm=<VM id>, or host=<the VM's public IP>");
}

/**
 * Stores what a body of line protocol says. Good lines are stored even when others are bad;
 * the result says which were rejected and why.
 */
export async function writeLineProtocol(deps: IngestDeps, body: string, precision: Precision, now: number): Promise<WriteResult> {
  const { lines, errors } = parseLineProtocol(body);
  const rejected = [...errors];
  const samples: SampleInput[] = [];
  let accepted = 0;
  let ignored = 0;
  await deps.directory.fresh();
  for (const line of lines) {
    try {
      const fields = metricFields(line);
      if (!fields.length) {
        ignored++;
        continue;
      }
      const { vm, host } = line.tags;
      const vmId = (vm !== undefined ? deps.directory.cachedId(vm)?.id : host !== undefined ? deps.directory.cachedIp(host)?.id : undefined) ?? (await vmOf(line, deps.directory));
      const ts = line.timestamp === null ? now : toEpochMs(line.timestamp, precision);
      for (const [metric, value] of fields) samples.push({ vmId, metric, ts, value });
      accepted++;
    } catch (e) {
      if (!(e instanceof LineProtocolError)) throw e;
      rejected.push({ line: line.line, error: e.message });
    }
  }
  await deps.metrics.write(samples, "agent");
  rejected.sort((a, b) => a.line - b.line);
  return { accepted, ignored, samples: samples.length, rejected };
}
