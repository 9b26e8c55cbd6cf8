"use client";

import { useState, useTransition } from "react";
import { formatGiB, formatPrice } from "@/components/map/format";
import { plural } from "@/lib/core/plural";
import { providerColour } from "@/lib/core/palette";
import { MAX_VMS_PER_SUBGROUP, type MciView } from "@/lib/validation/mci";
import { scaleSubGroupAction } from "./actions";
import { NumberField } from "./number-field";
import { GroupStatusBadge } from "./status-badge";

type Props = {
  namespace: string;
  mci: MciView;
  names: ReadonlyMap<string, string>;
  disabled: boolean;
  /** Whether the viewer's role in this namespace may scale subgroups out, and run actions on one. */
  canScale: boolean;
  canAct: boolean;
  onScope: (name: string) => void;
  onChanged: (message: string) => void;
  onError: (message: string) => void;
};

/** Each subgroup: where, what size, how many, and a way to grow it (for who may). */
export function SubgroupList({ namespace, mci, names, disabled, canScale, canAct, onScope, onChanged, onError }: Props) {
  return (
    <ul data-testid="subgroup-list" className="space-y-2 px-5 py-3">
      {mci.subGroups.map((sg) => (
        <SubgroupCard
          key={sg.name}
          namespace={namespace}
          mci={mci}
          subGroup={sg}
          regionName={names.get(sg.region) ?? sg.region}
          disabled={disabled}
          canScale={canScale}
          canAct={canAct}
          onScope={onScope}
          onChanged={onChanged}
          onError={onError}
        />
      ))}
      {mci.subGroups.length === 0 && <li className="text-slate-300">No subgroups.</li>}
    </ul>
  );
}

type CardProps = Omit<Props, "names"> & { subGroup: MciView["subGroups"][number]; regionName: string };

function SubgroupCard({ namespace, mci, subGroup: sg, regionName, disabled, canScale, canAct, onScope, onChanged, onError }: CardProps) {
  const [add, setAdd] = useState<number>(1);
  const [pending, startTransition] = useTransition();
  const vms = mci.vms.filter((v) => v.subGroup === sg.name);
  const sample = vms[0];
  const provider = sample?.provider ?? sg.region.split("-")[0];

  function scale() {
    startTransition(async () => {
      const result = await scaleSubGroupAction({ ns: namespace, id: mci.id, name: sg.name, add });
      if (result.ok) onChanged(`Scaling ${sg.name} out by ${plural(add, "VM")}: the new ones are being created.`);
      else onError(`Could not scale ${sg.name} out: ${result.error}`);
    });
  }

  return (
    <li data-testid="subgroup-card" data-name={sg.name} className="rounded-lg border border-panel-edge bg-sea/50 p-3">
      <div className="flex items-start gap-2">
        <span aria-hidden className="mt-1.5 h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: providerColour(provider) }} />
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono font-medium text-white" title={sg.name}>
            {sg.name}
          </p>
          <p className="truncate text-sm text-slate-400" title={`${regionName} (${sg.region})`}>
            {regionName} · <span className="font-mono">{sg.connection}</span>
          </p>
        </div>
        <GroupStatusBadge status={sg.status} state={sg.state} size="sm" />
      </div>
      <p className="mt-1.5 text-[0.95rem] text-slate-200">
        <span className="tabular-nums">{vms.length}</span> × <span className="font-mono">{sample?.specName ?? sg.specId}</span>
        {sample && (
          <span className="text-slate-400">
            {" "}
            · {sample.vcpu} vCPU · {formatGiB(sample.memoryGiB)} · <span className="text-emerald-200">{formatPrice(sample.pricePerHour)}</span> each
          </span>
        )}
      </p>
      <p className="truncate text-sm text-slate-400" title={sg.imageId}>
        image {sg.imageId}
      </p>
      {(canScale || canAct) && (
        <div className="mt-2 flex items-end gap-2">
          {canScale && (
            <>
              <NumberField label="Add VMs" value={add} min={1} max={MAX_VMS_PER_SUBGROUP} integer onChange={(n) => n !== null && setAdd(n)} className="w-24" testId="scale-add" />
              <button
                type="button"
                onClick={scale}
                disabled={pending || disabled}
                className="rounded-md px-3 py-1.5 text-[0.95rem] font-medium text-slate-100 ring-1 ring-panel-edge hover:bg-slate-700/60 disabled:opacity-50"
              >
                {pending ? "Scaling…" : "Scale out"}
              </button>
            </>
          )}
          {canAct && (
            <button type="button" onClick={() => onScope(sg.name)} className="ml-auto rounded-md px-3 py-1.5 text-[0.95rem] text-sky-200 hover:bg-slate-700/60">
              Act on this subgroup
            </button>
          )}
        </div>
      )}
    </li>
  );
}
