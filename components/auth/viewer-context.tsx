"use client";

import { createContext, useContext, type ReactNode } from "react";
import { allows, roleIn, type Access } from "@/lib/core/roles";
import type { Viewer } from "@/lib/http";

const ViewerContext = createContext<Viewer | null>(null);

export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** Who is signed in (the console layout guarantees someone is). */
export function useViewer(): Viewer {
  const v = useContext(ViewerContext);
  if (!v) throw new Error("useViewer outside the console layout");
  return v;
}

/**
 * Whether the viewer may do what needs `access` (in namespace `ns`): the console hides what a role
 * cannot do; the server refuses it anyway.
 */
export function useCan(access: Access, ns?: string): boolean {
  const v = useContext(ViewerContext);
  return !!v && allows(roleIn(v.role, v.namespaceRoles, ns), access);
}
