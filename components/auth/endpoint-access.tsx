"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { EndpointAccessTable } from "@/lib/http";

const EndpointAccessContext = createContext<EndpointAccessTable | null>(null);

export function EndpointAccessProvider({ table, children }: { table: EndpointAccessTable; children: ReactNode }) {
  return <EndpointAccessContext.Provider value={table}>{children}</EndpointAccessContext.Provider>;
}

/**
 * The least role of every REST operation, as the server declares it, for `useCan`:
 * `const ep = useEndpoints().connections; useCan(ep.createConnection.access)`. Controls take their
 * role from the operation they call, never from a role written by hand, so the console and the
 * server cannot disagree.
 */
export function useEndpoints(): EndpointAccessTable {
  const table = useContext(EndpointAccessContext);
  if (!table) throw new Error("useEndpoints outside the console layout");
  return table;
}
