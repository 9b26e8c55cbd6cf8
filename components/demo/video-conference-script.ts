import { typicalSeconds } from "@/lib/core/provider-timing";
import { plural } from "@/lib/core/plural";
import type { QualityAnswer } from "@/lib/validation/quality";
import { callApi } from "./demo-api";
import { homeMapFrame, mciFrame, newMciFrame, placementFrame } from "./frames";
import { audienceParam, CONFERENCE_PARTICIPANTS } from "./participants";
import { connectedRegions, createDemoNamespace, deployAndFollow, installAndFollow, regionCountWords } from "./shared-steps";
import type { StepWork } from "./tour-runtime";

/** Conference servers to place: one small VM each. */
const SERVERS = 6;
/**
 * Only clouds that boot a VM in under a minute, so the tour fits its three minutes at real speed;
 * the caption says so. The global tour shows every provider.
 */
const QUICK_PROVIDERS = ["aws", "gcp", "alibaba", "tencent"].filter((p) => typicalSeconds(p, "create") <= 50);

type Placement = { regions: string[]; stats: { meanMs: number; maxMs: number }; specs: Record<string, { specId: string; name: string }> };

const users = CONFERENCE_PARTICIPANTS.map(({ lat, lon, weight }) => ({ lat, lon, weight }));
const audience = audienceParam(CONFERENCE_PARTICIPANTS);
const ms = (x: number) => `${Math.round(x)} ms`;

export function videoConferenceSteps(): StepWork[] {
  return [
    async (t) => {
      t.show({ frame: homeMapFrame(1) });
      const regions = await connectedRegions(t.signal);
      await createDemoNamespace(t, "video-conference");
      const providers = new Set(regions.map((r) => r.provider)).size;
      t.show({ panel: { kind: "numbers", items: [{ label: "regions connected", value: String(regions.length) }, { label: "providers", value: String(providers) }] } });
      return { ok: true, detail: `${regionCountWords(regions)} connected; the tour works in namespace ${t.memory.namespace}` };
    },
    async (t) => {
      t.show({
        frame: placementFrame(1, audience),
        panel: { kind: "list", title: `${CONFERENCE_PARTICIPANTS.length} participants`, items: CONFERENCE_PARTICIPANTS.map((p) => `${p.label} · ${p.weight} M people`), note: "weighted by each city's population" },
      });
      return { ok: true, detail: `${plural(CONFERENCE_PARTICIPANTS.length, "city", "cities")} on six continents, weighted by population` };
    },
    async (t) => {
      const answer = await callApi<Placement>("POST", "/api/v1/placement", { users, k: SERVERS, objective: "mean", kMode: "exactly", providers: QUICK_PROVIDERS }, t.signal);
      t.memory.placement = answer;
      const specs = Object.fromEntries(answer.regions.map((r) => [r, answer.specs[r].specId]));
      t.show({
        frame: newMciFrame(1, t.memory.namespace, answer.regions, specs),
        panel: { kind: "list", title: `${answer.regions.length} regions chosen`, items: answer.regions.map((r) => `${r} · ${answer.specs[r].name}`), note: `mean ${ms(answer.stats.meanMs)}, worst ${ms(answer.stats.maxMs)} (estimated from the latency model), among ${QUICK_PROVIDERS.join(", ")}: the clouds that boot a VM in under a minute` },
      });
      return { ok: true, detail: `${answer.regions.join(", ")}: mean ${ms(answer.stats.meanMs)}, worst ${ms(answer.stats.maxMs)} (estimated)` };
    },
    async (t) => {
      const plan = t.memory.placement as Placement;
      const subGroups = plan.regions.map((region) => ({ region, specId: plan.specs[region].specId, count: 1 }));
      return deployAndFollow(t, { name: "conference", description: "Conference servers placed by the video-conference tour", subGroups }, 150_000, (id) => mciFrame(1, t.memory.namespace, id));
    },
    async (t) => {
      t.show({ frame: mciFrame(1, t.memory.namespace, t.memory.mciId!), panel: null });
      return installAndFollow(t, "video-conference", "Jitsi Meet", 120_000);
    },
    async (t) => {
      const answer = await callApi<QualityAnswer>("POST", `/api/v1/ns/${t.memory.namespace}/mci/${t.memory.mciId}/quality`, { audience: CONFERENCE_PARTICIPANTS }, t.signal);
      t.show({ frame: placementFrame(2, audience), panel: { kind: "quality", answer } });
      return { ok: true, detail: `placed: mean ${ms(answer.placed.meanMs)}, worst ${ms(answer.placed.worstMs)}; careless: mean ${ms(answer.careless.meanMs)}, worst ${ms(answer.careless.worstMs)} (${answer.basis})` };
    },
  ];
}
