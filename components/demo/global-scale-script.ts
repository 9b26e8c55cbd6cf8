import { plural } from "@/lib/core/plural";
import type { CommandView } from "@/lib/validation/commands";
import { callApi, pause, pollUntil } from "./demo-api";
import { mciFrame, newMciFrame } from "./frames";
import { pickGlobalRegions } from "./global-regions";
import { describeCommand } from "./progress";
import { connectedRegions, createDemoNamespace, deployAndFollow, installAndFollow, regionCountWords } from "./shared-steps";
import type { StepWork } from "./tour-runtime";

const REGIONS = 100;

type Spec = { id: string; vcpu: number; pricePerHour: number; accelerator: unknown };

/** The cheapest spec without an accelerator of each region, a few requests at a time. */
async function cheapestSpecs(keys: string[], signal: AbortSignal): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++];
      const specs = await callApi<Spec[]>("GET", `/api/v1/regions/${key}/specs`, undefined, signal);
      const cheapest = specs.filter((s) => !s.accelerator && s.vcpu >= 1).sort((a, b) => a.pricePerHour - b.pricePerHour)[0];
      if (cheapest) out[key] = cheapest.id;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return out;
}

export function globalScaleSteps(): StepWork[] {
  return [
    async (t) => {
      const connected = await connectedRegions(t.signal);
      const picked = pickGlobalRegions(connected, REGIONS);
      const specs = await cheapestSpecs(picked.map((r) => r.key), t.signal);
      const regions = picked.filter((r) => specs[r.key]);
      await createDemoNamespace(t, "global-scale");
      t.memory.regions = regions.map((r) => r.key);
      t.memory.specs = specs;
      const byProvider = new Map<string, number>();
      for (const r of regions) byProvider.set(r.provider, (byProvider.get(r.provider) ?? 0) + 1);
      t.show({
        frame: newMciFrame(1, t.memory.namespace, regions.map((r) => r.key), specs),
        panel: { kind: "numbers", items: [{ label: "regions", value: String(regions.length) }, { label: "providers", value: String(byProvider.size) }] },
      });
      return { ok: true, detail: `${regionCountWords(regions)}: ${[...byProvider].map(([p, n]) => `${p} ${n}`).join(", ")}` };
    },
    async (t) => {
      const regions = t.memory.regions as string[];
      const specs = t.memory.specs as Record<string, string>;
      const subGroups = regions.map((region) => ({ region, specId: specs[region], count: 1 }));
      const outcome = await deployAndFollow(t, { name: "global", description: "One VM in each of about 100 regions, made by the global-scale tour", subGroups }, 80_000, (id) => mciFrame(1, t.memory.namespace, id));
      t.memory.running = outcome.running;
      return outcome;
    },
    async (t) => {
      const { namespace, mciId } = t.memory;
      const running = t.memory.running as string[];
      const { id } = await callApi<{ id: string }>("POST", `/api/v1/ns/${namespace}/mci/${mciId}/commands`, { command: "uptime", vmIds: running, timeoutSeconds: 60 }, t.signal);
      t.show({ frame: mciFrame(1, namespace, mciId!, "commands", { command: id }), panel: null });
      const started = Date.now();
      const { value } = await pollUntil(
        () => callApi<CommandView>("GET", `/api/v1/ns/${namespace}/mci/${mciId}/commands/${id}`, undefined, t.signal),
        (c) => c.status !== "running",
        (c) => {
          t.progress(describeCommand(c.counts, c.vms.length));
          t.show({ panel: { kind: "numbers", items: [{ label: "answered", value: `${c.counts.succeeded ?? 0}/${c.vms.length}`, tone: "good" }, { label: "in", value: `${((Date.now() - started) / 1000).toFixed(1)} s` }] } });
        },
        90_000,
        t.signal,
        500,
      );
      const sample = value.vms.find((v) => v.status === "succeeded")?.stdout.trim();
      return { ok: (value.counts.succeeded ?? 0) > 0, detail: `uptime ${describeCommand(value.counts, value.vms.length)}${sample ? `, e.g. "${sample.slice(0, 80)}"` : ""}` };
    },
    async (t) => {
      const { namespace, mciId } = t.memory;
      t.show({ frame: mciFrame(3, namespace, mciId!, "metrics"), panel: null });
      const running = (t.memory.running as string[]).length;
      // The charts fill as the collector's samples arrive: a few seconds more on screen than a still page.
      await pause(5000, t.signal);
      return { ok: true, detail: `CPU, memory, disk and network of ${plural(running, "running VM")}, collected every few seconds` };
    },
    async (t) => {
      t.show({ frame: mciFrame(1, t.memory.namespace, t.memory.mciId!), panel: null });
      return installAndFollow(t, "game-server", "Minetest", 120_000);
    },
  ];
}
