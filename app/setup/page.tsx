import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { setupTokenValid } from "@/lib/auth";
import { accountsExist } from "@/lib/http";
import { runtime } from "@/lib/server";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (await accountsExist()) {
    return (
      <AuthCard title="Barista is set up">
        <p className="mb-6 text-lg text-slate-300">An admin account exists, so this link has done its job.</p>
        <Link href="/login" className="inline-block rounded-lg bg-sky-700 px-5 py-2 text-lg font-medium text-white hover:bg-sky-800">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  if (!token || !(await setupTokenValid(runtime().auth, token))) {
    return (
      <AuthCard title="This setup link is not valid">
        <p className="text-lg text-slate-300">Use the link the server printed when it last started; each start prints a new one and the old one stops working.</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create the admin account">
      <p className="mb-6 text-slate-300">You are the first person here. The admin adds users, API tokens, credentials and connections.</p>
      <SetupForm token={token} />
    </AuthCard>
  );
}
