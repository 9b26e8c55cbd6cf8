import { plural } from "@/lib/core/plural";
import type { MciView } from "@/lib/validation/mci";
import { callApi, pollUntil } from "./demo-api";
import { appCounts, deployCounts, deploymentOver, deploySummary, describeApp, describeDeploy, type AppVmState } from "./progress";
import type { StepOutcome, StepTools } from "./tour-runtime";

/** Steps both tours take: their own namespace, an MCI deployed and followed live, an app installed. */

export async function createDemoNamespace(tools: StepTools, tour: string): Promise<void> {
  const { namespace } = tools.memory;
  await callApi("POST", "/api/v1/namespaces", { name: namespace, description: `Made by the ${tour} tour of /demo; removed when it ends` }, tools.signal);
  tools.memory.namespaceMade = true;
}

export async function connectedRegions(signal: AbortSignal) {
  const regions = await callApi<{ key: string; provider: string; name: string; latitude: number; longitude: number; connections: string[] }[]>("GET", "/api/v1/regions", undefined, signal);
  return regions.filter((r) => r.connections.length > 0);
}

/** Creates the MCI, then follows it until every VM runs or failed, or the deadline passes (the tour goes on with what runs). */
export async function deployAndFollow(tools: StepTools, request: { name: string; description: string; subGroups: unknown[] }, deadlineMs: number, frame: (mciId: string) => string): Promise<StepOutcome & { running: string[] }> {
  const { memory, signal } = tools;
  // The clock and the deadline start at the request: a create of 100 subgroups checks quotas in every region first.
  const started = Date.now();
  const mci = await callApi<MciView>("POST", `/api/v1/ns/${memory.namespace}/mci`, { ...request, policy: "continue" }, signal);
  memory.mciId = mci.id;
  tools.show({ frame: frame(mci.id) });
  const { value, timedOut } = await pollUntil(
    () => callApi<MciView>("GET", `/api/v1/ns/${memory.namespace}/mci/${mci.id}`, undefined, signal),
    (m) => deploymentOver(deployCounts(m.vms)),
    (m) => {
      const c = deployCounts(m.vms);
      tools.progress(describeDeploy(c));
      tools.show({
        panel: {
          kind: "numbers",
          items: [
            { label: "running", value: `${c.running}/${c.total}`, tone: "good" },
            ...(c.failed ? [{ label: "failed", value: String(c.failed), tone: "bad" as const }] : []),
            { label: "deploying for", value: `${Math.round((Date.now() - started) / 1000)} s` },
          ],
        },
      });
    },
    Math.max(0, deadlineMs - (Date.now() - started)),
    signal,
  );
  const c = deployCounts(value.vms);
  const running = value.vms.filter((v) => v.status === "Running").map((v) => v.id);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (c.running === 0) return { ok: false, fatal: true, detail: `no VM runs after ${seconds} s (${describeDeploy(c)}); the tour cannot go on`, running };
  return { ok: true, detail: `${deploySummary(c, timedOut)}; ${seconds} s from the request`, running };
}

/** Installs an app through the apps API and follows each VM's state until none is installing. */
export async function installAndFollow(tools: StepTools, app: string, label: string, deadlineMs: number): Promise<StepOutcome> {
  const { memory, signal } = tools;
  const base = `/api/v1/ns/${memory.namespace}/mci/${memory.mciId}/apps`;
  try {
    await callApi("POST", base, { app }, signal);
  } catch (e) {
    return { ok: false, detail: `${label} could not be installed: ${e instanceof Error ? e.message : String(e)}; the tour goes on` };
  }
  const started = Date.now();
  type Apps = { app: string; vms: { vmId: string; state: AppVmState }[] }[];
  const { value, timedOut } = await pollUntil(
    () => callApi<Apps>("GET", base, undefined, signal),
    (apps) => {
      const c = appCounts(apps, app);
      return c.total > 0 && c.installing === 0;
    },
    (apps) => {
      const c = appCounts(apps, app);
      tools.progress(describeApp(c, label));
      tools.show({
        panel: {
          kind: "numbers",
          items: [
            { label: `${label} running`, value: `${c.running}/${c.total}`, tone: "good" },
            ...(c.installing ? [{ label: "installing", value: String(c.installing) }] : []),
            ...(c.failed ? [{ label: "failed", value: String(c.failed), tone: "bad" as const }] : []),
            { label: "installing for", value: `${Math.round((Date.now() - started) / 1000)} s` },
          ],
        },
      });
    },
    deadlineMs,
    signal,
  );
  const c = appCounts(value, app);
  const words = `${describeApp(c, label)}${timedOut ? ` (still installing after ${Math.round(deadlineMs / 1000)} s; the tour goes on)` : ""}`;
  return { ok: c.running > 0, detail: c.running > 0 ? words : `${words}; the tour goes on without it` };
}

export function regionCountWords(regions: { provider: string }[]): string {
  return `${plural(regions.length, "region")} of ${plural(new Set(regions.map((r) => r.provider)).size, "provider")}`;
}
