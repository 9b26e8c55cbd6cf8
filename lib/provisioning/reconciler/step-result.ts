/** What one reconcile step asks of the queue: done, or look again after a delay. */
export type StepResult = { done: true } | { done: false; afterMs: number };

export const DONE: StepResult = { done: true };
export const again = (afterMs: number): StepResult => ({ done: false, afterMs });
