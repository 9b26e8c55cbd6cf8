import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { InvalidArgumentError, NotSupportedError } from "@/lib/core/errors";
import type { MetricName } from "@/lib/core/metrics";
import type { MetricQuery, MetricSeries } from "../types";
import { ec2Call } from "./errors";

/**
 * How each Barista metric comes out of CloudWatch's AWS/EC2 namespace. Sums over a period become
 * rates (the console charts B/s and KB/s); disk bytes are the instance-store counters plus the
 * EBS ones Nitro instances report per instance, so either kind of disk counts.
 */
interface CloudWatchSource {
  metrics: string[];
  stat: "Average" | "Sum";
  /** Turns the period's value into Barista's unit. */
  scale(value: number, periodSeconds: number): number;
}

export const CLOUDWATCH_METRICS: Partial<Record<MetricName, CloudWatchSource>> = {
  cpu_utilization: { metrics: ["CPUUtilization"], stat: "Average", scale: (v) => v },
  bytes_in: { metrics: ["NetworkIn"], stat: "Sum", scale: (v, p) => v / p },
  bytes_out: { metrics: ["NetworkOut"], stat: "Sum", scale: (v, p) => v / p },
  kb_read: { metrics: ["DiskReadBytes", "EBSReadBytes"], stat: "Sum", scale: (v, p) => v / p / 1024 },
  kb_written: { metrics: ["DiskWriteBytes", "EBSWriteBytes"], stat: "Sum", scale: (v, p) => v / p / 1024 },
};

/** EC2 publishes CPU, network and disk I/O by itself; memory and file-system use need an agent inside the VM. */
const NEEDS_AGENT: Partial<Record<MetricName, string>> = {
  mem_utilization: "memory use",
  disk_utilization: "disk space use",
};

/**
 * CloudWatch publishes EC2's basic monitoring every 5 minutes, a few minutes after the period ends
 * (detailed monitoring every minute). A window is asked for only once this long has passed, or it
 * would be read before its data exists and never again.
 */
export const CLOUDWATCH_LAG_MS = 15 * 60_000;
/** Basic monitoring's period: asking more often than this finds nothing new, and each query is billed. */
export const CLOUDWATCH_BASIC_PERIOD_MS = 5 * 60_000;
/** CloudWatch keeps 1-minute data 15 days and 5-minute data 63 days; older windows answer nothing. */
const RETENTION_MS = 63 * 86_400_000;
const MAX_POINTS = 100_800;

/** Standard-resolution metrics have periods of whole minutes. */
export function cloudWatchPeriod(stepSeconds: number): number {
  return Math.max(60, Math.ceil(stepSeconds / 60) * 60);
}

export async function cloudWatchSeries(cw: CloudWatchClient, instanceId: string, query: MetricQuery, now: number): Promise<MetricSeries> {
  const { metric, stepSeconds } = query;
  const source = CLOUDWATCH_METRICS[metric];
  if (!source) {
    const what = NEEDS_AGENT[metric] ?? metric;
    throw new NotSupportedError(`AWS does not provide ${what} (${metric}) without an agent in the VM: CloudWatch's EC2 metrics stop at the hypervisor. Install the CloudWatch agent or push ${metric} to Barista's write API (Telegraf)`);
  }
  if (!Number.isInteger(stepSeconds) || stepSeconds <= 0) throw new InvalidArgumentError(`the period must be a positive whole number of seconds (got ${stepSeconds})`);
  if (!(query.toMs > query.fromMs)) throw new InvalidArgumentError("the end time must be after the start time");
  const period = cloudWatchPeriod(stepSeconds);
  const periodMs = period * 1000;
  const from = Math.floor(Math.max(query.fromMs, now - RETENTION_MS) / periodMs) * periodMs;
  const to = Math.min(query.toMs, now);
  if (to <= from) return { metric, points: [] };
  if ((to - from) / periodMs > MAX_POINTS) throw new InvalidArgumentError(`that asks for more than ${MAX_POINTS} points; ask for a shorter window or a longer period`);

  const queries: MetricDataQuery[] = source.metrics.map((name, i) => ({
    Id: `m${i}`,
    MetricStat: { Metric: { Namespace: "AWS/EC2", MetricName: name, Dimensions: [{ Name: "InstanceId", Value: instanceId }] }, Period: period, Stat: source.stat },
    ReturnData: true,
  }));
  const results: MetricDataResult[] = [];
  let NextToken: string | undefined;
  do {
    const out = await ec2Call(`GetMetricData ${metric} ${instanceId}`, () =>
      cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(from), EndTime: new Date(to), ScanBy: "TimestampAscending", NextToken })),
    );
    results.push(...(out.MetricDataResults ?? []));
    NextToken = out.NextToken;
  } while (NextToken);

  // Several source metrics (instance store + EBS) add up per timestamp.
  const sums = new Map<number, number>();
  for (const r of results) {
    (r.Timestamps ?? []).forEach((t, i) => {
      const ts = new Date(t).getTime();
      const v = r.Values?.[i];
      if (typeof v === "number" && Number.isFinite(v)) sums.set(ts, (sums.get(ts) ?? 0) + v);
    });
  }
  const points = [...sums.entries()]
    .filter(([ts]) => ts >= query.fromMs && ts < query.toMs)
    .sort((a, b) => a[0] - b[0])
    .map(([ts, v]): [number, number] => [ts, Math.round(source.scale(v, period) * 100) / 100]);
  return { metric, points };
}
