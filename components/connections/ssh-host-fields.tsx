"use client";

import { fieldProps, FieldBox, inputClass } from "@/components/ui/form-fields";

export type SshFieldsValue = { latitude: string; longitude: string; hosts: string };

type Props = {
  value: SshFieldsValue;
  onChange: (value: SshFieldsValue) => void;
  errors: { location?: string; hosts?: string };
  clear: (field: "location" | "hosts") => void;
};

/** Where your own servers stand (for the map) and which they are, one per line. */
export function SshHostFields({ value, onChange, errors, clear }: Props) {
  const set = (patch: Partial<SshFieldsValue>, field: "location" | "hosts") => {
    onChange({ ...value, ...patch });
    clear(field);
  };
  return (
    <div className="mt-3 grid grid-cols-1 gap-x-4 gap-y-3 md:grid-cols-[0.6fr_0.6fr_2fr]">
      <FieldBox prefix="add" id="latitude" label="Latitude" error={errors.location} hint="Where the servers stand, -90 to 90">
        <input
          {...fieldProps("add", "latitude", errors.location)}
          value={value.latitude}
          inputMode="decimal"
          placeholder="52.52"
          onChange={(e) => set({ latitude: e.target.value }, "location")}
          className={`${inputClass(errors.location)} font-mono`}
        />
      </FieldBox>
      <FieldBox prefix="add" id="longitude" label="Longitude" hint="-180 to 180">
        <input
          {...fieldProps("add", "longitude", errors.location)}
          value={value.longitude}
          inputMode="decimal"
          placeholder="13.40"
          onChange={(e) => set({ longitude: e.target.value }, "location")}
          className={`${inputClass(errors.location)} font-mono`}
        />
      </FieldBox>
      <FieldBox prefix="add" id="hosts" label="Hosts" error={errors.hosts} hint={<>One per line: <span className="font-mono">address[:port] [name]</span>; port 22 when left out</>}>
        <textarea
          {...fieldProps("add", "hosts", errors.hosts)}
          value={value.hosts}
          rows={4}
          spellCheck={false}
          placeholder={"10.0.0.5\n10.0.0.6:2222 db-1"}
          onChange={(e) => set({ hosts: e.target.value }, "hosts")}
          className={`${inputClass(errors.hosts)} font-mono`}
        />
      </FieldBox>
    </div>
  );
}
