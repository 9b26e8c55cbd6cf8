import { isCloudError } from "@/lib/core/errors";
import type { SecurityRule } from "@/lib/drivers/types";
import type { AppPort } from "@/lib/validation/apps";
import type { AppDeps, InstallVm } from "./types";

export const portsText = (ports: AppPort[]) => ports.map((p) => `${p.protocol} ${p.port}`).join(", ");

/** What happened to the ports of one connection: opened, left to the host's owner (note), or failed. */
export type PortsOutcome = { kind: "opened" } | { kind: "note"; note: string } | { kind: "failed"; message: string };

/**
 * Opens the recipe's ports, from anywhere, in the security group the namespace uses in each
 * connection of these VMs (one group per namespace and connection: see shared-resources).
 * Registered hosts have no cloud firewall: their VMs carry a note instead.
 */
export async function openPorts(deps: AppDeps, namespace: string, ports: AppPort[], vms: InstallVm[]): Promise<Map<string, PortsOutcome>> {
  const out = new Map<string, PortsOutcome>();
  if (!ports.length) return out;
  const rules: SecurityRule[] = ports.map((p) => ({ direction: "inbound", protocol: p.protocol, fromPort: p.port, toPort: p.port, cidr: "0.0.0.0/0" }));
  const text = portsText(ports);
  for (const connection of new Set(vms.map((v) => v.connection))) {
    try {
      const config = await deps.connections.config(connection);
      if (!config) throw new Error(`its connection "${connection}" no longer exists`);
      const shared = await deps.mcis.findShared(namespace, connection);
      if (!shared?.securityGroupId) throw new Error(`namespace "${namespace}" has no security group in connection "${connection}" yet`);
      await deps.driverFor(config).addSecurityRules(shared.securityGroupId, rules);
      out.set(connection, { kind: "opened" });
    } catch (e) {
      if (isCloudError(e) && e.code === "NotSupported") out.set(connection, { kind: "note", note: `the host's own firewall must allow ${text} (Barista does not change a registered host's firewall)` });
      else out.set(connection, { kind: "failed", message: `opening ${text} in the security group failed: ${e instanceof Error ? e.message : String(e)}; install the app again to retry` });
    }
  }
  return out;
}
