import type { z } from "zod";
import { describeError, type Issue } from "./errors";

export type { Issue } from "./errors";

/** What a failed action answers: the message, and the issues with their paths into the action's input. */
export type ActionFailure = { ok: false; error: string; issues: Issue[] };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/**
 * The one wrapper for server actions (the twin of `route`): validate with zod, call lib/, answer
 * `{ ok, data }` or `{ ok: false, error, issues }` in the REST API's words. lib/ names fields of the
 * request it was given; `body` says under which key of the action's input that request sits
 * (`mci` for `{ ns, mci }`), so every issue's path starts at the top of the input.
 */
export function validatedAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>, options: { body?: string } = {}) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) return failure(parsed.error);
    try {
      return { ok: true, data: await fn(parsed.data) };
    } catch (e) {
      return failure(e, options.body);
    }
  };
}

function failure(e: unknown, prefix?: string): ActionFailure {
  const { body } = describeError(e, prefix);
  return { ok: false, error: body.error, issues: body.issues ?? [] };
}
