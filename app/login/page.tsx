import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { safeNext } from "@/components/auth/safe-next";
import { accountsExist, pageViewer } from "@/lib/http";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Someone signed in has nothing to do here; an anonymous reader (BARISTA_ANONYMOUS_ROLE) came to sign in.
  const viewer = await pageViewer();
  if (viewer && viewer.kind !== "anonymous") redirect(safeNext(next));
  if (!(await accountsExist())) {
    return (
      <AuthCard title="Set up Barista first">
        <p className="text-lg text-slate-300">
          No account exists yet. When the server started it printed a one-time setup link (<code className="text-amber-200">/setup?token=…</code>); open it to create the
          admin account. Restart the server to print a new one.
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Sign in">
      <LoginForm next={next} />
      <p className="mt-6 text-sm text-slate-400">No account? Ask an admin of this Barista to add you.</p>
    </AuthCard>
  );
}
