import { refusal, type Answer } from "@/components/commands/command-api";
import { mciAppsUrl } from "./use-apps";

/** Starts an install (202 with its id); a refusal comes back in the API's words. */
export async function installApp(ns: string, mciId: string, body: { app: string; subGroup?: string }): Promise<Answer<{ id: string }>> {
  let res: Response;
  try {
    res = await fetch(mciAppsUrl(ns, mciId), { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body), cache: "no-store" });
  } catch {
    return { ok: false, status: 0, error: "The Barista server did not answer. Check that it is running, then try again." };
  }
  if (!res.ok) return { ok: false, status: res.status, error: await refusal(res) };
  return { ok: true, data: (await res.json()) as { id: string } };
}
