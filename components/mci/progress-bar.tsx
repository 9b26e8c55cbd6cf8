import { deletingText } from "@/lib/core/mci-status";
import { countKey, progressText, STATUS_ORDER, statusSegments, type StatusCount } from "./status-display";

type Props = {
  count: StatusCount;
  /** While deleting, the bar counts terminated VMs instead of running ones. */
  deleting?: boolean;
  busy: boolean;
  size?: "sm" | "lg";
};

function dataAttributes(count: StatusCount): Record<string, number> {
  const out: Record<string, number> = { "data-total": count.total };
  for (const s of STATUS_ORDER) out[`data-${countKey(s)}`] = count[countKey(s)];
  return out;
}

/** One bar per MCI: a segment per status in its colour, and the counts in words beside it. */
export function ProgressBar({ count, deleting = false, busy, size = "lg" }: Props) {
  const segments = statusSegments(count);
  const text = deleting ? deletingText(count.terminated, count.total) : progressText(count);
  const done = deleting ? count.terminated : count.running;
  return (
    <div
      data-testid="mci-progress"
      data-busy={busy}
      {...dataAttributes(count)}
      role="progressbar"
      aria-label={deleting ? "VMs terminated" : "VMs running"}
      aria-valuemin={0}
      aria-valuemax={count.total}
      aria-valuenow={done}
      aria-valuetext={text}
      className="min-w-0"
    >
      <div className={`flex w-full overflow-hidden rounded-full bg-slate-700/60 ${size === "lg" ? "h-3" : "h-2"}`}>
        {segments.map((s) => (
          <div
            key={s.status}
            title={`${s.count} ${s.status.toLowerCase()}`}
            className={`h-full transition-[width] duration-500 ease-out ${busy && s.status !== "Running" && s.status !== "Terminated" ? "animate-pulse" : ""}`}
            style={{ width: `${(s.count / Math.max(1, count.total)) * 100}%`, backgroundColor: s.colour, opacity: s.opacity }}
          />
        ))}
      </div>
      <p data-testid="mci-progress-text" className={`mt-1 truncate tabular-nums ${size === "lg" ? "text-base text-slate-100" : "text-sm text-slate-300"}`}>
        {text}
      </p>
    </div>
  );
}
