"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { formatUtc } from "@/components/ui/format-time";
import type { Viewer } from "@/lib/http";
import type { CallerView } from "@/lib/validation/account";
import { NamespaceRoles } from "./namespace-roles";
import { RoleBadge } from "./role-badge";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm font-medium text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-lg text-white">{children}</dd>
    </div>
  );
}

/** What the automation token and anonymous readers are, said instead of a person's details. */
function NotAPerson({ viewer }: { viewer: Viewer }) {
  if (viewer.kind === "anonymous") {
    return (
      <p className="text-slate-200">
        You are not signed in. This Barista lets anyone who reaches it read as <RoleBadge role={viewer.role} /> without an account (<code className="text-amber-200">BARISTA_ANONYMOUS_ROLE</code>).{" "}
        <Link href="/login?next=/account" className="font-medium text-sky-300 underline underline-offset-2 hover:text-sky-200">
          Sign in
        </Link>{" "}
        to do more, or to see your sessions and tokens.
      </p>
    );
  }
  return (
    <p className="text-slate-200">
      You are using the automation token (<code className="text-amber-200">BARISTA_API_TOKEN</code>), an <RoleBadge role={viewer.role} /> for scripts and CI, set where the server
      runs. It is not a person: it has no sessions, and tokens made with it belong to nobody. Sign in with an account, in a browser that does not send it, to act as yourself.
    </p>
  );
}

/** Who the viewer is to Barista: name, email, role and the namespaces where it is narrowed. */
export function IdentityCard({ viewer, caller }: { viewer: Viewer; caller: CallerView | undefined }) {
  const user = caller?.user;
  return (
    <section aria-labelledby="identity-title" data-testid="identity" className="mt-6 rounded-xl border border-panel-edge bg-panel px-5 py-4">
      <h2 id="identity-title" className="sr-only">
        Who you are
      </h2>
      {viewer.kind === "user" || viewer.kind === "token" ? (
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 sm:grid-cols-2 lg:grid-cols-[1.2fr_1.6fr_0.8fr_1.6fr_1.2fr]">
          <Fact label={viewer.kind === "token" ? "Token" : "Name"}>{viewer.kind === "token" ? viewer.name : (user?.name ?? "…")}</Fact>
          <Fact label={viewer.kind === "token" ? "Owner" : "Email"}>
            <span className="block truncate" title={user?.email}>
              {user?.email ?? (caller ? "nobody (made by the automation token)" : "…")}
            </span>
          </Fact>
          <Fact label="Role">
            <RoleBadge role={viewer.role} />
          </Fact>
          <Fact label="Namespace roles">
            <NamespaceRoles roles={viewer.namespaceRoles} empty={`none: ${viewer.role} everywhere`} />
          </Fact>
          <Fact label="Member since">{user ? formatUtc(user.createdAt).slice(0, 10) : "…"}</Fact>
        </dl>
      ) : (
        <NotAPerson viewer={viewer} />
      )}
    </section>
  );
}
