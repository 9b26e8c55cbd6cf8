import { randomUUID } from "node:crypto";
import { plural } from "@/lib/core/plural";
import { AuthFailedError, CapacityUnavailableError, InvalidArgumentError, isCloudError, NotFoundError, NotSupportedError, UnavailableError } from "@/lib/core/errors";
import type { Image, Region, Spec } from "@/lib/core/types";
import type { SshPool } from "@/lib/remote/ssh-pool";
import type { SshTarget } from "@/lib/remote/ssh-client";
import type { Secrets } from "@/lib/secrets";
import { matchesTags } from "../sim/network-resources";
import type { CloudDriver, ConnectionConfig, HostVerify, CreateVmRequest, ListFilter, MetricQuery, MetricSeries, SshLogin, SshLoginTarget, VerifyResult, Vm } from "../types";
import { FACTS_COMMAND, parseFacts, shapeName } from "./host-facts";
import { samplerFor, toPoints, type HostSampler } from "./host-sampler";
import type { HostFacts, SshHostRecord, SshHostStore } from "./host-store";
import { PROC_COMMAND } from "./proc-metrics";
import { SshNetworkRecords } from "./ssh-network";

export interface SshDriverDeps {
  hosts: SshHostStore;
  ssh: SshPool;
  secrets(credential: string): Promise<Secrets>;
}

export interface SshDriverOptions {
  /** The process's shared sampler by default; tests hand one with a clock of their own. */
  sampler?: HostSampler;
  /** Hosts logged in to at once by verify (default 16). */
  concurrency?: number;
}

/** Logging in and reading facts may take this long on a slow host. */
const COMMAND_TIMEOUT_MS = 20_000;
const MAX_METRIC_POINTS = 100_800;
const VM_ID = /^ssh-[0-9a-f]{20}$/;

export type HostCheck = HostVerify;

/**
 * Your own servers as a cloud: a VM is a claim on one registered host. Creating a VM takes a free
 * host and logs in to check it; terminating gives the host back and never powers anything off.
 * Every login goes through the process's SSH pool with the connection credential's key.
 */
export class SshDriver extends SshNetworkRecords implements CloudDriver {
  private readonly sampler: HostSampler;
  private readonly concurrency: number;

  constructor(
    connection: ConnectionConfig,
    private readonly deps: SshDriverDeps,
    opts: SshDriverOptions = {},
  ) {
    super(connection, deps.hosts);
    this.sampler = opts.sampler ?? samplerFor(deps.ssh);
    this.concurrency = opts.concurrency ?? 16;
  }

  private get regionKey(): string {
    return `${this.connection.provider}-${this.connection.region}`;
  }

  /** Logs in to every host (a bounded number at once), reads its facts, and reports each one. */
  async verify(): Promise<VerifyResult & { hosts: HostCheck[] }> {
    const hosts = await this.store.hosts(this.connection.name);
    const checks = await mapBounded(hosts, this.concurrency, (h) => this.check(h));
    const ok = checks.filter((c) => c.ok);
    const facts = ok.map((c) => c.facts!);
    const specCount = new Set(facts.map(shapeName)).size;
    const imageCount = new Set(facts.map((f) => f.os)).size;
    const failed = checks.filter((c) => !c.ok);
    const message =
      hosts.length === 0
        ? "no hosts are registered"
        : failed.length === 0
          ? `all ${plural(hosts.length, "host")} answered: ${plural(specCount, "host shape")}, ${plural(imageCount, "OS", "OSes")}`
          : `${ok.length} of ${plural(hosts.length, "host")} answered; ${failed.map((f) => `${f.name}: ${f.message}`).join("; ")}`;
    return { regionFound: true, specCount, imageCount, message, hosts: checks };
  }

  async sshLogin(vm: SshLoginTarget): Promise<SshLogin> {
    const host = await this.mustHold(vm.id);
    const { username, privateKey } = await this.login();
    return { host: host.address, port: host.port, username, privateKey };
  }

  async listRegions(): Promise<Region[]> {
    const at = await this.store.location(this.connection.name);
    const { provider, region } = this.connection;
    return [{ key: this.regionKey, provider, region, name: region, latitude: at?.latitude ?? 0, longitude: at?.longitude ?? 0, zones: [region] }];
  }

  /** One spec per host shape, free of charge: the machines are already yours. */
  async listSpecs(): Promise<Spec[]> {
    const shapes = new Map<string, HostFacts>();
    for (const f of await this.knownFacts()) shapes.set(shapeName(f), f);
    return [...shapes].map(([name, f]) => ({
      id: `${this.connection.provider}+${this.connection.region}+${name}`,
      name,
      provider: this.connection.provider,
      regionKey: this.regionKey,
      vcpu: f.vcpu,
      memoryGiB: f.memoryGiB,
      accelerator: null,
      pricePerHour: 0,
      priceSource: "owned" as const,
      family: "host",
    }));
  }

