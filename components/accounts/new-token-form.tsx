"use client";

import { useState, useTransition, type FormEvent } from "react";
import { FieldBox, fieldProps, FormError } from "@/components/ui/form-fields";
import { fieldIn } from "@/components/ui/place-issues";
import { useFormIssues } from "@/components/ui/use-form-issues";
import { useHydrated } from "@/components/connections/use-hydrated";
import { mayGrant, TOKEN_ROLES, type TokenRole } from "@/lib/core/roles";
import type { TokenCreated } from "./account-types";
import { createTokenAction } from "./actions";

type Field = "name" | "role" | "expiresInDays";
const FIELDS: readonly Field[] = ["name", "role", "expiresInDays"];

const ROLE_HELP: Record<TokenRole, string> = {
  viewer: "viewer: reads everything",
  operator: "operator: also changes clouds and MCIs",
  admin: "admin: everything, users too",
  agent: "agent: only writes metrics",
};

/** The roles a caller may put on a token: none above their own (`agent` needs operator). */
export function grantableRoles(held: TokenRole): TokenRole[] {
  return TOKEN_ROLES.filter((r) => mayGrant(held, r));
}

/** Name, role (no higher than the caller's) and an optional lifetime; the answer carries the value, once. */
export function NewTokenForm({ held, onCreated }: { held: TokenRole; onCreated: (token: TokenCreated) => void }) {
  const roles = grantableRoles(held);
  const [role, setRole] = useState<TokenRole>(roles.includes(held) ? held : (roles[0] ?? "viewer"));
  const { errors, formError, clear, show, showField, reset } = useFormIssues<Field>();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const days = String(form.get("expiresInDays") ?? "").trim();
    if (days && !/^\d+$/.test(days)) return showField("expiresInDays", "Whole days, e.g. 90; leave it empty for a token that never expires.");
    reset();
    startTransition(async () => {
      const answer = await createTokenAction({ name: String(form.get("name") ?? ""), role, expiresInDays: days ? Number(days) : undefined });
      if (answer.ok) {
        formEl.reset();
        onCreated(answer.data);
        return;
      }
      show(answer, fieldIn(FIELDS));
    });
  }

  return (
    <form data-testid="new-token-form" onSubmit={submit} noValidate className="border-t border-panel-edge px-5 py-4">
      <div className="grid grid-cols-1 items-start gap-x-4 gap-y-3 md:grid-cols-[1.4fr_1.4fr_0.9fr_auto]">
        <FieldBox prefix="token" id="name" label="Token name" error={errors.name} hint="What uses it, e.g. ci or grafana.">
          <input {...fieldProps("token", "name", errors.name)} maxLength={80} autoComplete="off" spellCheck={false} onChange={() => clear("name")} placeholder="ci" />
        </FieldBox>
        <FieldBox prefix="token" id="role" label="Role" error={errors.role} hint="No higher than your own.">
          <select
            {...fieldProps("token", "role", errors.role)}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as TokenRole);
              clear("role");
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_HELP[r]}
              </option>
            ))}
          </select>
        </FieldBox>
        <FieldBox prefix="token" id="expiresInDays" label="Expires after (days)" error={errors.expiresInDays} hint="Empty: never.">
          <input {...fieldProps("token", "expiresInDays", errors.expiresInDays)} inputMode="numeric" autoComplete="off" placeholder="90" onChange={() => clear("expiresInDays")} />
        </FieldBox>
        <div className="md:pt-6">
          <button type="submit" disabled={pending || !hydrated} className="w-full whitespace-nowrap rounded-lg bg-sky-700 px-5 py-2 text-base font-semibold text-white shadow hover:bg-sky-800 disabled:opacity-60">
            {pending ? "Making…" : "Make token"}
          </button>
        </div>
      </div>
      <FormError message={formError} className="mt-3" />
    </form>
  );
}
