import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { getRegion, listRegions, listSpecs } from "@/lib/catalogue";
import { type Clock, systemClock } from "@/lib/core/clock";
import { InvalidArgumentError, UnavailableError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import type { Image, Region, Spec } from "@/lib/core/types";
import type { Secrets } from "@/lib/secrets";
import type {
  CloudDriver,
  ConnectionConfig,
  CreateKeyPairRequest,
  CreateSecurityGroupRequest,
  CreateVNetRequest,
  CreateVmRequest,
  KeyPair,
  ListFilter,
  MetricQuery,
  MetricSeries,
  SecurityGroup,
  SecurityRule,
  SshLogin,
  SshLoginTarget,
  VerifyResult,
  VNet,
  Vm,
} from "../types";
import { type AwsClientOptions, type AwsClients, awsClientsFor, awsCredentials } from "./clients";
import { ec2Call } from "./errors";
import { currentUbuntuImages, resolveImageId } from "./images";
import { actOnInstance, describeInstance, listInstances, runInstance } from "./instances";
import * as keys from "./key-pairs";
import { toVm } from "./mappers";
import { CLOUDWATCH_BASIC_PERIOD_MS, CLOUDWATCH_LAG_MS, cloudWatchSeries } from "./metrics";
import * as net from "./network";
import * as groups from "./security-groups";

export interface AwsDriverOptions extends AwsClientOptions {
  /** Time as the driver reads it (the reboot window); a manual clock in tests. */
  clock?: Clock;
}

/** Canonical's Ubuntu images log in as `ubuntu`. */
const SSH_USER = "ubuntu";

/**
 * Amazon EC2 through the AWS SDK v3, in one region under one credential from the vault. Each call
 * maps to the EC2 calls in README.md beside the driver folder; failures become typed errors
 * (errors.ts) and answers go through the mappers (mappers.ts), so nothing past this class sees
 * EC2's shapes.
 */
export class AwsDriver implements CloudDriver {
  readonly metricLagMs = CLOUDWATCH_LAG_MS;
  readonly metricPeriodMs = CLOUDWATCH_BASIC_PERIOD_MS;
  private clientsPromise: Promise<AwsClients> | null = null;
  private imagesPromise: Promise<Image[]> | null = null;
  private readonly clock: Clock;

  constructor(
    readonly connection: ConnectionConfig,
    private readonly secrets: () => Promise<Secrets>,
    private readonly options: AwsDriverOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private get regionKey(): string {
    return `aws-${this.connection.region}`;
  }

  /** The clients, made on first use from the vault's credential; a failed read is tried again next call. */
  private clients(): Promise<AwsClients> {
    if (this.connection.provider !== "aws") {
      return Promise.reject(new InvalidArgumentError(`connection ${this.connection.name} names provider ${this.connection.provider}, but the aws driver speaks only to AWS; use driver "sim" for ${this.connection.provider}`));
    }
    this.clientsPromise ??= this.secrets().then(
      (s) => awsClientsFor(this.connection.region, awsCredentials(this.connection.credential, s), this.options),
      (e: unknown) => {
        this.clientsPromise = null;
        throw e;
      },
    );
    return this.clientsPromise;
  }

  private now(): number {
    return this.clock.now();
  }

  /**
   * DescribeRegions with a client that tries once and gives up on a connection after a few
   * seconds: with no route to AWS this answers a typed Unavailable promptly, never a hang.
   */
  async verify(): Promise<VerifyResult> {
    const { ec2Once } = await this.clients();
    const out = await ec2Call("DescribeRegions", () => ec2Once.send(new DescribeRegionsCommand({})));
    const enabled = new Set((out.Regions ?? []).map((r) => r.RegionName));
    if (!enabled.has(this.connection.region)) {
      return {
        regionFound: false,
        specCount: 0,
        imageCount: 0,
        message: `the credential is accepted, but region ${this.connection.region} is not enabled for this account; enable it in the AWS console (Account, AWS Regions) or pick another region`,
      };
    }
    const specCount = (await this.listSpecs()).length;
    const imageCount = (await this.listImages()).length;
    const name = getRegion(this.regionKey)?.name ?? this.connection.region;
    return { regionFound: true, specCount, imageCount, message: `${name}: credential accepted; ${plural(specCount, "spec")}, ${plural(imageCount, "image")}` };
  }

  async sshLogin(vm: SshLoginTarget): Promise<SshLogin> {
    if (!vm.publicIp) throw new UnavailableError(`VM ${vm.name} (${vm.id}) has no public address yet: EC2 gives one once it runs; try again when it is Running`);
    return { host: vm.publicIp, port: 22, username: SSH_USER };
  }

  /** The account's enabled regions, placed on the map from the catalogue. */
  async listRegions(): Promise<Region[]> {
    const { ec2 } = await this.clients();
    const out = await ec2Call("DescribeRegions", () => ec2.send(new DescribeRegionsCommand({})));
    const enabled = new Set((out.Regions ?? []).map((r) => r.RegionName));
    return listRegions("aws").filter((r) => enabled.has(r.region));
  }

  /** The catalogue's specs and prices for the region (CB-Tumblebug's data; see lib/catalogue). */
  async listSpecs(): Promise<Spec[]> {
    return listSpecs(this.regionKey);
  }

  async listImages(): Promise<Image[]> {
    this.imagesPromise ??= this.clients().then(({ ssm }) => currentUbuntuImages(ssm, this.connection.region));
    try {
      return await this.imagesPromise;
    } catch (e) {
      this.imagesPromise = null;
      throw e;
    }
  }

  async createVNet(req: CreateVNetRequest): Promise<VNet> {
    return net.createVNet((await this.clients()).ec2, req, getRegion(this.regionKey)?.zones ?? []);
  }

  async getVNet(id: string): Promise<VNet> {
    return net.getVNet((await this.clients()).ec2, id);
  }

  async listVNets(filter?: ListFilter): Promise<VNet[]> {
    return net.listVNets((await this.clients()).ec2, filter);
  }

  async deleteVNet(id: string): Promise<void> {
    return net.deleteVNet((await this.clients()).ec2, id);
  }

  async createSecurityGroup(req: CreateSecurityGroupRequest): Promise<SecurityGroup> {
    return groups.createSecurityGroup((await this.clients()).ec2, req);
  }

  async getSecurityGroup(id: string): Promise<SecurityGroup> {
    return groups.getSecurityGroup((await this.clients()).ec2, id);
  }

  async listSecurityGroups(filter?: ListFilter): Promise<SecurityGroup[]> {
    return groups.listSecurityGroups((await this.clients()).ec2, filter);
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    return groups.deleteSecurityGroup((await this.clients()).ec2, id);
  }

  async addSecurityRules(securityGroupId: string, rules: SecurityRule[]): Promise<SecurityGroup> {
    return groups.addSecurityRules((await this.clients()).ec2, securityGroupId, rules);
  }

  async createKeyPair(req: CreateKeyPairRequest): Promise<KeyPair> {
    return keys.createKeyPair((await this.clients()).ec2, req);
  }

  async getKeyPair(id: string): Promise<KeyPair> {
    return keys.getKeyPair((await this.clients()).ec2, id);
  }

  async listKeyPairs(filter?: ListFilter): Promise<KeyPair[]> {
    return keys.listKeyPairs((await this.clients()).ec2, filter);
  }

  async deleteKeyPair(id: string): Promise<void> {
    return keys.deleteKeyPair((await this.clients()).ec2, id);
  }

  async createVm(req: CreateVmRequest): Promise<Vm> {
    const clients = await this.clients();
    const ami = await resolveImageId(clients, this.connection.region, req.imageId);
    return runInstance(clients.ec2, req, ami, this.now());
  }

  async getVm(id: string): Promise<Vm> {
    return toVm(await describeInstance((await this.clients()).ec2, id), this.now());
  }

  async listVms(filter?: ListFilter): Promise<Vm[]> {
    const now = this.now();
    return (await listInstances((await this.clients()).ec2, filter)).map((i) => toVm(i, now));
  }

  async suspendVm(id: string): Promise<Vm> {
    return actOnInstance((await this.clients()).ec2, id, "suspend", this.now());
  }

  async resumeVm(id: string): Promise<Vm> {
    return actOnInstance((await this.clients()).ec2, id, "resume", this.now());
  }

  async rebootVm(id: string): Promise<Vm> {
    return actOnInstance((await this.clients()).ec2, id, "reboot", this.now());
  }

  async terminateVm(id: string): Promise<Vm> {
    return actOnInstance((await this.clients()).ec2, id, "terminate", this.now());
  }

  /** CloudWatch's AWS/EC2 metrics; memory and disk space throw NotSupported (they need an agent). */
  async getMetrics(vmId: string, query: MetricQuery): Promise<MetricSeries> {
    return cloudWatchSeries((await this.clients()).cloudwatch, vmId, query, this.now());
  }
}
