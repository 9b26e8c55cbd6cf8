import type { ReactNode } from "react";

/** The frame of the sign-in and setup pages: the console's name over one small form, on the sea. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-full flex-1 items-center justify-center px-4 py-10">
      <section aria-labelledby="auth-title" className="w-full max-w-md rounded-xl border border-panel-edge bg-panel p-8 shadow-2xl">
        <p className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight text-white">
          <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-amber-400 shadow-[0_0_10px_#fbbf24]" />
          Barista
        </p>
        <h1 id="auth-title" className="mb-6 text-2xl font-semibold text-white">
          {title}
        </h1>
        {children}
      </section>
    </main>
  );
}
