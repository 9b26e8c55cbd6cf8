import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import * as ec2 from "@aws-sdk/client-ec2";
import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { getRegion, listRegions, listSpecs } from "@/lib/catalogue";
import { ManualClock } from "@/lib/core/clock";
import { ubuntuParameter, UBUNTU_RELEASES } from "../images";
import { instanceHandlers } from "./fake-instances";
import { networkHandlers } from "./fake-network";
import { ec2Error, FakeState } from "./fake-state";

/** The AMIs the fake's SSM parameters answer, one per Ubuntu release. */
export const FAKE_AMIS: Record<string, string> = { "24.04": "ami-0e2c8caa4b6378d8c", "22.04": "ami-005fc0f236362e99f" };
/** A catalogue image name and the AMI DescribeImages finds for it. */
export const FAKE_NAMED_IMAGE = { name: "ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-20240612", ami: "ami-04b70fa74e45c3917" };

export interface FakeAws {
  clock: ManualClock;
  state: FakeState;
  ec2: ReturnType<typeof mockClient>;
  ssm: ReturnType<typeof mockClient>;
  cloudwatch: ReturnType<typeof mockClient>;
  /** Makes the next call of a command fail with this EC2 error code (once). */
  failNext(command: string, code: string, message?: string, status?: number): void;
  restore(): void;
}

/**
 * A small stateful EC2 (with SSM's Ubuntu parameters and CloudWatch's EC2 metrics) behind
 * aws-sdk-client-mock: every client of those classes in the process talks to it, so the driver
 * under test runs its real code down to `client.send`. Time is a manual clock: transitions
 * (boot, stop, start, terminate) complete when the test moves it.
 */
export function installFakeAws(region = "us-east-1", clock = new ManualClock()): FakeAws {
  const zones = getRegion(`aws-${region}`)?.zones ?? [`${region}a`];
  const state = new FakeState(clock, region, [...zones]);
  const handlers: Record<string, (input: any) => unknown> = {
    ...networkHandlers(state),
    ...instanceHandlers(state, { types: new Set(listSpecs(`aws-${region}`).map((s) => s.name)), images: new Set([...Object.values(FAKE_AMIS), FAKE_NAMED_IMAGE.ami]) }),
    DescribeRegions: () => ({
      Regions: listRegions("aws").map((r) => ({ RegionName: r.region, Endpoint: `ec2.${r.region}.amazonaws.com`, OptInStatus: "opt-in-not-required" })),
    }),
    DescribeImages: (input: any) => ({
      Images: (input.Filters ?? []).some((f: any) => f.Name === "name" && f.Values.includes(FAKE_NAMED_IMAGE.name)) && (input.Owners ?? []).includes("099720109477")
        ? [{ ImageId: FAKE_NAMED_IMAGE.ami, Name: FAKE_NAMED_IMAGE.name, OwnerId: "099720109477", Architecture: "x86_64", State: "available", Public: true }]
        : [],
    }),
  };
  const failures = new Map<string, { code: string; message: string; status: number }>();
  const run = (name: string, input: any) => {
    const fail = failures.get(name);
    if (fail) {
      failures.delete(name);
      throw ec2Error(fail.code, fail.message, fail.status);
    }
    const handler = handlers[name];
    if (!handler) throw new Error(`the fake EC2 does not answer ${name}`);
    // The SDK answers copies: a caller must never hold a reference into the account's state.
    return structuredClone({ ...(handler(input) as object), $metadata: { httpStatusCode: 200, attempts: 1 } });
  };

  const ec2Mock = mockClient(ec2.EC2Client);
  for (const name of Object.keys(handlers)) {
    const Command = (ec2 as unknown as Record<string, new (input: any) => any>)[`${name}Command`];
    ec2Mock.on(Command).callsFake((input: any) => run(name, input));
  }

  const ssmMock = mockClient(SSMClient);
  ssmMock.on(GetParametersCommand).callsFake((input: any) => {
    const fail = failures.get("GetParameters");
    if (fail) {
      failures.delete("GetParameters");
      throw ec2Error(fail.code, fail.message, fail.status);
    }
    const known = new Map(UBUNTU_RELEASES.map((r) => [ubuntuParameter(r.version), FAKE_AMIS[r.version]]));
    const names: string[] = input.Names ?? [];
    return {
      Parameters: names.filter((n) => known.has(n)).map((n, i) => ({ Name: n, Type: "String", Value: known.get(n), Version: 42 + i, LastModifiedDate: new Date("2025-11-20T10:00:00Z"), ARN: `arn:aws:ssm:${region}::parameter${n}`, DataType: "aws:ec2:image" })),
      InvalidParameters: names.filter((n) => !known.has(n)),
    };
  });

  const cwMock = mockClient(CloudWatchClient);
  cwMock.on(GetMetricDataCommand).callsFake((input: any) => ({ MetricDataResults: input.MetricDataQueries.map((q: any) => fakeMetricResult(state, q, input)), Messages: [] }));

  return {
    clock,
    state,
    ec2: ec2Mock,
    ssm: ssmMock,
    cloudwatch: cwMock,
    failNext(command, code, message = `${code} (injected by the test)`, status = 400) {
      failures.set(command, { code, message, status });
    },
    restore() {
      ec2Mock.restore();
      ssmMock.restore();
      cwMock.restore();
    },
  };
}

/**
 * CloudWatch's answer for one query: a point per period while the instance exists, values a pure
 * function of the metric and the time, so a test can compute what it expects.
 */
function fakeMetricResult(state: FakeState, q: any, input: any) {
  const stat = q.MetricStat;
  const id = stat.Metric.Dimensions.find((d: any) => d.Name === "InstanceId")?.Value;
  const period = stat.Period * 1000;
  const Timestamps: Date[] = [];
  const Values: number[] = [];
  if (state.instances.has(id)) {
    const start = Math.ceil(new Date(input.StartTime).getTime() / period) * period;
    for (let t = start; t < new Date(input.EndTime).getTime(); t += period) {
      Timestamps.push(new Date(t));
      Values.push(fakeMetricValue(stat.Metric.MetricName, t, stat.Period));
    }
  }
  if (input.ScanBy !== "TimestampAscending") {
    Timestamps.reverse();
    Values.reverse();
  }
  return { Id: q.Id, Label: stat.Metric.MetricName, Timestamps, Values, StatusCode: "Complete" };
}

/** The fake's value of a CloudWatch metric for the period starting at `t`. */
export function fakeMetricValue(metricName: string, t: number, periodSeconds: number): number {
  const minute = Math.floor(t / 60_000) % 60;
  switch (metricName) {
    case "CPUUtilization":
      return 10 + minute / 2;
    case "NetworkIn":
      return 1000 * periodSeconds;
    case "NetworkOut":
      return 500 * periodSeconds;
    case "DiskReadBytes":
    case "DiskWriteBytes":
      return 0;
    case "EBSReadBytes":
      return 2048 * periodSeconds;
    case "EBSWriteBytes":
      return 4096 * periodSeconds;
    default:
      throw ec2Error("InvalidParameterValue", `unknown metric ${metricName}`);
  }
}
