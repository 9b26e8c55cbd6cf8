"use client";

import { useState, type FormEvent } from "react";
import { FieldBox, fieldProps, FormError } from "@/components/ui/form-fields";
import { safeNext } from "./safe-next";

const MESSAGES: Record<number, string> = {
  401: "The email or the password is wrong.",
  429: "Too many sign-in attempts from here. Wait a minute, then try again.",
};

/** Signs in through better-auth's own endpoint; the session cookie comes back httpOnly. */
export function LoginForm({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") }),
      });
      if (res.ok) {
        window.location.assign(safeNext(next));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      setError(MESSAGES[res.status] ?? body.message ?? `Signing in failed (HTTP ${res.status}); try again.`);
    } catch {
      setError("The server did not answer; check that Barista is running, then try again.");
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-describedby={error ? "login-error" : undefined}>
      <FieldBox prefix="login" id="email" label="Email">
        <input {...fieldProps("login", "email", undefined)} type="email" autoComplete="username" required autoFocus />
      </FieldBox>
      <FieldBox prefix="login" id="password" label="Password">
        <input {...fieldProps("login", "password", undefined)} type="password" autoComplete="current-password" required />
      </FieldBox>
      <FormError message={error} id="login-error" testId="login-error" />
      <button type="submit" disabled={busy} className="w-full rounded-lg bg-sky-700 px-4 py-2.5 text-lg font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
