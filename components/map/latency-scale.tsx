import { LATENCY_SCALE_MAX_MS, LATENCY_STOPS } from "@/lib/core/palette";

const GRADIENT = `linear-gradient(to right, ${LATENCY_STOPS.map((s) => `${s.colour} ${(s.ms / LATENCY_SCALE_MAX_MS) * 100}%`).join(", ")})`;

/** The key to the latency lines; its data-count tells tests how many lines the canvas holds. */
export function LatencyScale({ count, from }: { count: number; from: string }) {
  return (
    <div
      data-testid="latency-lines"
      data-count={count}
      className="pointer-events-none absolute bottom-6 right-[31rem] z-[1000] w-[28rem] rounded-xl border border-panel-edge bg-panel/95 px-4 py-2.5 text-sm text-slate-300 shadow-2xl backdrop-blur"
    >
      <p className="mb-1.5 truncate text-slate-200">
        Round-trip time from <span className="font-semibold text-white">{from}</span> · {count} {count === 1 ? "line" : "lines"}
      </p>
      <div className="h-2.5 rounded-full" style={{ background: GRADIENT }} />
      <div className="mt-1 flex justify-between tabular-nums">
        <span>0 ms</span>
        <span>100</span>
        <span>200</span>
        <span>300+ ms</span>
      </div>
      <div className="mt-1.5 flex gap-5">
        <span className="flex items-center gap-2">
          <svg width="28" height="6" aria-hidden>
            <line x1="1" y1="3" x2="27" y2="3" stroke="#cbd5e1" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
          measured
        </span>
        <span className="flex items-center gap-2">
          <svg width="28" height="6" aria-hidden>
            <line x1="1" y1="3" x2="27" y2="3" stroke="#cbd5e1" strokeWidth="2.5" strokeDasharray="6 5" />
          </svg>
          estimated
        </span>
      </div>
    </div>
  );
}
