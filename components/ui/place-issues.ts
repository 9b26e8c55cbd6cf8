import type { ActionFailure } from "@/lib/http";

export type PlacedIssues<F extends string> = { fields: Partial<Record<F, string>>; form: string | null };

/**
 * Splits a failed action's issues between a form's fields and the form itself: `fieldOf` names the
 * field an issue's path belongs to, or null for none. A failure without issues goes on the form.
 */
export function placeIssues<F extends string>(failure: Pick<ActionFailure, "error" | "issues">, fieldOf: (path: string) => F | null): PlacedIssues<F> {
  const fields: Partial<Record<F, string>> = {};
  const other: string[] = [];
  for (const issue of failure.issues) {
    const field = fieldOf(issue.path);
    if (field) fields[field] ??= issue.message;
    else other.push(issue.message);
  }
  return { fields, form: other.length ? other.join("; ") : failure.issues.length ? null : failure.error };
}

/** Places an issue at the field its path starts with (`scope.mci` → scope), among `fields`. */
export function fieldIn<F extends string>(fields: readonly F[]): (path: string) => F | null {
  return (path) => {
    const head = path.split(".")[0];
    return (fields as readonly string[]).includes(head) ? (head as F) : null;
  };
}
