export interface WebhookOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Waits between attempts, in ms. */
  backoffMs?: number[];
}

/**
 * POSTs a JSON body, retrying on network failures and 5xx answers (a receiver that restarts
 * should still hear about the alert), never on 4xx. Answers what happened, for the event's
 * record; never throws.
 */
export async function postWebhook(url: string, body: unknown, opts: WebhookOptions = {}): Promise<string> {
  const { timeoutMs = 5_000, attempts = 3, backoffMs = [1_000, 4_000] } = opts;
  let outcome = "";
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, backoffMs[Math.min(i - 1, backoffMs.length - 1)] ?? 1_000));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "barista-alerts" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "manual",
      });
      await res.arrayBuffer().catch(() => undefined);
      outcome = `HTTP ${res.status}${i ? ` after ${i + 1} attempts` : ""}`;
      if (res.status < 500) return res.ok ? `delivered (${outcome})` : `refused (${outcome})`;
    } catch (e) {
      outcome = e instanceof Error ? (e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : e.message) : String(e);
    }
  }
  return `failed after ${attempts} attempts: ${outcome}`;
}
