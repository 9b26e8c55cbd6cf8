import type { SecurityRule } from "./types";

/** Two rules that let in or out the same traffic. */
export function sameRule(a: SecurityRule, b: SecurityRule): boolean {
  return a.direction === b.direction && a.protocol === b.protocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.cidr === b.cidr;
}
