import type { Clock } from "@/lib/core/clock";
import type { CloudDriver, ConnectionConfig } from "@/lib/drivers/types";
import type { CommandEngine } from "@/lib/remote/commands";
import type { AppInstallRepository } from "@/lib/store/apps";
import type { MciRepository } from "@/lib/store/mci";
import type { AppCatalogue } from "./catalogue";

/** Everything the installer needs from outside, so tests can hand it their own hosts and recipes. */
export interface AppDeps {
  apps: AppInstallRepository;
  catalogue: AppCatalogue;
  mcis: Pick<MciRepository, "getMci" | "findShared">;
  connections: { config(name: string): Promise<ConnectionConfig | null> };
  driverFor(connection: ConnectionConfig): Pick<CloudDriver, "addSecurityRules">;
  commands: Pick<CommandEngine, "start" | "result">;
  clock: Clock;
  /** Waits between health-check tries (real time by default; tests may shorten it). */
  sleep?: (ms: number) => Promise<void>;
  /** This server's id: the installs it runs carry it, so another goes on only with those of a dead server. */
  owner?: string;
}

/** What the installer knows of a VM at a step: enough to template its command and log in. */
export interface InstallVm {
  vmId: string;
  vmName: string;
  connection: string;
  status: string;
  publicIp: string | null;
  privateIp: string | null;
}
