"use client";

import { useCallback, useMemo, useState } from "react";
import type { Scope } from "./mci-controls";

/**
 * Which VMs are ticked and what the controls act on (the MCI, a subgroup or the ticked VMs).
 * Ticks of VMs that are gone, and a subgroup that is gone, fall back to the whole MCI.
 */
export function useVmSelection(vmIds: ReadonlyMap<string, unknown>, subGroups: readonly { name: string }[]) {
  const [selection, setSelection] = useState<ReadonlySet<string>>(() => new Set());
  const [scope, setScope] = useState<Scope>("mci");
  const selectedIds = useMemo(() => new Set([...selection].filter((vid) => vmIds.has(vid))), [selection, vmIds]);
  const toggleVm = useCallback((vid: string) => {
    setSelection((s) => {
      const next = new Set(s);
      if (!next.delete(vid)) next.add(vid);
      return next;
    });
    setScope("selected");
  }, []);
  const setMany = useCallback((ids: readonly string[], on: boolean) => {
    setSelection((s) => {
      const next = new Set(s);
      for (const vid of ids) {
        if (on) next.add(vid);
        else next.delete(vid);
      }
      return next;
    });
    if (on) setScope("selected");
  }, []);
  const effectiveScope: Scope =
    (scope === "selected" && selectedIds.size === 0) || (scope.startsWith("sg:") && !subGroups.some((s) => `sg:${s.name}` === scope)) ? "mci" : scope;
  return { selectedIds, scope: effectiveScope, setScope, toggleVm, setMany };
}
