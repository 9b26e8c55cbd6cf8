/** `$12.34/month` (730 hours, as the review counts a month). */
export function formatMonthly(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/month`;
}
