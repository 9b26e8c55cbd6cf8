import { ApiError } from "@/components/api/fetch-json";

/**
 * The REST API as a user's script would call it (same paths, same JSON), from the browser with the
 * console's session: the tours drive Barista through nothing else.
 */
export async function callApi<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      signal,
      cache: "no-store",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError("the Barista server did not answer; check that it runs", 0);
  }
  if (!res.ok) {
    const answer = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(`${method} ${url.split("?")[0]}: ${answer?.error ?? `${res.status} ${res.statusText}`}`, res.status);
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Waits `ms`, or less when the signal aborts (then it throws, as fetch does). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      reject(signal.reason);
    }, { once: true });
  });
}

/**
 * Reads until `done` holds or the deadline passes, calling `seen` with each answer (for live
 * progress). Answers the last value and whether it ended by the deadline.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, seen: (v: T) => void, deadlineMs: number, signal?: AbortSignal, everyMs = 1000): Promise<{ value: T; timedOut: boolean }> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    seen(value);
    if (done(value)) return { value, timedOut: false };
    if (Date.now() >= until) return { value, timedOut: true };
    await pause(everyMs, signal);
  }
}
