import { randomUUID } from "node:crypto";
import { getRegion } from "@/lib/catalogue";
import { ConflictError, InvalidArgumentError, NotFoundError } from "@/lib/core/errors";
import type {
  ConnectionConfig,
  CreateKeyPairRequest,
  CreateSecurityGroupRequest,
  CreateVNetRequest,
  KeyPair,
  ListFilter,
  SecurityGroup,
  SecurityRule,
  Subnet,
  Tags,
  VNet,
} from "../types";
import { sameRule } from "../security-rules";
import type { SimCloud } from "./cloud";
import { toKeyPair, toSecurityGroup, toVNet } from "./mappers";
import { cidrContains, cidrsOverlap, parseCidr } from "./network";
import { resourceId } from "./random";
import { generateSshKeyPair, sshFingerprint } from "../ssh-key";
import type { SimKind, SimRecord, SimScope } from "./store";

const KIND_LABEL: Record<SimKind, string> = { vnet: "vNet", securityGroup: "security group", keyPair: "key pair", vm: "VM" };

export function matchesTags(tags: Tags, filter?: ListFilter): boolean {
  return Object.entries(filter?.tags ?? {}).every(([k, v]) => tags[k] === v);
}

/** vNets, subnets, security groups and key pairs: made at once, as on real providers. */
export abstract class NetworkResources {
  constructor(
    readonly connection: ConnectionConfig,
    protected readonly cloud: SimCloud,
  ) {}

  protected get regionKey(): string {
    return `${this.connection.provider}-${this.connection.region}`;
  }

  protected abstract get scope(): SimScope;

