import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import type { AlertRepository } from "@/lib/store/alerts";
import type { MetricStore } from "@/lib/store/metrics";
import type { MonitoredVmRepository } from "@/lib/store/monitored-vms";
import type { MonitoringConfig } from "./config";
import type { VmDirectory } from "./vm-directory";
import type { WebhookPolicy } from "./webhook-target";

/** Everything monitoring needs from the outside, so tests can hand it a temp database and a manual clock. */
export interface MonitoringDeps {
  metrics: MetricStore;
  vms: MonitoredVmRepository;
  alerts: AlertRepository;
  directory: VmDirectory;
  clock: Clock;
  config: MonitoringConfig;
  /** Where alert webhooks may go (the allow list of config, and the resolver). */
  webhooks: WebhookPolicy;
  /** The connection's configuration, or null when it was removed. */
  connectionConfig(name: string): Promise<ConnectionConfig | null>;
  driverFor(connection: ConnectionConfig): CloudDriver;
  /**
   * Whether this server leads now (holds the leader lease): the jobs that must run once over all
   * servers sharing the database (collector, alert evaluator, rollups, retention) run only then.
   * Absent: always, as one server alone.
   */
  leads?: () => boolean;
}
