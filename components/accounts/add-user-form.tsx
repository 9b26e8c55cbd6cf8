"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useHydrated } from "@/components/connections/use-hydrated";
import { FieldBox, fieldProps, FormError } from "@/components/ui/form-fields";
import { fieldIn } from "@/components/ui/place-issues";
import { useFormIssues } from "@/components/ui/use-form-issues";
import type { Role } from "@/lib/core/roles";
import type { UserView } from "./account-types";
import { createUserAction } from "./actions";
import { RoleOptions } from "./role-select";

type Field = "name" | "email" | "password" | "role";
const FIELDS: readonly Field[] = ["name", "email", "password", "role"];

/** A new user who signs in with email and password; tell them the password another way. */
export function AddUserForm({ onAdded }: { onAdded: (user: UserView) => void }) {
  const [role, setRole] = useState<Role>("viewer");
  const { errors, formError, clear, show, reset } = useFormIssues<Field>();
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    reset();
    startTransition(async () => {
      const answer = await createUserAction({ name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? ""), role });
      if (answer.ok) {
        formEl.reset();
        setRole("viewer");
        onAdded(answer.data);
        return;
      }
      show(answer, fieldIn(FIELDS));
    });
  }

  return (
    <section aria-labelledby="add-user-title" className="mt-5 rounded-xl border border-panel-edge bg-panel p-5 shadow-lg">
      <h2 id="add-user-title" className="text-xl font-semibold text-white">
        Add user
      </h2>
      <form data-testid="add-user-form" onSubmit={submit} noValidate className="mt-3">
        <div className="grid grid-cols-1 items-start gap-x-4 gap-y-3 md:grid-cols-2 xl:grid-cols-[1fr_1.3fr_1.1fr_1.3fr_auto]">
          <FieldBox prefix="user" id="name" label="Name" error={errors.name}>
            <input {...fieldProps("user", "name", errors.name)} autoComplete="off" maxLength={100} onChange={() => clear("name")} placeholder="Ada Lovelace" />
          </FieldBox>
          <FieldBox prefix="user" id="email" label="Email (they sign in with it)" error={errors.email}>
            <input {...fieldProps("user", "email", errors.email)} type="email" autoComplete="off" spellCheck={false} onChange={() => clear("email")} placeholder="ada@example.com" />
          </FieldBox>
          <FieldBox prefix="user" id="password" label="Password" error={errors.password} hint="At least 10 characters.">
            <input {...fieldProps("user", "password", errors.password)} type="password" autoComplete="new-password" onChange={() => clear("password")} />
          </FieldBox>
          <FieldBox prefix="user" id="role" label="Role" error={errors.role}>
            <select
              {...fieldProps("user", "role", errors.role)}
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role);
                clear("role");
              }}
            >
              <RoleOptions />
            </select>
          </FieldBox>
          <div className="xl:pt-6">
            <button type="submit" disabled={pending || !hydrated} className="w-full whitespace-nowrap rounded-lg bg-sky-700 px-5 py-2 text-base font-semibold text-white shadow hover:bg-sky-800 disabled:opacity-60">
              {pending ? "Adding…" : "Add user"}
            </button>
          </div>
        </div>
        <FormError message={formError} className="mt-3" />
      </form>
    </section>
  );
}
