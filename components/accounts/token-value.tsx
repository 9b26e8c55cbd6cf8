"use client";

import { useEffect, useRef, useState } from "react";
import type { TokenCreated } from "./account-types";

/** The new token's value, this once: Copy, how to send it, and a plain word that it will not come back. */
export function TokenValue({ token, onDone }: { token: TokenCreated; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const valueRef = useRef<HTMLElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => panelRef.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      // No clipboard (an http page, a refused permission): select it so Ctrl+C does the rest.
      const range = document.createRange();
      if (valueRef.current) range.selectNodeContents(valueRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("no");
    }
  }

  return (
    <div
      ref={panelRef}
      tabIndex={-1}
      data-testid="new-token"
      role="region"
      aria-label={`The value of the new token ${token.name}`}
      className="mx-5 mb-4 rounded-lg border border-emerald-400/50 bg-emerald-500/10 px-4 py-3 focus:outline-none"
    >
      <p className="font-semibold text-emerald-100">
        Token “{token.name}” is ready. Copy it now: Barista keeps only a hash of it and will not show it again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code ref={valueRef} data-testid="token-value" className="min-w-0 flex-1 break-all rounded-md border border-panel-edge bg-sea px-3 py-2 font-mono text-[0.95rem] text-amber-100">
          {token.token}
        </code>
        <button type="button" onClick={copy} className="rounded-lg bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800">
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg px-4 py-2 text-slate-200 ring-1 ring-panel-edge hover:bg-slate-700/60">
          Done
        </button>
      </div>
      <p className="mt-2 text-sm text-slate-300" aria-live="polite">
        {copied === "no" ? "The browser did not let the page copy it; it is selected: press Ctrl+C (⌘C). " : ""}
        Send it as <code className="text-slate-100">Authorization: Bearer {token.token.slice(0, 9)}…</code>
        {token.expiresAt ? `; it expires ${token.expiresAt.slice(0, 10)}.` : "; it never expires, revoke it when it is no longer needed."}
      </p>
    </div>
  );
}
