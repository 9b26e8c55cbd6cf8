import { ConflictError } from "@/lib/core/errors";

/**
 * The model whose unique constraint a write broke (Prisma's P2002), or null for any other
 * error. Read by shape, not instanceof: each server bundle has its own copy of the client's
 * classes. Prisma names the model in meta.modelName (the test checks it on the better-sqlite3
 * adapter the server uses).
 */
export function uniqueViolation(e: unknown): { model: string | null } | null {
  if (!(e instanceof Error) || (e as { code?: unknown }).code !== "P2002") return null;
  const model = (e as { meta?: { modelName?: unknown } }).meta?.modelName;
  return { model: typeof model === "string" ? model : null };
}

/**
 * Runs an insert whose uniqueness the database guards, and answers a lost race (or a plain
 * duplicate) with the 409 the user would have got from a check first. The constraint is the
 * check: a read-then-insert is not atomic once several servers share one database.
 */
export async function insertUnique<T>(model: string, insert: () => Promise<T>, conflictMessage: () => string, field?: string): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    const v = uniqueViolation(e);
    // Only this model's own constraint: a duplicate in a child row (a subgroup name) is another story.
    if (v && (v.model === null || v.model === model)) throw new ConflictError(conflictMessage(), field);
    throw e;
  }
}