  /** The OS each host runs: a host is what it is, so its image cannot be chosen. */
  async listImages(): Promise<Image[]> {
    const seen = new Map<string, HostFacts>();
    for (const f of await this.knownFacts()) if (!seen.has(osId(f))) seen.set(osId(f), f);
    return [...seen].map(([id, f], i) => ({ id, name: f.os, os: f.os, architecture: f.arch === "aarch64" || f.arch === "arm64" ? "arm64" : "x86_64", description: "the OS installed on the host", isDefault: i === 0 }));
  }

  /**
   * Claims one free host (the same one again for a repeated client token), logs in to check it,
   * and answers the VM Running. A host that fails its check is given back and the next one tried.
   */
  async createVm(req: CreateVmRequest): Promise<Vm> {
    const hosts = await this.store.hosts(this.connection.name);
    if (req.clientToken) {
      const held = hosts.find((h) => h.clientToken === req.clientToken && h.vmId);
      if (held) return this.toVm(held);
    }
    if (req.specName && !hosts.some((h) => h.facts && shapeName(h.facts) === req.specName)) {
      throw new InvalidArgumentError(`no host of ${this.connection.name} has the shape "${req.specName}"; list its specs, or leave the spec out to take any free host`);
    }
    if (req.imageId && !hosts.some((h) => h.facts && osId(h.facts) === req.imageId)) {
      throw new InvalidArgumentError(`no host of ${this.connection.name} runs "${req.imageId}"; a host's OS cannot be changed, so leave the image out`);
    }
    const vnet = await this.findSubnet(req.subnetId);
    for (const id of req.securityGroupIds) await this.mustGet(id, "securityGroup");
    await this.mustGet(req.keyPairId, "keyPair");
    // Hosts of another shape or OS than asked for are never taken.
    const skip = new Set(hosts.filter((h) => (req.specName && (!h.facts || shapeName(h.facts) !== req.specName)) || (req.imageId && (!h.facts || osId(h.facts) !== req.imageId))).map((h) => h.id));
    const claim = { subnetId: req.subnetId, vNetId: vnet.id, securityGroupIds: req.securityGroupIds, keyPairId: req.keyPairId, imageId: req.imageId };
    const failures: string[] = [];
    for (;;) {
      const vmId = `ssh-${randomUUID().replace(/-/g, "").slice(0, 20)}`;
      const host = await this.store.claim(this.connection.name, { vmId, clientToken: req.clientToken ?? null, vmName: req.name, tags: req.tags ?? {}, claim, at: Date.now() }, skip);
      if (!host) {
        const free = hosts.filter((h) => !h.vmId).length;
        const why = failures.length ? `; ${failures.join("; ")}` : "";
        throw new CapacityUnavailableError(`${this.connection.name} has no free host that answers (${free} of ${plural(hosts.length, "host")} were free${why}); terminate a VM there or add hosts`);
      }
      if (host.vmId !== vmId) return this.toVm(host);
      const checked = await this.check(host);
      if (checked.ok) return this.toVm({ ...host, facts: checked.facts ?? host.facts });
      await this.store.release(this.connection.name, vmId);
      skip.add(host.id);
      failures.push(`${host.name}: ${checked.message}`);
    }
  }

  async getVm(id: string): Promise<Vm> {
    return this.toVm(await this.mustHold(id));
  }

  async listVms(filter?: ListFilter): Promise<Vm[]> {
    return (await this.store.hosts(this.connection.name)).filter((h) => h.vmId && matchesTags(h.tags, filter)).map((h) => this.toVm(h));
  }

  /** Gives the host back; nothing on it is stopped or changed. A VM already given back answers Terminated. */
  async terminateVm(id: string): Promise<Vm> {
    const host = await this.store.byVmId(this.connection.name, id);
    if (!host) {
      if (!VM_ID.test(id)) throw new NotFoundError(`VM ${id} does not exist in ${this.connection.name}`);
      return { ...this.emptyVm(id), status: "Terminated" };
    }
    await this.store.release(this.connection.name, id);
    this.sampler.forget(host.id);
    return { ...this.toVm(host), status: "Terminated" };
  }

  async suspendVm(id: string): Promise<Vm> {
    const host = await this.mustHold(id);
    throw new NotSupportedError(`the ssh driver cannot power hosts off: ${host.name} is a server of yours that Barista only logs in to; terminate the VM to give the host back`);
  }

  async resumeVm(id: string): Promise<Vm> {
    const host = await this.mustHold(id);
    throw new NotSupportedError(`the ssh driver cannot power hosts on: ${host.name} is a server of yours that Barista only logs in to`);
  }

  /** Refused rather than run: rebooting a server someone else may also use is the owner's call. */
  async rebootVm(id: string): Promise<Vm> {
    const host = await this.mustHold(id);
    throw new NotSupportedError(`the ssh driver does not reboot registered hosts: ${host.name} may serve more than this MCI; if you mean it, run "sudo reboot" on it as a remote command`);
  }

