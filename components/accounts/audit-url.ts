/** The audit page's filters, as its URL and the API's query carry them (from/to as ISO times in UTC). */
export const AUDIT_FILTERS = ["actor", "action", "target", "from", "to"] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Partial<Record<AuditFilter, string>>;

/** The filters a URL names, blank ones left out. */
export function filtersFromSearch(search: Pick<URLSearchParams, "get">): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTERS) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** `actor=ada&from=…` in a fixed order, so the same filters always make the same link. */
export function filterSearch(filters: AuditFilters, extra: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const key of AUDIT_FILTERS) if (filters[key]) search.set(key, filters[key]!);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== "") search.set(key, String(value));
  return search.toString();
}

/** The REST call for these filters: the table's JSON, or the CSV download with `format: "csv"`. */
export function auditUrl(filters: AuditFilters, extra: { limit?: number; format?: "csv" } = {}): string {
  const q = filterSearch(filters, extra);
  return q ? `/api/v1/audit?${q}` : "/api/v1/audit";
}

/**
 * A minute picked in a datetime-local field, read as UTC like every time the console prints:
 * `2026-11-27T03:10` is `2026-11-27T03:10:00Z` as a start and `…03:10:59.999Z` as an end, so
 * "to 03:10" keeps what happened during that minute.
 */
export function isoFromInput(value: string, bound: "from" | "to"): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  return `${value}${bound === "from" ? ":00Z" : ":59.999Z"}`;
}

/** The minute a datetime-local field shows for an ISO time of the URL (empty when it is not one). */
export function inputFromIso(iso: string | undefined): string {
  const m = iso && /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z$/.exec(iso);
  return m ? m[1] : "";
}
