import { randomUUID } from "node:crypto";
import { ConflictError, InvalidArgumentError, NotFoundError, NotSupportedError } from "@/lib/core/errors";
import { generateSshKeyPair, sshFingerprint } from "../ssh-key";
import { cidrContains, cidrsOverlap, parseCidr } from "../sim/network";
import { matchesTags } from "../sim/network-resources";
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
  VNet,
} from "../types";
import type { SshHostStore, SshResourceKind, SshResourceRecord } from "./host-store";

const LABEL: Record<SshResourceKind, string> = { vnet: "vNet", securityGroup: "security group", keyPair: "key pair" };

const newId = (prefix: string) => `${prefix}-ssh${randomUUID().replace(/-/g, "").slice(0, 14)}`;

/**
 * vNets, security groups and key pairs of an ssh connection. A registered host's network is what
 * it is and it logs in with the credential's key, so nothing is made on the hosts: these are
 * records only, kept so the shared-resource code finds its pieces by tag and never makes them twice.
 */
export abstract class SshNetworkRecords {
  constructor(
    readonly connection: ConnectionConfig,
    protected readonly store: SshHostStore,
  ) {}

  async createVNet(req: CreateVNetRequest): Promise<VNet> {
    const cidr = parseCidr(req.cidr);
    if (cidr.prefix < 16 || cidr.prefix > 28) throw new InvalidArgumentError(`vNet CIDR ${req.cidr} must have a prefix between /16 and /28`);
    const subnets: Subnet[] = [];
    for (const s of req.subnets) {
      const sc = parseCidr(s.cidr);
      if (!cidrContains(cidr, sc)) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) is not inside the vNet's ${req.cidr}`);
      const clash = subnets.find((o) => cidrsOverlap(parseCidr(o.cidr), sc));
      if (clash) throw new InvalidArgumentError(`subnet ${s.name} (${s.cidr}) overlaps subnet ${clash.name} (${clash.cidr})`);
      subnets.push({ id: newId("subnet"), name: s.name, cidr: s.cidr, zone: this.connection.region });
    }
    return toVNet(await this.insert("vnet", newId("vpc"), req.name, req.tags, { cidr: req.cidr, subnets }));
  }

  async getVNet(id: string): Promise<VNet> {
    return toVNet(await this.mustGet(id, "vnet"));
  }

  async listVNets(filter?: ListFilter): Promise<VNet[]> {
    return (await this.list("vnet", filter)).map(toVNet);
  }

  async deleteVNet(id: string): Promise<void> {
    const vnet = toVNet(await this.mustGet(id, "vnet"));
    const group = (await this.store.resources(this.connection.name, "securityGroup")).find((g) => g.data.vNetId === id);
    if (group) throw new ConflictError(`vNet ${id} still has security group ${group.id}; delete it first`);
    const subnets = new Set(vnet.subnets.map((s) => s.id));
    const held = (await this.store.hosts(this.connection.name)).find((h) => h.claim && subnets.has(h.claim.subnetId));
    if (held) throw new ConflictError(`VM ${held.vmId} (host ${held.name}) still uses vNet ${id}; terminate it first`);
    await this.store.removeResource(this.connection.name, id);
  }

  async createSecurityGroup(req: CreateSecurityGroupRequest): Promise<SecurityGroup> {
    await this.mustGet(req.vNetId, "vnet");
    for (const r of req.rules) {
      parseCidr(r.cidr);
      if (r.fromPort > r.toPort) throw new InvalidArgumentError(`rule port range ${r.fromPort}-${r.toPort} is reversed`);
    }
    return toSecurityGroup(await this.insert("securityGroup", newId("sg"), req.name, req.tags, { vNetId: req.vNetId, rules: req.rules }));
  }

  async getSecurityGroup(id: string): Promise<SecurityGroup> {
    return toSecurityGroup(await this.mustGet(id, "securityGroup"));
  }

  async listSecurityGroups(filter?: ListFilter): Promise<SecurityGroup[]> {
    return (await this.list("securityGroup", filter)).map(toSecurityGroup);
  }

  async deleteSecurityGroup(id: string): Promise<void> {
    await this.mustGet(id, "securityGroup");
    const held = (await this.store.hosts(this.connection.name)).find((h) => h.claim?.securityGroupIds.includes(id));
    if (held) throw new ConflictError(`VM ${held.vmId} (host ${held.name}) still uses security group ${id}; terminate it first`);
    await this.store.removeResource(this.connection.name, id);
  }

  /** A registered host's firewall is its owner's: Barista records groups but changes no rule on the hosts. */
  async addSecurityRules(securityGroupId: string, rules: SecurityRule[]): Promise<SecurityGroup> {
    await this.mustGet(securityGroupId, "securityGroup");
    const ports = rules.map((r) => `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`).join(", ");
    throw new NotSupportedError(`the ssh driver does not change firewalls: the hosts of ${this.connection.name} are servers of yours; their own firewall must allow ${ports || "the ports"}`);
  }

  /** The hosts log in with the credential's key: an imported public key is recorded, never installed. */
  async createKeyPair(req: CreateKeyPairRequest): Promise<KeyPair> {
    if (req.publicKey !== undefined) {
      const fingerprint = sshFingerprint(req.publicKey);
      if (!fingerprint) throw new InvalidArgumentError(`key pair "${req.name}": the public key is not an OpenSSH public key line (ssh-ed25519 AAAA… comment)`);
      return toKeyPair(await this.insert("keyPair", newId("key"), req.name, req.tags, { fingerprint, publicKey: req.publicKey.trim() }));
    }
    const key = generateSshKeyPair(req.name);
    const rec = await this.insert("keyPair", newId("key"), req.name, req.tags, { fingerprint: key.fingerprint, publicKey: key.publicKey });
    return toKeyPair(rec, key.privateKey);
  }

  async getKeyPair(id: string): Promise<KeyPair> {
    return toKeyPair(await this.mustGet(id, "keyPair"));
  }

  async listKeyPairs(filter?: ListFilter): Promise<KeyPair[]> {
    return (await this.list("keyPair", filter)).map((r) => toKeyPair(r));
  }

  async deleteKeyPair(id: string): Promise<void> {
    await this.mustGet(id, "keyPair");
    await this.store.removeResource(this.connection.name, id);
  }

  protected async mustGet(id: string, kind: SshResourceKind): Promise<SshResourceRecord> {
    const rec = await this.store.resource(this.connection.name, id);
    if (!rec || rec.kind !== kind) throw new NotFoundError(`${LABEL[kind]} ${id} does not exist in ${this.connection.name}`);
    return rec;
  }

  /** The vNet holding a subnet, for a create request. */
  protected async findSubnet(subnetId: string): Promise<VNet> {
    const vnet = (await this.store.resources(this.connection.name, "vnet")).map(toVNet).find((v) => v.subnets.some((s) => s.id === subnetId));
    if (!vnet) throw new InvalidArgumentError(`subnet ${subnetId} does not exist in ${this.connection.name}`);
    return vnet;
  }

  private async list(kind: SshResourceKind, filter?: ListFilter): Promise<SshResourceRecord[]> {
    return (await this.store.resources(this.connection.name, kind)).filter((r) => matchesTags(r.tags, filter));
  }

  private async insert(kind: SshResourceKind, id: string, name: string, tags: Record<string, string> | undefined, data: Record<string, unknown>): Promise<SshResourceRecord> {
    const rec: SshResourceRecord = { id, connection: this.connection.name, kind, name, tags: tags ?? {}, data };
    await this.store.insertResource(rec);
    return rec;
  }
}

function toVNet(r: SshResourceRecord): VNet {
  return { id: r.id, name: r.name, cidr: r.data.cidr as string, subnets: r.data.subnets as Subnet[], tags: r.tags, extra: { note: "a record only: the hosts keep their own network" } };
}

function toSecurityGroup(r: SshResourceRecord): SecurityGroup {
  return { id: r.id, name: r.name, vNetId: r.data.vNetId as string, rules: r.data.rules as SecurityGroup["rules"], tags: r.tags, extra: { note: "a record only: no firewall rule is changed on the hosts" } };
}

function toKeyPair(r: SshResourceRecord, privateKey?: string): KeyPair {
  return { id: r.id, name: r.name, fingerprint: r.data.fingerprint as string, publicKey: r.data.publicKey as string, ...(privateKey ? { privateKey } : {}), tags: r.tags, extra: {} };
}