  /** Agentless: /proc read over SSH, at most every 10 s per host; an unreachable host is Unavailable. */
  async getMetrics(vmId: string, query: MetricQuery): Promise<MetricSeries> {
    const { metric, fromMs, toMs, stepSeconds } = query;
    if (!Number.isInteger(stepSeconds) || stepSeconds <= 0 || stepSeconds % 10 !== 0) {
      throw new InvalidArgumentError(`the period must be a positive multiple of 10 seconds (got ${stepSeconds})`);
    }
    if (!(toMs > fromMs)) throw new InvalidArgumentError("the end time must be after the start time");
    if ((toMs - fromMs) / (stepSeconds * 1000) > MAX_METRIC_POINTS) throw new InvalidArgumentError(`that asks for more than ${MAX_METRIC_POINTS} points; ask for a shorter window or a longer period`);
    const host = await this.mustHold(vmId);
    const samples = await this.sampler.samples(host.id, () => this.run(host, PROC_COMMAND));
    return { metric, points: toPoints(samples, metric, fromMs, toMs, stepSeconds) };
  }

  /** Logs in, reads the host's facts and records them; failures come back in words, not thrown. */
  private async check(host: SshHostRecord): Promise<HostCheck> {
    const base = { address: host.address, port: host.port, name: host.name };
    try {
      const facts = parseFacts(await this.run(host, FACTS_COMMAND));
      if (!facts) return { ...base, ok: false, message: "logged in, but it did not answer as a Linux host (nproc, /proc/meminfo)" };
      await this.store.setFacts(host.id, facts, Date.now());
      return { ...base, ok: true, message: `${facts.os}, ${facts.arch}, ${plural(facts.vcpu, "vCPU")}, ${facts.memoryGiB} GiB`, facts };
    } catch (e) {
      if (!isCloudError(e)) throw e;
      return { ...base, ok: false, message: e.message };
    }
  }

  /** Runs one command on a host and answers its output; a lost connection or a timeout is Unavailable. */
  private async run(host: SshHostRecord, command: string): Promise<string> {
    const target = await this.target(host);
    let out = "";
    const r = await this.deps.ssh.exec(target, command, { timeoutMs: COMMAND_TIMEOUT_MS, onStdout: (c) => (out += c.toString()) });
    if (r.lostConnection) throw new UnavailableError(`the SSH connection to ${host.name} (${host.address}:${host.port}) was lost while reading it`);
    if (r.timedOut) throw new UnavailableError(`${host.name} (${host.address}:${host.port}) did not answer within ${COMMAND_TIMEOUT_MS / 1000} s`);
    return out;
  }

  private async target(host: SshHostRecord): Promise<SshTarget> {
    const { username, privateKey } = await this.login();
    return { host: host.address, port: host.port, username, privateKey };
  }

  private async login(): Promise<{ username: string; privateKey: string }> {
    const s = await this.deps.secrets(this.connection.credential);
    const missing = ["username", "privateKey"].filter((k) => !s[k]);
    if (missing.length) throw new AuthFailedError(`credential "${this.connection.credential}" holds no ${missing.join(" or ")}; an ssh credential needs username and privateKey`);
    return { username: s.username, privateKey: s.privateKey };
  }

  /** Facts of every host, read now for hosts never read (a bounded number at once). */
  private async knownFacts(): Promise<HostFacts[]> {
    const hosts = await this.store.hosts(this.connection.name);
    const unread = hosts.filter((h) => !h.facts);
    const checks = await mapBounded(unread, this.concurrency, (h) => this.check(h));
    return [...hosts.flatMap((h) => (h.facts ? [h.facts] : [])), ...checks.flatMap((c) => (c.facts ? [c.facts] : []))];
  }

  private async mustHold(vmId: string): Promise<SshHostRecord> {
    const host = await this.store.byVmId(this.connection.name, vmId);
    if (!host) throw new NotFoundError(`VM ${vmId} does not exist in ${this.connection.name}`);
    return host;
  }

  private emptyVm(id: string): Vm {
    return { id, name: "", status: "Undefined", specName: "", imageId: "", zone: this.connection.region, vNetId: "", subnetId: "", securityGroupIds: [], keyPairId: "", publicIp: null, privateIp: null, createdAt: new Date(0).toISOString(), tags: {}, statusReason: null, extra: {} };
  }

  private toVm(h: SshHostRecord): Vm {
    return {
      ...this.emptyVm(h.vmId ?? ""),
      name: h.vmName ?? h.name,
      status: "Running",
      specName: h.facts ? shapeName(h.facts) : "",
      imageId: h.claim?.imageId || (h.facts ? osId(h.facts) : ""),
      vNetId: h.claim?.vNetId ?? "",
      subnetId: h.claim?.subnetId ?? "",
      securityGroupIds: h.claim?.securityGroupIds ?? [],
      keyPairId: h.claim?.keyPairId ?? "",
      publicIp: h.address,
      privateIp: h.address,
      createdAt: new Date(h.claimedAt ?? 0).toISOString(),
      tags: h.tags,
      extra: { hostId: h.id, host: h.name, port: h.port, ...(h.facts ? { facts: h.facts } : {}) },
    };
  }
}

/** An image id for an OS name: `debian-gnu-linux-12-bookworm`. */
function osId(f: HostFacts): string {
  return f.os.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "linux";
}

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
