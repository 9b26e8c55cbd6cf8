"use client";

import { FormError } from "@/components/ui/form-fields";
import { useViewer } from "@/components/auth/viewer-context";
import { IdentityCard } from "./identity-card";
import { SessionsSection } from "./sessions-section";
import { signOut } from "./sign-out";
import { TokensSection } from "./tokens-section";
import { useCaller } from "./use-accounts";

/**
 * The viewer's own page: who they are, where they are signed in, their API tokens and Sign out.
 * The automation token and anonymous readers get a word on what they are instead of the personal parts.
 */
export function AccountPage() {
  const viewer = useViewer();
  const caller = useCaller();
  const person = viewer.kind === "user";

  return (
    <div className="mx-auto max-w-[80rem] px-6 pb-16 pt-6">
      <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight text-white">Your account</h1>
          <p className="mt-1 max-w-3xl text-slate-300">Who you are to Barista, where you are signed in, and the tokens scripts use to act for you.</p>
        </div>
        {person && (
          <button
            type="button"
            data-testid="account-sign-out"
            onClick={() => void signOut()}
            className="rounded-lg px-5 py-2 text-base font-semibold text-slate-100 ring-1 ring-panel-edge hover:bg-slate-700/60"
          >
            Sign out
          </button>
        )}
      </header>

      <FormError message={caller.error?.message} className="mt-4" />
      <IdentityCard viewer={viewer} caller={caller.data} />
      {person && <SessionsSection />}
      {viewer.kind !== "anonymous" && viewer.role !== "agent" && <TokensSection viewer={viewer} />}
    </div>
  );
}
