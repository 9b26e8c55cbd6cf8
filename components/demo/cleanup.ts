import { ApiError } from "@/components/api/fetch-json";
import { plural } from "@/lib/core/plural";
import type { MciView } from "@/lib/validation/mci";
import { callApi, pause } from "./demo-api";

export type CleanupState = "idle" | "working" | "done" | "failed";

/**
 * Removes what a tour made in its namespace: deletes every MCI (the VMs terminate), waits until
 * they are gone, then removes the namespace, retrying while its network is still being freed.
 * It reports in words as it goes, since terminating VMs at real speed takes a minute or two.
 */
export async function cleanUpNamespace(namespace: string, progress: (words: string) => void, signal?: AbortSignal): Promise<void> {
  const list = async () => {
    try {
      return await callApi<MciView[]>("GET", `/api/v1/ns/${namespace}/mci`, undefined, signal);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  };
  let mcis = await list();
  if (mcis === null) return progress(`namespace ${namespace} is already gone`);
  const total = mcis.reduce((n, m) => n + m.vms.length, 0);
  for (const m of mcis) await callApi("DELETE", `/api/v1/ns/${namespace}/mci/${m.id}`, undefined, signal);
  const until = Date.now() + 15 * 60_000;
  while (mcis && mcis.length > 0) {
    const left = mcis.reduce((n, m) => n + m.vms.filter((v) => v.status !== "Terminated").length, 0);
    progress(`terminating ${plural(total, "VM")}: ${total - left} of ${total} gone`);
    if (Date.now() > until) throw new Error(`${plural(left, "VM")} still terminating after 15 minutes; press Clean up on /demo to try again`);
    await pause(1500, signal);
    mcis = await list();
  }
  progress(`${plural(total, "VM")} terminated; removing namespace ${namespace}`);
  for (let tries = 0; ; tries++) {
    try {
      await callApi("DELETE", `/api/v1/namespaces/${namespace}`, undefined, signal);
      break;
    } catch (e) {
      // 409: its network in some connection is still being freed; 404: someone else removed it.
      if (e instanceof ApiError && e.status === 404) break;
      if (!(e instanceof ApiError && e.status === 409) || tries >= 60) throw e;
      await pause(2000, signal);
    }
  }
  progress(`removed namespace ${namespace} and its ${plural(total, "VM")}`);
}
