"use client";

import { useLayoutEffect, useRef } from "react";
import { settleCarriageReturns } from "./ansi";
import type { LiveVm } from "./command-state";

/**
 * One VM's output: stdout in the panel's text colour, stderr in rose with a rule in the margin,
 * in the order they came. It follows new output while scrolled to the bottom, and stays put
 * once the reader scrolls up.
 */
export function OutputPane({ vm }: { vm: LiveVm }) {
  const ref = useRef<HTMLPreElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [vm.chunks]);

  const waiting = vm.status === "pending" || vm.status === "running";
  return (
    <div data-testid="command-output" data-vm-id={vm.vmId} className="mt-1.5 overflow-hidden rounded-md border border-panel-edge bg-sea">
      {vm.message && (
        <p data-testid="command-vm-message" className="border-b border-panel-edge bg-slate-800/50 px-3 py-1 text-sm text-slate-200">
          {vm.message}
        </p>
      )}
      <pre
        ref={ref}
        tabIndex={0}
        aria-label={`Output of ${vm.vmName}`}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
        }}
        className="max-h-64 overflow-auto whitespace-pre-wrap break-words px-3 py-1.5 font-mono text-[0.85rem] leading-5 text-slate-100 focus:outline-none focus-visible:ring-1 focus-visible:ring-sky-400"
      >
        {vm.chunks.length === 0 ? (
          <span className="italic text-slate-400">{waiting ? "Waiting for output…" : "No output."}</span>
        ) : (
          vm.chunks.map((c, i) =>
            c.stream === "stderr" ? (
              <span key={i} data-stream="stderr" className="-ml-2 border-l-2 border-rose-400/70 pl-1.5 text-rose-200">
                {settleCarriageReturns(c.text)}
              </span>
            ) : (
              <span key={i} data-stream="stdout">
                {settleCarriageReturns(c.text)}
              </span>
            ),
          )
        )}
      </pre>
      {vm.truncated && <p className="border-t border-panel-edge px-3 py-1 text-sm text-amber-200">Output past the size kept per VM was dropped; run a narrower command or write it to a file on the VM.</p>}
    </div>
  );
}
