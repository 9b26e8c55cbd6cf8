"use client";

import { useState } from "react";
import type { MapRegion } from "@/components/map/use-catalogue";
import type { MciView } from "@/lib/validation/mci";
import { AddSubgroupForm } from "./add-subgroup-form";
import { SubgroupList } from "./subgroup-list";

type Props = {
  namespace: string;
  mci: MciView;
  names: ReadonlyMap<string, string>;
  regions: readonly MapRegion[];
  disabled: boolean;
  can: { scale: boolean; act: boolean; addSubGroup: boolean };
  onScope: (subGroup: string) => void;
  onChanged: (text: string) => void;
  onError: (text: string) => void;
};

/** The MCI's subgroups, each scalable, and the form that adds one. */
export function SubgroupsTab({ namespace, mci, names, regions, disabled, can, onScope, onChanged, onError }: Props) {
  const [adding, setAdding] = useState(false);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <SubgroupList namespace={namespace} mci={mci} names={names} disabled={disabled} canScale={can.scale} canAct={can.act} onScope={onScope} onChanged={onChanged} onError={onError} />
      {!can.addSubGroup ? null : adding ? (
        <AddSubgroupForm
          namespace={namespace}
          mciId={mci.id}
          regions={regions}
          taken={mci.subGroups.map((s) => s.name)}
          disabled={disabled}
          onAdded={(text) => {
            setAdding(false);
            onChanged(text);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div className="px-5 pb-4">
          <button
            type="button"
            disabled={disabled}
            onClick={() => setAdding(true)}
            className="w-full rounded-lg border border-dashed border-panel-edge px-3 py-2 text-slate-200 hover:bg-slate-800/60 disabled:opacity-50"
          >
            + Add a subgroup
          </button>
        </div>
      )}
    </div>
  );
}
