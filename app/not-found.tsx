import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex h-full flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-3xl font-semibold text-white">Nothing here</h1>
      <p className="max-w-md text-lg text-slate-300">
        This address is not a page of the console. The map shows every region; start there.
      </p>
      <Link href="/" className="rounded-lg bg-sky-700 px-5 py-2 text-lg font-medium text-white hover:bg-sky-800">
        Open the map
      </Link>
    </div>
  );
}