  async createVNet(req: CreateVNetRequest): Promise<VNet> {
    return this.cloud.call(this.connection, "CreateVpc", "write", req.name, async () => {
      const cidr = parseCidr(req.cidr);
      if (cidr.prefix < 16 || cidr.prefix > 28) throw new InvalidArgumentError(`vNet CIDR ${req.cidr} must have a prefix between /16 and /28`);
      await this.mustBeNew("vnet", req.name);
      const zones = getRegion(this.regionKey)?.zones ?? [];
      const subnets: Subnet[] = [];
      for (const s of req.subnets) {
        const sc = parseCidr(s.cidr);
        if (!cidrContains(cidr, sc)) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) is not inside the vNet's ${req.cidr}`);
        const clash = subnets.find((o) => cidrsOverlap(parseCidr(o.cidr), sc));
        if (clash) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) overlaps subnet ${clash.name} (${clash.cidr})`);
        if (s.zone && !zones.includes(s.zone)) throw new InvalidArgumentError(`zone ${s.zone} does not exist in ${this.regionKey}; its zones are ${zones.join(", ")}`);
        subnets.push({ id: resourceId("subnet", randomUUID()), name: s.name, cidr: s.cidr, zone: s.zone ?? null });
      }
      const rec = this.record("vnet", resourceId("vpc", randomUUID()), req.name, req.tags, { cidr: req.cidr, subnets });
      await this.cloud.store.insert(rec);
      return toVNet(rec);
    });
  }

  async getVNet(id: string): Promise<VNet> {
    return this.cloud.call(this.connection, "DescribeVpcs", "read", id, async () => toVNet(await this.mustGet(id, "vnet")));
  }

  async listVNets(filter?: ListFilter): Promise<VNet[]> {
    return this.cloud.call(this.connection, "DescribeVpcs", "read", "*", async () => this.listKind("vnet", filter).then((rs) => rs.map(toVNet)));
  }

  async deleteVNet(id: string): Promise<void> {
    return this.cloud.call(this.connection, "DeleteVpc", "write", id, async () => {
      const vnet = toVNet(await this.mustGet(id, "vnet"));
      const groups = (await this.cloud.store.list(this.scope, "securityGroup")).filter((g) => toSecurityGroup(g).vNetId === id);
      if (groups.length) throw new ConflictError(`DependencyViolation: vNet ${id} still has security group ${groups[0].id}; delete it first`);
      const subnetIds = new Set(vnet.subnets.map((s) => s.id));
      const vm = (await this.liveVms()).find((v) => v.subnetId && subnetIds.has(v.subnetId));
      if (vm) throw new ConflictError(`DependencyViolation: VM ${vm.id} still uses vNet ${id}; terminate it first`);
      await this.cloud.store.remove(id);
    });
  }

  async createSecurityGroup(req: CreateSecurityGroupRequest): Promise<SecurityGroup> {
    return this.cloud.call(this.connection, "CreateSecurityGroup", "write", req.name, async () => {
      await this.mustGet(req.vNetId, "vnet");
      await this.mustBeNew("securityGroup", req.name);
      for (const r of req.rules) {
        parseCidr(r.cidr);
        if (r.fromPort > r.toPort) throw new InvalidArgumentError(`rule port range ${r.fromPort}-${r.toPort} is reversed`);
      }
      const rec = this.record("securityGroup", resourceId("sg", randomUUID()), req.name, req.tags, { vNetId: req.vNetId, rules: req.rules });
      await this.cloud.store.insert(rec);
      return toSecurityGroup(rec);
    });
  }

  async getSecurityGroup(id: string): Promise<SecurityGroup> {
    return this.cloud.call(this.connection, "DescribeSecurityGroups", "read", id, async () => toSecurityGroup(await this.mustGet(id, "securityGroup")));
  }

  async listSecurityGroups(filter?: ListFilter): Promise<SecurityGroup[]> {
    return this.cloud.call(this.connection, "DescribeSecurityGroups", "read", "*", async () =>
      this.listKind("securityGroup", filter).then((rs) => rs.map(toSecurityGroup)),
    );
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    return this.cloud.call(this.connection, "DeleteSecurityGroup", "write", id, async () => {
      await this.mustGet(id, "securityGroup");
      const vm = (await this.liveVms()).find((v) => ((v.data.securityGroupIds as string[]) ?? []).includes(id));
      if (vm) throw new ConflictError(`DependencyViolation: VM ${vm.id} still uses security group ${id}; terminate it first`);
      await this.cloud.store.remove(id);
    });
  }

  async addSecurityRules(securityGroupId: string, rules: SecurityRule[]): Promise<SecurityGroup> {
    return this.cloud.call(this.connection, "AuthorizeSecurityGroupIngress", "write", securityGroupId, async () => {
      const rec = await this.mustGet(securityGroupId, "securityGroup");
      for (const r of rules) {
        parseCidr(r.cidr);
        if (r.fromPort > r.toPort) throw new InvalidArgumentError(`rule port range ${r.fromPort}-${r.toPort} is reversed`);
      }
      const have = toSecurityGroup(rec).rules;
      const added = rules.filter((r, i) => !have.some((h) => sameRule(h, r)) && rules.findIndex((o) => sameRule(o, r)) === i);
      if (!added.length) return toSecurityGroup(rec);
      const data = { ...rec.data, rules: [...have, ...added] };
      await this.cloud.store.update(securityGroupId, { data, updatedAt: this.cloud.now() });
      return toSecurityGroup({ ...rec, data });
    });
  }

  async createKeyPair(req: CreateKeyPairRequest): Promise<KeyPair> {
    return this.cloud.call(this.connection, "CreateKeyPair", "write", req.name, async () => {
      await this.mustBeNew("keyPair", req.name);
      if (req.publicKey !== undefined) {
        const fingerprint = sshFingerprint(req.publicKey);
        if (!fingerprint) throw new InvalidArgumentError(`key pair "${req.name}": the public key is not an OpenSSH public key line (ssh-ed25519 AAAA… comment)`);
        const rec = this.record("keyPair", resourceId("key", randomUUID()), req.name, req.tags, { fingerprint, publicKey: req.publicKey.trim() });
        await this.cloud.store.insert(rec);
        return toKeyPair(rec);
      }
      const key = generateSshKeyPair(req.name);
      // The provider keeps only the public half; the private key is handed out once, here.
      const rec = this.record("keyPair", resourceId("key", randomUUID()), req.name, req.tags, { fingerprint: key.fingerprint, publicKey: key.publicKey });
      await this.cloud.store.insert(rec);
      return toKeyPair(rec, key.privateKey);
    });
  }

  async getKeyPair(id: string): Promise<KeyPair> {
    return this.cloud.call(this.connection, "DescribeKeyPairs", "read", id, async () => toKeyPair(await this.mustGet(id, "keyPair")));
  }

  async listKeyPairs(filter?: ListFilter): Promise<KeyPair[]> {
    return this.cloud.call(this.connection, "DescribeKeyPairs", "read", "*", async () => this.listKind("keyPair", filter).then((rs) => rs.map((r) => toKeyPair(r))));
  }

  async deleteKeyPair(id: string): Promise<void> {
    return this.cloud.call(this.connection, "DeleteKeyPair", "write", id, async () => {
      await this.mustGet(id, "keyPair");
      await this.cloud.store.remove(id);
    });
  }

  protected async mustGet(id: string, kind: SimKind): Promise<SimRecord> {
    const rec = await this.cloud.store.get(id);
    if (!rec || rec.kind !== kind || rec.account !== this.scope.account || rec.regionKey !== this.scope.regionKey) {
      throw new NotFoundError(`${KIND_LABEL[kind]} ${id} does not exist in ${this.regionKey}`);
    }
    return rec;
  }

  protected async findSubnet(subnetId: string): Promise<{ vnet: VNet; subnet: Subnet }> {
    for (const rec of await this.cloud.store.list(this.scope, "vnet")) {
      const vnet = toVNet(rec);
      const subnet = vnet.subnets.find((s) => s.id === subnetId);
      if (subnet) return { vnet, subnet };
    }
    throw new NotFoundError(`subnet ${subnetId} does not exist in ${this.regionKey}`);
  }

  /**
   * What a create request names (the subnet's vNet, the security groups, the key pair), read at
   * once: each is a round trip to the store, and creates on one region run one at a time. Refusals
   * come in the order a provider checks them: subnet, security groups, key pair.
   */
  protected async requestRefs(req: { subnetId: string; securityGroupIds: string[]; keyPairId: string }): Promise<{ vnet: VNet; subnet: Subnet }> {
    const [net, groups, key] = await Promise.allSettled([
      this.findSubnet(req.subnetId),
      Promise.all(req.securityGroupIds.map((id) => this.mustGet(id, "securityGroup"))),
      this.mustGet(req.keyPairId, "keyPair"),
    ]);
    if (net.status === "rejected") throw net.reason;
    if (groups.status === "rejected") throw groups.reason;
    const { vnet } = net.value;
    for (const sg of groups.value.map(toSecurityGroup)) {
      if (sg.vNetId !== vnet.id) throw new InvalidArgumentError(`security group ${sg.id} belongs to vNet ${sg.vNetId}, not ${vnet.id}`);
    }
    if (key.status === "rejected") throw key.reason;
    return net.value;
  }

  private async liveVms(): Promise<SimRecord[]> {
    return (await this.cloud.store.list(this.scope, "vm")).filter((v) => v.status !== "terminated" && v.status !== "failed");
  }

  private async listKind(kind: SimKind, filter?: ListFilter): Promise<SimRecord[]> {
    return (await this.cloud.store.list(this.scope, kind)).filter((r) => matchesTags(r.tags, filter));
  }

  /** Names are unique per account and region (as on Azure and GCP), so a second create of the same name is refused. */
  private async mustBeNew(kind: SimKind, name: string): Promise<void> {
    const clash = (await this.cloud.store.list(this.scope, kind)).find((r) => r.name === name);
    if (clash) throw new ConflictError(`a ${KIND_LABEL[kind]} named "${name}" already exists in ${this.regionKey} (${clash.id})`);
  }

  private record(kind: SimKind, id: string, name: string, tags: Tags | undefined, data: Record<string, unknown>): SimRecord {
    const now = this.cloud.now();
    return {
      id,
      ...this.scope,
      kind,
      name,
      status: "available",
      tags: tags ?? {},
      data,
      vcpu: 0,
      subnetId: null,
      privateIp: null,
      publicIp: null,
      clientToken: null,
      pendingOp: null,
      opOutcome: null,
      opDoneAt: null,
      createdAt: now,
      updatedAt: now,
    };
  }
}
