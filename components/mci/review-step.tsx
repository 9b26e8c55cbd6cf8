"use client";

import { formatGiB, formatPrice } from "@/components/map/format";
import { plural } from "@/lib/core/plural";
import { providerColour } from "@/lib/core/palette";
import type { MciReview } from "@/lib/validation/mci";
import { formatMonthly } from "./format";

const WARNING_LABEL: Record<MciReview["warnings"][number]["kind"], string> = {
  quota: "Quota",
  capacity: "Capacity",
  cost: "Cost",
  image: "Image",
};

/** The dry run's answer: every VM to be made, what it costs, and what may stop it; nothing is made yet. */
export function ReviewStep({ review, providerOf }: { review: MciReview; providerOf: (region: string) => string }) {
  const providers = new Set(review.vms.map((v) => providerOf(v.region)));
  return (
    <div data-testid="review" className="flex min-h-0 flex-1 flex-col">
      <dl className="grid grid-cols-3 gap-2">
        <div className="rounded-lg bg-sea/70 px-3 py-2">
          <dt className="text-sm text-slate-400">VMs</dt>
          <dd data-testid="review-vm-count" className="text-2xl font-semibold tabular-nums text-white">
            {review.vms.length.toLocaleString("en-US")}
          </dd>
          <dd className="text-sm text-slate-400">
            {plural(review.subGroups.length, "subgroup")} · {plural(providers.size, "provider")}
          </dd>
        </div>
        <div className="rounded-lg bg-sea/70 px-3 py-2">
          <dt className="text-sm text-slate-400">Cost per hour</dt>
          <dd data-testid="review-cost-hour" className="text-2xl font-semibold tabular-nums text-emerald-200">
            {formatPrice(review.costPerHour)}
          </dd>
          <dd className="text-sm text-slate-400">on-demand, while running</dd>
        </div>
        <div className="rounded-lg bg-sea/70 px-3 py-2">
          <dt className="text-sm text-slate-400">Per month</dt>
          <dd data-testid="review-cost-month" className="text-2xl font-semibold tabular-nums text-emerald-200">
            {formatMonthly(review.costPerMonth).replace("/month", "")}
          </dd>
          <dd className="text-sm text-slate-400">730 hours</dd>
        </div>
      </dl>

      <div data-testid="review-warnings" className="mt-3">
        {review.warnings.length === 0 ? (
          <p className="rounded-lg border border-emerald-400/30 bg-emerald-500/10 px-3 py-2 text-emerald-100">
            No warnings: every region has the quota and capacity this plan asks for, as far as Barista can tell.
          </p>
        ) : (
          <ul className="space-y-1.5">
            {review.warnings.map((w, i) => (
              <li key={i} className="rounded-lg border border-amber-400/40 bg-amber-500/10 px-3 py-2 text-amber-100">
                <span className="mr-2 rounded bg-amber-400/20 px-1.5 text-sm font-semibold text-amber-200">{WARNING_LABEL[w.kind]}</span>
                {w.subGroup && <span className="mr-1 font-mono text-sm text-amber-200">{w.subGroup}:</span>}
                {w.message}
              </li>
            ))}
          </ul>
        )}
      </div>

      <h3 className="mt-3 text-base font-semibold text-white">Every VM to be made</h3>
      <div className="mt-1 min-h-[10rem] flex-1 overflow-auto rounded-lg border border-panel-edge/70">
        <table data-testid="review-table" className="w-full text-left text-[0.95rem]">
          <thead className="sticky top-0 z-10 bg-panel text-sm text-slate-400">
            <tr>
              <th className="py-1.5 pl-3 pr-2 font-medium">VM</th>
              <th className="py-1.5 pr-2 font-medium">Spec</th>
              <th className="py-1.5 pr-2 font-medium">Image</th>
              <th className="py-1.5 pr-3 text-right font-medium">Price</th>
            </tr>
          </thead>
          <tbody>
            {review.vms.map((v) => (
              <tr key={v.name} data-testid="review-vm-row" className="border-t border-panel-edge/50 align-top">
                <td className="max-w-[12rem] py-1.5 pl-3 pr-2">
                  <span className="block truncate font-mono text-sm text-white" title={v.name}>
                    {v.name}
                  </span>
                  <span className="flex items-center gap-1.5 truncate text-sm text-slate-400" title={`${v.regionName} (${v.region})`}>
                    <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: providerColour(providerOf(v.region)) }} />
                    <span className="truncate">{v.regionName}</span>
                  </span>
                </td>
                <td className="py-1.5 pr-2">
                  <span className="block whitespace-nowrap font-mono text-sm text-slate-100">{v.specName}</span>
                  <span className="block whitespace-nowrap text-sm text-slate-400">
                    {v.vcpu} vCPU · {formatGiB(v.memoryGiB)}
                  </span>
                </td>
                <td className="max-w-[9rem] py-1.5 pr-2">
                  <span className="block truncate text-sm text-slate-300" title={v.imageId}>
                    {v.imageId}
                  </span>
                </td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums text-emerald-200">{formatPrice(v.pricePerHour)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
