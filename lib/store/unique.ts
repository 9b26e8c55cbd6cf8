import { ConflictError } from "@/lib/core/errors";

interface UniqueViolation {
  model?: string;
  fields: string[];
}

/**
 * The unique constraint a write broke (Prisma's P2002), or null for any other error. Read by
 * shape, not instanceof (each server bundle has its own copy of the client's classes): the
 * native engine puts the fields in `meta.target`, driver adapters (better-sqlite3, pg) in
 * `meta.driverAdapterError.cause.constraint.fields`.
 */
export function uniqueViolation(e: unknown): UniqueViolation | null {
  if (!(e instanceof Error) || (e as { code?: unknown }).code !== "P2002") return null;
  const meta = (e as { meta?: Record<string, unknown> }).meta ?? {};
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause;
  const fields = Array.isArray(meta.target) ? meta.target : Array.isArray(cause?.constraint?.fields) ? cause.constraint.fields : [];
  return { model: typeof meta.modelName === "string" ? meta.modelName : undefined, fields: fields.map(String) };
}

/**
 * Runs an insert whose uniqueness the database guards, and answers a lost race (or a plain
 * duplicate) with the 409 the user would have got from a check first. The constraint is the
 * check: a read-then-insert is not atomic once several servers share one database.
 */
export async function insertUnique<T>(model: string, insert: () => Promise<T>, conflictMessage: () => string): Promise<T> {
  try {
    return await insert();
  } catch (e) {
    const v = uniqueViolation(e);
    // Only this model's own constraint: a duplicate in a child row (a subgroup name) is another story.
    if (v && (v.model === undefined || v.model === model)) throw new ConflictError(conflictMessage());
    throw e;
  }
}
