import type { QualityAnswer } from "@/lib/validation/quality";

/** Big figures shown over the stage's page: a row of numbers, or the quality comparison. */
export type StagePanel =
  | { kind: "numbers"; items: { label: string; value: string; tone?: "good" | "bad" | "plain" }[]; note?: string }
  | { kind: "list"; title: string; items: string[]; note?: string }
  | { kind: "quality"; answer: QualityAnswer };

/** What a step shows: a console page in the stage, and figures over it. */
export interface StageView {
  frame: string | null;
  panel: StagePanel | null;
}

/** Shared by the steps of one run: what earlier steps made, for the later ones (and the cleanup). */
export interface TourMemory {
  namespace: string;
  mciId: string | null;
  [key: string]: unknown;
}

/** What a step's work may do besides calling the API. */
export interface StepTools {
  memory: TourMemory;
  signal: AbortSignal;
  /** Live words while the step works (counts, the clock of a deployment). */
  progress(detail: string): void;
  show(view: Partial<StageView>): void;
}

export interface StepOutcome {
  ok: boolean;
  /** The tour cannot go on (no namespace, nothing deployed). */
  fatal?: boolean;
  detail: string;
}

export type StepWork = (tools: StepTools) => Promise<StepOutcome>;
