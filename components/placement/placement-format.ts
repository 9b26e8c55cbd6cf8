import type { placeAudienceAction } from "./actions";

export type PlacementAnswer = Extract<Awaited<ReturnType<typeof placeAudienceAction>>, { ok: true }>["data"];
export type Objective = PlacementAnswer["objective"];

export const OBJECTIVE_TEXT: Record<Objective, { label: string; figure: string; hint: string }> = {
  mean: { label: "Mean", figure: "mean RTT", hint: "the average user's round trip to their nearest chosen region" },
  p95: { label: "p95", figure: "95th-percentile RTT", hint: "95% of the audience (by weight) is served within this round trip" },
  max: { label: "Worst", figure: "worst user's RTT", hint: "no user waits longer than this for their nearest region" },
  conference: { label: "Conference", figure: "worst one-way delay between two participants", hint: "the worst pair: user → region → relay link → region → user, one way" },
};
