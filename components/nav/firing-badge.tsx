"use client";

import { firingCount, useAlertRules } from "@/components/alerts/use-alerts";

/** A small red count of the (rule, VM) pairs firing now; nothing when none fire. */
export function FiringBadge() {
  const rules = useAlertRules();
  const firing = firingCount(rules.data);
  if (firing === 0) return null;
  return (
    <span
      data-testid="nav-firing-badge"
      title={`${firing} alert${firing === 1 ? "" : "s"} firing now (rule × VM)`}
      className="ml-1.5 inline-flex min-w-[1.4rem] items-center justify-center rounded-full bg-rose-600 px-1.5 text-sm font-semibold leading-5 text-white tabular-nums shadow-[0_0_8px_#e11d48]"
    >
      <span className="sr-only">firing: </span>
      {firing}
    </span>
  );
}
