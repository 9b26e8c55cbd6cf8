import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CreateKeyPairCommand, DescribeImagesCommand, DescribeInstancesCommand, ImportKeyPairCommand, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { GetParametersCommand } from "@aws-sdk/client-ssm";
import { listSpecs } from "@/lib/catalogue";
import { CloudError } from "@/lib/core/errors";
import { generateSshKeyPair } from "../ssh-key";
import type { Secrets } from "@/lib/secrets";
import { AwsDriver } from "./aws-driver";
import { awsClientsFor } from "./clients";
import { ubuntuParameter } from "./images";
import { FAKE_AMIS, FAKE_NAMED_IMAGE, type FakeAws, installFakeAws } from "./testing/fake-aws";

const OWNER_TAGS = { "barista-owner": "vm-row-1", "barista-managed": "install-abc", "barista-ns": "team" };
let fake: FakeAws;

beforeEach(() => {
  fake = installFakeAws("us-east-1");
});
afterEach(() => fake.restore());

function driverWith(secrets: Secrets = { accessKeyId: "AKIAFAKE", secretAccessKey: "fake-secret" }, provider = "aws"): AwsDriver {
  return new AwsDriver({ name: "aws-use1", driver: "aws", provider, region: "us-east-1", credential: "aws-team" }, async () => secrets, { clock: fake.clock });
}

async function failure(p: Promise<unknown>): Promise<CloudError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CloudError);
  return e as CloudError;
}

