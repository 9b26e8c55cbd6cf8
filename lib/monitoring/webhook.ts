import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { refuseUrl, STRICT_POLICY, vettedLookup, WebhookRefusedError, type WebhookPolicy } from "./webhook-target";

export interface WebhookOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Waits between attempts, in ms. */
  backoffMs?: number[];
  /** Which internal receivers are allowed, and the resolver (tests replace it). */
  policy?: WebhookPolicy;
}

class NoAnswerError extends Error {}

/**
 * One POST. Resolves to the HTTP status; the response body is never read, so nothing a receiver
 * answers reaches the event's record. No redirect is followed (node:http follows none).
 */
function postOnce(url: URL, payload: string, policy: WebhookPolicy, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "user-agent": "barista-alerts" },
        lookup: vettedLookup(policy),
        // A socket of its own each time: a pooled one would skip the lookup, and with it the check.
        agent: false,
      },
      (res) => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    const timer = setTimeout(() => req.destroy(new NoAnswerError()), timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(payload);
  });
}

/**
 * POSTs a JSON body, retrying on network failures and 5xx answers (a receiver that restarts
 * should still hear about the alert), never on 4xx, 3xx or a refusal. An internal receiver (see
 * webhook-target.ts) is refused, whatever its name resolves to at this moment. Answers what
 * happened, for the event's record; never throws.
 */
export async function postWebhook(url: string, body: unknown, opts: WebhookOptions = {}): Promise<string> {
  const { timeoutMs = 5_000, attempts = 3, backoffMs = [1_000, 4_000], policy = STRICT_POLICY } = opts;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return `refused: ${url} is not a URL`;
  }
  // Rules made before the checks existed may point anywhere: the send checks again.
  const refused = refuseUrl(policy.allow, target);
  if (refused) return `refused: ${refused}`;
  const payload = JSON.stringify(body);
  let outcome = "";
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, backoffMs[Math.min(i - 1, backoffMs.length - 1)] ?? 1_000));
    try {
      const status = await postOnce(target, payload, policy, timeoutMs);
      outcome = `HTTP ${status}${i ? ` after ${i + 1} attempts` : ""}`;
      if (status >= 300 && status < 400) return `refused (${outcome}: a redirect, not followed)`;
      if (status < 500) return status >= 200 && status < 300 ? `delivered (${outcome})` : `refused (${outcome})`;
    } catch (e) {
      if (e instanceof WebhookRefusedError) return `refused: ${e.message}`;
      outcome = e instanceof NoAnswerError ? `no answer within ${timeoutMs} ms` : e instanceof Error ? e.message : String(e);
    }
  }
  return `failed after ${attempts} attempts: ${outcome}`;
}
