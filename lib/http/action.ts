import type { z } from "zod";
import { describeError } from "./errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * The one wrapper for server actions (the twin of `route`): validate with zod, call lib/, answer
 * `{ ok, data }` or `{ ok: false, error }` with per-field messages a form can show.
 */
export function validatedAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
      return { ok: false, error: Object.entries(fieldErrors).map(([k, m]) => `${k}: ${m}`).join("; "), fieldErrors };
    }
    try {
      return { ok: true, data: await fn(parsed.data) };
    } catch (e) {
      return { ok: false, error: describeError(e).body.error };
    }
  };
}
