import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudError } from "@/lib/core/errors";
import { METRIC_NAMES } from "@/lib/core/metrics";
import { AwsDriver } from "./aws-driver";
import { CLOUDWATCH_LAG_MS, cloudWatchPeriod } from "./metrics";
import { type FakeAws, fakeMetricValue, installFakeAws } from "./testing/fake-aws";

let fake: FakeAws;
beforeEach(() => {
  fake = installFakeAws("us-east-1");
});
afterEach(() => fake.restore());

async function runningInstance(driver: AwsDriver): Promise<string> {
  const vnet = await driver.createVNet({ name: "m-net", cidr: "10.60.0.0/16", subnets: [{ name: "m-sub", cidr: "10.60.1.0/24" }] });
  const sg = await driver.createSecurityGroup({ name: "m-sg", vNetId: vnet.id, rules: [] });
  const key = await driver.createKeyPair({ name: "m-key" });
  const image = (await driver.listImages()).find((i) => i.isDefault)!;
  return (await driver.createVm({ name: "m", specName: "t3.micro", imageId: image.id, subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id })).id;
}

describe("metrics from CloudWatch", () => {
  it("asks GetMetricData for the EC2 metric of the instance, in whole minutes, and answers Barista's units", async () => {
    const driver = new AwsDriver({ name: "aws-use1", driver: "aws", provider: "aws", region: "us-east-1", credential: "c" }, async () => ({ accessKeyId: "A", secretAccessKey: "S" }), { clock: fake.clock });
    const id = await runningInstance(driver);
    fake.clock.advance(3_600_000);
    const now = fake.clock.now();
    const fromMs = now - 30 * 60_000;
    const toMs = now - 20 * 60_000;

    const cpu = await driver.getMetrics(id, { metric: "cpu_utilization", fromMs, toMs, stepSeconds: 10 });
    const q = fake.cloudwatch.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect(q.MetricDataQueries![0].MetricStat).toEqual({ Metric: { Namespace: "AWS/EC2", MetricName: "CPUUtilization", Dimensions: [{ Name: "InstanceId", Value: id }] }, Period: 60, Stat: "Average" });
    expect(q.ScanBy).toBe("TimestampAscending");
    expect(cpu.points).toHaveLength(10);
    expect(cpu.points[0]).toEqual([fromMs, fakeMetricValue("CPUUtilization", fromMs, 60)]);
    for (const [ts] of cpu.points) expect(ts % 60_000).toBe(0);

    // Network sums per period become bytes per second; disk bytes add instance store and EBS, in KB/s.
    expect((await driver.getMetrics(id, { metric: "bytes_in", fromMs, toMs, stepSeconds: 10 })).points[0][1]).toBe(1000);
    expect((await driver.getMetrics(id, { metric: "bytes_out", fromMs, toMs, stepSeconds: 10 })).points[0][1]).toBe(500);
    expect((await driver.getMetrics(id, { metric: "kb_read", fromMs, toMs, stepSeconds: 10 })).points[0][1]).toBe(2);
    const written = await driver.getMetrics(id, { metric: "kb_written", fromMs, toMs, stepSeconds: 10 });
    expect(written.points[0][1]).toBe(4);
    const diskQuery = fake.cloudwatch.commandCalls(GetMetricDataCommand).at(-1)!.args[0].input.MetricDataQueries!;
    expect(diskQuery.map((m) => [m.MetricStat!.Metric!.MetricName, m.MetricStat!.Stat])).toEqual([
      ["DiskWriteBytes", "Sum"],
      ["EBSWriteBytes", "Sum"],
    ]);
  });

  it("says AWS does not give memory or disk space use without an agent", async () => {
    const driver = new AwsDriver({ name: "aws-use1", driver: "aws", provider: "aws", region: "us-east-1", credential: "c" }, async () => ({ accessKeyId: "A", secretAccessKey: "S" }), { clock: fake.clock });
    for (const metric of ["mem_utilization", "disk_utilization"] as const) {
      const e = await driver.getMetrics("i-0123456789abcdef0", { metric, fromMs: 0, toMs: 60_000, stepSeconds: 10 }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(CloudError);
      expect((e as CloudError).code).toBe("NotSupported");
      expect((e as CloudError).message).toMatch(/AWS does not provide .* without an agent/);
    }
    // Every other metric name has a CloudWatch source.
    const supported = METRIC_NAMES.filter((m) => m !== "mem_utilization" && m !== "disk_utilization");
    for (const metric of supported) await expect(driver.getMetrics("i-0123456789abcdef0", { metric, fromMs: fake.clock.now() - 600_000, toMs: fake.clock.now(), stepSeconds: 10 })).resolves.toHaveProperty("points");
  });

  it("rounds a period up to CloudWatch's whole minutes and declares its publication lag", () => {
    expect([10, 60, 61, 300].map(cloudWatchPeriod)).toEqual([60, 60, 120, 300]);
    const driver = new AwsDriver({ name: "x", driver: "aws", provider: "aws", region: "us-east-1", credential: "c" }, async () => ({}));
    expect(driver.metricLagMs).toBe(CLOUDWATCH_LAG_MS);
    expect(CLOUDWATCH_LAG_MS).toBeGreaterThanOrEqual(10 * 60_000);
  });
});
