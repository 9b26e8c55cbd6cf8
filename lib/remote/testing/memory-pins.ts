import type { HostKeyPins } from "../ssh-client";

/** Host-key pins in memory, as the store keeps them: the first key is accepted, a different one refused. */
export function memoryPins(): HostKeyPins & { pins: Map<string, string> } {
  const pins = new Map<string, string>();
  return {
    pins,
    async check(id, fp) {
      const known = pins.get(id);
      if (!known) return pins.set(id, fp), null;
      return known === fp ? null : `the host key of ${id} changed (pinned ${known}, offered ${fp})`;
    },
  };
}
