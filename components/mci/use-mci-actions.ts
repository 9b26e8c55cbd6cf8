"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, useTransition, type RefObject } from "react";
import type { MciActionRequest } from "@/lib/validation/mci";
import { deleteMciAction, runMciAction } from "./actions";
import type { Notice } from "./mci-controls";
import { mciKeys } from "./use-mci";

// After an action the reconciler needs a moment before any VM changes: poll fast meanwhile.
const FAST_AFTER_ACTION_MS = 10_000;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The MCI's actions and deletion, with the notice that says how each went. `fastUntilRef` is the
 * MCI query's: after an action it polls fast for a while.
 */
export function useMciActions(namespace: string, id: string, fastUntilRef: RefObject<number>) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [deleteRequested, setDeleteRequested] = useState(false);
  const [pending, startTransition] = useTransition();

  const refresh = useCallback(() => {
    fastUntilRef.current = Date.now() + FAST_AFTER_ACTION_MS;
    void queryClient.invalidateQueries({ queryKey: mciKeys.one(namespace, id) });
    void queryClient.invalidateQueries({ queryKey: mciKeys.list(namespace) });
  }, [queryClient, namespace, id, fastUntilRef]);

  const send = useCallback(
    (request: MciActionRequest) => {
      setNotice(null);
      startTransition(async () => {
        const result = await runMciAction({ ns: namespace, id, request });
        if (result.ok) {
          setNotice({ tone: "ok", text: `${capitalise(result.data.message)}.` });
          refresh();
        } else {
          setNotice({ tone: "error", text: `${capitalise(request.action)} refused: ${result.error}` });
        }
      });
    },
    [namespace, id, refresh],
  );

  const remove = useCallback(() => {
    setNotice(null);
    startTransition(async () => {
      const result = await deleteMciAction({ ns: namespace, id });
      if (result.ok) {
        setDeleteRequested(true);
        refresh();
      } else {
        setNotice({ tone: "error", text: `Delete refused: ${result.error}` });
      }
    });
  }, [namespace, id, refresh]);

  return { notice, setNotice, pending, deleteRequested, refresh, send, remove };
}
