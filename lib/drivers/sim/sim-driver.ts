import { randomUUID } from "node:crypto";
import { plural } from "@/lib/core/plural";
import { getImage, getRegion, getSpec, listImages, listRegions, listSpecs } from "@/lib/catalogue";
import {
  AuthFailedError,
  CapacityUnavailableError,
  ConflictError,
  InvalidArgumentError,
  QuotaExceededError,
  UnavailableError,
} from "@/lib/core/errors";
import { checkTransition, type VmAction } from "@/lib/core/lifecycle";
import type { VmStatus } from "@/lib/core/types";
import { runningIntervals, simSeries, type SimVmProfile } from "./metric-model";
import type { CloudDriver, ConnectionConfig, CreateVmRequest, ListFilter, MetricQuery, MetricSeries, SshLogin, SshLoginTarget, Subnet, VerifyResult, Vm, VNet } from "../types";
import type { SimCloud } from "./cloud";
import { STOCKOUT_WINDOW_MS } from "./faults";
import { toVm, toVmStatus, type VmData } from "./mappers";
import { cidrSize, firstFreeHost, parseCidr, PUBLIC_POOL_SIZE, publicIpAt } from "./network";
import { matchesTags, NetworkResources } from "./network-resources";
import { pick, resourceId, unit } from "./random";
import { SimTakenError, type SimPlacement, type SimRecord, type SimScope } from "./store";
import { operationMs, type SimOperation } from "./timing";

/** The login name picks the VM on the simulator's one SSH port: `ubuntu+<VM id>` (see ssh/server.ts). */
export const SIM_SSH_LOGIN_PREFIX = "ubuntu+";

/** Terminated VMs stay listed for an hour of simulated time, as EC2 shows them, then disappear. */
/** One call answers at most this many points (CloudWatch's GetMetricData allows 100,800). */
const MAX_METRIC_POINTS = 100_800;

const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;
/** Picks of a free address in a row that another server may snatch before the insert. */
const TAKEN_RETRIES = 5;

const IN_PROGRESS_STATE: Record<VmAction, string> = { suspend: "stopping", resume: "starting", reboot: "rebooting", terminate: "shutting-down" };
const SETTLED_STATE: Record<VmAction, string> = { suspend: "stopped", resume: "running", reboot: "running", terminate: "terminated" };

/** A connection's view of the simulated cloud: one provider region under one credential. */
export class SimDriver extends NetworkResources implements CloudDriver {
  private readonly metricProfiles = new Map<string, { profile: SimVmProfile; readAt: number }>();

  constructor(connection: ConnectionConfig, cloud: SimCloud) {
    super(connection, cloud);
  }

  async verify(): Promise<VerifyResult> {
    return this.cloud.call(this.connection, "DescribeRegions", "read", this.regionKey, async () => {
      // The simulator accepts any credential except ones named invalid… or expired…, so the failure path can be tried.
      if (/^(invalid|expired)/i.test(this.connection.credential)) {
        throw new AuthFailedError(`the provider rejected credential "${this.connection.credential}" (AuthFailure); check its keys or pick another credential`);
      }
      const region = getRegion(this.regionKey);
      if (!region) return { regionFound: false, specCount: 0, imageCount: 0, message: `region ${this.connection.region} does not exist for ${this.connection.provider}` };
      const specCount = listSpecs(this.regionKey).length;
      const imageCount = listImages(this.regionKey).length;
      return { regionFound: true, specCount, imageCount, message: `${region.name}: ${plural(specCount, "spec")}, ${plural(imageCount, "image")}, ${plural(region.zones.length, "zone")}` };
    });
  }

  /**
   * Every simulated VM answers on the simulator's one SSH port; the login name picks the VM
   * (`ubuntu+<VM id>`, as a bastion's user@target). The caller logs in with the namespace's key.
   */
  async sshLogin(vm: SshLoginTarget): Promise<SshLogin> {
    const ssh = this.cloud.ssh;
    if (!ssh) throw new UnavailableError("the simulator's SSH server is not running");
    return { host: "127.0.0.1", port: ssh.port, username: `${SIM_SSH_LOGIN_PREFIX}${vm.id}` };
  }

  async listRegions() {
    return this.cloud.call(this.connection, "DescribeRegions", "read", "*", async () => listRegions(this.connection.provider));
  }

  async listSpecs() {
    return this.cloud.call(this.connection, "DescribeInstanceTypes", "read", "*", async () => listSpecs(this.regionKey));
  }

