import type { CommandSummary } from "./command-types";

const base = (ns: string, mciId: string) => `/api/v1/ns/${encodeURIComponent(ns)}/mci/${encodeURIComponent(mciId)}/commands`;

export const commandUrls = {
  list: (ns: string, mciId: string) => base(ns, mciId),
  one: (ns: string, mciId: string, cid: string) => `${base(ns, mciId)}/${encodeURIComponent(cid)}`,
  stream: (ns: string, mciId: string, cid: string) => `${base(ns, mciId)}/${encodeURIComponent(cid)}/stream`,
  cancel: (ns: string, mciId: string, cid: string) => `${base(ns, mciId)}/${encodeURIComponent(cid)}/cancel`,
};

export const commandKeys = {
  history: (ns: string, mciId: string) => ["ns", ns, "mci", mciId, "commands"] as const,
};

export type CommandRequest = { command: string; subGroup?: string; vmIds?: string[]; timeoutSeconds: number };

export type Answer<T> = { ok: true; data: T } | { ok: false; error: string; status: number };

/** The words of a refusal: the API's `error`, else what the status means, never an empty failure. */
export async function refusal(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  if (body?.error) return body.error;
  if (res.status === 401) return "You are signed out. Sign in again and retry.";
  if (res.status === 403) return "Your role may not do this here.";
  return `The server answered ${res.status} ${res.statusText || ""}`.trim() + ".";
}

async function post<T>(url: string, body: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body), cache: "no-store" });
  } catch {
    return { ok: false, status: 0, error: "The Barista server did not answer. Check that it is running, then try again." };
  }
  if (!res.ok) return { ok: false, status: res.status, error: await refusal(res) };
  return { ok: true, data: (await res.json()) as T };
}

/** Starts a command (202 with its id); a refusal comes back in the API's words. */
export function startCommand(ns: string, mciId: string, request: CommandRequest): Promise<Answer<{ id: string }>> {
  return post(commandUrls.list(ns, mciId), request);
}

export function cancelCommand(ns: string, mciId: string, cid: string): Promise<Answer<{ id: string; status: string; message: string }>> {
  return post(commandUrls.cancel(ns, mciId, cid), {});
}

export type CommandHistory = CommandSummary[];
