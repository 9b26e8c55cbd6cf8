const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-500/15 text-sky-300 ring-sky-400/40",
  post: "bg-emerald-500/15 text-emerald-300 ring-emerald-400/40",
  put: "bg-amber-500/15 text-amber-300 ring-amber-400/40",
  patch: "bg-violet-500/15 text-violet-300 ring-violet-400/40",
  delete: "bg-rose-500/15 text-rose-300 ring-rose-400/50",
};

/** The HTTP method as a coloured label; the word itself carries the meaning, the colour only helps. */
export function MethodBadge({ method, size = "md" }: { method: string; size?: "sm" | "md" }) {
  const style = METHOD_STYLE[method] ?? "bg-slate-600/30 text-slate-200 ring-slate-400/40";
  const box = size === "sm" ? "w-[3.6rem] text-xs py-px" : "w-[4.6rem] text-sm py-0.5";
  return (
    <span data-testid="method-badge" className={`inline-block shrink-0 rounded text-center font-mono font-bold uppercase ring-1 ${box} ${style}`}>
      {method}
    </span>
  );
}

export function statusTone(status: string): string {
  if (status.startsWith("2")) return "bg-emerald-500/15 text-emerald-300 ring-emerald-400/40";
  if (status.startsWith("4")) return "bg-amber-500/15 text-amber-300 ring-amber-400/40";
  if (status.startsWith("5")) return "bg-rose-500/15 text-rose-300 ring-rose-400/50";
  return "bg-slate-600/30 text-slate-200 ring-slate-400/40";
}
