import { DEFAULT_DRAFT, type SubgroupDraft } from "./subgroup-draft";

/** `regions=a,b,c`: the regions of a draft, as a copied link or a placement plan names them. */
export function parseKeys(value: string | null): string[] {
  return [...new Set((value ?? "").split(",").filter(Boolean))];
}

/** `specs=region:specId,…` from a placement plan: those regions start on the spec the plan chose. */
export function parseSpecs(value: string | null): Record<string, SubgroupDraft> {
  const drafts: Record<string, SubgroupDraft> = {};
  for (const entry of (value ?? "").split(",")) {
    const at = entry.indexOf(":");
    if (at > 0 && at < entry.length - 1) drafts[entry.slice(0, at)] = { ...DEFAULT_DRAFT, specId: entry.slice(at + 1) };
  }
  return drafts;
}
