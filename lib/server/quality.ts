import { ConflictError, InvalidArgumentError } from "@/lib/core/errors";
import { plural } from "@/lib/core/plural";
import { carelessRegions, compareQuality, type QualityServer } from "@/lib/placement";
import type { LatencyModel } from "@/lib/placement/latency";
import type { ProvisioningDeps } from "@/lib/provisioning/deps";
import { getMci } from "@/lib/provisioning";
import type { QualityAnswer, QualityRequest } from "@/lib/validation/quality";
import { medianConnectMs } from "./tcp-connect-time";

export interface QualityDeps {
  latency: LatencyModel;
  provisioning: ProvisioningDeps;
  /** RTT from this server to host:port, or null when it does not answer (TCP connect, median of tries). */
  measure?: (host: string, port: number) => Promise<number | null>;
}

const BASIS = {
  estimated: "estimated from the latency model",
  "measured-from-server": "measured from the Barista server (TCP connect to each host's SSH port, median of 5)",
  mixed: "simulated VMs estimated from the latency model; real hosts measured from the Barista server (TCP connect, median of 5)",
} as const;

/**
 * The RTT each participant would feel on the MCI's running VMs (one conference server each), against
 * the same number of servers in seeded-random connected regions. Simulated VMs take the latency
 * model's figure; VMs of real clouds and hosts are measured from this server, since their network is real.
 */
export async function mciQuality(deps: QualityDeps, namespace: string, id: string, req: QualityRequest): Promise<QualityAnswer> {
  const mci = await getMci(deps.provisioning, namespace, id);
  const running = mci.vms.filter((v) => v.status === "Running");
  if (running.length === 0) throw new ConflictError(`no VM of MCI "${mci.name}" runs yet (${mci.status}); wait until some run, then ask again`);
  const notes: string[] = [];
  if (running.length < mci.vms.length) notes.push(`${running.length} of ${plural(mci.vms.length, "VM")} run; the comparison uses those`);

  const measure = deps.measure ?? ((host, port) => medianConnectMs(host, port));
  const servers = await Promise.all(
    running.map(async (vm): Promise<QualityServer> => {
      const server: QualityServer = { id: vm.id, name: vm.name, region: vm.region, lat: vm.latitude, lon: vm.longitude };
      const config = await deps.provisioning.connections.config(vm.connection);
      if (!config || config.driver === "sim") return server;
      try {
        const login = await deps.provisioning.driverFor(config).sshLogin({ id: vm.cloudId ?? vm.id, name: vm.name, publicIp: vm.publicIp, privateIp: vm.privateIp });
        const ms = await measure(login.host, login.port);
        if (ms !== null) return { ...server, measuredRttMs: ms };
        notes.push(`${vm.name} (${login.host}:${login.port}) did not accept a TCP connection; its figure is estimated from the latency model`);
      } catch (e) {
        notes.push(`${vm.name} could not be measured (${e instanceof Error ? e.message : String(e)}); its figure is estimated from the latency model`);
      }
      return server;
    }),
  );

  let against: string[];
  if (req.against?.regions) {
    req.against.regions.forEach((r, i) => {
      if (!deps.latency.has(r)) throw new InvalidArgumentError(`unknown region "${r}"; GET /api/v1/regions lists them`, `against.regions.${i}`);
    });
    against = req.against.regions;
  } else {
    const connected = (await deps.provisioning.connections.list()).map((c) => c.regionKey).filter((k) => deps.latency.has(k));
    if (connected.length === 0) throw new ConflictError("no connected region is known to the latency model to draw a careless placement from; name the regions in against.regions");
    against = carelessRegions(connected, new Set(servers.map((s) => s.region)).size, req.against?.seed ?? 1);
  }
  const comparison = compareQuality(deps.latency, req.audience, servers, against);
  return { ...comparison, basis: BASIS[comparison.placed.source], notes };
}