/** A network, group and imported key, as the reconciler makes them for a namespace. */
async function shared(driver: AwsDriver) {
  const vnet = await driver.createVNet({ name: "barista-team-net", cidr: "10.77.0.0/16", subnets: [{ name: "barista-team-sub", cidr: "10.77.0.0/18" }], tags: OWNER_TAGS });
  const sg = await driver.createSecurityGroup({ name: "barista-team-sg", vNetId: vnet.id, rules: [{ direction: "inbound", protocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" }], tags: OWNER_TAGS });
  const key = await driver.createKeyPair({ name: "barista-team-key", publicKey: generateSshKeyPair("team").publicKey, tags: OWNER_TAGS });
  return { vnet, sg, key };
}

describe("the aws driver's credential", () => {
  it("names the keys a credential lacks, never a value, and makes no call", async () => {
    const e = await failure(driverWith({ accessKeyId: "AKIA-VISIBLE-ID" }).listVms());
    expect(e.code).toBe("AuthFailed");
    expect(e.message).toContain("no secretAccessKey");
    expect(e.message).not.toContain("AKIA-VISIBLE-ID");
    expect(fake.ec2.calls()).toHaveLength(0);
  });

  it("answers AWS's refusal of the keys as AuthFailed", async () => {
    fake.failNext("DescribeRegions", "AuthFailure", "AWS was not able to validate the provided access credentials", 401);
    const e = await failure(driverWith().verify());
    expect([e.code, e.retryable]).toEqual(["AuthFailed", false]);
    expect(e.message).toMatch(/accessKeyId and secretAccessKey/);
  });

  it("shares SDK clients between drivers of the same region and keys, and never across keys", () => {
    const keys = { accessKeyId: "AKIAFAKE", secretAccessKey: "one" };
    const a = awsClientsFor("us-east-1", keys);
    expect(awsClientsFor("us-east-1", { ...keys })).toBe(a);
    expect(awsClientsFor("us-east-1", { ...keys, secretAccessKey: "two" })).not.toBe(a);
    expect(awsClientsFor("eu-west-1", keys)).not.toBe(a);
  });

  it("refuses a connection of another provider", async () => {
    expect((await failure(driverWith(undefined, "gcp").listVms())).code).toBe("InvalidArgument");
  });
});

describe("the aws driver on EC2", () => {
  it("verifies with DescribeRegions and counts the catalogue's specs and SSM's images", async () => {
    const r = await driverWith().verify();
    expect(r).toMatchObject({ regionFound: true, specCount: listSpecs("aws-us-east-1").length, imageCount: 2 });
    expect(r.message).toMatch(/credential accepted/);
  });

  it("offers the current Ubuntu images from SSM's public parameters, 24.04 by default", async () => {
    const images = await driverWith().listImages();
    expect(images.map((i) => [i.id, i.os, i.isDefault])).toEqual([
      [FAKE_AMIS["24.04"], "Ubuntu 24.04", true],
      [FAKE_AMIS["22.04"], "Ubuntu 22.04", false],
    ]);
    const asked = fake.ssm.commandCalls(GetParametersCommand)[0].args[0].input.Names ?? [];
    expect(asked).toEqual([ubuntuParameter("24.04"), ubuntuParameter("22.04")]);
    expect(asked[0]).toBe("/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id");
  });

  it("makes 22.04 the default where 24.04 is not published", async () => {
    fake.ssm.on(GetParametersCommand).resolves({ Parameters: [{ Name: ubuntuParameter("22.04"), Value: "ami-0aaaaaaaaaaaaaaaa" }], InvalidParameters: [ubuntuParameter("24.04")] });
    expect((await driverWith().listImages()).map((i) => [i.id, i.isDefault])).toEqual([["ami-0aaaaaaaaaaaaaaaa", true]]);
  });

  it("makes a vNet reachable: an internet gateway, a default route to it, public addresses on launch, all tagged", async () => {
    const { vnet } = await shared(driverWith());
    const igw = [...fake.state.gateways.values()].find((g) => g.Attachments.some((a) => a.VpcId === vnet.id))!;
    expect(igw.Tags).toEqual(expect.arrayContaining([{ Key: "barista-owner", Value: "vm-row-1" }, { Key: "barista-managed", Value: "install-abc" }]));
    const main = [...fake.state.routeTables.values()].find((t) => t.VpcId === vnet.id)!;
    expect(main.Routes).toContainEqual(expect.objectContaining({ DestinationCidrBlock: "0.0.0.0/0", GatewayId: igw.InternetGatewayId }));
    const subnet = fake.state.subnets.get(vnet.subnets[0].id)!;
    expect(subnet.MapPublicIpOnLaunch).toBe(true);
    expect(subnet.Tags).toContainEqual({ Key: "Name", Value: "barista-team-sub" });
    expect(fake.state.vpcs.get(vnet.id)!.Tags).toEqual(expect.arrayContaining([{ Key: "Name", Value: "barista-team-net" }, { Key: "barista-ns", Value: "team" }]));
    expect(vnet.tags).toEqual(OWNER_TAGS);
  });

  it("imports the namespace's public key (ImportKeyPair) and lists key pairs by tag", async () => {
    const driver = driverWith();
    const { key } = await shared(driver);
    expect(fake.ec2.commandCalls(ImportKeyPairCommand)).toHaveLength(1);
    expect(fake.ec2.commandCalls(CreateKeyPairCommand)).toHaveLength(0);
    expect(key.privateKey).toBeUndefined();
    expect(key.fingerprint).toMatch(/^SHA256:/);
    expect((await driver.listKeyPairs({ tags: { "barista-owner": "vm-row-1" } })).map((k) => k.id)).toEqual([key.id]);
    expect(await driver.listKeyPairs({ tags: { "barista-owner": "someone-else" } })).toEqual([]);
  });

  it("runs an instance with the client token and the request's tags on the instance, its volumes and its interface", async () => {
    const driver = driverWith();
    const { vnet, sg, key } = await shared(driver);
    const req = { name: "web-1", specName: "t3.micro", imageId: FAKE_AMIS["24.04"], subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, tags: { ...OWNER_TAGS, "barista-mci": "mci-1" }, clientToken: "vm-row-1" };
    const vm = await driver.createVm(req);
    const input = fake.ec2.commandCalls(RunInstancesCommand)[0].args[0].input;
    expect(input.ClientToken).toBe("vm-row-1");
    expect(input.KeyName).toBe(key.id);
    for (const type of ["instance", "volume", "network-interface"]) {
      const spec = input.TagSpecifications!.find((t) => t.ResourceType === type)!;
      expect(spec.Tags).toEqual(expect.arrayContaining([{ Key: "Name", Value: "web-1" }, { Key: "barista-owner", Value: "vm-row-1" }, { Key: "barista-managed", Value: "install-abc" }, { Key: "barista-mci", Value: "mci-1" }]));
    }
    expect(vm).toMatchObject({ name: "web-1", status: "Creating", specName: "t3.micro", keyPairId: key.id, tags: req.tags });

    // A retry after a lost reply answers the same instance; the same token with other parameters is refused.
    expect((await driver.createVm(req)).id).toBe(vm.id);
    expect((await failure(driver.createVm({ ...req, specName: "t3.small" }))).code).toBe("Conflict");
    // The reconciler finds it by its owner tag, with a tag: filter.
    expect((await driver.listVms({ tags: { "barista-owner": "vm-row-1" } })).map((v) => v.id)).toEqual([vm.id]);
    const filters = fake.ec2.commandCalls(DescribeInstancesCommand).at(-1)!.args[0].input.Filters;
    expect(filters).toEqual([{ Name: "tag:barista-owner", Values: ["vm-row-1"] }]);
  });

  it("sends a token EC2 would refuse (over 64 characters) as a digest that is the same on every retry", async () => {
    const driver = driverWith();
    const { vnet, sg, key } = await shared(driver);
    const req = { name: "long", specName: "t3.micro", imageId: FAKE_AMIS["24.04"], subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id, clientToken: "x".repeat(100) };
    const a = await driver.createVm(req);
    const b = await driver.createVm(req);
    const tokens = fake.ec2.commandCalls(RunInstancesCommand).map((c) => c.args[0].input.ClientToken!);
    expect(tokens[0].length).toBeLessThanOrEqual(64);
    expect(tokens[1]).toBe(tokens[0]);
    expect(b.id).toBe(a.id);
  });

  it("boots a catalogue image name as its release's current build, and other Canonical names as DescribeImages finds them", async () => {
    const driver = driverWith();
    const { vnet, sg, key } = await shared(driver);
    const base = { specName: "t3.micro", subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id };
    const jammy = await driver.createVm({ ...base, name: "a", imageId: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240701" });
    expect(jammy.imageId).toBe(FAKE_AMIS["22.04"]);
    const focal = await driver.createVm({ ...base, name: "b", imageId: FAKE_NAMED_IMAGE.name });
    expect(focal.imageId).toBe(FAKE_NAMED_IMAGE.ami);
    expect(fake.ec2.commandCalls(DescribeImagesCommand)[0].args[0].input.Owners).toEqual(["099720109477"]);
    const e = await failure(driver.createVm({ ...base, name: "c", imageId: "my-own-image" }));
    expect(e.code).toBe("InvalidArgument");
    expect(e.message).toMatch(/list the connection's images/);
  });

  it("answers capacity and quota refusals of RunInstances as their typed errors", async () => {
    const driver = driverWith();
    const { vnet, sg, key } = await shared(driver);
    const req = { name: "x", specName: "t3.micro", imageId: FAKE_AMIS["24.04"], subnetId: vnet.subnets[0].id, securityGroupIds: [sg.id], keyPairId: key.id };
    fake.failNext("RunInstances", "InsufficientInstanceCapacity", "We currently do not have sufficient t3.micro capacity in the Availability Zone you requested (us-east-1a).");
    const capacity = await failure(driver.createVm(req));
    expect([capacity.code, capacity.retryable]).toEqual(["CapacityUnavailable", true]);
    fake.failNext("RunInstances", "VcpuLimitExceeded", "You have requested more vCPU capacity than your current vCPU limit of 32 allows.");
    const quota = await failure(driver.createVm(req));
    expect([quota.code, quota.retryable]).toEqual(["QuotaExceeded", false]);
    fake.failNext("RunInstances", "RequestLimitExceeded", "Request limit exceeded.", 503);
    expect((await failure(driver.createVm(req))).code).toBe("Throttled");
  });

  it("logs in as ubuntu at the public address, and says when there is none yet", async () => {
    const driver = driverWith();
    expect(await driver.sshLogin({ id: "i-0123456789abcdef0", name: "web-1", publicIp: "203.0.113.7", privateIp: "10.77.0.4" })).toEqual({ host: "203.0.113.7", port: 22, username: "ubuntu" });
    const e = await failure(driver.sshLogin({ id: "i-0123456789abcdef0", name: "web-1", publicIp: null, privateIp: "10.77.0.4" }));
    expect([e.code, e.retryable]).toEqual(["Unavailable", true]);
    expect(e.message).toMatch(/no public address yet/);
  });
});
