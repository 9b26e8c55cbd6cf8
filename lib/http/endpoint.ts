import type { z } from "zod";
import type { Access } from "@/lib/core/roles";

type AnySchema = z.ZodType;

/**
 * One REST operation: its path, its input schemas and its answer. Route handlers validate with
 * these and the OpenAPI document is generated from the same objects, so the two cannot drift.
 */
export interface Endpoint<
  P extends AnySchema | undefined = AnySchema | undefined,
  Q extends AnySchema | undefined = AnySchema | undefined,
  B extends AnySchema | undefined = AnySchema | undefined,
  R extends AnySchema | undefined = AnySchema | undefined,
> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI form, e.g. /api/v1/regions/{key}/specs */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it: `public`, or the least role (checked before anything else, namespace narrowing included). */
  access: Access;
  /** Whether a call is written to the audit log; by default every change is and no read is. */
  audit?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** When set, the body may also come from the query string (DELETE with ?name=). */
  bodyFromQuery?: boolean;
  response?: R;
  status?: number;
  /** Error statuses this operation may answer, for the document. */
  errors?: number[];
  /** A body that is not JSON (read by the handler itself), for the document. */
  rawBody?: { contentType: string; description: string; example?: string };
  /** Error statuses whose body is not the plain Error shape, for the document. */
  errorBodies?: Partial<Record<number, AnySchema>>;
}

export function endpoint<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
  R extends AnySchema | undefined = undefined,
>(e: Endpoint<P, Q, B, R>): Endpoint<P, Q, B, R> {
  return e;
}
