"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FieldBox, fieldProps, FormError } from "@/components/ui/form-fields";
import { useFormIssues } from "@/components/ui/use-form-issues";
import { completeSetupAction } from "./actions";

const FIELDS = ["name", "email", "password"] as const;
type Field = (typeof FIELDS)[number];

/** The first admin's account: name, email and a password of at least 10 characters. */
export function SetupForm({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const router = useRouter();
  const issues = useFormIssues<Field>();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const answer = await completeSetupAction({ token, name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
    if (answer.ok) {
      router.replace("/");
      return;
    }
    issues.show(answer, (path) => (FIELDS.includes(path as Field) ? (path as Field) : null));
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FieldBox prefix="setup" id="name" label="Your name" error={issues.errors.name}>
        <input {...fieldProps("setup", "name", issues.errors.name)} autoComplete="name" required autoFocus />
      </FieldBox>
      <FieldBox prefix="setup" id="email" label="Email (you sign in with it)" error={issues.errors.email}>
        <input {...fieldProps("setup", "email", issues.errors.email)} type="email" autoComplete="username" required />
      </FieldBox>
      <FieldBox prefix="setup" id="password" label="Password" error={issues.errors.password} hint="At least 10 characters.">
        <input {...fieldProps("setup", "password", issues.errors.password)} type="password" autoComplete="new-password" required />
      </FieldBox>
      <FormError message={issues.formError} testId="setup-error" />
      <button type="submit" disabled={busy} className="w-full rounded-lg bg-sky-700 px-4 py-2.5 text-lg font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {busy ? "Creating the admin…" : "Create the admin account"}
      </button>
    </form>
  );
}
