/** An answer of the console's API that was not 2xx; `status` lets a page tell "gone" from "broken". */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Fetches JSON from the console's own API; an error carries the API's `{ error }` message. */
export async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError("The Barista server did not answer. Check that it is running; the page retries by itself.", 0);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(body?.error ?? `The server answered ${res.status} ${res.statusText}.`, res.status);
  }
  return (await res.json()) as T;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
