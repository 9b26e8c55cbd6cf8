"use client";

import type { ConnectionView, VerifyAnswer } from "@/lib/validation/connections";
import { ConnectionRow } from "./connection-row";
import type { Names } from "./filter-connections";
import { useHydrated } from "./use-hydrated";
import { useNow } from "./use-now";

type Props = {
  rows: readonly ConnectionView[];
  names: Names;
  answers: Readonly<Record<string, VerifyAnswer>>;
  highlighted: string | null;
  onVerified: (answer: VerifyAnswer) => void;
  onRemoved: (name: string) => void;
};

const COLUMNS = [
  { label: "Name", width: "w-[16%]", className: "pl-4" },
  { label: "Provider", width: "w-[8%]" },
  { label: "Region", width: "w-[17%]" },
  { label: "Driver", width: "w-[5%]" },
  { label: "Credential", width: "w-[9%]" },
  { label: "Last verify", width: "w-[29%]" },
  { label: "", width: "w-[16%]", className: "pr-4" },
] as const;

/** The connections as one compact table; the header stays in view while the list scrolls. */
export function ConnectionTable({ rows, names, answers, highlighted, onVerified, onRemoved }: Props) {
  const now = useNow();
  const hydrated = useHydrated();
  return (
    <table data-testid="connection-table" className="w-full min-w-[64rem] table-fixed border-collapse text-left text-base">
      <thead>
        <tr>
          {COLUMNS.map((col, i) => (
            <th
              key={i}
              scope="col"
              className={`sticky top-0 z-10 border-b border-panel-edge bg-panel py-2 pr-3 text-sm font-medium text-slate-400 ${col.width} ${
                "className" in col ? col.className : ""
              }`}
            >
              {col.label || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <ConnectionRow
            key={c.name}
            connection={c}
            providerName={names.provider.get(c.provider) ?? c.provider}
            regionName={names.region.get(c.regionKey)}
            answer={answers[c.name]}
            highlighted={highlighted === c.name}
            now={now}
            ready={hydrated}
            columns={COLUMNS.length}
            onVerified={onVerified}
            onRemoved={onRemoved}
          />
        ))}
      </tbody>
    </table>
  );
}
