"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** False in the server's HTML and until React has taken over the page; buttons wait for it so an early click is never lost. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
