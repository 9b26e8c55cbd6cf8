/** Work item keys: what the reconciler looks at, one row per thing in the durable queue. */
export const vmKey = (id: string) => `vm:${id}`;
export const mciKey = (id: string) => `mci:${id}`;
export const watchKey = (connection: string) => `watch:${connection}`;

export function parseKey(key: string): { kind: "vm" | "mci" | "watch"; id: string } | null {
  const i = key.indexOf(":");
  const kind = key.slice(0, i);
  if (kind !== "vm" && kind !== "mci" && kind !== "watch") return null;
  return { kind, id: key.slice(i + 1) };
}
