"use client";

/** The list could not be read (the database is missing or locked): say so and offer a retry. */
export default function ConnectionsError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div className="flex h-full flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold text-white">The connections could not be loaded</h1>
      <p className="max-w-xl text-lg text-slate-300">
        The server could not read its database{digest ? ` (ref ${digest})` : ""}. Check that the server is running and that its log
        shows no database error, then retry.
      </p>
      <button type="button" onClick={retry} className="rounded-lg bg-sky-700 px-5 py-2 text-lg font-medium text-white hover:bg-sky-800">
        Retry
      </button>
    </div>
  );
}
