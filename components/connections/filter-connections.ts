import type { ConnectionView } from "@/lib/validation/connections";

export type Names = { provider: ReadonlyMap<string, string>; region: ReadonlyMap<string, string> };

/** Every word must appear somewhere in the row, so "aws seoul" finds AWS's Seoul connections. */
export function filterConnections(list: readonly ConnectionView[], text: string, provider: string, names: Names): ConnectionView[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((c) => {
    if (provider !== "all" && c.provider !== provider) return false;
    if (words.length === 0) return true;
    const haystack = [c.name, c.provider, names.provider.get(c.provider) ?? "", c.region, names.region.get(c.regionKey) ?? "", c.driver, c.credential]
      .join(" ")
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
