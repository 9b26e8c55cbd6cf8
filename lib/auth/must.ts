import { UnauthenticatedError } from "@/lib/core/errors";
import type { Principal } from "./principal";

/** The caller of an operation that is not public (the wrapper has checked; this says so to the types). */
export function must(p: Principal | null): Principal {
  if (!p) throw new UnauthenticatedError("sign in, or send Authorization: Bearer <token>");
  return p;
}
