import { placeIssues, type PlacedIssues } from "@/components/ui/place-issues";
import type { ActionFailure } from "@/lib/http";

/**
 * Where a failed review or create shows its issues: the MCI's name at the name field; a subgroup's
 * on the form, led by that subgroup's region (`regionOf(i)`) unless the message names it already,
 * since the request names a subgroup only by its index.
 */
export function placeCreateIssues(failure: Pick<ActionFailure, "error" | "issues">, regionOf: (index: number) => string | undefined): PlacedIssues<"name"> {
  const issues = failure.issues.map((issue) => {
    const [top, list, index] = issue.path.split(".");
    const region = top === "mci" && list === "subGroups" && index !== undefined ? regionOf(Number(index)) : undefined;
    return region && !issue.message.includes(region) ? { ...issue, message: `${region}: ${issue.message}` } : issue;
  });
  return placeIssues({ error: failure.error, issues }, (path) => (path === "mci.name" ? "name" : null));
}
