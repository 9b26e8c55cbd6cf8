"use client";

import { usePathname } from "next/navigation";
import { useViewer } from "@/components/auth/viewer-context";
import { roleIn, type Access } from "@/lib/core/roles";

type Props = {
  /** What the hidden controls would do, as the start of a sentence: `Creating an MCI`. */
  what: string;
  /** The least role of the operation they call (from `useEndpoints()`). */
  access: Access;
  /** The namespace the operation acts in, when the role may be narrowed there. */
  ns?: string;
  /** A smaller box, for panels over the map. */
  compact?: boolean;
  testId?: string;
};

function withArticle(role: string): string {
  return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}

/**
 * Where the console hides controls the viewer's role cannot use and the page would look broken
 * without them, this says why and who can change it, instead of leaving a gap.
 */
export function RoleNotice({ what, access, ns, compact = false, testId = "role-notice" }: Props) {
  const viewer = useViewer();
  const pathname = usePathname();
  const held = roleIn(viewer.role, viewer.namespaceRoles, ns);
  const where = ns ? ` in namespace ${ns}` : "";
  const needs = access === "agent" ? "a metrics writer" : `the ${access} role`;
  return (
    <p
      role="note"
      data-testid={testId}
      className={`rounded-lg border border-sky-400/40 bg-sky-500/10 text-sky-50 ${compact ? "px-3 py-2 text-[0.95rem]" : "px-4 py-3 text-base"}`}
    >
      {what} needs {needs}
      {where}.{" "}
      {viewer.kind === "anonymous" ? (
        <>
          You are reading without signing in.{" "}
          <a href={`/login?next=${encodeURIComponent(pathname ?? "/")}`} className="font-medium text-sky-200 underline underline-offset-2 hover:text-white">
            Sign in
          </a>{" "}
          to do more.
        </>
      ) : (
        <>
          You are {withArticle(held)}
          {ns ? " here" : ""}; an admin can change that.
        </>
      )}
    </p>
  );
}