  async listImages() {
    return this.cloud.call(this.connection, "DescribeImages", "read", "*", async () => listImages(this.regionKey));
  }

  async createVm(req: CreateVmRequest): Promise<Vm> {
    const target = req.clientToken ?? req.name;
    return this.cloud.call(this.connection, "RunInstances", "write", target, async () => {
      for (let attempt = 1; ; attempt++) {
        // What the request names is read while the region's VMs are (calls on one region run one at
        // a time, so each round trip here delays every create queued behind this one).
        const refs = this.requestRefs(req);
        refs.catch(() => undefined);
        // The region's VMs, read once and only the columns counted: the client token's VM is among
        // them, and so is what the quota and the subnet's free addresses are counted from.
        const vms = await this.cloud.store.placements(this.scope);
        const existing = req.clientToken ? vms.find((v) => v.clientToken === req.clientToken) : undefined;
        if (existing) return toVm(await this.settle(await this.mustGet(existing.id, "vm")));
        const prepared = await this.prepareVm(req, vms, refs);
        try {
          // Public addresses come from one pool for every account and region, whose calls run in
          // parallel. The pool is sparse: an address drawn from the new VM's id is almost always
          // free, and the database's unique addresses refuse it when it is not (on any server).
          // The last try scans for a free one alone in this process, for a pool nearly full.
          const last = attempt >= TAKEN_RETRIES - 1;
          const take = async () => {
            const rec = { ...prepared, publicIp: last ? await this.freePublicIp(prepared.id) : publicIpAt(pick(PUBLIC_POOL_SIZE, "public-ip", prepared.id)) };
            await this.cloud.store.insert(rec);
            return rec;
          };
          return toVm(await (last ? this.cloud.exclusive("public-ip-pool", take) : take()));
        } catch (e) {
          // Another server took the address (or made this very VM) first: look again.
          if (!(e instanceof SimTakenError)) throw e;
          if (attempt >= TAKEN_RETRIES) throw new UnavailableError("RunInstances: the provider is busy (addresses changed hands meanwhile); retry the request");
        }
      }
    });
  }

  async getVm(id: string): Promise<Vm> {
    return this.cloud.call(this.connection, "DescribeInstances", "read", id, async () => toVm(await this.settle(await this.mustGet(id, "vm"))));
  }

  async listVms(filter?: ListFilter): Promise<Vm[]> {
    return this.cloud.call(this.connection, "DescribeInstances", "read", "*", async () => {
      const now = this.cloud.now();
      const out: Vm[] = [];
      for (const raw of await this.cloud.store.list(this.scope, "vm")) {
        const rec = await this.settle(raw);
        if (rec.status === "terminated" && (rec.opDoneAt ?? 0) + TERMINATED_VISIBLE_MS / this.cloud.config.speed < now) {
          await this.cloud.store.remove(rec.id);
          continue;
        }
        if (matchesTags(rec.tags, filter)) out.push(toVm(rec));
      }
      return out;
    });
  }

  suspendVm(id: string) {
    return this.act(id, "suspend", "StopInstances");
  }

  resumeVm(id: string) {
    return this.act(id, "resume", "StartInstances");
  }

  rebootVm(id: string) {
    return this.act(id, "reboot", "RebootInstances");
  }

  terminateVm(id: string) {
    return this.act(id, "terminate", "TerminateInstances");
  }

