import { UnavailableError } from "@/lib/core/errors";
import type { CloudDriver } from "@/lib/drivers/types";

const MUTATIONS = new Set(["createVNet", "createSecurityGroup", "createKeyPair", "createVm", "suspendVm", "resumeVm", "rebootVm", "terminateVm", "deleteVNet", "deleteSecurityGroup", "deleteKeyPair"]);

/**
 * A driver between the reconciler and a cloud that fails every Nth call before it reaches the
 * cloud, or (lostReplies) lets every Nth mutation take effect and then loses the answer.
 */
export function faultyDriver(inner: CloudDriver, opts: { failEvery?: number; loseEvery?: number }, counter = { calls: 0, mutations: 0 }): CloudDriver {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      const name = String(prop);
      return async (...args: unknown[]) => {
        counter.calls++;
        if (opts.failEvery && counter.calls % opts.failEvery === 0) throw new UnavailableError(`${name}: injected failure (call ${counter.calls})`);
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (MUTATIONS.has(name)) {
          counter.mutations++;
          if (opts.loseEvery && counter.mutations % opts.loseEvery === 0) throw new UnavailableError(`${name}: injected lost reply (mutation ${counter.mutations})`);
        }
        return result;
      };
    },
  });
}