  /**
   * Samples every 10 s from the metric model, computed from the VM's status history and the seed
   * (see metric-model.ts), so any window can be asked for again and answers the same.
   * Not counted against the compute API's request limits: like CloudWatch or Azure Monitor,
   * metrics are a separate service with their own.
   */
  async getMetrics(vmId: string, query: MetricQuery): Promise<MetricSeries> {
    const { metric, fromMs, toMs, stepSeconds } = query;
    if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || stepSeconds % 10 !== 0) {
      throw new InvalidArgumentError(`the period must be a positive multiple of 10 seconds (got ${stepSeconds})`);
    }
    if (!(toMs > fromMs)) throw new InvalidArgumentError("the end time must be after the start time");
    if ((toMs - fromMs) / (stepSeconds * 1000) > MAX_METRIC_POINTS) {
      throw new InvalidArgumentError(`that asks for more than ${MAX_METRIC_POINTS} points; ask for a shorter window or a longer period`);
    }
    const { profile, readAt } = await this.metricProfile(vmId, toMs);
    return { metric, points: simSeries(profile, metric, fromMs, toMs, stepSeconds, readAt) };
  }

  /**
   * The VM's metric profile, read once per VM for the life of this driver (the collector makes a
   * driver per pull and asks for every metric). Points stop at the time of the read: the history
   * is complete up to then, so a window ending before it is answered in full; a window reaching
   * past it reads the VM again.
   */
  private async metricProfile(vmId: string, toMs: number): Promise<{ profile: SimVmProfile; readAt: number }> {
    const now = this.cloud.now();
    const hit = this.metricProfiles.get(vmId);
    if (hit && toMs <= hit.readAt + 1 && now - hit.readAt < 5_000) return hit;
    const readAt = now;
    const rec = await this.mustGet(vmId, "vm");
    const d = rec.data as unknown as VmData;
    const history = [...d.history];
    // An operation that finished but was not yet looked at has already changed the VM.
    if (rec.pendingOp && rec.opDoneAt !== null && rec.opDoneAt <= readAt) history.push({ status: toVmStatus(rec.opOutcome ?? "running"), at: rec.opDoneAt });
    const profile: SimVmProfile = {
      seed: this.cloud.config.seed,
      vmId,
      vcpu: getSpec(this.regionKey, d.specName)?.vcpu ?? Math.max(1, rec.vcpu),
      longitude: getRegion(this.regionKey)?.longitude ?? 0,
      createdAt: rec.createdAt,
      running: runningIntervals(history),
    };
    const entry = { profile, readAt };
    this.metricProfiles.set(vmId, entry);
    return entry;
  }

  private async act(id: string, action: VmAction, op: string): Promise<Vm> {
    return this.cloud.call(this.connection, op, "write", id, async () => {
      const rec = await this.settle(await this.mustGet(id, "vm"));
      const status = toVm(rec).status;
      if (action === "terminate" && (status === "Terminated" || status === "Terminating")) return toVm(rec);
      const check = checkTransition(status, action);
      if (!check.ok) throw new ConflictError(`IncorrectInstanceState: ${check.reason}`);
      const now = this.cloud.now();
      const attempt = (rec.data as unknown as VmData).history.length;
      const patch: Partial<SimRecord> = {
        status: IN_PROGRESS_STATE[action],
        pendingOp: action,
        opOutcome: SETTLED_STATE[action],
        opDoneAt: now + this.duration(action, id, attempt),
        data: this.withHistory(rec, IN_PROGRESS_STATE[action], now),
        updatedAt: now,
      };
      await this.cloud.store.update(id, patch);
      return toVm({ ...rec, ...patch });
    });
  }

  /** Validates a create request the way a provider does, then decides the VM's fate. */
  private async prepareVm(req: CreateVmRequest, vms: SimPlacement[], refs: Promise<{ vnet: VNet; subnet: Subnet }>): Promise<SimRecord> {
    const { seed } = this.cloud.config;
    const spec = getSpec(this.regionKey, req.specName);
    if (!spec) throw new InvalidArgumentError(`spec "${req.specName}" is not offered in ${this.regionKey}; list the region's specs and pick one of them`);
    if (!getImage(this.regionKey, req.imageId)) throw new InvalidArgumentError(`image "${req.imageId}" is not available in ${this.regionKey}`);
    const { vnet, subnet } = await refs;
    const zone = req.zone ?? subnet.zone ?? getRegion(this.regionKey)?.zones[0] ?? this.connection.region;
    if (subnet.zone && zone !== subnet.zone) throw new InvalidArgumentError(`subnet ${subnet.id} is in zone ${subnet.zone}, not ${zone}`);

    const now = this.cloud.now();
    const simNow = now * this.cloud.config.speed;
    const window = Math.floor(simNow / STOCKOUT_WINDOW_MS);
    if (unit(seed, "stockout", this.regionKey, spec.name, window) < this.cloud.profile.stockoutRate) {
      const retryAfterMs = Math.ceil(((window + 1) * STOCKOUT_WINDOW_MS - simNow) / this.cloud.config.speed);
      throw new CapacityUnavailableError(
        `InsufficientInstanceCapacity: there is no ${spec.name} capacity in ${zone} right now; retry later or choose another spec or region`,
        retryAfterMs,
      );
    }

    const used = vms.reduce((sum, v) => sum + v.vcpu, 0);
    if (used + spec.vcpu > this.cloud.config.vcpuQuota) {
      throw new QuotaExceededError(
        `VcpuLimitExceeded: ${this.regionKey} allows ${this.cloud.config.vcpuQuota} vCPUs for this account; ${used} are in use and ${spec.name} needs ${spec.vcpu}. Terminate VMs there or raise the quota`,
      );
    }

    const id = resourceId("i", randomUUID());
    const inSubnet = new Set(vms.filter((v) => v.subnetId === subnet.id && v.privateIp).map((v) => v.privateIp as string));
    const privateIp = firstFreeHost(parseCidr(subnet.cidr), inSubnet);
    if (!privateIp) {
      throw new InvalidArgumentError(`InsufficientFreeAddressesInSubnet: subnet ${subnet.id} (${subnet.cidr}, ${cidrSize(parseCidr(subnet.cidr))} addresses) is full; use a larger subnet`);
    }
    const target = req.clientToken ?? req.name;
    const boots = unit(seed, "boot", this.scope.regionKey, target) >= this.cloud.profile.bootFailureRate;
    const createMs = this.duration("create", id, 0);
    const data: VmData = {
      specName: spec.name,
      imageId: req.imageId,
      zone,
      vNetId: vnet.id,
      securityGroupIds: req.securityGroupIds,
      keyPairId: req.keyPairId,
      statusReason: boots ? null : "the instance failed its system status check while booting (simulated hardware fault); create it again",
      history: [{ status: "Creating", at: now }],
      memoryGiB: spec.memoryGiB,
      pricePerHour: spec.pricePerHour,
    };
    return {
      id,
      ...this.scope,
      kind: "vm",
      name: req.name,
      status: "pending",
      tags: req.tags ?? {},
      data: data as unknown as Record<string, unknown>,
      vcpu: spec.vcpu,
      subnetId: subnet.id,
      privateIp,
      publicIp: null,
      clientToken: req.clientToken ?? null,
      pendingOp: "create",
      opOutcome: boots ? "running" : "failed",
      // A VM that will not boot fails part way through its creation.
      opDoneAt: now + (boots ? createMs : Math.round(createMs * 0.6)),
      createdAt: now,
      updatedAt: now,
    };
  }

  private async freePublicIp(id: string): Promise<string> {
    const start = pick(PUBLIC_POOL_SIZE, "public-ip", id);
    for (let i = 0; i < PUBLIC_POOL_SIZE; i++) {
      const ip = publicIpAt(start + i);
      if (!(await this.cloud.store.isPublicIpTaken(ip))) return ip;
    }
    throw new CapacityUnavailableError("no public address is free in the simulator's pool");
  }

  /** Applies an operation that has finished by now; state is computed from stored times, so a restart changes nothing. */
  private async settle(rec: SimRecord): Promise<SimRecord> {
    if (rec.kind !== "vm" || !rec.pendingOp || rec.opDoneAt === null || rec.opDoneAt > this.cloud.now()) return rec;
    const status = rec.opOutcome ?? "running";
    const gone = status === "terminated" || status === "failed";
    const patch: Partial<SimRecord> = {
      status,
      pendingOp: null,
      opOutcome: null,
      data: this.withHistory(rec, status, rec.opDoneAt),
      updatedAt: rec.opDoneAt,
      ...(gone ? { vcpu: 0, publicIp: null, privateIp: null } : {}),
    };
    // Every server calling this cloud may settle the same operation: only the first records it.
    if (!(await this.cloud.store.updateIfPending(rec.id, { pendingOp: rec.pendingOp, opDoneAt: rec.opDoneAt }, patch))) {
      const now = await this.cloud.store.get(rec.id);
      return now && now.pendingOp !== rec.pendingOp ? this.settle(now) : (now ?? rec);
    }
    return { ...rec, ...patch };
  }

  private withHistory(rec: SimRecord, providerState: string, at: number): Record<string, unknown> {
    const d = rec.data as unknown as VmData;
    const status: VmStatus = toVm({ ...rec, status: providerState }).status;
    return { ...d, history: [...d.history, { status, at }] } as unknown as Record<string, unknown>;
  }

  private duration(op: SimOperation, id: string, attempt: number): number {
    const { speed, seed } = this.cloud.config;
    return operationMs(this.connection.provider, op, speed, seed, id, attempt);
  }

  protected get scope(): SimScope {
    return { account: this.connection.credential, regionKey: this.regionKey };
  }
}
